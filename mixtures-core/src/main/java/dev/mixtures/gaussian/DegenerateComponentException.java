package dev.mixtures.gaussian;

/**
 * A Gaussian mixture fit met a singularity (PRML §9.2.1; MATH.md §2.3, item 4): a component whose
 * weight went to zero, or whose covariance collapsed (onto a point, a line, or repeated rows).
 * The message says which component, at which iteration, what happened and what to try. No NaN
 * ever leaves a fit: the fit stops with this instead, unless re-seeding was asked for.
 */
public final class DegenerateComponentException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int component;
    private final int iteration;
    private final String what;

    DegenerateComponentException(int component, int iteration, String what) {
        this(component, iteration, what, "Try more regularisation (reg-covar), fewer components, standardised columns,"
                + " re-seeding collapsed components (on-collapse reseed), or the Bayesian mixture (model vb),"
                + " whose priors keep components from collapsing");
    }

    DegenerateComponentException(int component, int iteration, String what, String advice) {
        super("component " + (component + 1) + " " + what + (iteration > 0 ? " at iteration " + iteration
                : iteration == 0 ? " at initialisation" : "")
                + ". " + advice);
        this.component = component;
        this.iteration = iteration;
        this.what = what;
    }

    /** What happened to the component, without the advice. */
    String what() {
        return what;
    }

    /** The component, from 0. */
    public int component() {
        return component;
    }

    /** The iteration at which it happened; 0 at initialisation, −1 in a step by blocks (not counted there). */
    public int iteration() {
        return iteration;
    }
}
