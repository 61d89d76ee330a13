package dev.mixtures.spark;

import dev.mixtures.FitTrace;
import dev.mixtures.Training;
import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.io.ModelFiles;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.IntToDoubleFunction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.mllib.stat.distribution.MultivariateGaussian;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Per-iteration time on Spark (local[2]) of this project's K-means and Gaussian mixture (full and
 * diagonal) against Spark MLlib's KMeans and GaussianMixture and against the local library in the
 * same JVM, on n × 16 rows from 16 Gaussian blobs generated inside Spark (never stored), every
 * fit from the same start. A fit's time per iteration is (T(m₂) − T(m₁)) / (m₂ − m₁): two fits of
 * m₁ and m₂ iterations (tolerance 0), so that reading, checking and caching the rows, the start
 * and the model's last pass cancel. Not a test: run by mixtures-spark/scripts/bench.sh.
 *
 * <p>Arguments: n (rows), then which to run: any of kmeans, full, diag, mllib-kmeans, mllib-full,
 * local (default: all).
 */
public final class SparkBench {
    private static final int D = 16;
    private static final int K = 16;
    private static final int PARTITIONS = 8;
    private static final long SEED = 2026;

    private SparkBench() {
    }

    /**
     * The blob centres: 16 points in 16 dimensions, about 3.4 noise standard deviations apart: blobs
     * that overlap enough that no fit converges within the iterations timed.
     */
    private static double[][] centres() {
        SplittableRandom r = new SplittableRandom(SEED);
        double[][] c = new double[K][D];
        for (double[] row : c) {
            for (int j = 0; j < D; j++) {
                row[j] = r.nextGaussian() * 0.6;
            }
        }
        return c;
    }

    /** Partition p's rows, row-major: a blob drawn uniformly, plus N(0, 1) noise; the same on every run. */
    static double[] partition(int p, int rows) {
        double[][] c = centres();
        SplittableRandom r = new SplittableRandom(SEED * 31 + p);
        double[] x = new double[rows * D];
        for (int i = 0; i < rows; i++) {
            double[] m = c[r.nextInt(K)];
            for (int j = 0; j < D; j++) {
                x[i * D + j] = m[j] + r.nextGaussian();
            }
        }
        return x;
    }

    /** The start every fit takes: the true centres moved by N(0, 0.5²), unit covariances, equal weights. */
    private static double[][] startCentres() {
        double[][] c = centres();
        SplittableRandom r = new SplittableRandom(SEED + 1);
        for (double[] row : c) {
            for (int j = 0; j < D; j++) {
                row[j] += r.nextGaussian() * 0.5;
            }
        }
        return c;
    }

    private static double[][][] identities() {
        double[][][] cov = new double[K][D][D];
        for (double[][] m : cov) {
            for (int j = 0; j < D; j++) {
                m[j][j] = 1;
            }
        }
        return cov;
    }

    private static List<String> names() {
        List<String> n = new ArrayList<>();
        for (int j = 1; j <= D; j++) {
            n.add("x" + j);
        }
        return n;
    }

    /** A timed fit: its seconds and the iterations it ran. */
    private record Timed(double seconds, int iterations) {
    }

    @FunctionalInterface
    private interface Fit {
        Timed run(int maxIter);
    }

    /**
     * MLlib's fits, which report no progress: seconds per iteration from fits of m1 and m2
     * iterations, each timed once after a warm-up, the difference in time over the difference in
     * iterations (with tolerance 0 on overlapping blobs they run all of them).
     */
    private static double perIteration(Fit fit, int m1, int m2) {
        fit.run(m1);
        Timed a = fit.run(m1);
        Timed b = fit.run(m2);
        return (b.seconds() - a.seconds()) / (b.iterations() - a.iterations());
    }

    private static Timed timedAll(int m, Runnable fit) {
        return new Timed(time(fit), m);
    }

    /**
     * This project's fits (on Spark or local), which report every iteration: the median time
     * between consecutive iteration reports of a fit of m iterations, after a warm-up fit.
     * Reading, checking and caching the rows, the start and the last pass are outside it.
     */
    private static double perIteration(java.util.function.Function<dev.mixtures.ProgressListener, ?> fit, int m) {
        fit.apply(dev.mixtures.ProgressListener.NONE);
        List<Long> at = new ArrayList<>();
        fit.apply((restart, iteration, max, objective) -> at.add(System.nanoTime()));
        if (at.size() < 3) {
            throw new IllegalStateException("the fit converged within " + at.size() + " iterations: nothing to time");
        }
        double[] gaps = new double[at.size() - 1];
        for (int i = 1; i < at.size(); i++) {
            gaps[i - 1] = (at.get(i) - at.get(i - 1)) / 1e9;
        }
        java.util.Arrays.sort(gaps);
        return gaps[gaps.length / 2];
    }

