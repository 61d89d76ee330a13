package dev.mixtures.em;

import dev.mixtures.Statistics;
/**
 * An E-step over row chunks that fills mergeable statistics: what {@link EmLoop#eStep} needs. A
 * model family ({@link EmFamily}) is one; a single pass that is not part of an EM iteration (the
 * statistics of a start given as responsibilities, say) can be one without an M-step.
 *
 * @param <P> what the pass is computed from (parameters, or a shift)
 * @param <S> the statistics
 */
public interface EStep<P, S extends Statistics<S>> {

    /** Fresh, zeroed statistics. */
    S newStatistics();

    /**
     * The E-step over rows {@code from <= i < to} for parameters {@code params}, adding into
     * {@code stats}. {@code worker} (0 ≤ worker &lt; threads) indexes per-thread scratch space.
     */
    void eStep(P params, int from, int to, S stats, int worker);

    /**
     * The chunks of a pass over {@code rows} rows, block by block: {@code b[j][c] <= i < b[j][c + 1]}.
     * By default one block in pieces of {@link EmLoop#CHUNK_ROWS}; a pass over a
     * {@link dev.mixtures.data.Dataset} takes its {@link dev.mixtures.data.Dataset#chunks}.
     */
    default int[][] chunks(int rows) {
        return new int[][] {EmLoop.uniformChunks(rows)};
    }
}
