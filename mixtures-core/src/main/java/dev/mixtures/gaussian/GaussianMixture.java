package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.FitTrace;
import dev.mixtures.em.ProgressListener;
import dev.mixtures.em.Restarts;
import dev.mixtures.em.Settings;
import dev.mixtures.em.Workers;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Kernels;
import dev.mixtures.linalg.Cholesky;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
            initialMeans = means == null ? null : copy2(means);
            initialCovariances = covariances == null ? null : copy3(covariances);
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
                    double[] flat = flatten(precisions[c], "precision of component " + (c + 1));
                    checkSymmetric(flat, d, "init: precision of component " + (c + 1) + " is");
                    double[] inv = Cholesky.inverseSpd(flat, d);
                    if (inv == null) {
                        throw new IllegalArgumentException("init: the precision of component " + (c + 1)
                                + " is not positive definite");
                    }
                    cov[c] = unflatten(inv, d);
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
                double[] m = flatten(initialCovariances[c], what);
                checkSpd(m, d, what + " is");
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        double v = m[i * d + j];
                        double first = flatten(initialCovariances[0], what)[i * d + j];
                        boolean ok;
                        switch (covariance) {
                            case DIAG:
                                ok = i == j || v == 0;
                                break;
                            case SPHERICAL:
                                ok = i == j ? v == m[0] : v == 0;
                                break;
                            case TIED:
                                ok = v == first;
                                break;
                            default:
                                ok = true;
                        }
                        if (!ok) {
                            throw new IllegalArgumentException(what + " does not have the " + covariance.label()
                                    + " structure (entry " + (i + 1) + "," + (j + 1) + " = " + v + ")");
                        }
                    }
                }
            }
        }
    }

    static double[] flatten(double[][] m, String what) {
        int d = m.length;
        double[] f = new double[d * d];
        for (int i = 0; i < d; i++) {
            if (m[i].length != d) {
                throw new IllegalArgumentException(what + " is not square: row " + (i + 1) + " has " + m[i].length
                        + " entries, not " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new IllegalArgumentException(what + ": entry " + (i + 1) + "," + (j + 1) + " is " + m[i][j]);
                }
                f[i * d + j] = m[i][j];
            }
        }
        return f;
    }

    static double[][] unflatten(double[] f, int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(f, i * d, m[i], 0, d);
        }
        return m;
    }

    /**
     * Fails unless the d×d matrix {@code m} is symmetric and positive definite; the message
     * starts with {@code subject} ("init: covariance of component 1 is", "covariance-prior:").
     */
    static void checkSpd(double[] m, int d, String subject) {
        checkSymmetric(m, d, subject);
        int bad = Cholesky.factor(m.clone(), d, new double[d * d]);
        if (bad >= 0) {
            throw new IllegalArgumentException(subject + " not positive definite (it fails at column " + (bad + 1) + ")");
        }
    }

    private static void checkSymmetric(double[] m, int d, String subject) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = m[i * d + j];
                double b = m[j * d + i];
                if (Math.abs(a - b) > 1e-10 * Math.max(1e-300, Math.max(Math.abs(m[i * d + i]), Math.abs(m[j * d + j])))) {
                    throw new IllegalArgumentException(subject + " not symmetric (entries " + (i + 1) + "," + (j + 1)
                            + " and " + (j + 1) + "," + (i + 1) + " are " + a + " and " + b + ")");
                }
            }
        }
    }

    static double[][] copy2(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[][][] copy3(double[][][] a) {
        double[][][] c = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            c[i] = copy2(a[i]);
        }
        return c;
    }

    /** Fits to {@code data} with no progress reports. */
    public GaussianMixtureModel fit(Dataset data) {
        return fit(data, ProgressListener.NONE, () -> false);
    }

    /**
     * Fits to {@code data}. Starts run in parallel, each with its own random stream split from the
     * seed. A start that meets a collapsed component is dropped (the model lists it); when all do,
     * the first one's {@link DegenerateComponentException} is thrown.
     *
     * @throws IllegalArgumentException when the data cannot give k components (k &gt; n, fewer
     *         distinct rows than k, a constant column, given parameters of the wrong dimension)
     */
    public GaussianMixtureModel fit(Dataset data, ProgressListener listener, BooleanSupplier cancel) {
        long start = System.nanoTime();
        checkData(data);
        Standardizer st = standardize ? Standardizer.fit(data) : null;
        Dataset z = st == null ? data : st.transform(data);
        GaussianFamily.DataScale scale = GaussianFamily.DataScale.of(z);
        GaussianKernel kern = kernel != null ? kernel : GaussianKernels.forSize(z.n(), k, z.d());
        int runs = init == Init.GIVEN ? 1 : nInit;
        SplittableRandom[] streams = Restarts.streams(seed, runs);
        boolean brief = shortRuns > 0 && runs > 1 && shortRuns < maxIter;
        int limit = brief ? shortRuns : maxIter;
        List<Run> results = Restarts.run(threads, runs,
                (r, workers) -> runOnce(z, st, scale, streams[r], r, workers, kern, listener, cancel, null, limit));
        Run best = null;
        List<String> notes = new ArrayList<>();
        for (Run r : results) {
            if (r.failure != null) {
                notes.add("start " + (r.restart + 1) + " dropped: " + r.failure.getMessage());
            } else {
                for (String e : r.events) {
                    notes.add((runs > 1 ? "start " + (r.restart + 1) + ", " : "") + e);
                }
                if (best == null || r.logLik > best.logLik) {
                    best = r;
                }
            }
        }
        if (best == null) {
            throw results.get(0).failure;
        }
        if (brief && !best.converged) {
            Run lead = best;
            Run rest = Restarts.run(threads, 1, (r, workers) -> runOnce(z, st, scale, null, lead.restart, workers, kern,
                    listener, cancel, lead, maxIter - lead.history.length)).get(0);
            if (rest.failure != null) {
                throw rest.failure;
            }
            notes.addAll(rest.events);
            best = rest;
        }
        return model(best, st, data, System.nanoTime() - start, notes, kern);
    }

    /** The model of a finished run, with ln L and its history in the data's original units. */
    private GaussianMixtureModel model(Run best, Standardizer st, Dataset data, long nanos, List<String> notes,
            GaussianKernel kern) {
        double shift = st == null ? 0 : logJacobian(st) * best.weight;
        double[] history = best.history.clone();
        for (int i = 0; i < history.length; i++) {
            history[i] -= shift;
        }
        FitTrace trace = new FitTrace(history, best.converged, seed, best.restart, nanos);
        return new GaussianMixtureModel(this, best.params, st, data.columnNames(), data.n(), best.weight,
                best.logLik - shift, best.sizes, trace, notes, kern.name());
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
        GaussianFamily.DataScale scale = GaussianFamily.DataScale.of(z);
        GaussianKernel kern = kernel != null ? kernel : GaussianKernels.forSize(z.n(), k, z.d());
        Run from = new Run();
        from.params = m.fittedParams();
        from.restart = m.trace().restart();
        double shift = st == null ? 0 : logJacobian(st) * m.trainingWeight();
        from.history = m.trace().history();
        for (int i = 0; i < from.history.length; i++) {
            from.history[i] += shift;
        }
        Run r = Restarts.run(threads, 1, (i, workers) -> runOnce(z, st, scale, null, from.restart, workers, kern,
                ProgressListener.NONE, () -> false, from, maxIter)).get(0);
        if (r.failure != null) {
            throw r.failure;
        }
        List<String> notes = new ArrayList<>(m.notes());
        notes.addAll(r.events);
        return model(r, st, data, m.trace().nanos() + System.nanoTime() - start, notes, kern);
    }

    /** Σ_j ln sd_j: what standardising adds to every row's log-density. */
    static double logJacobian(Standardizer st) {
        double s = 0;
        for (double v : st.sd()) {
            s += Math.log(v);
        }
        return s;
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

    private static final class Run {
        int restart;
        GaussianParams params;
        double[] history;
        boolean converged;
        double logLik;
        double weight;
        double[] sizes;
        List<String> events = List.of();
        DegenerateComponentException failure;
    }

    /**
     * One start: from its own initial parameters, or continuing {@code from} (a short run), for at
     * most {@code limit} iterations.
     */
    private Run runOnce(Dataset z, Standardizer st, GaussianFamily.DataScale scale, SplittableRandom rnd, int restart,
            Workers workers, GaussianKernel kern, ProgressListener listener, BooleanSupplier cancel, Run from,
            int limit) {
        Run run = new Run();
        run.restart = restart;
        GaussianFamily family = new GaussianFamily(z, k, covariance, regCovar, tol, reseedCollapsed, kern,
                workers.threads(), scale);
        try {
            GaussianParams p0 = from != null ? from.params : initialParams(z, st, rnd, workers, family);
            EmLoop.Result<GaussianParams, GaussianStatistics> r = EmLoop.run(family, p0, limit, workers, listener,
                    restart, cancel);
            // One more E-step: the log-likelihood and sizes of the final parameters, as the model will report them.
            GaussianStatistics last = EmLoop.eStep(family, r.params, z.n(), workers, new ArrayList<>(),
                    family.newStatistics());
            run.params = r.params;
            run.history = from == null ? r.history : concat(from.history, r.history);
            run.converged = r.converged;
            run.logLik = last.logLik;
            run.weight = last.weight;
            run.sizes = last.n.clone();
            run.events = List.copyOf(family.events);
        } catch (DegenerateComponentException e) {
            run.failure = e;
        }
        return run;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private GaussianParams initialParams(Dataset z, Standardizer st, SplittableRandom rnd, Workers workers,
            GaussianFamily family) {
        int d = z.d();
        if (init == Init.GIVEN) {
            double[] w = initialWeights.clone();
            double sum = 0;
            for (double v : w) {
                sum += v;
            }
            double[] means = new double[k * d];
            double[] full = new double[k * d * d];
            for (int c = 0; c < k; c++) {
                double[] m = initialMeans[c].clone();
                double[] cv = flatten(initialCovariances[c], "covariance");
                if (st != null) {
                    st.forward(m);
                    double[] sd = st.sd();
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j < d; j++) {
                            cv[i * d + j] /= sd[i] * sd[j];
                        }
                    }
                }
                w[c] /= sum;
                System.arraycopy(m, 0, means, c * d, d);
                System.arraycopy(cv, 0, full, c * d * d, d * d);
            }
            return GaussianParams.of(k, d, covariance, w, means, compact(full, k, d, covariance));
        }
        GaussianPass.Source source = startSource(init, k, z, rnd, workers);
        // Two passes: the means first, then the scatter about them.
        GaussianStatistics s1 = family.statistics(source, new double[k * d], workers);
        double[] means = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                means[c * d + i] = s1.s[c * d + i] / (s1.n[c] + GaussianFamily.N_EPS);
            }
        }
        GaussianStatistics s2 = family.statistics(source, means, workers);
        return family.mStep(s2, means, 0);
    }


    /**
     * Starting responsibilities for the start methods that make them (all but given parameters):
     * random ones per row, or the hard labels of K-means, of k-means++ seeds or of random rows.
     * The Bayesian mixture starts the same way.
     */
    static GaussianPass.Source startSource(Init init, int k, Dataset z, SplittableRandom rnd, Workers workers) {
        // A grid of small fits in a fresh JVM is bound by the JIT: the start's K-means takes the
        // plain Java kernel on small data (the same bits).
        DistanceKernel startKernel = Kernels.forSize(z.n(), k, z.d());
        if (init == Init.RANDOM) {
            long base = rnd.nextLong();
            return (row, r, stride, at) -> {
                SplittableRandom g = new SplittableRandom(base + row * 0x9E3779B97F4A7C15L);
                double s = 0;
                for (int c = 0; c < k; c++) {
                    double u = g.nextDouble();
                    r[at + c * stride] = u;
                    s += u;
                }
                for (int c = 0; c < k; c++) {
                    r[at + c * stride] /= s;
                }
            };
        } else {
            int[] labels;
            if (init == Init.KMEANS) {
                KMeansModel km = KMeans.builder().k(k).nInit(1).seed(rnd.nextLong()).threads(workers.threads())
                        .kernel(startKernel).build()
                        .fit(z);
                labels = km.predict(z, startKernel);
            } else {
                double[] seeds = KMeans.seedCentres(z, k,
                        init == Init.KMEANS_PLUS_PLUS ? KMeans.Init.KMEANS_PLUS_PLUS : KMeans.Init.RANDOM, rnd, workers,
                        startKernel);
                labels = KMeans.nearest(z, seeds, k, startKernel);
            }
            return (row, r, stride, at) -> {
                for (int c = 0; c < k; c++) {
                    r[at + c * stride] = labels[row] == c ? 1.0 : 0.0;
                }
            };
        }
    }

    /** Full d×d matrices per component reduced to the storage of {@code type}. */
    static double[] compact(double[] full, int k, int d, CovarianceType type) {
        switch (type) {
            case FULL:
                return full;
            case TIED:
                return java.util.Arrays.copyOf(full, d * d);
            case DIAG: {
                double[] v = new double[k * d];
                for (int c = 0; c < k; c++) {
                    for (int i = 0; i < d; i++) {
                        v[c * d + i] = full[c * d * d + i * d + i];
                    }
                }
                return v;
            }
            default: {
                double[] v = new double[k];
                for (int c = 0; c < k; c++) {
                    v[c] = full[c * d * d];
                }
                return v;
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
        return initialMeans == null ? null : copy2(initialMeans);
    }

    /** The given starting covariances in original units (a copy), or null. */
    public double[][][] initialCovariances() {
        return initialCovariances == null ? null : copy3(initialCovariances);
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