    private static double time(Runnable r) {
        long t = System.nanoTime();
        r.run();
        return (System.nanoTime() - t) / 1e9;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        List<String> which = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of("kmeans", "full", "diag", "mllib-kmeans", "mllib-full", "local");
        int perPartition = n / PARTITIONS;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("SparkBench")
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> parts = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            parts.add(p);
        }
        JavaRDD<Row> rows = jsc.parallelize(parts, PARTITIONS).flatMap(p -> {
            double[] x = partition(p, perPartition);
            List<Row> out = new ArrayList<>(perPartition);
            for (int i = 0; i < perPartition; i++) {
                out.add(RowFactory.create(Vectors.dense(java.util.Arrays.copyOfRange(x, i * D, (i + 1) * D))));
            }
            return out.iterator();
        });
        org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("features", new VectorUDT()))
                .persist(StorageLevel.MEMORY_ONLY());
        long count = df.count();
        System.out.printf(Locale.ROOT, "n = %d rows × %d, %d partitions, local[2], %s%n", count, D, PARTITIONS,
                Runtime.version());

        Path dir = Files.createTempDirectory("sparkbench");
        double[][] start = startCentres();
        int total = PARTITIONS * perPartition;
        KMeans kmSettings = KMeans.builder().k(K).initialCentres(start).algorithm(KMeans.Algorithm.LLOYD).tol(0).build();
        Path kmStart = dir.resolve("km.json");
        ModelFiles.write(KMeansModel.restore(kmSettings, start, new double[K], 0, new FitTrace(new double[0], false, 1, 0, 0),
                null, names(), total, "lloyd"), kmStart);
        double[] weights = new double[K];
        java.util.Arrays.fill(weights, 1.0 / K);
        Path gmStart = dir.resolve("gmm.json");
        ModelFiles.write(GaussianMixtureModel.restore(GaussianMixture.builder().k(K).build(), weights, start, identities(),
                new double[K], 0, new Training(null, names(), total, total, new FitTrace(new double[0], false, 1, 0, 0),
                        List.of())), gmStart);

        if (which.contains("mllib-kmeans") || which.contains("mllib-full")) {
            JavaRDD<org.apache.spark.mllib.linalg.Vector> vectors = df.javaRDD()
                    .map(r -> org.apache.spark.mllib.linalg.Vectors.fromML((org.apache.spark.ml.linalg.Vector) r.get(0)))
                    .persist(StorageLevel.MEMORY_ONLY());
            vectors.count();
            org.apache.spark.mllib.linalg.Vector[] init = new org.apache.spark.mllib.linalg.Vector[K];
            MultivariateGaussian[] gaussians = new MultivariateGaussian[K];
            for (int c = 0; c < K; c++) {
                init[c] = org.apache.spark.mllib.linalg.Vectors.dense(start[c]);
                double[] eye = new double[D * D];
                for (int j = 0; j < D; j++) {
                    eye[j * D + j] = 1;
                }
                gaussians[c] = new MultivariateGaussian(init[c], org.apache.spark.mllib.linalg.Matrices.dense(D, D, eye));
            }
            if (which.contains("mllib-kmeans")) {
                report(n, "kmeans", "Spark MLlib", perIteration(m -> timedAll(m, () -> new org.apache.spark.mllib.clustering.KMeans()
                        .setK(K).setMaxIterations(m).setEpsilon(0)
                        .setInitialModel(new org.apache.spark.mllib.clustering.KMeansModel(init)).run(vectors.rdd())), 2, 12));
            }
            if (which.contains("mllib-full")) {
                report(n, "gmm full", "Spark MLlib", perIteration(m -> timedAll(m, () ->
                        new org.apache.spark.mllib.clustering.GaussianMixture().setK(K).setMaxIterations(m)
                                .setConvergenceTol(0).setInitialModel(
                                        new org.apache.spark.mllib.clustering.GaussianMixtureModel(weights, gaussians))
                                .run(vectors.rdd())), 1, 3));
            }
            vectors.unpersist(false);
        }
        // This project on Spark and locally, interleaved round by round (this shared machine drifts):
        // each round times every model both ways and gives their ratio.
        Dataset data = null;
        if (which.contains("local")) {
            double[] all = new double[total * D];
            for (int p = 0; p < PARTITIONS; p++) {
                System.arraycopy(partition(p, perPartition), 0, all, p * perPartition * D, perPartition * D);
            }
            data = Dataset.of(all, total, D);
        }
        Dataset local = data;
        int rounds = which.contains("local") ? 3 : 1;
        for (int round = 1; round <= rounds; round++) {
            if (which.contains("kmeans")) {
                double onSpark = perIteration(l -> new MixturesKMeans().setK(K).setTol(0).setMaxIter(12)
                        .setInitialModel(kmStart.toString()).setProgressListener(l).fit(df), 12);
                report(n, "kmeans", "mixtures-spark", onSpark);
                if (local != null) {
                    double here = perIteration(l -> KMeans.builder().k(K).initialCentres(start)
                            .algorithm(KMeans.Algorithm.LLOYD).tol(0).maxIter(12).build().fit(local, l, () -> false), 12);
                    report(n, "kmeans", "mixtures (local)", here);
                    System.out.printf(Locale.ROOT, "round %d\tkmeans\tSpark / local = %.2f%n", round, onSpark / here);
                }
            }
            for (CovarianceType t : new CovarianceType[] {CovarianceType.FULL, CovarianceType.DIAG}) {
                if (!which.contains(t.label())) {
                    continue;
                }
                double onSpark = perIteration(l -> new MixturesGaussianMixture().setK(K).setCovariance(t.label()).setTol(0)
                        .setMaxIter(8).setInitialModel(gmStart.toString()).setProgressListener(l).fit(df), 8);
                report(n, "gmm " + t.label(), "mixtures-spark", onSpark);
                if (local != null) {
                    double here = perIteration(l -> GaussianMixture.builder().k(K).covariance(t)
                            .initialParameters(weights, start, identities()).tol(0).maxIter(8).build()
                            .fit(local, l, () -> false), 8);
                    report(n, "gmm " + t.label(), "mixtures (local)", here);
                    System.out.printf(Locale.ROOT, "round %d\tgmm %s\tSpark / local = %.2f%n", round, t.label(),
                            onSpark / here);
                }
            }
        }
        spark.stop();
    }

    private static void report(int n, String model, String impl, double seconds) {
        System.out.printf(Locale.ROOT, "%,d\t%s\t%s\t%.3f s/iteration%n", n, model, impl, seconds);
    }
}
