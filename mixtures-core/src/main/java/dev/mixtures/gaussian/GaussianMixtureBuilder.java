package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.em.Settings;

/**
 * Fluent, validating builder of {@link GaussianMixture} settings: every value is checked in
 * {@link #build}; the settings keep a frozen copy of it and read its fields.
 */
public final class GaussianMixtureBuilder implements Cloneable {
    int k = 2;
    CovarianceType covariance = CovarianceType.FULL;
    double regCovar = 1e-6;
    StartMethod init = StartMethod.KMEANS;
    SharedStarts sharedStarts;
    boolean defaultPrior;
    double[] initialWeights;
    double[][] initialMeans;
    double[][][] initialCovariances;
    int nInit = 1;
    int maxIter = 1000;
    int shortRuns;
    double tol = 1e-8;
    long seed = 1;
    int threads = Runtime.getRuntime().availableProcessors();
    boolean standardize;
    boolean reseedCollapsed;
    GaussianKernel kernel;

    GaussianMixtureBuilder() {
    }

    /** A copy; the arrays are shared, as neither side ever changes them (setters copy what they are given). */
    GaussianMixtureBuilder copy() {
        try {
            return (GaussianMixtureBuilder) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** Number of components, at least 1. */
    public GaussianMixtureBuilder k(int v) {
        k = v;
        return this;
    }

    /** Covariance structure; full by default. */
    public GaussianMixtureBuilder covariance(CovarianceType v) {
        covariance = v;
        return this;
    }

    /** Added to every variance in every M-step and at the start (≥ 0), in the fitted units. */
    public GaussianMixtureBuilder regCovar(double v) {
        regCovar = v;
        return this;
    }

    /**
     * Starts shared with other fits of the same data (a model-selection grid shares one among its
     * cells): the tree an {@link StartMethod#HC} start cuts and the partitions of K-means starts.
     * The fit gives the same bits with or without; by default it builds its own.
     */
    public GaussianMixtureBuilder sharedStarts(SharedStarts v) {
        sharedStarts = v;
        return this;
    }

    /**
     * Fits the posterior mode under mclust's default conjugate prior ({@link MixturePrior#defaults}
     * of the data as fitted, for this K and model; mclust's {@code prior = priorControl()}) instead
     * of the maximum of the likelihood. Defined for ten of the fourteen models (not VEE, EVE, VVE,
     * EVV). Off by default.
     */
    public GaussianMixtureBuilder defaultPrior(boolean v) {
        defaultPrior = v;
        return this;
    }

    /** How to start; {@link StartMethod#GIVEN} needs {@link #initialParameters}. */
    public GaussianMixtureBuilder init(StartMethod v) {
        init = v;
        return this;
    }

    /**
     * Starting weights (k, positive, summing to 1), means (k × d) and covariances (k of d × d,
     * symmetric positive definite, of the chosen structure: diagonal for diag, a multiple of the
     * identity for spherical, all equal for tied), in the data's original units. Sets init to GIVEN.
     */
    public GaussianMixtureBuilder initialParameters(double[] weights, double[][] means, double[][][] covariances) {
        initialWeights = weights == null ? null : weights.clone();
        initialMeans = means == null ? null : Matrices.copy2(means);
        initialCovariances = covariances == null ? null : Matrices.copy3(covariances);
        init = StartMethod.GIVEN;
        return this;
    }

    /** As {@link #initialParameters}, with precision matrices (inverse covariances) instead. */
    public GaussianMixtureBuilder initialPrecisions(double[] weights, double[][] means, double[][][] precisions) {
        return initialParameters(weights, means, precisions == null ? null : GivenStart.covariances(precisions));
    }

    /** Starts from a fitted (or loaded) model's parameters: k, dimension and structure must match. */
    public GaussianMixtureBuilder warmStart(GaussianMixtureModel model) {
        covariance = model.covarianceType();
        k = model.k();
        return initialParameters(model.weights(), model.means(), model.covariances());
    }

    /** Number of starts, at least 1; the one with the highest log-likelihood is kept. Ignored for given parameters. */
    public GaussianMixtureBuilder nInit(int v) {
        nInit = v;
        return this;
    }

    /** Iteration limit per start, at least 1. */
    public GaussianMixtureBuilder maxIter(int v) {
        maxIter = v;
        return this;
    }

    /**
     * With several starts, run each for only this many iterations, then continue the one with
     * the highest log-likelihood to convergence ("short runs", the emEM strategy of Biernacki,
     * Celeux and Govaert 2003): nearly the quality of full runs from every start at a fraction
     * of the cost. 0 (the default) runs every start to convergence.
     */
    public GaussianMixtureBuilder shortRuns(int iterations) {
        shortRuns = iterations;
        return this;
    }

    /** Stop when the log-likelihood per unit of row weight changes by less than this (≥ 0). */
    public GaussianMixtureBuilder tol(double v) {
        tol = v;
        return this;
    }

    /** Seed of all randomness. */
    public GaussianMixtureBuilder seed(long v) {
        seed = v;
        return this;
    }

    /** Worker threads, at least 1. Results do not depend on it. */
    public GaussianMixtureBuilder threads(int v) {
        threads = v;
        return this;
    }

    /** Fit on standardised columns (zero mean, unit population SD); results are reported in original units. */
    public GaussianMixtureBuilder standardize(boolean v) {
        standardize = v;
        return this;
    }

    /**
     * Re-seed a component that collapses or loses its weight (at the row the model explains
     * worst, with the data's covariance) instead of stopping with {@link DegenerateComponentException}.
     * The log-likelihood may then drop at that iteration; the model lists every re-seed.
     */
    public GaussianMixtureBuilder reseedCollapsed(boolean v) {
        reseedCollapsed = v;
        return this;
    }

    /** For tests and benchmarks: "scalar" or "vector" arithmetic; the fastest available by default. */
    public GaussianMixtureBuilder kernel(String name) {
        kernel = GaussianKernels.named(name);
        return this;
    }

    /** Validates and builds; a bad value fails here, naming the setting. */
    public GaussianMixture build() {
        Settings.checkFit(k, nInit, maxIter, tol, threads);
        if (covariance == null || init == null) {
            throw new BadInputException("covariance and init must be set");
        }
        if (defaultPrior && !MixturePrior.supports(covariance)) {
            throw new BadInputException("prior: mclust's conjugate prior is defined for EII, VII, EEI, VEI, EVI, VVI,"
                    + " EEE, EEV, VEV and VVV, not " + covariance.mclustName());
        }
        Settings.finiteNonNegative("reg-covar", regCovar);
        Settings.atLeast("short runs", shortRuns, 0);
        if (init == StartMethod.GIVEN) {
            GivenStart.check(k, covariance, initialWeights, initialMeans, initialCovariances);
        }
        return new GaussianMixture(this);
    }
}
