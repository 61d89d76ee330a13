package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.FitTemplate;
import dev.mixtures.em.ProgressListener;
import dev.mixtures.em.Settings;
import dev.mixtures.linalg.Cholesky;
import java.util.ArrayList;
import java.util.List;
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

    /** How the first parameters are found. */
    public enum Init {
        /** One K-means run (k-means++ seeding, Lloyd/Hamerly to convergence); its clusters give the first M-step. */
        KMEANS("kmeans"),
        /** Greedy k-means++ seeds; each row goes to its nearest seed, then the first M-step. */
        KMEANS_PLUS_PLUS("k-means++"),
        /** Random responsibilities for every row (uniform, normalised), then the first M-step. */
        RANDOM("random"),
        /** k rows drawn at random as seeds; each row goes to its nearest seed, then the first M-step. */
        RANDOM_FROM_DATA("random-from-data"),
        /** Weights, means and covariances given in {@link Builder#initialParameters}, or a warm start. */
        GIVEN("given");

        private final String label;

        Init(String label) {
            this.label = label;
        }

        /** The name used on the command line and in model files. */
        public String label() {
            return label;
        }

        /** Parses a label such as "kmeans" or "random-from-data". */
        public static Init parse(String s) {
            for (Init i : values()) {
                if (i.label.equalsIgnoreCase(s) || i.name().equalsIgnoreCase(s)) {
                    return i;
                }
            }
            throw new IllegalArgumentException("init: unknown value '" + s
                    + "' (kmeans, k-means++, random, random-from-data, or a file of parameters)");
        }
    }

    private final int k;
    private final CovarianceType covariance;
    private final double regCovar;
    private final Init init;
    private final double[] initialWeights;
    private final double[][] initialMeans;
    private final double[][][] initialCovariances;
    private final int nInit;
    private final int maxIter;
    private final int shortRuns;
    private final double tol;
    private final long seed;
    private final int threads;
    private final boolean standardize;
    private final boolean reseedCollapsed;
    private final GaussianKernel kernel;

    private GaussianMixture(Builder b) {
        this.k = b.k;
        this.covariance = b.covariance;
        this.regCovar = b.regCovar;
        this.init = b.init;
        this.initialWeights = b.initialWeights;
        this.initialMeans = b.initialMeans;
        this.initialCovariances = b.initialCovariances;
        this.nInit = b.nInit;
        this.maxIter = b.maxIter;
        this.shortRuns = b.shortRuns;
        this.tol = b.tol;
        this.seed = b.seed;
        this.threads = b.threads;
        this.standardize = b.standardize;
        this.reseedCollapsed = b.reseedCollapsed;
        this.kernel = b.kernel;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.k = k;
        b.covariance = covariance;
        b.regCovar = regCovar;
        b.init = init;
        b.initialWeights = initialWeights;
        b.initialMeans = initialMeans;
        b.initialCovariances = initialCovariances;
        b.nInit = nInit;
        b.maxIter = maxIter;
        b.shortRuns = shortRuns;
        b.tol = tol;
        b.seed = seed;
        b.threads = threads;
        b.standardize = standardize;
        b.reseedCollapsed = reseedCollapsed;
        b.kernel = kernel;
        return b;
    }

    /** Fluent, validating builder of {@link GaussianMixture} settings. */
    public static final class Builder {
        private int k = 2;
        private CovarianceType covariance = CovarianceType.FULL;
        private double regCovar = 1e-6;
        private Init init = Init.KMEANS;
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

        /** How to start; {@link Init#GIVEN} needs {@link #initialParameters}. */
        public Builder init(Init v) {
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
            init = Init.GIVEN;
            return this;
        }

        /** As {@link #initialParameters}, with precision matrices (inverse covariances) instead. */
        public Builder initialPrecisions(double[] weights, double[][] means, double[][][] precisions) {
            double[][][] cov = null;
            if (precisions != null) {
                cov = new double[precisions.length][][];
                for (int c = 0; c < precisions.length; c++) {
                    int d = precisions[c].length;
                    double[] flat = Matrices.flatten(precisions[c], "precision of component " + (c + 1));
                    Matrices.checkSymmetric(flat, d, "init: precision of component " + (c + 1) + " is");
                    double[] inv = Cholesky.inverseSpd(flat, d);
                    if (inv == null) {
                        throw new IllegalArgumentException("init: the precision of component " + (c + 1)
                                + " is not positive definite");
                    }
                    cov[c] = Matrices.unflatten(inv, d);
                }
            }
            return initialParameters(weights, means, cov);
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
            if (init == Init.GIVEN) {
                checkGiven();
            }
            return new GaussianMixture(this);
        }

        private void checkGiven() {
            if (initialWeights == null || initialMeans == null || initialCovariances == null) {
                throw new IllegalArgumentException("init: given parameters need weights, means and covariances");
            }
            if (initialWeights.length != k || initialMeans.length != k || initialCovariances.length != k) {
                throw new IllegalArgumentException("init: " + initialWeights.length + " weights, " + initialMeans.length
                        + " means and " + initialCovariances.length + " covariances given, but k = " + k);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                if (!(initialWeights[c] > 0) || !Double.isFinite(initialWeights[c])) {
                    throw new IllegalArgumentException("init: weight " + (c + 1) + " is " + initialWeights[c]
                            + "; weights must be positive");
                }
                sum += initialWeights[c];
            }
            if (Math.abs(sum - 1) > 1e-6) {
                throw new IllegalArgumentException("init: the weights sum to " + sum + ", not 1");
            }
            int d = initialMeans[0].length;
            if (d == 0) {
                throw new IllegalArgumentException("init: the means have no coordinates");
            }
            for (int c = 0; c < k; c++) {
                if (initialMeans[c].length != d) {
                    throw new IllegalArgumentException("init: mean " + (c + 1) + " has " + initialMeans[c].length
                            + " coordinates, mean 1 has " + d);
                }
                for (int i = 0; i < d; i++) {
                    if (!Double.isFinite(initialMeans[c][i])) {
                        throw new IllegalArgumentException("init: mean " + (c + 1) + ", coordinate " + (i + 1) + " is "
                                + initialMeans[c][i]);
                    }
                }
                String what = "init: covariance of component " + (c + 1);
                if (initialCovariances[c].length != d) {
                    throw new IllegalArgumentException(what + " has " + initialCovariances[c].length + " rows, not " + d);
                }
                double[] m = Matrices.flatten(initialCovariances[c], what);
                Matrices.checkSpd(m, d, what + " is");
                double[] first = c == 0 ? m : Matrices.flatten(initialCovariances[0], what);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        if (!covariance.structure().holds(m, first, d, i, j)) {
                            throw new IllegalArgumentException(what + " does not have the " + covariance.label()
                                    + " structure (entry " + (i + 1) + "," + (j + 1) + " = " + m[i * d + j] + ")");
                        }
                    }
                }
            }
        }
    }

    /**
     * The E- and M-step over blocks of rows of width {@code d} held anywhere ({@link GaussianSteps}):
     * for fitting data that are not in one {@link Dataset}, with these settings' k, structure,
     * regularisation and tolerance. Standardising is the caller's (these settings must not ask for it).
     */
    public GaussianSteps steps(int d) {
        Settings.atLeast("d", d, 1);
        Settings.checkBlockSteps(standardize);
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
        FitTemplate.Options o = new FitTemplate.Options(seed, threads, init == Init.GIVEN ? 1 : nInit, maxIter,
                shortRuns, true, standardize);
        FitTemplate.Outcome<GaussianParams, GaussianStatistics> r = FitTemplate.fit(data, o, this::checkData,
                (z, st) -> spec[0] = new GaussianFit(this, z, st, kernel), listener, cancel);
        return model(r, data, spec[0]);
    }

    private GaussianMixtureModel model(FitTemplate.Outcome<GaussianParams, GaussianStatistics> r, Dataset data,
            GaussianFit spec) {
        GaussianStatistics s = r.statistics();
        return new GaussianMixtureModel(this, r.params(), r.standardizer(), data.columnNames(), data.n(), s.weight,
                r.objective(), s.n.clone(), r.trace(), r.notes(), spec.kernel.name());
    }

    /**
     * Continues EM from {@code m}'s parameters on {@code data} under these settings (m's own,
     * with another tolerance, say), for at most maxIter more iterations; the trace goes on from
     * m's. Used to finish a fit that was stopped early on purpose (model selection screens at a
     * loose tolerance, then finishes the winner).
     */
    GaussianMixtureModel continueFrom(GaussianMixtureModel m, Dataset data) {
        long start = System.nanoTime();
        Standardizer st = m.standardizer();
        Dataset z = st == null ? data : st.transform(data);
        GaussianFit spec = new GaussianFit(this, z, st, kernel);
        double shift = st == null ? 0 : st.logScale() * m.trainingWeight();
        double[] history = m.trace().history();
        for (int i = 0; i < history.length; i++) {
            history[i] += shift;
        }
        FitTemplate.Run<GaussianParams, GaussianStatistics> from = new FitTemplate.Run<>(m.trace().restart(),
                new FitTemplate.End<>(m.fittedParams(), null, Double.NaN), history, false, List.of(), null);
        FitTemplate.Run<GaussianParams, GaussianStatistics> r = FitTemplate.resume(spec, from, threads, maxIter,
                ProgressListener.NONE, () -> false);
        List<String> notes = new ArrayList<>(m.notes());
        notes.addAll(r.events());
        return model(FitTemplate.outcome(spec, st, r, seed, m.trace().nanos() + System.nanoTime() - start, notes), data,
                spec);
    }

    private void checkData(Dataset data) {
        if (init == Init.GIVEN && initialMeans[0].length != data.d()) {
            throw new IllegalArgumentException("init: the given means have " + initialMeans[0].length
                    + " coordinates but the data have " + data.d() + " columns");
        }
        checkSpread(data);
        Settings.checkRows(data, k);
    }

    /** Fails on a constant column (among rows of positive weight): no Gaussian can be fitted to it. */
    static void checkSpread(Dataset data) {
        int d = data.d();
        for (int j = 0; j < d; j++) {
            double first = Double.NaN;
            boolean constant = true;
            for (int r = 0; r < data.n() && constant; r++) {
                if (data.weight(r) > 0) {
                    double v = data.get(r, j);
                    if (Double.isNaN(first)) {
                        first = v;
                    } else if (v != first) {
                        constant = false;
                    }
                }
            }
            if (constant) {
                throw new IllegalArgumentException("column " + (j + 1) + " (" + data.columnNames().get(j)
                        + ") is constant (every row is " + first
                        + "): a Gaussian mixture needs spread in every column; leave it out");
            }
        }
    }

    /** Number of components. */
    public int k() {
        return k;
    }

    /** Covariance structure. */
    public CovarianceType covariance() {
        return covariance;
    }

    /** Regularisation added to variances. */
    public double regCovar() {
        return regCovar;
    }

    /** How the fit starts. */
    public Init init() {
        return init;
    }

    /** The given starting weights (a copy), or null. */
    public double[] initialWeights() {
        return initialWeights == null ? null : initialWeights.clone();
    }

    /** The given starting means in original units (a copy), or null. */
    public double[][] initialMeans() {
        return initialMeans == null ? null : Matrices.copy2(initialMeans);
    }

    /** The given starting covariances in original units (a copy), or null. */
    public double[][][] initialCovariances() {
        return initialCovariances == null ? null : Matrices.copy3(initialCovariances);
    }

    /** Number of starts. */
    public int nInit() {
        return nInit;
    }

    /** Iterations of each start before the best one alone continues; 0 when every start runs to the end. */
    public int shortRuns() {
        return shortRuns;
    }

    /** Iteration limit. */
    public int maxIter() {
        return maxIter;
    }

    /** Tolerance on the change of the log-likelihood per unit of weight. */
    public double tol() {
        return tol;
    }

    /** Seed. */
    public long seed() {
        return seed;
    }

    /** Worker threads. */
    public int threads() {
        return threads;
    }

    /** Whether columns are standardised before fitting. */
    public boolean standardize() {
        return standardize;
    }

    /** Whether collapsed components are re-seeded instead of stopping the fit. */
    public boolean reseedCollapsed() {
        return reseedCollapsed;
    }
}
