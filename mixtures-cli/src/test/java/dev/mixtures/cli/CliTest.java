package dev.mixtures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.gaussian.CovarianceType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    static final class Result {
        final int code;
        final String out;
        final String err;

        Result(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void fitOldFaithfulPrintsAReadableSummary() {
        Result r = run("fit", "--model", "kmeans", "-k", "2", "--standardize");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Cost J = 79.57596"), r.out);
        assertTrue(r.out.contains("eruptions") && r.out.contains("waiting"), r.out);
        assertTrue(r.out.contains("Centres in original units"), r.out);
        assertTrue(r.out.contains("Converged after"), r.out);
    }

    @Test
    void jsonHasTheDocumentedFields() throws Exception {
        Result r = run("fit", "--model", "kmeans", "-k", "2", "--standardize", "--json", "--threads", "1");
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        for (String f : List.of("model", "k", "n", "d", "iterations", "converged", "inertia", "history", "centres", "sizes")) {
            assertTrue(j.has(f), "missing " + f + " in " + r.out);
        }
        assertEquals("kmeans", j.get("model").asText());
        assertEquals(272, j.get("n").asInt());
        assertEquals(79.57596, j.get("inertia").asDouble(), 5e-6);
        assertEquals(j.get("iterations").asInt(), j.get("history").size());
        double eruptionsLow = Math.min(j.get("centres").get(0).get(0).asDouble(), j.get("centres").get(1).get(0).asDouble());
        assertTrue(eruptionsLow > 1.5 && eruptionsLow < 2.5, "centres in original units: " + j.get("centres"));
    }

    @Test
    void savedModelPredictsTheFitsLabels() throws Exception {
        Path model = dir.resolve("m.json");
        Path labels = dir.resolve("labels.csv");
        Result r = run("fit", "--model", "kmeans", "-k", "3", "--standardize", "--out", model.toString(), "--labels", labels.toString());
        assertEquals(0, r.code, r.err);
        Path again = dir.resolve("again.csv");
        Result p = run("predict", "--model", model.toString(), "--out", again.toString());
        assertEquals(0, p.code, p.err);
        assertEquals(Files.readString(labels), Files.readString(again));
        assertEquals(273, Files.readAllLines(labels).size());
        Result stdout = run("predict", "--model", model.toString());
        assertEquals(Files.readString(labels), stdout.out);
    }

    @Test
    void csvFileWithColumnsWeightsAndGivenCentres() throws Exception {
        Path data = file("d.csv", "id;x;y;w\na;0;0;1\nb;0;1;2\nc;10;10;1\nd;10;11;3\ne;11;10;1\n");
        Path centres = file("c.csv", "x,y\n0,0\n10,10\n");
        Result r = run("fit", "--model", "kmeans", data.toString(), "-k", "2", "--columns", "x,y", "--weights", "w", "--init", centres.toString(), "--json");
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals(3.0, j.get("sizes").get(0).asDouble(), 0.0);
        assertEquals(5.0, j.get("sizes").get(1).asDouble(), 0.0);
        assertEquals(2.0 / 3, j.get("centres").get(0).get(1).asDouble(), 1e-12);
    }

    static void bad(String expected, String... args) {
        Result r = run(args);
        assertEquals(2, r.code, "exit code for " + String.join(" ", args) + "; stderr: " + r.err);
        assertTrue(r.err.contains(expected), "stderr should name the problem (" + expected + "): " + r.err);
    }

    @Test
    void badInputGetsExitCodeTwoAndAClearMessage() throws Exception {
        bad("k must be at least 1, got 0", "fit", "--model", "kmeans", "-k", "0");
        bad("k = 300 is more than the number of rows (272)", "fit", "--model", "kmeans", "-k", "300");
        bad("n-init must be at least 1", "fit", "--model", "kmeans", "--n-init", "0");
        bad("Invalid value for option '--k'", "fit", "--model", "kmeans", "-k", "two");
        bad("Unknown option: '--bogus'", "fit", "--model", "kmeans", "--bogus");
        bad("algorithm: unknown value 'fast'", "fit", "--model", "kmeans", "--algorithm", "fast");
        bad("--model: unknown model 'spline' (gmm, vb or kmeans)", "fit", "--model", "spline");
        Path text = file("text.csv", "a,b\nx,y\n");
        bad(text + ": no numeric column", "fit", text.toString());
        Path cell = file("cell.csv", "a,b\n1,2\n3,oops\n");
        bad(cell + ":3:2: not a number: \"oops\" (column b)", "fit", cell.toString());
        Path nan = file("nan.csv", "a,b\n1,2\n3,NaN\n");
        bad(nan + ":3:2: missing value \"NaN\" (column b); --missing drop", "fit", nan.toString());
        Path empty = file("empty.csv", "");
        bad(empty + ": empty file", "fit", empty.toString());
        bad("nope.csv: no such file", "fit", "--model", "kmeans", dir.resolve("nope.csv").toString());
        Path neg = file("neg.csv", "x,w\n1,1\n2,-3\n3,1\n");
        bad(neg + ":3:2: negative weight -3.0 (column w)", "fit", neg.toString(), "--weights", "w");
        Path zero = file("zero.csv", "x,w\n1,0\n2,0\n3,0\n");
        bad("every weight in column w is zero", "fit", "--model", "kmeans", zero.toString(), "--weights", "w");
        Path dup = file("dup.csv", "x,y\n1,1\n1,1\n2,2\n2,2\n");
        bad("only 2 distinct row(s), fewer than k = 3", "fit", "--model", "kmeans", dup.toString(), "-k", "3");
        Path damaged = file("damaged.json", "{\"formatVersion\": 1, \"model\": \"kmeans\"");
        bad(damaged + ": not a valid model file", "predict", "--model", damaged.toString());
        Path other = file("other.json", "{\"formatVersion\": 99, \"model\": \"kmeans\"}");
        bad("model format version 99 is not supported", "predict", "--model", other.toString());
        bad("Missing required option: '--model", "predict");
    }

    @Test
    void hostileModelFilesGetOneLineAndExitTwoInEveryCommand() throws Exception {
        // Nested past Jackson's limit of 1,000 levels: its exception had no location, and every
        // command that reads a model ended in a NullPointerException and a stack trace (exit 1).
        Path deep = file("deep.json", "[".repeat(1500) + "]".repeat(1500));
        Path number = file("number.json", "{\"formatVersion\": " + "9".repeat(2000) + "}");
        Path data = file("two.csv", "a,b\n1,2\n3,4\n");
        for (Path m : List.of(deep, number)) {
            for (String[] cmd : List.of(new String[] {"predict", "--model", m.toString(), data.toString()},
                    new String[] {"score", "--model", m.toString(), data.toString()},
                    new String[] {"sample", "--model", m.toString(), "-n", "3"},
                    new String[] {"plot", "--kind", "clusters", "--model", m.toString(), data.toString(), "--out",
                        dir.resolve("p.svg").toString()})) {
                Result r = run(cmd);
                assertEquals(2, r.code, String.join(" ", cmd) + ": " + r.err);
                assertTrue(r.err.startsWith("mixtures: error: " + m + ": not a valid model file: "), r.err);
                assertEquals(1, r.err.strip().lines().count(), r.err);
            }
        }
    }

    @Test
    void aFailureThatIsNotTheInputsIsAnInternalErrorWithExitOne() {
        // An IllegalArgumentException that is no BadInputException is a bug, not the user's input.
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Main.internalError(new PrintStream(err, true, StandardCharsets.UTF_8),
                new IllegalArgumentException("fromIndex(5) > toIndex(3)"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code);
        assertTrue(text.startsWith("mixtures: internal error: java.lang.IllegalArgumentException: fromIndex(5) > toIndex(3)"),
                text);
        assertTrue(text.lines().count() <= 1 + Main.TRACE_FRAMES + 1, text);
    }

    @Test
    void nothingIsWrittenOnFailureAndTheInputIsNeverOverwritten() throws Exception {
        Path cell = file("cell.csv", "a,b\n1,2\n3,oops\n");
        Path out = dir.resolve("out.json");
        Path labels = dir.resolve("labels.csv");
        bad("not a number", "fit", "--model", "kmeans", cell.toString(), "--out", out.toString(), "--labels", labels.toString());
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(labels));
        Path data = file("data.csv", "x,y\n1,2\n3,4\n5,7\n");
        String before = Files.readString(data);
        bad("is the input file; it would be overwritten", "fit", "--model", "kmeans", data.toString(), "--out", data.toString());
        bad("is the input file; it would be overwritten", "fit", "--model", "kmeans", data.toString(), "--labels", data.toString());
        assertEquals(before, Files.readString(data));
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void otherInputsAndAlgorithms() throws Exception {
        Result cols = run("fit", "--model", "kmeans", "--columns", "waiting", "-k", "2", "--json");
        assertEquals(0, cols.code, cols.err);
        JsonNode j = new ObjectMapper().readTree(cols.out);
        assertEquals(1, j.get("d").asInt());
        assertEquals("waiting", j.get("columns").get(0).asText());

        Path tab = file("t.tsv", "a\tb\n1\t2\n1.5\t2.5\n8\t9\n9\t8\n");
        Result t = run("fit", "--model", "kmeans", tab.toString(), "--delimiter", "tab", "-k", "2", "--algorithm", "lloyd", "--json");
        assertEquals(0, t.code, t.err);
        assertEquals("lloyd", new ObjectMapper().readTree(t.out).get("algorithm").asText());

        Result mb = run("fit", "--model", "kmeans", "-k", "3", "--standardize", "--algorithm", "minibatch", "--batch-size", "64", "--json");
        assertEquals(0, mb.code, mb.err);
        assertEquals("minibatch", new ObjectMapper().readTree(mb.out).get("algorithm").asText());

        Path model = dir.resolve("m.json");
        assertEquals(0, run("fit", "--model", "kmeans", tab.toString(), "-k", "2", "--out", model.toString()).code);
        Path headerless = file("h.csv", "1,2\n9,8\n");
        Result p = run("predict", "--model", model.toString(), headerless.toString());
        assertEquals(0, p.code, p.err);
        assertEquals(3, p.out.split("\n").length);
        Path wide = file("w.csv", "a,b,c\n1,2,3\n");
        Result bad = run("predict", "--model", model.toString(), wide.toString(), "--columns", "a");
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains("but the model was fitted on 2 (a, b)"), bad.err);
    }

    @Test
    void standardInputMustBeUtf8AsFilesMustAndTheDelimiterIsNamed() throws Exception {
        java.io.InputStream saved = System.in;
        try {
            // "aé" in Latin-1: the é was replaced silently (a column named a\uFFFD), while the same
            // bytes in a file were refused.
            System.setIn(new java.io.ByteArrayInputStream("a\u00e9,b\n1,2\n3,4\n".getBytes(StandardCharsets.ISO_8859_1)));
            bad("<stdin>: not a UTF-8 text file", "fit", "--model", "kmeans", "-", "-k", "1");
        } finally {
            System.setIn(saved);
        }
        Path small = file("small.csv", "a,b\n1,2\n3,4\n");
        // The quote character as delimiter: FastCSV's own precondition, reported as an internal error.
        bad("--delimiter: '\"' is ", "fit", "--model", "kmeans", small.toString(), "-k", "1", "--delimiter", "\"");
    }

    @Test
    void readsStandardInput() {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream("x,y\n0,0\n0,1\n10,10\n10,11\n".getBytes(StandardCharsets.UTF_8)));
            Result r = run("fit", "--model", "kmeans", "-", "-k", "2", "--json");
            assertEquals(0, r.code, r.err);
            assertTrue(r.out.contains("\"source\":\"-\""), r.out);
            assertTrue(r.out.contains("\"inertia\":1.0"), r.out);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void helpShowsExamples() {
        Result r = run("fit", "--model", "kmeans", "--help");
        assertEquals(0, r.code);
        assertTrue(r.out.contains("Examples:") && r.out.contains("mixtures fit --model kmeans -k 2 --standardize"), r.out);
        Result p = run("predict", "--help");
        assertTrue(p.out.contains("Examples:"), p.out);
        Result top = run("--help");
        assertTrue(top.out.contains("fit") && top.out.contains("predict"), top.out);
        for (String c : List.of("score", "sample")) {
            Result h = run(c, "--help");
            assertEquals(0, h.code);
            assertTrue(h.out.contains("Examples:"), h.out);
        }
    }

    @Test
    void gaussianMixtureIsTheDefaultAndReadable() {
        Result r = run("fit", "-k", "2");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("Gaussian mixture, k = 2, full covariances"), r.out);
        assertTrue(r.out.contains("ln L = -1130.2640"), r.out);
        assertTrue(r.out.contains("BIC = 2322.19"), r.out);
        assertTrue(r.out.contains("Converged after"), r.out);
    }

    @Test
    void gaussianJsonHasTheDocumentedFieldsForEveryStructure() throws Exception {
        for (String cov : List.of("full", "diag", "spherical", "tied")) {
            Result r = run("fit", "-k", "3", "--covariance", cov, "--standardize", "--json");
            assertEquals(0, r.code, r.err);
            JsonNode j = new ObjectMapper().readTree(r.out);
            for (String f : List.of("model", "k", "covariance", "n", "d", "logLikelihood", "meanLogLikelihood", "bic", "aic",
                    "parameters", "weights", "means", "covariances", "history", "iterations", "converged")) {
                assertTrue(j.has(f), "missing " + f + " in " + r.out);
            }
            assertEquals("gmm", j.get("model").asText());
            assertEquals(cov, j.get("covariance").asText());
            assertEquals(j.get("logLikelihood").asDouble() / 272, j.get("meanLogLikelihood").asDouble(), 1e-12);
            JsonNode c = j.get("covariances");
            assertEquals(3, c.size());
            for (JsonNode m : c) {
                assertEquals(2, m.size());
                assertEquals(2, m.get(0).size());
                // Original units: waiting varies in tens of minutes, so its variance is far above 1.
                assertTrue(m.get(1).get(1).asDouble() > 5, cov + ": " + m);
            }
            assertEquals(j.get("iterations").asInt(), j.get("history").size());
            long p = j.get("parameters").asLong();
            assertEquals(-2 * j.get("logLikelihood").asDouble() + 2 * p, j.get("aic").asDouble(), 1e-9);
        }
    }

    @Test
    void gaussianModelPredictsScoresAndSamples() throws Exception {
        Path model = dir.resolve("g.json");
        Path labels = dir.resolve("l.csv");
        Path proba = dir.resolve("p.csv");
        Result r = run("fit", "-k", "2", "--out", model.toString(), "--labels", labels.toString(), "--proba", proba.toString(),
                "--json");
        assertEquals(0, r.code, r.err);
        double meanLl = new ObjectMapper().readTree(r.out).get("meanLogLikelihood").asDouble();
        Result p = run("predict", "--model", model.toString());
        assertEquals(Files.readString(labels), p.out);
        Result pp = run("predict", "--model", model.toString(), "--proba");
        assertEquals(Files.readString(proba), pp.out);
        String[] lines = pp.out.split("\n");
        assertEquals("p0,p1", lines[0]);
        assertEquals(273, lines.length);
        String[] first = lines[1].split(",");
        assertEquals(1.0, Double.parseDouble(first[0]) + Double.parseDouble(first[1]), 1e-12);
        Result sc = run("score", "--model", model.toString());
        assertEquals(0, sc.code, sc.err);
        String[] sl = sc.out.split("\n");
        assertEquals("logDensity", sl[0]);
        double sum = 0;
        for (int i = 1; i < sl.length; i++) {
            sum += Double.parseDouble(sl[i]);
        }
        assertEquals(meanLl, sum / 272, 1e-12);
        Result mean = run("score", "--model", model.toString(), "--mean");
        assertEquals(meanLl, Double.parseDouble(mean.out.trim()), 1e-12);
        Path samples = dir.resolve("s.csv");
        Result s = run("sample", "--model", model.toString(), "-n", "500", "--seed", "3", "--out", samples.toString());
        assertEquals(0, s.code, s.err);
        List<String> sLines = Files.readAllLines(samples);
        assertEquals("eruptions,waiting,component", sLines.get(0));
        assertEquals(501, sLines.size());
        assertEquals(Files.readString(samples), run("sample", "--model", model.toString(), "-n", "500", "--seed", "3").out);
        // A warm start from the saved model converges at once to the same likelihood.
        Result warm = run("fit", "--init", model.toString(), "--json");
        assertEquals(0, warm.code, warm.err);
        assertTrue(new ObjectMapper().readTree(warm.out).get("iterations").asInt() <= 3, warm.out);
    }

    @Test
    void gaussianStartFromAFileOfParameters() throws Exception {
        Path start = file("start.json", "{\"weights\": [0.4, 0.6], \"means\": [[2, 55], [4.3, 80]],"
                + " \"covariances\": [[[0.1, 0.5], [0.5, 30]], [[0.2, 0.8], [0.8, 40]]]}");
        Result r = run("fit", "--init", start.toString(), "--json");
        assertEquals(0, r.code, r.err);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals("given", j.get("init").asText());
        assertEquals(-1130.2640, j.get("logLikelihood").asDouble(), 1e-3);
        Path notSpd = file("bad1.json", "{\"weights\": [0.4, 0.6], \"means\": [[2, 55], [4.3, 80]],"
                + " \"covariances\": [[[1, 2], [2, 1]], [[0.2, 0.8], [0.8, 40]]]}");
        bad("bad1.json: covariance of component 1 is not positive definite", "fit", "--init", notSpd.toString());
        Path sum = file("bad2.json", "{\"weights\": [0.5, 0.6], \"means\": [[2, 55], [4.3, 80]],"
                + " \"covariances\": [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}");
        bad("bad2.json: the weights sum to 1.1, not 1", "fit", "--init", sum.toString());
        Path shape = file("bad3.json", "{\"weights\": [0.5, 0.5], \"means\": [[2, 55, 1], [4.3, 80, 1]],"
                + " \"covariances\": [[[1, 0], [0, 1]], [[1, 0], [0, 1]]]}");
        bad("bad3.json: the means have 3 coordinates, the data 2 columns", "fit", "--init", shape.toString());
        bad("is neither kmeans, k-means++, random, random-from-data, hc, nor an existing JSON file", "fit", "--init",
                "nowhere.json");
    }

    @Test
    void gaussianBadInputIsNamedAndWritesNothing() throws Exception {
        Path out = dir.resolve("never.json");
        bad("reg-covar must be a finite number ≥ 0, got -1.0", "fit", "--reg-covar", "-1", "--out", out.toString());
        bad("unknown structure 'banana'", "fit", "--covariance", "banana", "--out", out.toString());
        bad("--algorithm applies to --model kmeans only", "fit", "--algorithm", "lloyd");
        bad("--proba applies to --model gmm or vb only", "fit", "--model", "kmeans", "--proba", out.toString());
        bad("--on-collapse: unknown value 'maybe' (stop or reseed)", "fit", "-k", "2", "--on-collapse", "maybe");
        Path constant = file("const.csv", "a,b\n1,5\n2,5\n3,5\n4,5\n");
        bad("column 2 (b) is constant", "fit", constant.toString(), "-k", "1", "--out", out.toString());
        StringBuilder dup = new StringBuilder("a,b\n");
        for (int i = 0; i < 200; i++) {
            dup.append("1,2\n");
        }
        for (int i = 0; i < 100; i++) {
            dup.append(Math.sin(i) * 3).append(',').append(Math.cos(i * 1.7) * 3).append('\n');
        }
        Path dups = file("dups.csv", dup.toString());
        bad("collapsed", "fit", dups.toString(), "-k", "3", "--out", out.toString());
        assertFalse(Files.exists(out), "nothing is written on bad input");
        Result reseeded = run("fit", dups.toString(), "-k", "3", "--on-collapse", "reseed", "--max-iter", "30");
        assertEquals(0, reseeded.code, reseeded.err);
        assertTrue(reseeded.out.contains("Note: iteration"), reseeded.out);
        Path km = dir.resolve("km.json");
        assertEquals(0, run("fit", "--model", "kmeans", "--out", km.toString()).code);
        bad("holds a kmeans model, which has no density", "score", "--model", km.toString());
        bad("holds a kmeans model, which cannot be sampled", "sample", "--model", km.toString(), "-n", "3");
        bad("holds a kmeans model, which has hard labels only", "predict", "--model", km.toString(), "--proba");
        Path g = dir.resolve("g.json");
        assertEquals(0, run("fit", "--out", g.toString()).code);
        bad("-n: the number of points must be at least 0, got -1", "sample", "--model", g.toString(), "-n", "-1");
    }

    @Test
    void bayesianMixtureReproducesFigure10_6AndIsReadable() {
        // PRML's figure is of the plain coordinate ascent: no moves.
        Result few = run("fit", "--model", "vb", "-k", "6", "--alpha0", "0.001", "--standardize", "--moves", "none");
        assertEquals(0, few.code, few.err);
        assertTrue(few.out.contains("Effective components: 2 of 6"), few.out);
        assertTrue(few.out.contains("Lower bound L = "), few.out);
        assertTrue(few.out.contains("Switched off: components"), few.out);
        assertTrue(few.out.contains("α0 = 0.001"), few.out);
        assertTrue(few.out.contains("moves none"), few.out);
        Result all = run("fit", "--model", "vb", "-k", "6", "--alpha0", "10", "--standardize", "--moves", "none");
        assertEquals(0, all.code, all.err);
        assertTrue(all.out.contains("Effective components: 6 of 6"), all.out);
        // With the moves the same two answers, the four unneeded components deleted rather than switched off.
        Result moved = run("fit", "--model", "vb", "-k", "6", "--alpha0", "0.001", "--standardize");
        assertEquals(0, moved.code, moved.err);
        assertTrue(moved.out.contains("Components in use: 2 of K = 6"), moved.out);
        assertTrue(moved.out.contains("Effective components: 2 of 2"), moved.out);
        assertTrue(moved.out.contains("Note: moves: "), moved.out);
        assertTrue(moved.out.matches("(?s).*Moves: iteration \\d+: .*6 → \\d+ in use.*"), moved.out);
        Result kept = run("fit", "--model", "vb", "-k", "6", "--alpha0", "10", "--standardize");
        assertEquals(0, kept.code, kept.err);
        assertTrue(kept.out.contains("Effective components: 6 of 6"), kept.out);
        bad("unknown move 'split'", "fit", "--model", "vb", "--moves", "merge,split");
        bad("--moves", "fit", "--model", "gmm", "-k", "2", "--moves", "none");
    }

    @Test
    void bayesianJsonHasTheDocumentedFields() throws Exception {
        for (String prior : new String[] {"dirichlet", "dirichlet-process"}) {
            Result r = run("fit", "--model", "vb", "-k", "5", "--weight-prior", prior, "--json");
            assertEquals(0, r.code, r.err);
            JsonNode j = new ObjectMapper().readTree(r.out);
            for (String f : new String[] {"model", "k", "lowerBound", "history", "effectiveComponents", "weights", "means",
                "covariances", "posterior", "iterations", "converged", "prior", "sizes"}) {
                assertTrue(j.has(f), prior + ": field " + f + " in " + r.out);
            }
            assertEquals("vb", j.get("model").asText());
            assertEquals(5, j.get("kMax").asInt());
            assertEquals("all", j.get("moves").asText());
            int inUse = j.get("componentsInUse").asInt();
            // Old Faithful needs two: the moves take out the rest.
            assertEquals(2, inUse, r.out);
            assertEquals(inUse, j.get("covariances").size());
            assertEquals(2, j.get("covariances").get(0).size());
            JsonNode made = j.get("movesMade");
            assertEquals(5 - inUse, made.size(), r.out);
            for (JsonNode e : made) {
                assertTrue(e.get("gain").asDouble() > 0, "a move raises the bound: " + e);
                assertTrue(e.get("kind").asText().equals("merge") || e.get("kind").asText().equals("delete"), e.toString());
            }
            assertEquals(inUse, made.get(made.size() - 1).get("inUse").asInt());
            JsonNode perIteration = j.get("componentsInUseHistory");
            assertEquals(j.get("iterations").asInt(), perIteration.size());
            assertEquals(inUse, perIteration.get(perIteration.size() - 1).asInt());
            assertEquals(5, perIteration.get(made.get(0).get("iteration").asInt() - 2).asInt(), "K before the first move");
            JsonNode post = j.get("posterior");
            for (String f : prior.equals("dirichlet") ? new String[] {"alpha", "beta", "nu", "m", "Winv"}
                    : new String[] {"stickA", "stickB", "beta", "nu", "m", "Winv"}) {
                assertEquals(inUse, post.get(f).size(), prior + ": posterior." + f);
            }
            JsonNode h = j.get("history");
            assertEquals(j.get("iterations").asInt(), h.size());
            assertEquals(j.get("lowerBound").asDouble(), h.get(h.size() - 1).asDouble(), 0);
            for (int i = 1; i < h.size(); i++) {
                assertTrue(h.get(i).asDouble() >= h.get(i - 1).asDouble() - 1e-9, "bound never decreases");
            }
        }
    }

    @Test
    void bayesianModelPredictsScoresAndSamples() throws Exception {
        Path model = dir.resolve("vb.json");
        Path labels = dir.resolve("l.csv");
        Path proba = dir.resolve("p.csv");
        Result r = run("fit", "--model", "vb", "-k", "4", "--covariance", "diag", "--out", model.toString(), "--labels",
                labels.toString(), "--proba", proba.toString());
        assertEquals(0, r.code, r.err);
        assertEquals(Files.readString(labels), run("predict", "--model", model.toString()).out);
        assertEquals(Files.readString(proba), run("predict", "--model", model.toString(), "--proba").out);
        Result sc = run("score", "--model", model.toString());
        assertEquals(0, sc.code, sc.err);
        String[] sl = sc.out.split("\n");
        double sum = 0;
        for (int i = 1; i < sl.length; i++) {
            sum += Double.parseDouble(sl[i]);
        }
        double mean = Double.parseDouble(run("score", "--model", model.toString(), "--mean").out.trim());
        assertEquals(sum / 272, mean, 1e-12);
        Result s = run("sample", "--model", model.toString(), "-n", "200", "--seed", "5");
        assertEquals(0, s.code, s.err);
        assertEquals(201, s.out.split("\n").length);
        assertEquals("eruptions,waiting,component", s.out.split("\n")[0]);
        Result warm = run("fit", "--model", "vb", "--init", model.toString(), "--json");
        assertEquals(0, warm.code, warm.err);
        JsonNode w = new ObjectMapper().readTree(warm.out);
        assertEquals("diag", w.get("covariance").asText());
        assertTrue(w.get("iterations").asInt() <= 3, warm.out);
    }

    @Test
    void bayesianBadInputIsNamedAndWritesNothing() throws Exception {
        Path out = dir.resolve("never.json");
        bad("alpha0 (the weight concentration) must be a finite number > 0, got 0.0", "fit", "--model", "vb", "--alpha0",
                "0", "--out", out.toString());
        bad("gamma0 (the weight concentration) must be a finite number > 0, got -1.0", "fit", "--model", "vb",
                "--weight-prior", "dirichlet-process", "--alpha0", "-1", "--out", out.toString());
        bad("beta0 must be a finite number > 0, got -1.0", "fit", "--model", "vb", "--beta0", "-1", "--out", out.toString());
        bad("nu0 must be greater than d − 1 = 1", "fit", "--model", "vb", "--nu0", "1", "--out", out.toString());
        bad("unknown weight prior 'banana'", "fit", "--model", "vb", "--weight-prior", "banana");
        Path asym = file("asym.csv", "1,0.5\n0.4,30\n");
        bad("covariance-prior: not symmetric", "fit", "--model", "vb", "--covariance-prior", asym.toString(), "--out",
                out.toString());
        Path notPd = file("notpd.csv", "1,20\n20,30\n");
        bad("covariance-prior: not positive definite", "fit", "--model", "vb", "--covariance-prior", notPd.toString());
        Path three = file("m3.csv", "3,70,1\n");
        bad("mean-prior has 3 coordinates but the data have 2 columns", "fit", "--model", "vb", "--mean-prior",
                three.toString(), "--out", out.toString());
        bad("--mean-prior: 'nowhere.csv' is neither mean nor an existing CSV file", "fit", "--model", "vb",
                "--mean-prior", "nowhere.csv");
        bad("--on-collapse applies to --model gmm only", "fit", "--model", "vb", "--on-collapse", "reseed");
        bad("--alpha0 applies to --model vb only", "fit", "--alpha0", "1");
        bad("--nu0 applies to --model vb only", "fit", "--model", "kmeans", "--nu0", "3");
        assertFalse(Files.exists(out), "nothing is written on bad input");
        // Given priors in files are used.
        Path m0 = file("m0.csv", "3.5,70\n");
        Path w0 = file("w0.csv", "1.3,14\n14,184\n");
        Result ok = run("fit", "--model", "vb", "-k", "3", "--mean-prior", m0.toString(), "--covariance-prior",
                w0.toString(), "--nu0", "4", "--json");
        assertEquals(0, ok.code, ok.err);
        JsonNode prior = new ObjectMapper().readTree(ok.out).get("prior");
        assertEquals(70, prior.get("meanPrior").get(1).asDouble(), 1e-12);
        assertEquals(184, prior.get("covariancePrior").get(1).get(1).asDouble(), 1e-12);
        assertEquals(4, prior.get("nu0").asDouble(), 0);
    }

    @Test
    void selectPrintsTheGridAndSavesTheBest() throws Exception {
        Path best = dir.resolve("best.json");
        Result r = run("select", "--n-init", "10", "--out", best.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("14 models, hc + 10 starts each"), r.out);
        for (CovarianceType t : CovarianceType.values()) {
            assertTrue(r.out.contains(" " + t.mclustName() + "    "), "a column for " + t.mclustName() + ":\n" + r.out);
        }
        assertTrue(r.out.contains("2314.296 [1]"), r.out);
        assertTrue(r.out.contains("Best by BIC: tied (EEE), K = 3"), r.out);
        // mclust 6.0.0's top three are EEE,3 (2314.316), VVE,2 (2320.433) and VEE,3 (2322.103); with ten starts
        // per cell our EEE,4 reaches a higher ln L than mclust's and ranks second. The best cell is continued to
        // tol 1e-8, the others stop at the screening tol 1e-6.
        assertTrue(r.out.contains("Top three: EEE,3 2314.296; EEE,4 2320.1"), r.out);
        assertTrue(r.out.contains("; VVE,2 2320.43"), r.out);
        assertTrue(r.out.contains("effective component"), r.out);
        assertTrue(r.out.contains("spurious"), r.out);
        Result p = run("predict", "--model", best.toString());
        assertEquals(0, p.code, p.err);
        Result j = run("select", "-k", "1..3", "--covariance", "full,tied", "--criterion", "icl", "--json");
        assertEquals(0, j.code, j.err);
        JsonNode o = new ObjectMapper().readTree(j.out);
        assertEquals(6, o.get("table").size());
        for (JsonNode e : o.get("table")) {
            for (String f : new String[] {"k", "covariance", "logLikelihood", "parameters", "bic", "aic", "icl", "status"}) {
                assertTrue(e.has(f), "table entry field " + f);
            }
        }
        assertEquals("icl", o.get("criterion").asText());
        assertTrue(o.get("best").has("icl"));
    }

    @Test
    void fitWithoutKChoosesItAndSaysSo() throws Exception {
        Result chosen = run("fit", "--covariance", "full", "--json");
        assertEquals(0, chosen.code, chosen.err);
        JsonNode o = new ObjectMapper().readTree(chosen.out);
        assertEquals(2, o.get("k").asInt(), "full covariances: BIC chooses K = 2 on Old Faithful");
        assertEquals("bic", o.get("selection").get("criterion").asText());
        assertEquals(9, o.get("selection").get("table").size());
        Result text = run("fit");
        assertEquals(0, text.code, text.err);
        assertTrue(text.out.startsWith("K and covariance chosen by BIC among K = 1..9 × mclust's fourteen models: EEE, K = 3"),
                text.out);
        Result two = run("fit", "--covariance", "VVE,eev", "--json");
        assertEquals(0, two.code, two.err);
        assertEquals(18, new ObjectMapper().readTree(two.out).get("selection").get("table").size());
        bad("covariance: unknown structure 'VVX'; the fourteen are EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EVE, VVE, EEV,"
                + " VEV, EVV, VVV", "select", "--covariance", "VVV,VVX");
        bad("--covariance: EEE is named twice", "select", "--covariance", "tied,EEE");
        bad("the Bayesian mixture has conjugate priors for full (VVV), tied (EEE), diag (VVI) and spherical (VII) only,"
                + " not EEV", "fit", "--model", "vb", "-k", "2", "--covariance", "EEV");
        bad("--criterion applies to --model gmm without -k", "fit", "-k", "2", "--criterion", "aic");
    }

    @Test
    void evaluateComparesLabelFiles() throws Exception {
        Path t = file("truth.csv", "class\na\na\nb\nb\nc\nc\n");
        Path p = file("pred.csv", "label\n0\n0\n1\n2\n2\n2\n");
        Result r = run("evaluate", "--truth", t.toString(), "--pred", p.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Adjusted Rand index           0.444444"), r.out);
        assertTrue(r.out.contains("Normalised mutual information 0.739667 (arithmetic mean)"), r.out);
        Result g = run("evaluate", "--truth", t.toString(), "--pred", p.toString(), "--average", "geometric", "--json");
        JsonNode o = new ObjectMapper().readTree(g.out);
        assertEquals(0.740299940800, o.get("nmi").asDouble(), 1e-12);
        assertEquals(3, o.get("contingency").size());
        Path pts = file("pts.csv", "x,y\n0,0\n0,1\n1,0\n5,5\n5,6\n6,5\n");
        Path p7 = file("p7.csv", "label\n0\n0\n0\n1\n1\n1\n");
        Result s = run("evaluate", "--truth", t.toString(), "--pred", p7.toString(), "--data", pts.toString());
        assertEquals(0, s.code, s.err);
        assertTrue(s.out.contains("Silhouette of the prediction") && s.out.contains("(exact)"), s.out);
        Path five = file("five.csv", "x,y\n0,0\n0,1\n1,0\n5,5\n5,6\n");
        bad("--data " + five + " has 5 rows and --pred", "evaluate", "--truth", t.toString(), "--pred", p7.toString(),
                "--data", five.toString());
        Path shorter = file("short.csv", "label\n0\n1\n");
        bad("has 6 labels and --pred " + shorter + " has 2", "evaluate", "--truth", t.toString(), "--pred",
                shorter.toString());
        bad("unknown average 'median'", "evaluate", "--truth", t.toString(), "--pred", p.toString(), "--average", "median");
    }

    @Test
    void fitComparesWithAKnownClassColumn() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,kind\n");
        java.util.SplittableRandom g = new java.util.SplittableRandom(3);
        for (int i = 0; i < 300; i++) {
            int c = i % 3;
            csv.append(c * 10 + g.nextGaussian()).append(',').append(c * -7 + g.nextGaussian()).append(',')
                    .append(new String[] {"red", "green", "blue"}[c]).append('\n');
        }
        Path f = file("classes.csv", csv.toString());
        Result r = run("fit", f.toString(), "-k", "3", "--truth", "kind");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("adjusted Rand index 1.0000"), r.out);
        assertTrue(r.out.contains("red") && r.out.contains("blue"), r.out);
        Result k = run("fit", f.toString(), "--model", "kmeans", "-k", "3", "--truth", "kind", "--json");
        JsonNode o = new ObjectMapper().readTree(k.out);
        assertEquals(1.0, o.get("agreement").get("adjustedRandIndex").asDouble(), 1e-12);
        assertEquals(2, o.get("d").asInt(), "the class column is kept out of the fit");
        bad("--truth: no column named 'colour'", "fit", f.toString(), "--truth", "colour");
        bad("--truth: the bundled Old Faithful data have no column of known classes", "fit", "--truth", "kind");
    }

    @Test
    void selectBadInputIsNamed() {
        bad("the range 5..2 is reversed or empty", "select", "-k", "5..2");
        bad("-k: 'x..3' is not a range", "select", "-k", "x..3");
        bad("k: the range 300..301 starts above the number of rows (272)", "select", "-k", "300..301");
        bad("unknown structure 'banana'", "select", "--covariance", "full,banana");
        bad("unknown criterion 'dic'", "select", "--criterion", "dic");
        bad("--init: unknown start method 'hierarchical'", "select", "--init", "hierarchical");
    }
    /**
     * Every output location is checked before the fit: a --labels in a folder that does not exist,
     * or a folder where a file should go, fails at once (exit 2, the option named) and leaves the
     * other outputs unwritten.
     */
    @Test
    void outputLocationsAreCheckedBeforeTheFit() throws Exception {
        Path model = dir.resolve("model.json");
        Path missing = dir.resolve("no-such-folder").resolve("labels.csv");
        Result r = run("fit", "-k", "2", "--out", model.toString(), "--labels", missing.toString());
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("--labels " + missing + ": the folder"), r.err);
        assertFalse(Files.exists(model), "no model written when another output cannot be");
        assertTrue(r.out.isEmpty(), "no fit was run: " + r.out);

        Path folder = Files.createDirectory(dir.resolve("a-folder"));
        r = run("fit", "--model", "kmeans", "-k", "2", "--out", model.toString(), "--proba", folder.toString());
        assertEquals(2, r.code, r.err);
        r = run("fit", "--model", "gmm", "-k", "2", "--out", model.toString(), "--proba", folder.toString());
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("--proba " + folder + ": is a directory"), r.err);
        assertFalse(Files.exists(model));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("a-folder"), left.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file left behind by the checks");
        }
        Path samples = dir.resolve("gone").resolve("s.csv");
        Path saved = dir.resolve("m.json");
        assertEquals(0, run("fit", "-k", "2", "--out", saved.toString()).code);
        r = run("sample", "--model", saved.toString(), "-n", "5", "--out", samples.toString());
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("--out " + samples + ": the folder"), r.err);
    }
    /**
     * "-" sends an output to standard output, for pipelines: stdout then carries only that output
     * (the summary goes to standard error), one output at most, never a figure.
     */
    @Test
    void aDashSendsAnOutputToStandardOutput() throws Exception {
        Result r = run("fit", "-k", "2", "--labels", "-");
        assertEquals(0, r.code, r.err);
        String[] lines = r.out.split("\n");
        assertEquals(273, lines.length, "a header and 272 labels, nothing else: " + lines[0]);
        assertTrue(r.err.contains("Labels written to standard output"), r.err);
        assertTrue(r.err.contains("Gaussian mixture, k = 2"), r.err);

        r = run("fit", "--model", "kmeans", "-k", "3", "--out", "-");
        assertEquals(0, r.code, r.err);
        dev.mixtures.FittedModel m = dev.mixtures.io.ModelFiles.fromJson(r.out, "stdout");
        assertEquals(3, m.k());
        Path saved = dir.resolve("km.json");
        Files.writeString(saved, r.out);
        Result p = run("predict", "--model", saved.toString(), "--out", "-");
        assertEquals(0, p.code, p.err);
        assertEquals(273, p.out.split("\n").length);
        assertFalse(Files.exists(Path.of("-")), "no file named '-'");

        assertTrue(run("fit", "-k", "2", "--labels", "-", "--proba", "-").err
                .contains("--proba -: standard output already carries --labels -"));
        assertTrue(run("fit", "-k", "2", "--labels", "-", "--json").err.contains("already carries --json"));
        Result plot = run("fit", "-k", "2", "--plot", "-");
        assertEquals(2, plot.code);
        assertTrue(plot.err.contains("--plot: - should end in .svg or .png"), plot.err);
    }
    /** predict --id carries an identifier column (any text, quoted when it must be) to the output's first column. */
    @Test
    void predictCarriesAnIdentifierColumn() throws Exception {
        Path model = dir.resolve("m.json");
        assertEquals(0, run("fit", "--model", "gmm", "-k", "2", "--out", model.toString()).code);
        Path csv = dir.resolve("new.csv");
        Files.writeString(csv, "who,eruptions,waiting\nann,1.8,54\n\"bo, jr\",4.5,85\ncy,2.0,50\n");
        Result r = run("predict", "--model", model.toString(), csv.toString(), "--id", "who");
        assertEquals(0, r.code, r.err);
        String[] lines = r.out.split("\n");
        assertEquals("who,label", lines[0]);
        assertTrue(lines[1].startsWith("ann,") && lines[2].startsWith("\"bo, jr\",") && lines[3].startsWith("cy,"), r.out);
        assertEquals(lines[1].substring(4), lines[3].substring(3), "the two short eruptions share a component");
        assertFalse(lines[1].substring(4).equals(lines[2].substring(lines[2].lastIndexOf(',') + 1)));
        r = run("predict", "--model", model.toString(), csv.toString(), "--id", "1", "--proba");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("who,p0,p1\nann,"), r.out);
        r = run("predict", "--model", model.toString(), csv.toString(), "--id", "nobody");
        assertEquals(2, r.code);
        assertTrue(r.err.contains("no column named 'nobody'"), r.err);
    }
    /**
     * Constant columns (the always-0 pixels of an image set, say) are refused by the Gaussian
     * models with the option that leaves them out named; --drop-constant leaves them out and says which.
     */
    @Test
    void constantColumnsCanBeLeftOut() throws Exception {
        Path csv = dir.resolve("pixels.csv");
        StringBuilder b = new StringBuilder("p0,p1,p2,p3\n");
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            b.append("0,").append(r.nextGaussian() + (i % 2) * 6).append(",7,").append(r.nextGaussian()).append('\n');
        }
        Files.writeString(csv, b);
        Result refused = run("fit", csv.toString(), "-k", "2");
        assertEquals(2, refused.code);
        assertTrue(refused.err.contains("(p0) is constant") && refused.err.contains("--drop-constant"), refused.err);
        Result ok = run("fit", csv.toString(), "-k", "2", "--drop-constant");
        assertEquals(0, ok.code, ok.err);
        assertTrue(ok.err.contains("left out 2 constant columns: p0, p2"), ok.err);
        assertTrue(ok.out.contains("p1, p3"), ok.out);
        Path model = dir.resolve("m.json");
        assertEquals(0, run("fit", csv.toString(), "-k", "2", "--drop-constant", "--out", model.toString()).code);
        assertEquals(List.of("p1", "p3"), dev.mixtures.io.ModelFiles.read(model).columnNames());
        Result predict = run("predict", "--model", model.toString(), csv.toString());
        assertEquals(0, predict.code, predict.err);
        assertEquals(201, predict.out.split("\n").length, "the model's columns are found by name");
        assertTrue(run("predict", "--model", model.toString(), csv.toString(), "--drop-constant").err
                .contains("--drop-constant: the model's own columns are used"));
    }
    /** A summary of wide data lists the first columns and the last, not all of them, in its first line. */
    @Test
    void wideDataGetAShortColumnList() throws Exception {
        Path csv = dir.resolve("wide.csv");
        StringBuilder b = new StringBuilder();
        for (int j = 1; j <= 20; j++) {
            b.append(j > 1 ? "," : "").append("x").append(j);
        }
        b.append('\n');
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 100; i++) {
            for (int j = 1; j <= 20; j++) {
                b.append(j > 1 ? "," : "").append(r.nextGaussian() + (i % 2) * 5);
            }
            b.append('\n');
        }
        Files.writeString(csv, b);
        Result res = run("fit", csv.toString(), "--model", "kmeans", "-k", "2");
        assertEquals(0, res.code, res.err);
        String first = res.out.lines().findFirst().orElse("");
        assertTrue(first.contains("100 rows × 20 columns (x1, x2, x3, x4, x5, x6, …, x20)"), first);
    }
    /** convert writes .npy; a fit of it is the fit of the CSV, bit for bit; --columns on .npy input is refused. */
    @Test
    void convertedNpyFitsAsTheCsv() throws Exception {
        Path csv = dir.resolve("f.csv");
        Files.writeString(csv, dev.mixtures.datasets.OldFaithful.csvText());
        Path npy = dir.resolve("f.npy");
        Result c = run("convert", csv.toString(), npy.toString());
        assertEquals(0, c.code, c.err);
        assertTrue(c.out.contains("272 rows × 2 columns (eruptions, waiting) written to " + npy), c.out);
        Result a = run("fit", csv.toString(), "-k", "2", "--json");
        Result b = run("fit", npy.toString(), "-k", "2", "--json");
        assertEquals(0, b.code, b.err);
        ObjectMapper om = new ObjectMapper();
        assertTrue(om.readTree(b.out).has("logLikelihood") && om.readTree(b.out).has("means"), b.out);
        assertEquals(om.readTree(a.out).get("logLikelihood"), om.readTree(b.out).get("logLikelihood"));
        assertEquals(om.readTree(a.out).get("means"), om.readTree(b.out).get("means"));
        Result one = run("fit", npy.toString(), "--columns", "waiting", "-k", "2");
        assertEquals(0, one.code, one.err);
        assertTrue(one.out.contains("272 rows × 1 columns (waiting)"), one.out);
        assertTrue(run("fit", npy.toString(), "--columns", "2", "-k", "2").out.contains("(waiting)"));
        Result bad = run("fit", npy.toString(), "--columns", "height");
        assertEquals(2, bad.code);
        assertTrue(bad.err.contains("--columns: no column named 'height' in " + npy + " (columns: eruptions, waiting)"),
                bad.err);
        assertTrue(run("fit", npy.toString(), "--weights", "waiting").err.contains("--weights: " + npy + " is a .npy file"));
        Path model = dir.resolve("m.json");
        assertEquals(0, run("fit", csv.toString(), "-k", "2", "--columns", "waiting", "--out", model.toString()).code);
        Result p = run("predict", "--model", model.toString(), npy.toString());
        assertEquals(0, p.code, p.err);
        assertEquals(273, p.out.split("\n").length, "the model's column found by name in the sidecar");
        assertEquals(2, run("convert", csv.toString(), dir.resolve("f.txt").toString()).code);
    }
}
