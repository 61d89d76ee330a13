package dev.mixtures.spark;

import dev.mixtures.data.RowBlock;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.GaussianParams;
import dev.mixtures.gaussian.GaussianStatistics;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian mixture on Spark (local[2], loopback only): from the same given start and the same
 * rows, every structure's parameters and ln L per iteration agree with the local library's fit to
 * 1e-9 relative for 1, 3 and 8 partitions, and two runs over the same partitioning give the same bits.
 */
class SparkFitTest {
    private static SparkSession spark;
    private static JavaSparkContext jsc;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session("mixtures-test");
        jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static final int K = 3;
    private static final int ITERATIONS = 8;

    private static GaussianMixture settings(Dataset data, CovarianceType t) {
        int d = data.d();
        double[] w = new double[K];
        double[][] means = new double[K][];
        double[][][] cov = new double[K][d][d];
        for (int c = 0; c < K; c++) {
            w[c] = 1.0 / K;
            means[c] = data.row(c * (data.n() / K));
            for (int j = 0; j < d; j++) {
                cov[c][j][j] = 2.0;
            }
        }
        return GaussianMixture.builder().k(K).covariance(t).initialParameters(w, means, cov).tol(0).maxIter(ITERATIONS)
                .regCovar(1e-6).build();
    }

    /** What crosses to the executors: the settings the steps need, not the steps. */
    private static SparkFit.StepsFactory<GaussianParams, GaussianStatistics> factory(CovarianceType t, int d) {
        return () -> GaussianMixture.builder().k(K).covariance(t).tol(0).regCovar(1e-6).build().steps(d);
    }

    private static JavaRDD<RowBlock> blocks(Dataset data, int partitions) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < data.n(); i++) {
            rows.add(data.row(i));
        }
        return SparkFit.blocks(jsc.parallelize(rows, partitions), data.d(), false);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void everyStructureAgreesWithTheLocalFit() {
        Dataset data = Blobs.generate(1500, 3, K, 1.0, 7);
        for (int partitions : new int[] {1, 3, 8}) {
            JavaRDD<RowBlock> blocks = blocks(data, partitions);
            for (CovarianceType t : CovarianceType.values()) {
                GaussianMixture g = settings(data, t);
                GaussianMixtureModel local = g.fit(data);
                SparkFit.Result<GaussianParams> r = SparkFit.fit(blocks, factory(t, data.d()), g.steps(data.d()).start(),
                        ITERATIONS);
                String what = t.mclustName() + ", " + partitions + " partitions";
                double[] h = local.trace().history();
                assertEquals(h.length, r.history().length, what);
                for (int i = 0; i < h.length; i++) {
                    assertClose(h[i], r.history()[i], what + ", ln L at iteration " + (i + 1));
                }
                for (int c = 0; c < K; c++) {
                    assertClose(local.weights()[c], r.params().weights()[c], what + ", weight " + c);
                    for (int i = 0; i < data.d(); i++) {
                        assertClose(local.means()[c][i], r.params().means()[c][i], what + ", mean " + c);
                        for (int j = 0; j < data.d(); j++) {
                            assertClose(local.covariances()[c][i][j], r.params().covariances()[c][i][j],
                                    what + ", covariance " + c);
                        }
                    }
                }
            }
            blocks.unpersist();
        }
    }

    /**
     * From the library's default start done the Spark way (k-means++ seeds on a sample, Lloyd on
     * Spark, the first M-step from its clusters), a fit of well-separated blobs reaches the local
     * fit's optimum, for every partitioning.
     */
    @Test
    void theWholeFitReachesTheLocalOptimum() {
        Dataset data = Blobs.generate(3000, 4, 4, 20, 11);
        GaussianMixtureModel local = GaussianMixture.builder().k(4).covariance(CovarianceType.FULL).tol(1e-8).seed(3)
                .build().fit(data);
        double[] h = local.trace().history();
        for (int partitions : new int[] {1, 4}) {
            GaussianMixtureModel r = SparkGaussianMixture.fit(LocalSpark.data(spark, data, partitions, false),
                    GaussianMixture.builder().k(4).covariance(CovarianceType.FULL).tol(1e-8).maxIter(200).seed(3).build(),
                    dev.mixtures.ProgressListener.NONE);
            double last = r.trace().history()[r.trace().history().length - 1];
            assertEquals(h[h.length - 1], last, 1e-6 * Math.abs(last), partitions + " partitions");
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SparkGaussianMixture.fit(LocalSpark.data(spark, Blobs.generate(3, 2, 1, 1.0, 1), 1, false),
                        GaussianMixture.builder().k(5).build(), dev.mixtures.ProgressListener.NONE));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("5 clusters for 3 rows"), e.getMessage());
    }

    /** A row of weight w counts as w copies of it: weighted blocks give the parameters of repeated rows. */
    @Test
    void weightsAreRepeatedRows() {
        Dataset data = Blobs.generate(600, 3, K, 1.0, 9);
        List<double[]> weighted = new ArrayList<>();
        List<double[]> repeated = new ArrayList<>();
        for (int i = 0; i < data.n(); i++) {
            int w = 1 + i % 3;
            double[] r = data.row(i);
            double[] rw = java.util.Arrays.copyOf(r, r.length + 1);
            rw[r.length] = w;
            weighted.add(rw);
            for (int c = 0; c < w; c++) {
                repeated.add(r);
            }
        }
        GaussianMixture g = settings(data, CovarianceType.FULL);
        GaussianParams start = g.steps(3).start();
        SparkFit.Result<GaussianParams> a = SparkFit.fit(SparkFit.blocks(jsc.parallelize(weighted, 3), 3, true),
                factory(CovarianceType.FULL, 3), start, ITERATIONS);
        SparkFit.Result<GaussianParams> b = SparkFit.fit(SparkFit.blocks(jsc.parallelize(repeated, 4), 3, false),
                factory(CovarianceType.FULL, 3), start, ITERATIONS);
        for (int i = 0; i < ITERATIONS; i++) {
            assertClose(b.history()[i], a.history()[i], "ln L at iteration " + (i + 1));
        }
        for (int c = 0; c < K; c++) {
            assertClose(b.params().weights()[c], a.params().weights()[c], "weight " + c);
            for (int j = 0; j < 3; j++) {
                assertClose(b.params().means()[c][j], a.params().means()[c][j], "mean " + c);
            }
        }
    }

    @Test
    void theSamePartitioningGivesTheSameBits() {
        Dataset data = Blobs.generate(1500, 3, K, 1.0, 8);
        JavaRDD<RowBlock> blocks = blocks(data, 5);
        GaussianMixture g = settings(data, CovarianceType.FULL);
        SparkFit.Result<GaussianParams> a = SparkFit.fit(blocks, factory(CovarianceType.FULL, 3), g.steps(3).start(),
                ITERATIONS);
        SparkFit.Result<GaussianParams> b = SparkFit.fit(blocks, factory(CovarianceType.FULL, 3), g.steps(3).start(),
                ITERATIONS);
        assertArrayEquals(a.history(), b.history());
        for (int c = 0; c < K; c++) {
            assertArrayEquals(a.params().means()[c], b.params().means()[c]);
        }
    }
}
