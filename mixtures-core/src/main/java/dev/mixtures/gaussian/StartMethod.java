package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;

/**
 * How the Gaussian and the Bayesian mixture find their first parameters (the same methods as
 * scikit-learn's {@code init_params}, mclust's hierarchical start, and given parameters or
 * responsibilities).
 */
public enum StartMethod {
    /** One K-means run (k-means++ seeding, Lloyd/Hamerly to convergence); its clusters give the first M-step. */
    KMEANS("kmeans"),
    /** Greedy k-means++ seeds; each row goes to its nearest seed, then the first M-step. */
    KMEANS_PLUS_PLUS("k-means++"),
    /** Random responsibilities for every row (uniform, normalised), then the first M-step. */
    RANDOM("random"),
    /** k rows drawn at random as seeds; each row goes to its nearest seed, then the first M-step. */
    RANDOM_FROM_DATA("random-from-data"),
    /**
     * mclust's model-based agglomerative hierarchical clustering ({@link Hierarchy}) cut at K
     * clusters, then the first M-step; for VVE and VEE, then mclust's own EM steps until its
     * stopping rule ({@link MclustPath}). Deterministic: every start of a fit is the same.
     */
    HC("hc"),
    /** Weights, means and covariances given in {@link GaussianMixtureBuilder#initialParameters}, or a warm start. */
    GIVEN("given");

    private final String label;

    StartMethod(String label) {
        this.label = label;
    }

    /** The name used on the command line and in model files. */
    public String label() {
        return label;
    }

    /** Parses a label such as "kmeans" or "random-from-data". */
    public static StartMethod parse(String s) {
        for (StartMethod i : values()) {
            if (i.label.equalsIgnoreCase(s) || i.name().equalsIgnoreCase(s)) {
                return i;
            }
        }
        throw new BadInputException("init: unknown value '" + s
                + "' (kmeans, k-means++, random, random-from-data, hc, or a file of parameters)");
    }
}
