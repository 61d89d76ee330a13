package dev.mixtures.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.datasets.OldFaithful;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.WeightPrior;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    /** The structures with a conjugate prior (the Bayesian mixture's; scikit-learn's four). */
    private static final java.util.List<CovarianceType> CONJUGATE = java.util.Arrays.stream(CovarianceType.values())
            .filter(CovarianceType::hasConjugatePrior).toList();


    @Test
    void roundTripPredictsExactlyAsTheFittedModel(@TempDir Path dir) throws Exception {
        KMeansModel m = KMeans.builder().k(3).standardize(true).seed(4).build().fit(OldFaithful.load());
        Path f = dir.resolve("m.json");
        ModelFiles.write(m, f);
        KMeansModel back = ModelFiles.read(f, KMeansModel.class);
        assertEquals(m.inertia(), back.inertia(), 0.0);
        assertArrayEquals(m.trace().history(), back.trace().history(), 0.0);
        assertArrayEquals(m.predict(OldFaithful.load()), back.predict(OldFaithful.load()));
        for (int c = 0; c < 3; c++) {
            assertArrayEquals(m.centres()[c], back.centres()[c], 0.0);
        }
        assertEquals(m.standardizer(), back.standardizer());
        assertEquals(m.settings().seed(), back.settings().seed());
        assertEquals(m.columnNames(), back.columnNames());
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temporary file is left behind");
        }
    }

    @Test
    void gaussianMixturesRoundTripExactlyForEveryStructure(@TempDir Path dir) {
        for (CovarianceType t : CovarianceType.values()) {
            for (boolean standardize : new boolean[] {false, true}) {
                GaussianMixtureModel m = GaussianMixture.builder().k(3).covariance(t).standardize(standardize).seed(2)
                        .build().fit(OldFaithful.load());
                Path f = dir.resolve(t.label() + standardize + ".json");
                ModelFiles.write(m, f);
                GaussianMixtureModel back = ModelFiles.read(f, GaussianMixtureModel.class);
                String what = t + (standardize ? " standardized" : "");
                assertArrayEquals(m.scoreSamples(OldFaithful.load()), back.scoreSamples(OldFaithful.load()), 0.0, what);
                assertArrayEquals(m.predict(OldFaithful.load()), back.predict(OldFaithful.load()), what);
                assertArrayEquals(m.weights(), back.weights(), 0.0, what);
                assertEquals(m.logLikelihood(), back.logLikelihood(), 0.0, what);
                assertEquals(m.bic(), back.bic(), 0.0, what);
                assertEquals(t, back.covarianceType());
                assertArrayEquals(m.trace().history(), back.trace().history(), 0.0, what);
            }
        }
        // A model started from given parameters keeps them.
        GaussianMixtureModel first = GaussianMixture.builder().k(2).build().fit(OldFaithful.load());
        GaussianMixtureModel warm = GaussianMixture.builder().warmStart(first).build().fit(OldFaithful.load());
        Path f = dir.resolve("warm.json");
        ModelFiles.write(warm, f);
        GaussianMixtureModel back = ModelFiles.read(f, GaussianMixtureModel.class);
        assertEquals(StartMethod.GIVEN, back.settings().init());
        assertArrayEquals(first.weights(), back.settings().initialWeights(), 0.0);
        InputException e = assertThrows(InputException.class, () -> ModelFiles.read(f, KMeansModel.class));
        assertTrue(e.getMessage().contains("holds a gmm model"), e.getMessage());
    }

    @Test
    void bayesianMixturesRoundTripExactlyForEveryStructureAndWeightPrior(@TempDir Path dir) throws Exception {
        var data = OldFaithful.load();
        for (CovarianceType t : CONJUGATE) {
            for (WeightPrior wp : WeightPrior.values()) {
                for (boolean standardize : new boolean[] {false, true}) {
                    BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(4).covariance(t).weightPrior(wp)
                            .standardize(standardize).build().fit(data);
                    Path f = dir.resolve(t.label() + wp.label() + standardize + ".json");
                    ModelFiles.write(m, f);
                    BayesianGaussianMixtureModel back = ModelFiles.read(f, BayesianGaussianMixtureModel.class);
                    String what = t + " " + wp + (standardize ? " standardized" : "");
                    assertArrayEquals(m.scoreSamples(data), back.scoreSamples(data), 0.0, what);
                    assertArrayEquals(m.predict(data), back.predict(data), what);
                    double[][] r = m.predictProba(data);
                    double[][] rb = back.predictProba(data);
                    for (int i = 0; i < r.length; i++) {
                        assertArrayEquals(r[i], rb[i], 0.0, what);
                    }
                    assertArrayEquals(m.weights(), back.weights(), 0.0, what);
                    assertEquals(m.lowerBound(), back.lowerBound(), 0.0, what);
                    assertEquals(m.effectiveComponents(), back.effectiveComponents(), what);
                    assertArrayEquals(m.sample(50, 3).points()[49], back.sample(50, 3).points()[49], 0.0, what);
                    assertEquals(wp, back.weightPrior());
                    assertArrayEquals(m.trace().history(), back.trace().history(), 0.0, what);
                    // The components the moves left, K and the moves setting survive.
                    assertEquals(m.k(), back.k(), what);
                    assertEquals(4, back.settings().k(), what);
                    assertEquals(m.settings().moves(), back.settings().moves(), what);
                    assertEquals(m.moves(), back.moves(), what);
                    assertEquals(m.reorders(), back.reorders(), what);
                    assertArrayEquals(m.componentsInUseHistory(), back.componentsInUseHistory(), what);
                }
            }
        }
        // Given priors survive, in original units.
        BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(2).meanPrior(new double[] {3, 70})
                .covariancePrior(new double[][] {{1, 0}, {0, 100}}).nu0(3).concentration(0.5).standardize(true).build()
                .fit(data);
        Path f = dir.resolve("priors.json");
        ModelFiles.write(m, f);
        BayesianGaussianMixtureModel back = ModelFiles.read(f, BayesianGaussianMixtureModel.class);
        assertArrayEquals(new double[] {3, 70}, back.meanPrior(), 1e-12);
        assertArrayEquals(new double[] {0, 100}, back.covariancePrior()[1], 1e-12);
        assertEquals(3, back.settings().nu0(), 0);
        assertBad(dir, Files.readString(f).replace("\"nu\"", "\"nus\""), "parameters.posterior.nu");
        assertBad(dir, Files.readString(f).replace("\"nu0\" : 3.0", "\"nu0\" : 0.5"), "nu0 must be greater than d − 1");
        // The moves: a bad setting, and more components in use than K.
        BayesianGaussianMixtureModel moved = BayesianGaussianMixture.builder().k(6).build().fit(data);
        assertTrue(moved.k() < 6, "the moves took components out: " + moved.k());
        Path g = dir.resolve("moved.json");
        ModelFiles.write(moved, g);
        String text = Files.readString(g);
        assertTrue(text.contains("\"moves\" : \"all\""), text);
        assertBad(dir, text.replace("\"moves\" : \"all\"", "\"moves\" : \"merge,split\""), "unknown move 'split'");
        assertBad(dir, text.replace("\"k\" : 6", "\"k\" : 1"), moved.k() + " components in use, K = 1");
        assertFalse(moved.moves().isEmpty());
        assertBad(dir, text.replace("\"kind\" : \"merge\"", "\"kind\" : \"split\"").replace("\"kind\" : \"delete\"",
                "\"kind\" : \"split\""), "unknown move 'split'");
        assertBad(dir, text.replaceFirst("\"inUse\" : \\d+", "\"inUse\" : 9"), "inconsistent moves");
        // A file from before the moves (no "moves" setting) was fitted without them.
        ModelFiles.write(moved, g);
        Files.writeString(g, text.replace("\"moves\" : \"all\",", ""));
        assertTrue(ModelFiles.read(g, BayesianGaussianMixtureModel.class).settings().moves().isEmpty());
    }

    @Test
    void damagedGaussianFilesAreNamed(@TempDir Path dir) throws Exception {
        GaussianMixtureModel m = GaussianMixture.builder().k(2).build().fit(OldFaithful.load());
        Path good = dir.resolve("g.json");
        ModelFiles.write(m, good);
        String text = Files.readString(good);
        assertBad(dir, text.replace("\"covariances\"", "\"cov\""), "parameters.covariances");
        assertBad(dir, text.replace("\"covariance\" : \"full\"", "\"covariance\" : \"banana\""), "unknown structure 'banana'");
        // A covariance that is not positive definite: its first variance made negative.
        com.fasterxml.jackson.databind.ObjectMapper om = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode root = om.readTree(text);
        ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("parameters").get("covariances").get(1).get(0)).set(0, -1.0);
        assertBad(dir, om.writeValueAsString(root), "covariance of component 2 is not positive definite");
    }

    @Test
    void damagedFilesAndOtherVersionsAreNamed(@TempDir Path dir) throws Exception {
        KMeansModel m = KMeans.builder().k(2).seed(4).build().fit(OldFaithful.load());
        Path good = dir.resolve("m.json");
        ModelFiles.write(m, good);
        String text = Files.readString(good);

        assertBad(dir, text.substring(0, text.length() / 2), "not a valid model file: JSON syntax error at line");
        assertBad(dir, text.replace("\"formatVersion\" : 1", "\"formatVersion\" : 7"), "model format version 7 is not supported");
        assertBad(dir, "{}", "not a mixtures model file (no formatVersion)");
        assertBad(dir, "[1,2]", "the top level is not a JSON object");
        assertBad(dir, text.replace("\"centres\"", "\"centers_\""), "field 'centres' is missing");
        assertBad(dir, text.replace("\"kmeans\"", "\"spline\""), "model 'spline' is not known");
        InputException e = assertThrows(InputException.class, () -> ModelFiles.read(dir.resolve("none.json")));
        assertTrue(e.getMessage().endsWith("none.json: no such model file"));
    }

    @Test
    void hostileJsonIsRefusedAsADamagedFile(@TempDir Path dir) throws Exception {
        // Past Jackson's limits (nesting 1,000, a string of 20 M characters, a number of 1,000
        // digits) its exception had no location, and reading its line number failed.
        assertBad(dir, "[".repeat(1200) + "]".repeat(1200), "nesting depth");
        assertBad(dir, "{\"formatVersion\": 1, \"x\": \"" + "a".repeat(25_000_000) + "\"}", "String value length");
        assertBad(dir, "{\"formatVersion\": " + "1".repeat(2000) + "}", "Number value length");
        // Not UTF-8, and not text at all.
        Path latin = dir.resolve("latin.json");
        // "café" in Latin-1, as an editor might save it.
        Files.write(latin, "{\"caf\u00e9\": 1, \"formatVersion\": 1}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        InputException e = assertThrows(InputException.class, () -> ModelFiles.read(latin));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aModelFileLargerThanAnyModelIsRefusedBeforeItIsRead(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(JsonInput.MAX_BYTES + 1); // sparse: no disk used
        }
        InputException e = assertThrows(InputException.class, () -> ModelFiles.read(big));
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        // A device that never ends fails at its first byte, not when memory runs out.
        Path zero = Path.of("/dev/zero");
        if (Files.exists(zero)) {
            InputException z = assertThrows(InputException.class, () -> ModelFiles.read(zero));
            assertTrue(z.getMessage().contains("not a valid model file"), z.getMessage());
        }
    }

    private static void assertBad(Path dir, String content, String expected) throws Exception {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, content);
        InputException e = assertThrows(InputException.class, () -> ModelFiles.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void failedWriteLeavesTheOldFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("out.csv");
        Files.writeString(f, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(f, w -> {
            w.write("half");
            throw new IllegalStateException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }
}
