package dev.mixtures;

import java.util.Arrays;

/**
 * How a fit went: the objective after every iteration, the number of iterations, whether the
 * convergence test was met, and the seed it started from. Immutable.
 */
public final class FitTrace {
    private final double[] history;
    private final boolean converged;
    private final long seed;
    private final int restart;
    private final long nanos;

    /** A trace; {@code history} is copied. */
    public FitTrace(double[] history, boolean converged, long seed, int restart, long nanos) {
        this.history = history.clone();
        this.converged = converged;
        this.seed = seed;
        this.restart = restart;
        this.nanos = nanos;
    }

    /** The objective after each iteration, in order (a copy). */
    public double[] history() {
        return history.clone();
    }

    /** Number of iterations run. */
    public int iterations() {
        return history.length;
    }

    /** Whether the fit met its convergence test before the iteration limit. */
    public boolean converged() {
        return converged;
    }

    /** The seed of the whole fit. */
    public long seed() {
        return seed;
    }

    /** Which restart (from 0) gave this result. */
    public int restart() {
        return restart;
    }

    /** Wall-clock time of the whole fit, all restarts, in nanoseconds. */
    public long nanos() {
        return nanos;
    }

    /** The same trace with the whole fit's time. */
    public FitTrace withNanos(long totalNanos) {
        return new FitTrace(history, converged, seed, restart, totalNanos);
    }

    @Override
    public String toString() {
        return "FitTrace[iterations=" + iterations() + ", converged=" + converged + ", history="
                + Arrays.toString(history) + "]";
    }
}
