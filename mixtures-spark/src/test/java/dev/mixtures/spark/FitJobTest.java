package dev.mixtures.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.OldFaithful;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.io.ModelFiles;
import dev.mixtures.kmeans.KMeansModel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit job on Old Faithful: CSV and Parquet in, the CLI's model file and Parquet labels out. */
class FitJobTest {
    private static SparkSession spark;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session("FitJobTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private Path faithfulCsv() throws Exception {
        Dataset data = OldFaithful.load();
        StringBuilder csv = new StringBuilder("id,eruptions,waiting\n");
        for (int i = 0; i < data.n(); i++) {
            csv.append("row").append(i + 1).append(',').append(data.get(i, 0)).append(',').append(data.get(i, 1)).append('\n');
        }
        Path file = tmp.resolve("faithful.csv");
        Files.writeString(file, csv);
        return file;
    }

    private static String run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(0, FitJob.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void fitsACsvAsTheLibraryAndWritesTheModelFileAndLabels() throws Exception {
        Path csv = faithfulCsv();
        Path model = tmp.resolve("model.json");
        Path labels = tmp.resolve("labels.parquet");
        String out = run("--input", csv.toString(), "--id", "id", "-k", "2", "--out", model.toString(), "--labels",
                labels.toString());
        assertTrue(out.contains("gmm, k = 2, 2 columns [eruptions, waiting]"), out);
        GaussianMixtureModel read = ModelFiles.read(model, GaussianMixtureModel.class);
        Dataset data = OldFaithful.load();
        GaussianMixtureModel local = GaussianMixture.builder().k(2).build().fit(data);
        assertEquals(local.logLikelihood(), read.logLikelihood(), 1e-9 * Math.abs(local.logLikelihood()));
        List<Row> rows = spark.read().parquet(labels.toString()).orderBy("id").collectAsList();
        assertEquals(272, rows.size());
        int[] expected = local.predict(data);
        for (Row r : rows) {
            int i = Integer.parseInt(r.getString(0).substring(3)) - 1;
            assertEquals(expected[i], r.getInt(1), r.getString(0));
            assertEquals(2, r.getList(2).size());
        }
        // Outputs are not replaced unless asked.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FitJob.run(new String[] {"--input", csv.toString(), "--out", model.toString()}, System.out));
        assertTrue(e.getMessage().contains("--out " + model + ": exists (add --overwrite"), e.getMessage());

        // Parquet in, K-means, the same columns by name.
        Path parquet = tmp.resolve("faithful.parquet");
        spark.read().option("header", "true").option("inferSchema", "true").csv(csv.toString()).write().parquet(parquet.toString());
        Path km = tmp.resolve("km.json");
        run("--input", parquet.toString(), "--model", "kmeans", "-k", "3", "--standardize", "--out", km.toString());
        KMeansModel k = ModelFiles.read(km, KMeansModel.class);
        assertEquals(List.of("eruptions", "waiting"), k.columnNames());
        assertTrue(k.standardizer() != null);
        assertArrayEquals(new int[] {272}, new int[] {(int) java.util.Arrays.stream(k.sizes()).sum()});
    }

    @Test
    void badArgumentsAreNamed() throws Exception {
        String csv = faithfulCsv().toString();
        String out = tmp.resolve("m.json").toString();
        String[][] cases = {
            {"--input", csv}, {"--out", out}, {"--input", csv, "--out", out, "--bogus", "1"},
            {"--input", csv, "--out", out, "-k"}, {"--input", csv, "--out", out, "-k", "two"},
            {"--input", csv, "--out", out, "--model", "dbscan"}, {"--input", csv, "--out", out, "--columns", "nope"},
            {"--input", csv, "--out", out, "--covariance", "XYZ"}, {"--input", tmp.resolve("none.csv").toString(), "--out", out},
        };
        String[] says = {"--out is required", "--input is required", "unknown argument '--bogus'", "-k needs a value",
            "-k: 'two' is not a whole number", "--model: 'dbscan'", "no column 'nope'", "XYZ", "none.csv"};
        for (int c = 0; c < cases.length; c++) {
            String[] args = cases[c];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FitJob.run(args, System.out),
                    String.join(" ", args));
            assertTrue(e.getMessage().contains(says[c]), e.getMessage());
        }
        assertTrue(Files.notExists(Path.of(out)), "no model written by a failed job");
    }
}
