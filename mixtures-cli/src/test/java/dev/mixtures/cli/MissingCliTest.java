package dev.mixtures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.io.CsvDatasetReader;
import dev.mixtures.io.CsvOptions;
import dev.mixtures.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --missing error|drop|model from the command line: what each reads, says and writes. */
class MissingCliTest {
    @TempDir
    Path dir;

    /** 400 rows of two blobs in 3 columns; every 7th row has a missing cell, written in the ways people write them. */
    private Path data() throws Exception {
        SplittableRandom r = new SplittableRandom(3);
        StringBuilder b = new StringBuilder("x,y,z\n");
        String[] tokens = {"", "NA", "NaN", "n/a", "null"};
        for (int i = 0; i < 400; i++) {
            double c = i % 2 == 0 ? 0 : 6;
            String[] cells = new String[3];
            for (int j = 0; j < 3; j++) {
                cells[j] = String.format(Locale.ROOT, "%.5f", c + (j + 1) * 0.3 * (r.nextDouble() - 0.5) * 4);
            }
            if (i % 7 == 3) {
                cells[i % 3] = tokens[(i / 7) % tokens.length];
            }
            b.append(String.join(",", cells)).append('\n');
        }
        Path p = dir.resolve("data.csv");
        Files.writeString(p, b.toString());
        return p;
    }

    @Test
    void errorIsTheDefaultAndSaysWhereAndWhatToDo() throws Exception {
        CliTest.Result r = CliTest.run("fit", data().toString(), "-k", "2");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("data.csv:5:1: empty cell (column x); --missing drop"), r.err);
        r = CliTest.run("fit", data().toString(), "-k", "2", "--missing", "sometimes");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("--missing: expected error, drop or model, got 'sometimes'"), r.err);
    }

    @Test
    void dropLeavesOutTheIncompleteRowsAndCountsThem() throws Exception {
        CliTest.Result r = CliTest.run("fit", data().toString(), "--model", "kmeans", "-k", "2", "--missing", "drop");
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("left out 57 of 400 rows with missing cells (57 cells)"), r.err);
        assertTrue(r.out.contains("343 rows × 3 columns"), r.out);
        // predict answers every row: it will not drop any.
        r = CliTest.run("predict", "--model", "x.json", data().toString(), "--missing", "drop");
        assertEquals(2, r.code);
    }

    @Test
    void modelFitsTheGaussianMixtureAndAnswersIncompleteRows() throws Exception {
        Path csv = data();
        Path model = dir.resolve("m.json");
        CliTest.Result r = CliTest.run("fit", csv.toString(), "--model", "gmm", "-k", "2", "--missing", "model", "--out",
                model.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("400 rows × 3 columns"), r.out);
        r = CliTest.run("score", "--model", model.toString(), csv.toString(), "--missing", "model");
        assertEquals(0, r.code, r.err);
        String[] lines = r.out.strip().split("\n");
        assertEquals(401, lines.length);
        // The scores are the library's marginal densities of each row's observed cells.
        Dataset ds = CsvDatasetReader.read(csv, CsvOptions.defaults().withMissing(true)).dataset();
        GaussianMixtureModel m = (GaussianMixtureModel) ModelFiles.read(model);
        double[] want = m.scoreSamples(ds);
        for (int i : new int[] {0, 3, 10, 399}) {
            assertEquals(want[i], Double.parseDouble(lines[i + 1]), 1e-12 * Math.abs(want[i]), "row " + i);
        }
        assertTrue(Double.isNaN(ds.get(3, 0)) && Double.isFinite(want[3]));
        r = CliTest.run("predict", "--model", model.toString(), csv.toString(), "--missing", "model");
        assertEquals(0, r.code, r.err);
        assertEquals(401, r.out.strip().split("\n").length);
        // Without --missing model the incomplete rows are refused, as in a fit.
        r = CliTest.run("predict", "--model", model.toString(), csv.toString());
        assertEquals(2, r.code);
        // The Bayesian mixture too: its labels, and its predictive density of the observed cells.
        Path vb = dir.resolve("vb.json");
        r = CliTest.run("fit", csv.toString(), "--model", "vb", "-k", "3", "--missing", "model", "--out", vb.toString());
        assertEquals(0, r.code, r.err);
        r = CliTest.run("predict", "--model", vb.toString(), csv.toString(), "--missing", "model");
        assertEquals(0, r.code, r.err);
        assertEquals(401, r.out.strip().split("\n").length);
        r = CliTest.run("score", "--model", vb.toString(), csv.toString(), "--missing", "model");
        assertEquals(0, r.code, r.err);
        assertEquals(401, r.out.strip().split("\n").length);
    }

    @Test
    void modelIsRefusedWhereItIsNotBuilt() throws Exception {
        String csv = data().toString();
        for (String[] args : new String[][] {
            {"fit", csv, "--model", "kmeans", "-k", "2", "--missing", "model"},
            {"fit", csv, "--missing", "model"},
            {"select", csv, "--missing", "model"},
        }) {
            CliTest.Result r = CliTest.run(args);
            assertEquals(2, r.code, String.join(" ", args));
            assertTrue(r.err.contains("--missing model:"), r.err);
        }
    }

    @Test
    void aNpyFileWritesMissingCellsAsNaN() throws Exception {
        Path npy = dir.resolve("data.npy");
        CliTest.Result r = CliTest.run("convert", data().toString(), npy.toString(), "--missing", "model");
        assertEquals(0, r.code, r.err);
        r = CliTest.run("fit", npy.toString(), "--model", "kmeans", "-k", "2", "--missing", "drop");
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("left out 57 of 400 rows"), r.err);
        r = CliTest.run("fit", npy.toString(), "--model", "kmeans", "-k", "2");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("a missing cell: see --missing"), r.err);
    }
}
