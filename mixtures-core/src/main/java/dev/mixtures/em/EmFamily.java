package dev.mixtures.em;

import dev.mixtures.Statistics;
/**
 * What a model family supplies to the shared {@link EmLoop}: an E-step over a range of rows that
 * fills mergeable statistics, an M-step from the merged statistics, the objective recorded in the
 * trace, and the convergence test. One instance serves one fit and may keep per-row state (for
 * example the bounds of an accelerated K-means) in arrays indexed by row: chunks write disjoint
 * ranges, so no locking is needed.
 *
 * @param <P> the parameters (immutable between iterations)
 * @param <S> the statistics
 */
public interface EmFamily<P, S extends Statistics<S>> extends EStep<P, S> {

    /** How many rows the E-step visits in this iteration (all rows, or a mini-batch). */
    int rows(int iteration);

    /** Called once before each E-step (sampling a mini-batch, say); nothing by default. */
    default void prepare(int iteration, P params) {
    }

    /** The M-step: new parameters from the merged statistics. */
    P mStep(P params, S total, int iteration);

    /** The objective recorded for this iteration (cost J, log-likelihood, or bound). */
    double objective(P before, P after, S total);

    /** What happened in this family's run that the model should report (re-seeded components, say); none by default. */
    default java.util.List<String> events() {
        return java.util.List.of();
    }

    /** Whether to stop after this iteration; {@code previous} is NaN on the first. */
    boolean converged(double previous, double current, S total, int iteration);

    /**
     * Whether a run may stop with the parameters {@code next} an M-step just made, once
     * {@link #converged} says so (a Bayesian mixture with a move still to price may not); yes by
     * default.
     */
    default boolean mayStop(P next) {
        return true;
    }

    /**
     * The test of the mixtures' objectives (log-likelihood, bound): it changed by less than
     * {@code tol} per unit of row weight since the previous iteration (never on the first).
     */
    static boolean settled(double previous, double current, double tol, double weight) {
        return !Double.isNaN(previous) && Math.abs(current - previous) < tol * weight;
    }
}
