package dev.mixtures.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.io.ModelFiles;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real multi-process cluster on this machine ({@code local-cluster[2,1,1024]}: a master, two
 * workers, executors in their own JVMs, started from the SPARK_HOME the build lays out), all on the
 * loopback address: the same bits as local[2] with the same partitioning, and the same bits again
 * when one executor is killed (SIGKILL, by its process id) as the third iteration starts: its
 * tasks run again elsewhere, and a block's statistics are a pure function of its rows and the
 * broadcast parameters.
 */
class ClusterTest {
    private static final int PARTITIONS = 6;

    @TempDir
    Path tmp;

    private static SparkSession.Builder loopback(SparkSession.Builder b) {
        return b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false");
    }

    /** What executors need beside Spark's jars: this module's classes and the library's (and FastCSV). */
    private static String appClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> new File(e).isDirectory() || new File(e).getName().startsWith("mixtures-")
                        || new File(e).getName().startsWith("fastcsv"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset data) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.n(); i++) {
            rows.add(RowFactory.create(Vectors.dense(data.row(i))));
        }
        return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, PARTITIONS),
                new StructType().add("features", new VectorUDT()));
    }

    private static String untimed(String json) {
        return json.replaceAll("\"seconds\"\\s*:\\s*[0-9.eE+-]+", "");
    }

    private MixturesGaussianMixture estimator(Path start) {
        // A fixed number of iterations (tol 0), from a given start: the run is the same whatever happens to the tasks.
        return new MixturesGaussianMixture().setK(6).setCovariance("VVV").setTol(0).setMaxIter(8)
                .setInitialModel(start.toString());
    }

    @Test
    void executorsInTheirOwnJvmsGiveTheSameBitsEvenWhenOneIsKilled() throws Exception {
        Dataset data = Blobs.generate(60_000, 6, 6, 2.0, 17);
        Path start = tmp.resolve("start.json");
        ModelFiles.write(GaussianMixture.builder().k(6).maxIter(1).seed(2).build().fit(data), start);

        SparkSession local = LocalSpark.session("ClusterTest-reference");
        String reference = untimed(estimator(start).fit(frame(local, data)).toJson());
        local.stop();

        SparkSession cluster = loopback(SparkSession.builder().master("local-cluster[2,1,1024]").appName("ClusterTest"))
                .config("spark.executor.extraJavaOptions", System.getProperty("mixtures.executor.opts", ""))
                .config("spark.executor.extraClassPath", appClassPath())
                .getOrCreate();
        try {
            cluster.sparkContext().setLogLevel("ERROR");
            String appId = cluster.sparkContext().applicationId();
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (executors(appId).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(2, executors(appId).size(), "two executors, each in its own process");
            assertEquals(reference, untimed(estimator(start).fit(frame(cluster, data)).toJson()),
                    "local-cluster against local[2]");

            java.util.concurrent.atomic.AtomicInteger removed = new java.util.concurrent.atomic.AtomicInteger();
            cluster.sparkContext().addSparkListener(new org.apache.spark.scheduler.SparkListener() {
                @Override
                public void onExecutorRemoved(org.apache.spark.scheduler.SparkListenerExecutorRemoved e) {
                    removed.incrementAndGet();
                }
            });
            AtomicLong killed = new AtomicLong(-1);
            MixturesGaussianMixtureModel survived = estimator(start).setProgressListener((restart, iteration, max, ll) -> {
                if (iteration == 2 && killed.get() < 0) {
                    List<ProcessHandle> running = executors(appId);
                    ProcessHandle victim = running.get(0);
                    killed.set(victim.pid());
                    victim.destroyForcibly();
                }
            }).fit(frame(cluster, data));
            assertTrue(killed.get() > 0, "an executor was killed");
            assertTrue(ProcessHandle.of(killed.get()).map(p -> !p.isAlive()).orElse(true), "the executor is gone");
            assertEquals(reference, untimed(survived.toJson()), "after an executor was killed");
            // The listener bus is asynchronous: give it a moment.
            for (int i = 0; i < 100 && removed.get() == 0; i++) {
                Thread.sleep(100);
            }
            assertEquals(1, removed.get(), "Spark saw the executor go");
            GaussianMixtureModel m = survived.model();
            assertEquals(8, m.trace().iterations());
        } finally {
            cluster.stop();
        }
    }

    /** The executor processes of this application (their command lines name the backend and the app id). */
    private static List<ProcessHandle> executors(String appId) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                .map(c -> c.contains("CoarseGrainedExecutorBackend") && c.contains(appId)).orElse(false))
                .collect(Collectors.toList());
    }
}
