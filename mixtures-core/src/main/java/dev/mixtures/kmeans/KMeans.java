package dev.mixtures.kmeans;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.FitTemplate;
import dev.mixtures.FitTrace;
import dev.mixtures.ProgressListener;
import dev.mixtures.em.Settings;
import dev.mixtures.em.Workers;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Kernels;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;

/**
 * K-means clustering (PRML §9.1; MATH.md §1): immutable, validated settings and {@link #fit}, which
 * returns a {@link KMeansModel}. Built as hard-assignment EM on the shared {@link EmLoop}.
 *
 * <pre>{@code
 * KMeansModel m = KMeans.builder().k(2).standardize(true).seed(7).build().fit(data);
 * int[] labels = m.predict(data);
 * }</pre>
 *
 * <p>Defaults: greedy k-means++ seeding, one start (ten with random seeding; the best by J is kept), at most 300
 * iterations, relative tolerance 1e-6 on J, seed 1, all available processors, algorithm
 * {@link Algorithm#AUTO}. The same data, settings and seed give the same model, bit for bit,
 * whatever the number of threads.
 */
public final class KMeans {

    /** How centres are started. */
    public enum Init {
        /** Greedy k-means++ (2 + ⌊ln k⌋ candidates per step). */
        KMEANS_PLUS_PLUS("k-means++"),
        /** k distinct rows drawn with probability proportional to weight. */
        RANDOM("random"),
        /** Centres given in {@link KMeansBuilder#initialCentres}. */
        GIVEN("given");

        private final String label;

        Init(String label) {
            this.label = label;
        }

        /** The name used on the command line and in model files. */
        public String label() {
            return label;
        }

        /** Parses a label such as "k-means++" or "random". */
        public static Init parse(String s) {
            for (Init i : values()) {
                if (i.label.equalsIgnoreCase(s) || i.name().equalsIgnoreCase(s)) {
                    return i;
                }
            }
            throw new BadInputException("init: unknown value '" + s + "' (use k-means++, random, or a file of centres)");
        }
    }

    /** Which iteration runs the fit. */
    public enum Algorithm {
        /**
         * Hamerly when k ≥ 2, Lloyd for k = 1. Hamerly is exact and costs at most one extra distance
         * per row over Lloyd's k, whatever d, so d does not change the choice while it is the only
         * accelerated variant; a variant for large k (Yinyang) would make k decide between them.
         */
        AUTO,
        /** Plain Lloyd: every distance every iteration. */
        LLOYD,
        /** Hamerly's bounds (exact: the same assignments as Lloyd). */
        HAMERLY,
        /** Mini-batch K-means for very large n (approximate). */
        MINIBATCH;

