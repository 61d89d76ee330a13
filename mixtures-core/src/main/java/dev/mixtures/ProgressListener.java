package dev.mixtures;

/**
 * Receives progress from fits, so that an application or the CLI can show it: the library itself
 * prints nothing. Calls may come from several threads when restarts run in parallel.
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = (restart, iteration, maxIterations, objective) -> { };

    /** Restart {@code restart} finished iteration {@code iteration} (from 1) with this objective. */
    void iteration(int restart, int iteration, int maxIterations, double objective);
}
