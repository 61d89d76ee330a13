package dev.mixtures.gaussian;

/**
 * One move a Bayesian mixture's fit made ({@link Move#MERGE} or {@link Move#DELETE}): after which
 * iteration's M-step, the expected sizes of the component kept and of the one taken out (in units
 * of row weight, in that iteration's statistics), how much the lower bound rose, and how many
 * components were in use after it.
 *
 * @param iteration the iteration (from 1) whose M-step made the move
 * @param kind      merge, or delete (a component the data did not need)
 * @param kept      N of the component that took the rows
 * @param removed   N of the component taken out
 * @param gain      the rise of the lower bound (nats, fitted units) the move alone made
 * @param inUse     components in use after the move
 */
public record MoveEvent(int iteration, Move kind, double kept, double removed, double gain, int inUse)
        implements java.io.Serializable {

    /** One line for summaries and notes. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "iteration %d: %s (N = %.4g into N = %.4g), bound +%.4g, %d in use",
                iteration, kind == Move.MERGE ? "merged two components" : "deleted an unneeded component", removed, kept,
                gain, inUse);
    }
}
