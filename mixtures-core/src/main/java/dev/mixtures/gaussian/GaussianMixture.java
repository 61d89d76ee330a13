package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.em.FitTemplate;
import dev.mixtures.em.ProgressListener;
import dev.mixtures.em.Settings;
import java.util.function.BooleanSupplier;

/**
 * Gaussian mixtures fitted by maximum likelihood with EM (PRML §9.2; MATH.md §2): immutable,
 * validated settings and {@link #fit}, which returns a {@link GaussianMixtureModel}. Runs as a
 * family on the shared EM loop.
 *
 * <pre>{@code
 * GaussianMixtureModel m = GaussianMixture.builder().k(2).covariance(CovarianceType.FULL).build().fit(data);
 * double[][] r = m.predictProba(data);
 * }</pre>
 *
 * <p>Defaults: k = 2, full covariances, reg-covar 1e-6 added to every variance (in the units that
 * are fitted: standardised ones with {@link Builder#standardize}), start from one K-means run,
 * one start, at most 1000 iterations, stop when the log-likelihood per unit of row weight changes
 * by less than 1e-8 between iterations, seed 1, all processors. A collapsed component stops the
 * fit with a {@link DegenerateComponentException} unless {@link Builder#reseedCollapsed} is set.
 * The same data, settings and seed give the same model, bit for bit, on any number of threads.
 */
public final class GaussianMixture {

    /** The settings, a frozen copy of the builder that made them. */
    private final Builder s;

    private GaussianMixture(Builder b) {
        this.s = b.copy();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        return s.copy();
    }

    /** Fluent, validating builder of {@link GaussianMixture} settings. */
    public static final class Builder implements Cloneable {
        private int k = 2;
        private CovarianceType covariance = CovarianceType.FULL;
        private double regCovar = 1e-6;
        private StartMethod init = StartMethod.KMEANS;
        private double[] initialWeights;
        private double[][] initialMeans;
        private double[][][] initialCovariances;
        private int nInit = 1;
        private int maxIter = 1000;
        private int shortRuns;
        private double tol = 1e-8;
        private long seed = 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean standardize;
        private boolean reseedCollapsed;
        private GaussianKernel kernel;

        private Builder() {
        }