        /** The lower-case name used on the command line and in model files. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a name such as "lloyd" or "hamerly". */
        public static Algorithm parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT).replace("-", ""));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("algorithm: unknown value '" + s + "' (use auto, lloyd, hamerly or minibatch)");
            }
        }
    }

    /** The settings, a frozen copy of the builder that made them. */
    private final KMeansBuilder s;

    KMeans(KMeansBuilder b) {
        this.s = b.copy();
    }

    /** A builder with the defaults. */
    public static KMeansBuilder builder() {
        return new KMeansBuilder();
    }

    /** A builder holding these settings, to change some of them. */
    public KMeansBuilder toBuilder() {
        return s.copy();
    }

    static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** Fits to {@code data} with no progress reports. */
    public KMeansModel fit(Dataset data) {
        return fit(data, ProgressListener.NONE, () -> false);
    }

    /**
     * Fits to {@code data}. Restarts run in parallel; each has its own random stream split from the
     * seed, so the result does not depend on their order or on the thread count.
     *
     * @throws IllegalArgumentException when the data cannot give k clusters (k &gt; n, fewer
     *         distinct rows than k, wrong width of given centres, constant column when standardising)
     * @throws java.util.concurrent.CancellationException when {@code cancel} answers true
     */
    public KMeansModel fit(Dataset data, ProgressListener listener, BooleanSupplier cancel) {
        KMeansFit[] spec = new KMeansFit[1];
        // Mini-batch tries its nInit seedings on samples inside its one run (MiniBatchFamily.seed).
        int runs = s.init == Init.GIVEN || s.algorithm == Algorithm.MINIBATCH ? 1 : s.nInit;
        FitTemplate.Options o = new FitTemplate.Options(s.seed, s.threads, runs, s.maxIter, 0, false, s.standardize);
        FitTemplate.Outcome<Centres, KMeansStatistics> r = FitTemplate.fit(data, o, this::checkData,
                (z, st) -> spec[0] = new KMeansFit(this, z, st), listener, cancel);
        KMeansStatistics last = r.statistics();
        return new KMeansModel(this, r.params().c, s.k, data.d(), last.counts.clone(), r.objective(), r.trace(),
                r.standardizer(), data.columnNames(), data.n(), spec[0].algorithm.label(), spec[0].kernel.name());
    }

    /**
     * Lloyd's E- and M-step over blocks of rows of width {@code d} held anywhere: for fitting data
     * that are not in one {@link Dataset} (a cluster's partitions, a stream), with this fit's k and
     * tolerance. Standardising is the caller's (these settings must not ask for it).
     */
    public KMeansSteps steps(int d) {
        Settings.atLeast("d", d, 1);
        Settings.checkBlockSteps(s.standardize);
        return new KMeansSteps(this, d);
    }

    /**
     * Centres drawn as a fit would start (greedy k-means++ or random rows, by {@code init}) from
     * {@code rnd}, without any iteration: k rows of d, row-major. The Gaussian mixture starts from
     * them. The centres do not depend on {@code threads}.
     */
    public static double[] seedCentres(Dataset data, int k, Init init, SplittableRandom rnd, int threads) {
        Settings.atLeast("threads", threads, 1);
        try (Workers workers = new Workers(threads)) {
            return seedCentres(data, k, init, rnd, workers, Kernels.forSize(data.n(), k, data.d()));
        }
    }

    /** As {@link #seedCentres(Dataset, int, Init, SplittableRandom, int)}, on given workers and kernel. */
    static double[] seedCentres(Dataset data, int k, Init init, SplittableRandom rnd, Workers workers,
            DistanceKernel kern) {
        if (init == Init.RANDOM) {
            return Seeding.randomRows(data, k, rnd);
        }
        if (init != Init.KMEANS_PLUS_PLUS) {
            throw new BadInputException("init: only k-means++ and random seeds can be drawn");
        }
        return Seeding.kMeansPlusPlus(data, k, rnd, workers, kern);
    }

    /** The nearest of the k centres (row-major k × d) for every row, ties to the lowest index. */
    public static int[] nearest(Dataset data, double[] centres, int k) {
        return nearest(data, centres, k, Kernels.forSize(data.n(), k, data.d()));
    }

    /** As {@link #nearest(Dataset, double[], int)}, with a given distance kernel (the labels do not depend on it). */
    static int[] nearest(Dataset data, double[] centres, int k, DistanceKernel kernel) {
        int d = data.d();
        double[][] rows = new double[k][];
        for (int c = 0; c < k; c++) {
            rows[c] = java.util.Arrays.copyOfRange(centres, c * d, (c + 1) * d);
        }
        KMeansModel m = KMeansModel.restore(builder().k(k).build(), rows, new double[k], 0,
                new FitTrace(new double[0], false, 0, 0, 0), null, data.columnNames(), data.n(), "given");
        return m.predict(data, kernel);
    }

    private void checkData(Dataset data) {
        data.requireComplete("K-means");
        if (s.init == Init.GIVEN && s.initialCentres[0].length != data.d()) {
            throw new BadInputException("init: the given centres have " + s.initialCentres[0].length
                    + " coordinates but the data have " + data.d() + " columns");
        }
        if (s.init == Init.GIVEN) {
            for (double[] c : s.initialCentres) {
                if (c.length != data.d()) {
                    throw new BadInputException("init: the given centres do not all have " + data.d() + " coordinates");
                }
            }
        }
        Settings.checkRows(data, s.k);
    }

    /** Number of clusters. */
    public int k() {
        return s.k;
    }

    /** Seeding method. */
    public Init init() {
        return s.init;
    }

    /** The given starting centres (a copy), or null. */
    public double[][] initialCentres() {
        return s.initialCentres == null ? null : deepCopy(s.initialCentres);
    }

    /** Number of restarts. */
    public int nInit() {
        return s.nInit;
    }

    /** Iteration limit. */
    public int maxIter() {
        return s.maxIter;
    }

    /** Relative tolerance on J. */
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

    /** Algorithm asked for. */
    public Algorithm algorithm() {
        return s.algorithm;
    }

    /**
     * Mini-batch: the rows of each sample its seedings are drawn from and scored on, for data of n
     * rows (3 × batch, at least 3k, at most n).
     */
    public int seedSampleRows(int n) {
        return MiniBatchFamily.sampleRows(n, s.batchSize, s.k);
    }

    /** Rows per mini-batch. */
    public int batchSize() {
        return s.batchSize;
    }

    /** The distance kernel set for tests and benchmarks, or null for the fastest available. */
    DistanceKernel kernel() {
        return s.kernel;
    }

    /** Whether columns are standardised before fitting. */
    public boolean standardize() {
        return s.standardize;
    }
}
