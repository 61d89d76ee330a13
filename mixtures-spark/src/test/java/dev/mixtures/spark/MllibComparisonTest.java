package dev.mixtures.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.GaussianParams;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.clustering.GaussianMixtureSummary;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sixteen blobs in sixteen dimensions (8,000 rows): Spark MLlib's GaussianMixture adds 2.2e-16 to
 * each weighted density in linear space, and in sixteen dimensions most densities are below that,
 * so its responsibilities are noise; it ends at a mean ln L of −33.3 where ours on Spark, in log
 * space, reaches the local library's −25.3.
 */
class MllibComparisonTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session("mixtures-mllib-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void oursReachesTheLocalOptimumWhereMllibCollapses() {
        int n = 8000;
        int d = 16;
        int k = 16;
        Dataset data = Blobs.generate(n, d, k, 10, 21);
        List<Row> rows = new ArrayList<>();
        List<double[]> raw = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(Vectors.dense(data.row(i))));
            raw.add(data.row(i));
        }
        org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("features", new VectorUDT()));
        GaussianMixtureSummary mllib = new org.apache.spark.ml.clustering.GaussianMixture().setK(k).setSeed(1)
                .setMaxIter(100).fit(df).summary();
        double theirs = mllib.logLikelihood() / n;

        GaussianMixtureModel local = GaussianMixture.builder().k(k).covariance(CovarianceType.FULL).seed(1).nInit(3)
                .build().fit(data);
        GaussianMixtureModel ours = SparkGaussianMixture.fit(LocalSpark.data(spark, data, 4, false),
                GaussianMixture.builder().k(k).covariance(CovarianceType.FULL).maxIter(300).seed(1).build(),
                dev.mixtures.ProgressListener.NONE);
        double mine = ours.logLikelihood() / n;
        double best = local.meanLogLikelihood();
        assertTrue(mine >= best - 1e-6 * Math.abs(best), "ours " + mine + " against the local " + best);
        assertTrue(theirs < best - 1, "MLlib " + theirs + " against " + best);
    }
}
