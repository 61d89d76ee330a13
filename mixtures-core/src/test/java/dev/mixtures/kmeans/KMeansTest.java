package dev.mixtures.kmeans;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.datasets.OldFaithful;
import dev.mixtures.em.EmLoop;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Kernels;
import dev.mixtures.linalg.ScalarDistanceKernel;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KMeansTest {

    @Test
    void oldFaithfulStandardisedKnownOptimum() {
        KMeansModel m = KMeans.builder().k(2).standardize(true).nInit(20).seed(11).build().fit(OldFaithful.load());
        assertEquals(79.57596, m.inertia(), 5e-6);
        double[] sizes = m.sizes();
        Arrays.sort(sizes);
        assertArrayEquals(new double[] {98, 174}, sizes, 0.0);
        assertTrue(m.trace().converged());
        // Centres in original units: the short-eruption group near (2.09, 54.75), the long one near (4.30, 80.28).
        double[][] c = m.centresInOriginalUnits();
        double lo = Math.min(c[0][0], c[1][0]);
        assertEquals(2.09, lo, 0.05);
    }

    @Test
    void costNeverIncreases() {
        for (long seed = 1; seed <= 5; seed++) {
            Dataset data = Blobs.generate(3000, 5, 8, 4, seed);
            for (KMeans.Algorithm alg : new KMeans.Algorithm[] {KMeans.Algorithm.LLOYD, KMeans.Algorithm.HAMERLY}) {
                KMeansModel m = KMeans.builder().k(12).nInit(1).tol(0).seed(seed).algorithm(alg)
                        .init(KMeans.Init.RANDOM).build().fit(data);
                double[] h = m.trace().history();
                assertTrue(h.length > 2, "several iterations expected");
                for (int i = 1; i < h.length; i++) {
                    assertTrue(h[i] <= h[i - 1], alg + " seed " + seed + ": J rose at iteration " + (i + 1) + ": " + h[i - 1] + " -> " + h[i]);
                }
                assertTrue(m.inertia() <= h[h.length - 1]);
            }
        }
    }

    @Test
    void hamerlyMakesLloydsAssignmentsBitForBit() {
        // Blobs, and a grid of integers with duplicated rows and exact ties between centres.
        Dataset blobs = Blobs.generate(9000, 3, 10, 3, 5);
        double[] grid = new double[2 * 2000];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < grid.length; i++) {
            grid[i] = r.nextInt(12);
        }
        for (Dataset data : new Dataset[] {blobs, Dataset.of(grid, 2000, 2)}) {
            for (long seed = 1; seed <= 3; seed++) {
                KMeansBuilder b = KMeans.builder().k(9).nInit(1).tol(0).seed(seed).init(KMeans.Init.RANDOM);
                KMeansModel lloyd = b.algorithm(KMeans.Algorithm.LLOYD).build().fit(data);
                KMeansModel ham = b.algorithm(KMeans.Algorithm.HAMERLY).build().fit(data);
                assertEquals("hamerly", ham.algorithm());
                assertArrayEquals(lloyd.trace().history(), ham.trace().history(), 0.0);
                assertArrayEquals(lloyd.predict(data), ham.predict(data));
                assertEquals(lloyd.inertia(), ham.inertia(), 0.0);
                for (int c = 0; c < 9; c++) {
                    assertArrayEquals(lloyd.centres()[c], ham.centres()[c], 0.0);
                }
            }
        }
    }

    @Test
    void hamerlySkipsMostDistancesOnceCentresSettle() {
        Dataset data = Blobs.generate(20000, 4, 6, 20, 9);
        Dataset z = data;
        AssignFamily fam = new AssignFamily(z, 6, true, Kernels.best(), 0, 1);
        double[] c0 = Seeding.kMeansPlusPlus(z, 6, new SplittableRandom(1), new dev.mixtures.em.Workers(1), Kernels.best());
        Centres c = Centres.initial(c0, 6, 4, Kernels.best().lanes(), true);
        java.util.List<KMeansStatistics> chunks = new java.util.ArrayList<>();
        KMeansStatistics total = fam.newStatistics();
        Centres used = c;
        try (dev.mixtures.em.Workers w = new dev.mixtures.em.Workers(1)) {
            for (int it = 1; it <= 6; it++) {
                fam.recomputed.set(0);
                EmLoop.eStep(fam, c, z.n(), w, chunks, total);
                used = c;
                c = fam.mStep(c, total, it);
            }
        }
        assertTrue(fam.recomputed.get() < z.n() / 10, "rows recomputed in iteration 6: " + fam.recomputed.get());
        // Skipping is exact: the labels kept are the nearest centres of a full search.
        assertArrayEquals(KMeans.nearest(z, used.c, 6), fam.labels);
    }

    @Test
    void sameBitsOnAnyNumberOfThreads() {
        Dataset data = Blobs.generate(3 * EmLoop.CHUNK_ROWS + 123, 6, 7, 5, 4);
        for (KMeans.Algorithm alg : new KMeans.Algorithm[] {KMeans.Algorithm.LLOYD, KMeans.Algorithm.HAMERLY,
                KMeans.Algorithm.MINIBATCH}) {
            KMeansBuilder b = KMeans.builder().k(7).nInit(3).seed(99).algorithm(alg);
            KMeansModel one = b.threads(1).build().fit(data);
            KMeansModel three = b.threads(3).build().fit(data);
            assertEquals(one.inertia(), three.inertia(), 0.0, alg.toString());
            assertArrayEquals(one.trace().history(), three.trace().history(), 0.0);
            assertEquals(one.trace().restart(), three.trace().restart());
            for (int c = 0; c < 7; c++) {
                assertArrayEquals(one.centres()[c], three.centres()[c], 0.0);
            }
        }
    }

    @Test
    void vectorAndScalarKernelsGiveTheSameModel() {
        DistanceKernel v = Kernels.vectorOrNull();
        // Without the module there is no second kernel to compare: say so (a skip), never compare the scalar one with itself.
        if (v == null) {
            assertEquals("false", System.getProperty("mixtures.expectVectorModule"));
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(v != null, "no Vector API module in this run");
        Dataset data = Blobs.generate(6000, 9, 5, 3, 8);
        KMeansBuilder b = KMeans.builder().k(11).nInit(2).seed(5);
        KMeansModel scalar = b.kernel(ScalarDistanceKernel.INSTANCE).build().fit(data);
        KMeansModel best = b.kernel(v).build().fit(data);
        assertEquals(scalar.inertia(), best.inertia(), 0.0);
        assertArrayEquals(scalar.trace().history(), best.trace().history(), 0.0);
    }

    @Test
    void weightEqualsRepeatedRows() {
        Dataset base = Blobs.generate(400, 3, 4, 3, 12);
        SplittableRandom r = new SplittableRandom(4);
        double[] w = new double[base.n()];
        int total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextInt(4);
            total += (int) w[i];
        }
        w[0] = Math.max(1, w[0]);
        total = 0;
        for (double v : w) {
            total += (int) v;
        }
        double[] rep = new double[total * 3];
        int p = 0;
        for (int i = 0; i < base.n(); i++) {
            for (int t = 0; t < (int) w[i]; t++) {
                System.arraycopy(base.valuesView(), i * 3, rep, 3 * p++, 3);
            }
        }
        double[][] start = {base.row(0), base.row(1), base.row(2), base.row(3), base.row(5)};
        for (boolean standardize : new boolean[] {false, true}) {
            KMeans km = KMeans.builder().k(5).initialCentres(start).tol(0).standardize(standardize).build();
            KMeansModel weighted = km.fit(base.withWeights(w));
            KMeansModel repeated = km.fit(Dataset.of(rep, total, 3));
            assertEquals(repeated.inertia(), weighted.inertia(), 1e-9 * repeated.inertia());
            assertEquals(repeated.trace().iterations(), weighted.trace().iterations());
            for (int c = 0; c < 5; c++) {
                assertArrayEquals(repeated.centres()[c], weighted.centres()[c], 1e-10);
                assertEquals(repeated.sizes()[c], weighted.sizes()[c], 1e-9);
            }
        }
    }

    @Test
    void emptyClusterIsReseededAtTheFarthestPoint() {
        // Centre 3 starts far from every row, so it is empty after the first E-step.
        double[][] rows = {{0, 0}, {0, 1}, {1, 0}, {10, 10}, {10, 11}, {11, 10}, {30, 0}};
        Dataset data = Dataset.of(rows);
        double[][] start = {{0, 0}, {10, 10}, {1000, 1000}};
        KMeansModel m = KMeans.builder().k(3).initialCentres(start).tol(0).algorithm(KMeans.Algorithm.LLOYD).build().fit(data);
        double[][] c = m.centres();
        assertArrayEquals(new double[] {30, 0}, c[2], 0.0, "re-seeded at (30, 0), the row farthest from its centre");
        for (double s : m.sizes()) {
            assertTrue(s > 0);
        }
        for (double[] row : c) {
            for (double v : row) {
                assertFalse(Double.isNaN(v));
            }
        }
        KMeansModel ham = KMeans.builder().k(3).initialCentres(start).tol(0).algorithm(KMeans.Algorithm.HAMERLY).build().fit(data);
        assertEquals(m.inertia(), ham.inertia(), 0.0);
    }

    @Test
    void modelApiAgreesWithTheFit() {
        Dataset data = Blobs.generate(5000, 4, 5, 40, 21);
        KMeansModel m = KMeans.builder().k(5).seed(2).build().fit(data);
        assertEquals(m.inertia(), m.cost(data), 1e-10 * m.inertia());
        int[] labels = m.predict(data);
        double[][] dist = m.transform(data);
        double[] sizes = new double[5];
        for (int i = 0; i < data.n(); i++) {
            sizes[labels[i]]++;
            assertEquals(labels[i], m.predict(data.row(i)));
            for (int c = 0; c < 5; c++) {
                assertTrue(dist[i][labels[i]] <= dist[i][c]);
            }
        }
        assertArrayEquals(m.sizes(), sizes, 0.0);
        // Five well-separated blobs of 1000: each cluster is one blob.
        for (double s : sizes) {
            assertEquals(1000, s, 0.0);
        }
    }

    @Test
    void miniBatchComesCloseToLloyd() {
        Dataset data = Blobs.generate(60000, 8, 10, 10, 17);
        KMeansModel full = KMeans.builder().k(10).nInit(3).seed(1).build().fit(data);
        KMeansModel mb = KMeans.builder().k(10).nInit(3).seed(1).algorithm(KMeans.Algorithm.MINIBATCH).batchSize(2048)
                .build().fit(data);
        assertEquals("minibatch", mb.algorithm());
        double ratio = mb.inertia() / full.inertia();
        assertTrue(ratio >= 1 - 1e-12 && ratio < 1.05, "mini-batch J / Lloyd J = " + ratio);
        // The stopping rule ends the run once the smoothed cost stops falling: here within three
        // passes over the data (30 batches of 2048 each), far from max-iter's 300 passes.
        for (long seed = 1; seed <= 3; seed++) {
            KMeansModel m = KMeans.builder().k(10).nInit(3).seed(seed).algorithm(KMeans.Algorithm.MINIBATCH)
                    .batchSize(2048).build().fit(data);
            int batches = m.trace().history().length;
            assertTrue(batches >= 2 && batches <= 90, "seed " + seed + ": " + batches + " batches");
            assertTrue(m.inertia() / full.inertia() < 1.05, "seed " + seed + ": J ratio " + m.inertia() / full.inertia());
        }
    }

    @Test
    void seedsReproduceAndDiffer() {
        Dataset data = Blobs.generate(2000, 3, 20, 2, 6);
        KMeansBuilder b = KMeans.builder().k(20).nInit(1);
        assertEquals(b.seed(4).build().fit(data).inertia(), b.seed(4).build().fit(data).inertia(), 0.0);
        assertNotEquals(b.seed(4).build().fit(data).inertia(), b.seed(5).build().fit(data).inertia());
    }

    @Test
    void badSettingsAndDataAreNamed() {
        assertMessage("k must be at least 1, got 0", () -> KMeans.builder().k(0).build());
        assertMessage("n-init must be at least 1, got 0", () -> KMeans.builder().nInit(0).build());
        assertMessage("max-iter must be at least 1", () -> KMeans.builder().maxIter(0).build());
        assertMessage("tol must be", () -> KMeans.builder().tol(-1).build());
        assertMessage("threads must be at least 1", () -> KMeans.builder().threads(0).build());
        // A million threads: the pool started them for 20 s and ran out of memory (2^31 − 1: "Requested array size exceeds VM limit").
        assertMessage("threads must be at most 1024, got 1000000", () -> KMeans.builder().threads(1_000_000).build());
        assertMessage("threads must be at most 1024, got 2147483647", () -> new dev.mixtures.em.Workers(Integer.MAX_VALUE));
        assertMessage("init: 1 centres given, but k = 2", () -> KMeans.builder().k(2).initialCentres(new double[][] {{1}}).build());
        Dataset three = Dataset.of(new double[][] {{1}, {2}, {3}});
        assertMessage("k = 4 is more than the number of rows (3)", () -> KMeans.builder().k(4).build().fit(three));
        Dataset dup = Dataset.of(new double[][] {{1, 1}, {1, 1}, {2, 2}, {2, 2}});
        assertMessage("only 2 distinct row(s), fewer than k = 3", () -> KMeans.builder().k(3).build().fit(dup));
        Dataset zeroW = Dataset.of(new double[][] {{1}, {2}, {3}}).withWeights(new double[] {1, 0, 0});
        assertMessage("only 1 distinct row(s) of positive weight", () -> KMeans.builder().k(2).build().fit(zeroW));
        assertMessage("init: the given centres have 2 coordinates but the data have 1 columns",
                () -> KMeans.builder().k(1).initialCentres(new double[][] {{1, 2}}).build().fit(three));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), "message was: " + ex.getMessage());
    }
}