        /** A copy; the arrays are shared, as neither side ever changes them (setters copy what they are given). */
        private Builder copy() {
            try {
                return (Builder) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        /** Number of components, at least 1. */
        public Builder k(int v) {
            k = v;
            return this;
        }

        /** Covariance structure; full by default. */
        public Builder covariance(CovarianceType v) {
            covariance = v;
            return this;
        }

        /** Added to every variance in every M-step and at the start (≥ 0), in the fitted units. */
        public Builder regCovar(double v) {
            regCovar = v;
            return this;
        }

        /** How to start; {@link StartMethod#GIVEN} needs {@link #initialParameters}. */
        public Builder init(StartMethod v) {
            init = v;
            return this;
        }

        /**
         * Starting weights (k, positive, summing to 1), means (k × d) and covariances (k of d × d,
         * symmetric positive definite, of the chosen structure: diagonal for diag, a multiple of the
         * identity for spherical, all equal for tied), in the data's original units. Sets init to GIVEN.
         */
        public Builder initialParameters(double[] weights, double[][] means, double[][][] covariances) {
            initialWeights = weights == null ? null : weights.clone();
            initialMeans = means == null ? null : Matrices.copy2(means);
            initialCovariances = covariances == null ? null : Matrices.copy3(covariances);
            init = StartMethod.GIVEN;
            return this;
        }

        /** As {@link #initialParameters}, with precision matrices (inverse covariances) instead. */
        public Builder initialPrecisions(double[] weights, double[][] means, double[][][] precisions) {
            return initialParameters(weights, means, precisions == null ? null : GivenStart.covariances(precisions));
        }

        /** Starts from a fitted (or loaded) model's parameters: k, dimension and structure must match. */
        public Builder warmStart(GaussianMixtureModel model) {
            covariance = model.covarianceType();
            k = model.k();
            return initialParameters(model.weights(), model.means(), model.covariances());
        }

        /** Number of starts, at least 1; the one with the highest log-likelihood is kept. Ignored for given parameters. */
        public Builder nInit(int v) {
            nInit = v;
            return this;
        }

        /** Iteration limit per start, at least 1. */
        public Builder maxIter(int v) {
            maxIter = v;
            return this;
        }

        /**
         * With several starts, run each for only this many iterations, then continue the one with
         * the highest log-likelihood to convergence ("short runs", the emEM strategy of Biernacki,
         * Celeux and Govaert 2003): nearly the quality of full runs from every start at a fraction
         * of the cost. 0 (the default) runs every start to convergence.
         */
        public Builder shortRuns(int iterations) {
            shortRuns = iterations;
            return this;
        }

        /** Stop when the log-likelihood per unit of row weight changes by less than this (≥ 0). */
        public Builder tol(double v) {
            tol = v;
            return this;
        }

        /** Seed of all randomness. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Worker threads, at least 1. Results do not depend on it. */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** Fit on standardised columns (zero mean, unit population SD); results are reported in original units. */
        public Builder standardize(boolean v) {
            standardize = v;
            return this;
        }

        /**
         * Re-seed a component that collapses or loses its weight (at the row the model explains
         * worst, with the data's covariance) instead of stopping with {@link DegenerateComponentException}.
         * The log-likelihood may then drop at that iteration; the model lists every re-seed.
         */
        public Builder reseedCollapsed(boolean v) {
            reseedCollapsed = v;
            return this;
        }

        /** For tests and benchmarks: "scalar" or "vector" arithmetic; the fastest available by default. */
        public Builder kernel(String name) {
            kernel = GaussianKernels.named(name);
            return this;
        }

        /** Validates and builds; a bad value fails here, naming the setting. */
        public GaussianMixture build() {
            Settings.checkFit(k, nInit, maxIter, tol, threads);
            if (covariance == null || init == null) {
                throw new IllegalArgumentException("covariance and init must be set");
            }
            Settings.finiteNonNegative("reg-covar", regCovar);
            Settings.atLeast("short runs", shortRuns, 0);
            if (init == StartMethod.GIVEN) {
                GivenStart.check(k, covariance, initialWeights, initialMeans, initialCovariances);
            }
            return new GaussianMixture(this);
        }
    }

    /**
     * The E- and M-step over blocks of rows of width {@code d} held anywhere ({@link GaussianSteps}):
     * for fitting data that are not in one {@link Dataset}, with these settings' k, structure,
     * regularisation and tolerance. Standardising is the caller's (these settings must not ask for it).
     */
    public GaussianSteps steps(int d) {
        Settings.atLeast("d", d, 1);
        Settings.checkBlockSteps(s.standardize);
        return new GaussianSteps(this, d);
    }

    /** Fits to {@code data} with no progress reports. */
    public GaussianMixtureModel fit(Dataset data) {
        return fit(data, ProgressListener.NONE, () -> false);
    }

    /**
     * Fits to {@code data} on the shared {@link FitTemplate}. Starts run in parallel, each with its
     * own random stream split from the seed. A start that meets a collapsed component is dropped
     * (the model lists it); when all do, the first one's {@link DegenerateComponentException} is thrown.
     *
     * @throws IllegalArgumentException when the data cannot give k components (k &gt; n, fewer
     *         distinct rows than k, a constant column, given parameters of the wrong dimension)
     */
    public GaussianMixtureModel fit(Dataset data, ProgressListener listener, BooleanSupplier cancel) {
        GaussianFit[] spec = new GaussianFit[1];
        FitTemplate.Options o = new FitTemplate.Options(s.seed, s.threads, s.init == StartMethod.GIVEN ? 1 : s.nInit, s.maxIter,
                s.shortRuns, true, s.standardize);
        FitTemplate.Outcome<GaussianParams, GaussianStatistics> r = FitTemplate.fit(data, o, this::checkData,
                (z, st) -> spec[0] = new GaussianFit(this, z, st), listener, cancel);
        return spec[0].model(r, data);
    }

    /** The kernel set for tests and benchmarks, or null for the one the problem's size calls for. */
    GaussianKernel kernel() {
        return s.kernel;
    }

    private void checkData(Dataset data) {
        if (s.init == StartMethod.GIVEN && s.initialMeans[0].length != data.d()) {
            throw new IllegalArgumentException("init: the given means have " + s.initialMeans[0].length
                    + " coordinates but the data have " + data.d() + " columns");
        }
        GaussianFit.checkSpread(data);
        Settings.checkRows(data, s.k);
    }

    /** Number of components. */
    public int k() {
        return s.k;
    }

    /** Covariance structure. */
    public CovarianceType covariance() {
        return s.covariance;
    }

    /** Regularisation added to variances. */
    public double regCovar() {
        return s.regCovar;
    }

    /** How the fit starts. */
    public StartMethod init() {
        return s.init;
    }

    /** The given starting weights (a copy), or null. */
    public double[] initialWeights() {
        return s.initialWeights == null ? null : s.initialWeights.clone();
    }

    /** The given starting means in original units (a copy), or null. */
    public double[][] initialMeans() {
        return s.initialMeans == null ? null : Matrices.copy2(s.initialMeans);
    }

    /** The given starting covariances in original units (a copy), or null. */
    public double[][][] initialCovariances() {
        return s.initialCovariances == null ? null : Matrices.copy3(s.initialCovariances);
    }

    /** Number of starts. */
    public int nInit() {
        return s.nInit;
    }

    /** Iterations of each start before the best one alone continues; 0 when every start runs to the end. */
    public int shortRuns() {
        return s.shortRuns;
    }

    /** Iteration limit. */
    public int maxIter() {
        return s.maxIter;
    }

    /** Tolerance on the change of the log-likelihood per unit of weight. */
    public double tol() {
        return s.tol;
    }

    /** Seed. */
    public long seed() {
        return s.seed;
    }

    /** Worker threads. */
    public int threads() {
        return s.threads;
    }

    /** Whether columns are standardised before fitting. */
    public boolean standardize() {
        return s.standardize;
    }

    /** Whether collapsed components are re-seeded instead of stopping the fit. */
    public boolean reseedCollapsed() {
        return s.reseedCollapsed;
    }
}
