package dev.mixtures;

import dev.mixtures.data.RowBlock;

/**
 * A model's E-step over any block of rows and its M-step, as functions: the seam through which
 * rows held anywhere (a Spark partition, a memory-mapped file, a stream, halves of an array) are
 * fitted with the library's own arithmetic (docs/ARCHITECTURE.md, "statistics of a block").
 *
 * <p>One iteration by hand: the statistics of every block under the current parameters, merged
 * in a fixed order into {@link #newStatistics()}, then {@link #parameters}. A block's statistics
 * are those a fit takes of the same rows held as one block of a dataset
 * ({@link dev.mixtures.data.Dataset#concat}), so iterating by hand over the blocks of such a
 * dataset gives a fit's parameters and objective bit for bit. Statistics are {@link java.io.Serializable},
 * so a block's can be computed in one process and merged in another.
 *
 * @param <P> the parameters (immutable)
 * @param <S> the statistics
 */
public interface BlockSteps<P, S extends Statistics<S>> {

    /** Fresh, zeroed statistics, to merge blocks into. */
    S newStatistics();

    /**
     * The statistics of one block under {@code params}: {@code rows} rows of row-major
     * {@code values} (as many columns as the parameters have), with row weights (null: every row
     * weighs 1). Fresh statistics; the arrays are read, not kept.
     *
     * @throws IllegalArgumentException when a value is not finite, a weight is negative, or the shape is wrong
     */
    S statistics(P params, double[] values, double[] weights, int rows);

    /**
     * The statistics of a block checked when it was made ({@link RowBlock#of}): as
     * {@link #statistics(Object, double[], double[], int)}, the same bits, without scanning its
     * values again (a block read every iteration is checked once).
     *
     * @throws IllegalArgumentException when the block's width is not the parameters'
     */
    default S statistics(P params, RowBlock block) {
        return statistics(params, block.values(), block.weights(), block.rows());
    }

    /** The M-step: new parameters from statistics merged over every block. */
    P parameters(P params, S merged);

    /** The objective a fit records for this iteration (cost J, log-likelihood or bound). */
    double objective(P params, P next, S merged);

    /**
     * The fit's convergence test on the objective; {@code previous} is NaN on the first iteration.
     * (K-means by blocks stops on its tolerance only: which rows changed cluster is not kept.)
     */
    boolean converged(double previous, double current, S merged);

    /**
     * Whether iterating may stop with the parameters {@code next} the M-step just made, once
     * {@link #converged} says so (a Bayesian mixture with a move still to price may not); yes by default.
     */
    default boolean mayStop(P next) {
        return true;
    }
}
