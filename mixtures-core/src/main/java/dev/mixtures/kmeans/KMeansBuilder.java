package dev.mixtures.kmeans;

import dev.mixtures.BadInputException;
import dev.mixtures.em.Settings;
import dev.mixtures.linalg.DistanceKernel;

/**
 * Fluent, validating builder of {@link KMeans} settings: every value is checked in {@link #build};
 * the settings keep a frozen copy of it and read its fields.
 */
public final class KMeansBuilder implements Cloneable {
    int k = 2;
    KMeans.Init init = KMeans.Init.KMEANS_PLUS_PLUS;
    double[][] initialCentres;
    /** Null: chosen by {@link #build} from the seeding (scikit-learn's n_init = 'auto'). */
    Integer nInit;
    int maxIter = 300;
    double tol = 1e-6;
    long seed = 1;
    int threads = Runtime.getRuntime().availableProcessors();
    KMeans.Algorithm algorithm = KMeans.Algorithm.AUTO;
    int batchSize = 1024;
    boolean standardize;
    DistanceKernel kernel;

    KMeansBuilder() {
    }

    /** A copy; the arrays are shared, as neither side ever changes them (setters copy what they are given). */
    KMeansBuilder copy() {
        try {
            return (KMeansBuilder) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** Number of clusters, at least 1. */
    public KMeansBuilder k(int v) {
        k = v;
        return this;
    }

    /** Seeding method; {@link KMeans.Init#GIVEN} needs {@link #initialCentres}. */
    public KMeansBuilder init(KMeans.Init v) {
        init = v;
        return this;
    }

    /** Starting centres (k rows of d values, in the data's original units); sets init to GIVEN. */
    public KMeansBuilder initialCentres(double[][] v) {
        initialCentres = v == null ? null : KMeans.deepCopy(v);
        if (v != null) {
            init = KMeans.Init.GIVEN;
        }
        return this;
    }

    /**
     * Number of restarts, at least 1; the one with the lowest J is kept. Ignored for given centres.
     * By default 1 with k-means++ seeding and 10 with random rows, as scikit-learn's
     * {@code n_init='auto'} (since 1.4; R's kmeans starts once): k-means++ seeds are already spread
     * over the data, so further restarts rarely lower J by much, and each costs k passes over the
     * rows to seed. Mini-batch: seedings tried on samples, the best of which runs.
     */
    public KMeansBuilder nInit(int v) {
        nInit = v;
        return this;
    }

    /** Iteration limit per restart, at least 1 (for mini-batch: passes over the data). */
    public KMeansBuilder maxIter(int v) {
        maxIter = v;
        return this;
    }

    /** Stop when J changes by at most tol·J between iterations; 0 runs until no label changes. */
    public KMeansBuilder tol(double v) {
        tol = v;
        return this;
    }

    /** Seed of all randomness. */
    public KMeansBuilder seed(long v) {
        seed = v;
        return this;
    }

    /** Worker threads, at least 1. Results do not depend on it. */
    public KMeansBuilder threads(int v) {
        threads = v;
        return this;
    }

    /** KMeans.Algorithm; {@link KMeans.Algorithm#AUTO} by default. */
    public KMeansBuilder algorithm(KMeans.Algorithm v) {
        algorithm = v;
        return this;
    }

    /** Rows per mini-batch (mini-batch only), at least 1. */
    public KMeansBuilder batchSize(int v) {
        batchSize = v;
        return this;
    }

    /** Fit on standardised columns (zero mean, unit population SD); the model maps new data itself. */
    public KMeansBuilder standardize(boolean v) {
        standardize = v;
        return this;
    }

    /** Distance kernel, for tests and benchmarks; the fastest available by default. */
    KMeansBuilder kernel(DistanceKernel v) {
        kernel = v;
        return this;
    }

    /** Validates and builds; a bad value fails here, naming the setting. */
    public KMeans build() {
        KMeansBuilder b = copy();
        if (b.nInit == null) {
            b.nInit = init == KMeans.Init.RANDOM ? 10 : 1;
        }
        Settings.checkFit(k, b.nInit, maxIter, tol, threads);
        Settings.atLeast("batch-size", batchSize, 1);
        if (init == null || algorithm == null) {
            throw new BadInputException("init and algorithm must be set");
        }
        if (init == KMeans.Init.GIVEN) {
            if (initialCentres == null) {
                throw new BadInputException("init: given centres were asked for but none were set");
            }
            checkCentres(initialCentres, k, "init: ");
        }
        return new KMeans(b);
    }

    /** Fails, the message starting with {@code prefix}, unless there are k centres, every coordinate finite. */
    static void checkCentres(double[][] centres, int k, String prefix) {
        if (centres.length != k) {
            throw new BadInputException(prefix + centres.length + " centres given, but k = " + k);
        }
        for (int c = 0; c < centres.length; c++) {
            for (int j = 0; j < centres[c].length; j++) {
                if (!Double.isFinite(centres[c][j])) {
                    throw new BadInputException(prefix + "centre " + (c + 1) + ", coordinate " + (j + 1)
                            + " is " + centres[c][j]);
                }
            }
        }
    }
}
