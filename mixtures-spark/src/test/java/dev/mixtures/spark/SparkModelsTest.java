package dev.mixtures.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.FittedModel;
import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.WeightPrior;
import dev.mixtures.io.ModelFiles;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three estimators against the library: from the same start and the same rows, the same
 * parameters, objective and labels (1e-9 relative) for 1, 3 and 8 partitions, the same bits for
 * the same partitioning; and models saved by Spark read by the library (the CLI's model files),
 * model files read by Spark, inside a saved and reloaded Pipeline.
 */
class SparkModelsTest {
    private static SparkSession spark;
    private static final int[] PARTITIONS = {1, 3, 8};

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session("SparkModelsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** The rows of {@code data} as a "features" vector column, in {@code partitions} partitions (deterministically). */
    private static org.apache.spark.sql.Dataset<Row> frame(Dataset data, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.n(); i++) {
            rows.add(RowFactory.create(Vectors.dense(data.row(i))));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return spark.createDataFrame(jsc.parallelize(rows, partitions), new StructType().add("features", new VectorUDT()));
    }

    private Path saved(FittedModel m, String name) {
        Path file = tmp.resolve(name + ".json");
        ModelFiles.write(m, file);
        return file;
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }

    private static void close(double[][] expected, double[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                close(expected[i][j], actual[i][j], what + "[" + i + "][" + j + "]");
            }
        }
    }

    /** Labels of {@code model} on {@code df}, in row order (the frame keeps its order). */
    private static int[] labels(MixturesModel<?> model, org.apache.spark.sql.Dataset<Row> df) {
        return model.transform(df).select("prediction").collectAsList().stream().mapToInt(r -> r.getInt(0)).toArray();
    }

    /** A model file's text without the fit's time, the one field that differs between identical fits. */
    private static String untimed(String json) {
        return json.replaceAll("\"seconds\"\\s*:\\s*[0-9.eE+-]+", "");
    }

    @Test
    void kmeansIsTheLibrarysFromTheSameStart() {
        Dataset data = Blobs.generate(2000, 3, 4, 3.0, 5);
        KMeansModel start = KMeans.builder().k(4).maxIter(1).nInit(1).seed(7).build().fit(data);
        KMeansModel local = KMeans.builder().k(4).initialCentres(start.centresInOriginalUnits())
                .algorithm(KMeans.Algorithm.LLOYD).build().fit(data);
        Path file = saved(start, "start");
        for (int p : PARTITIONS) {
            MixturesKMeansModel m = new MixturesKMeans().setK(4).setInitialModel(file.toString()).fit(frame(data, p));
            close(local.centres(), m.model().centres(), p + " partitions: centres");
            close(local.inertia(), m.model().inertia(), p + " partitions: J");
            assertArrayEquals(local.sizes(), m.model().sizes(), 1e-9, p + " partitions: sizes");
            assertArrayEquals(local.predict(data), labels(m, frame(data, p)), p + " partitions: labels");
        }
        MixturesKMeansModel a = new MixturesKMeans().setK(4).setInitialModel(file.toString()).fit(frame(data, 3));
        MixturesKMeansModel b = new MixturesKMeans().setK(4).setInitialModel(file.toString()).fit(frame(data, 3));
        assertEquals(untimed(a.toJson()), untimed(b.toJson()));
    }

    @Test
    void theGaussianMixtureIsTheLibrarysFromTheSameStart() {
        Dataset data = Blobs.generate(1500, 3, 3, 2.0, 8);
        for (CovarianceType t : CovarianceType.values()) {
            // A start of the structure fitted (a given start must have it).
            GaussianMixtureModel start = GaussianMixture.builder().k(3).covariance(t).maxIter(2).seed(4).build().fit(data);
            Path file = saved(start, "start-" + t.label());
            // Every structure standardised (the start carried into standardised units by the
            // structure); five also as they are.
            boolean plainToo = java.util.EnumSet.of(CovarianceType.FULL, CovarianceType.TIED, CovarianceType.VEV,
                    CovarianceType.DIAG, CovarianceType.EII).contains(t);
            for (boolean standardize : plainToo ? new boolean[] {false, true} : new boolean[] {true}) {
                GaussianMixtureModel local = GaussianMixture.builder().k(3).covariance(t)
                        .initialParameters(start.weights(), start.means(), start.covariances()).standardize(standardize)
                        .maxIter(100).build().fit(data);
                for (int p : t == CovarianceType.FULL ? PARTITIONS : new int[] {3}) {
                    String what = t.label() + (standardize ? " standardised, " : ", ") + p + " partitions";
                    MixturesGaussianMixtureModel m = new MixturesGaussianMixture().setK(3).setCovariance(t.label())
                            .setStandardize(standardize).setMaxIter(100).setInitialModel(file.toString()).fit(frame(data, p));
                    close(local.logLikelihood(), m.model().logLikelihood(), what + ": ln L");
                    close(local.means(), m.model().means(), what + ": means");
                    assertArrayEquals(local.weights(), m.model().weights(), 1e-9, what + ": weights");
                    assertEquals(local.trace().iterations(), m.model().trace().iterations(), what + ": iterations");
                    assertArrayEquals(local.predict(data), labels(m, frame(data, p)), what + ": labels");
                }
            }
        }
    }

    @Test
    void theBayesianMixtureIsTheLibrarysFromTheSameStart() {
        Dataset data = Blobs.generate(1200, 2, 3, 2.5, 12);
        for (WeightPrior prior : WeightPrior.values()) {
            for (CovarianceType t : new CovarianceType[] {CovarianceType.FULL, CovarianceType.TIED, CovarianceType.DIAG,
                CovarianceType.SPHERICAL}) {
                BayesianGaussianMixtureModel start = BayesianGaussianMixture.builder().k(6).covariance(t)
                        .weightPrior(prior).maxIter(2).seed(3).build().fit(data);
                Path file = saved(start, "start-" + prior.label() + "-" + t.label());
                // 60 iterations, converged or not, on both sides: agreement along the way is the point.
                BayesianGaussianMixtureModel local = BayesianGaussianMixture.builder().k(6).covariance(t).weightPrior(prior)
                        .warmStart(start).maxIter(60).build().fit(data);
                for (int p : t == CovarianceType.FULL ? PARTITIONS : new int[] {3}) {
                    String what = prior.label() + ", " + t.label() + ", " + p + " partitions";
                    MixturesBayesianMixtureModel m = new MixturesBayesianMixture().setK(6).setCovariance(t.label())
                            .setWeightPrior(prior.label()).setMaxIter(60).setInitialModel(file.toString()).fit(frame(data, p));
                    close(local.lowerBound(), m.model().lowerBound(), what + ": bound");
                    close(local.means(), m.model().means(), what + ": means");
                    assertArrayEquals(local.weights(), m.model().weights(), 1e-9, what + ": weights");
                    assertArrayEquals(local.predict(data), labels(m, frame(data, p)), what + ": labels");
                }
            }
        }
    }

    /** Each model's default start, done the Spark way (seeds on a sample), reaches the local fit's optimum on clear blobs. */
    @Test
    void defaultStartsReachTheLocalOptimum() {
        Dataset data = Blobs.generate(3000, 4, 4, 20, 11);
        KMeansModel km = KMeans.builder().k(4).build().fit(data);
        MixturesKMeansModel skm = new MixturesKMeans().setK(4).fit(frame(data, 4));
        close(km.inertia(), skm.model().inertia(), "K-means J");
        GaussianMixtureModel gmm = GaussianMixture.builder().k(4).covariance(CovarianceType.DIAG).build().fit(data);
        MixturesGaussianMixtureModel sgmm = new MixturesGaussianMixture().setK(4).setCovariance("VVI").setNInit(2)
                .fit(frame(data, 4));
        assertEquals(gmm.logLikelihood(), sgmm.model().logLikelihood(), 1e-6 * Math.abs(gmm.logLikelihood()), "ln L");
        BayesianGaussianMixtureModel vb = BayesianGaussianMixture.builder().k(8).build().fit(data);
        MixturesBayesianMixtureModel svb = new MixturesBayesianMixture().setK(8).fit(frame(data, 4));
        assertEquals(vb.lowerBound(), svb.model().lowerBound(), 1e-6 * Math.abs(vb.lowerBound()), "bound");
        assertEquals(vb.effectiveComponents(), svb.model().effectiveComponents());
    }

    /**
     * A model saved by Spark is a directory whose model.json the library (and so the CLI) reads,
     * with the column names VectorAssembler gave; a model file fitted locally loads into Spark; a
     * Pipeline with the estimator saves and loads, and predicts the same afterwards.
     */
    @Test
    void modelsSaveAsModelFilesAndLoadBack() throws Exception {
        Dataset data = Blobs.generate(900, 2, 3, 4.0, 3);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.n(); i++) {
            rows.add(RowFactory.create(data.get(i, 0), data.get(i, 1)));
        }
        org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(
                JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 2),
                new StructType().add("eruptions", DataTypes.DoubleType).add("waiting", DataTypes.DoubleType));
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {"eruptions", "waiting"}).setOutputCol("features"),
            new MixturesGaussianMixture().setK(3).setStandardize(true).setLogDensityCol("logp")});
        PipelineModel fitted = pipeline.fit(df);
        String dir = tmp.resolve("pipeline").toString();
        fitted.write().overwrite().save(dir);
        PipelineModel back = PipelineModel.load(dir);
        List<Row> before = fitted.transform(df).select("prediction", "probability", "logp").collectAsList();
        List<Row> after = back.transform(df).select("prediction", "probability", "logp").collectAsList();
        assertEquals(before, after);

        MixturesGaussianMixtureModel gmm = (MixturesGaussianMixtureModel) fitted.stages()[1];
        String modelDir = tmp.resolve("gmm").toString();
        gmm.write().save(modelDir);
        GaussianMixtureModel read = ModelFiles.read(Path.of(modelDir, MixturesModel.MODEL_FILE), GaussianMixtureModel.class);
        assertEquals(List.of("eruptions", "waiting"), read.columnNames());
        assertTrue(read.standardizer() != null);
        assertArrayEquals(gmm.model().scoreSamples(data), read.scoreSamples(data), 0);
        for (int i = 0; i < before.size(); i++) {
            assertEquals(read.scoreSamples(data)[i], before.get(i).getDouble(2), 0, "row " + i);
        }
        MixturesGaussianMixtureModel loaded = MixturesGaussianMixtureModel.load(modelDir);
        assertEquals("logp", loaded.getOrDefault(loaded.logDensityCol()));
        assertEquals(gmm.uid(), loaded.uid());

        // A model file fitted by the library (as the CLI writes it) is a Spark model too.
        BayesianGaussianMixtureModel local = BayesianGaussianMixture.builder().k(4).build().fit(data);
        Path file = saved(local, "local");
        MixturesBayesianMixtureModel inSpark = MixturesBayesianMixtureModel.load(file.toString());
        org.apache.spark.sql.Dataset<Row> vectors = frame(data, 3);
        assertArrayEquals(local.predict(data), labels(inSpark, vectors));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MixturesKMeansModel.load(file.toString()));
        assertTrue(e.getMessage().contains("holds a vb model"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> MixturesKMeansModel.load(tmp.resolve("none").toString()));
        assertTrue(e.getMessage().contains("no such model file"), e.getMessage());

        // Estimators save their params.
        String estDir = tmp.resolve("estimator").toString();
        new MixturesBayesianMixture().setK(5).setWeightPrior("dirichlet-process").setCovariance("diag").write().save(estDir);
        MixturesBayesianMixture est = MixturesBayesianMixture.load(estDir);
        assertEquals(5, (int) (Integer) est.getOrDefault(est.k()));
        assertEquals("dirichlet-process", est.getOrDefault(est.weightPrior()));
        assertTrue(Files.isRegularFile(Path.of(modelDir, MixturesModel.MODEL_FILE)));
    }

    @Test
    void startsThatNeedEveryRowAndBadStartsAreRefusedBeforeAnyIteration() {
        Dataset data = Blobs.generate(100, 2, 2, 4.0, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MixturesGaussianMixture().setK(2).setInit("hc").fit(frame(data, 2)));
        assertTrue(e.getMessage().contains("init: hc is not run on Spark"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MixturesKMeans().setInit("kmeans"));
        assertTrue(e.getMessage().contains("kmeans"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new MixturesGaussianMixture().setK(2).setInit("given").fit(frame(data, 2)));
        assertTrue(e.getMessage().contains("initialModel: unset"), e.getMessage());
        Path km = saved(KMeans.builder().k(2).build().fit(data), "km");
        e = assertThrows(IllegalArgumentException.class,
                () -> new MixturesGaussianMixture().setK(2).setInitialModel(km.toString()).fit(frame(data, 2)));
        assertTrue(e.getMessage().contains("holds a kmeans model"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MixturesKMeans().setK(101).fit(frame(data, 2)));
        assertTrue(e.getMessage().contains("101 clusters for 100 rows"), e.getMessage());
    }

    /** The responsibilities of a mixture's rows sum to 1 and its labels are their argmax. */
    @Test
    void probabilitiesAreResponsibilities() {
        Dataset data = Blobs.generate(400, 2, 2, 3.0, 6);
        MixturesBayesianMixtureModel m = new MixturesBayesianMixture().setK(4).fit(frame(data, 2));
        for (Row r : m.transform(frame(data, 2)).select("prediction", "probability").collectAsList()) {
            double[] p = ((Vector) r.get(1)).toArray();
            double s = 0;
            int best = 0;
            for (int c = 0; c < p.length; c++) {
                s += p[c];
                best = p[c] > p[best] ? c : best;
            }
            assertEquals(1, s, 1e-12);
            assertEquals(best, r.getInt(0));
        }
    }
}
