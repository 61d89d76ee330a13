package dev.mixtures.gaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.datasets.OldFaithful;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {

    @Test
    void oldFaithfulFullReachesTheMclustLogLikelihoodWithDefaults() {
        GaussianMixtureModel m = GaussianMixture.builder().k(2).build().fit(OldFaithful.load());
        // mclust publishes -1130.264; the maximum itself is -1130.2639601847 (MATH.md §2.3, item 5).
        assertEquals(-1130.2640, m.logLikelihood(), 1e-3);
        assertEquals(-1130.2639601847, m.logLikelihood(), 1e-6);
        assertTrue(m.converged());
        assertEquals(11, m.parameterCount());
        assertEquals(-2 * m.logLikelihood() + 11 * Math.log(272), m.bic(), 1e-9);
        assertEquals(-2 * m.logLikelihood() + 22, m.aic(), 1e-9);
        double[] w = m.weights();
        Arrays.sort(w);
        assertEquals(0.3559, w[0], 1e-3);
    }

    @Test
    void standardisingGivesTheSameLikelihoodInOriginalUnits() {
        // A Gaussian mixture is affine-equivariant: without regularisation, the fit on standardised
        // columns, reported in original units, is the same model.
        GaussianMixtureModel m = GaussianMixture.builder().k(2).regCovar(0).standardize(true).build().fit(OldFaithful.load());
        assertEquals(-1130.2639601847, m.logLikelihood(), 1e-6);
        GaussianMixtureModel raw = GaussianMixture.builder().k(2).regCovar(0).build().fit(OldFaithful.load());
        double[] a = m.scoreSamples(OldFaithful.load());
        double[] b = raw.scoreSamples(OldFaithful.load());
        assertArrayEquals(b, a, 1e-5);
        assertEquals(raw.score(OldFaithful.load()), m.meanLogLikelihood(), 1e-8);
    }

    @Test
    void logLikelihoodNeverDecreasesForAllStructures() {
        Dataset data = Blobs.generate(5000, 4, 6, 3, 3);
        for (CovarianceType t : CovarianceType.values()) {
            for (StartMethod init : new StartMethod[] {StartMethod.KMEANS, StartMethod.RANDOM}) {
                GaussianMixtureModel m = GaussianMixture.builder().k(6).covariance(t).init(init).seed(5).build().fit(data);
                double[] h = m.trace().history();
                assertTrue(h.length > 2, t + " " + init);
                for (int i = 1; i < h.length; i++) {
                    assertTrue(h[i] >= h[i - 1] - 1e-10 * Math.abs(h[i - 1]),
                            t + " " + init + " iteration " + i + ": " + h[i - 1] + " -> " + h[i]);
                }
                assertTrue(m.logLikelihood() >= h[h.length - 1] - 1e-10 * Math.abs(h[h.length - 1]));
                assertTrue(m.notes().isEmpty(), m.notes().toString());
            }
        }
    }

    @Test
    void sameBitsOnAnyNumberOfThreads() {
        Dataset data = Blobs.generate(20_000, 3, 5, 3, 9);
        for (CovarianceType t : CovarianceType.values()) {
            GaussianMixtureBuilder b = GaussianMixture.builder().k(5).covariance(t).nInit(3).seed(3).maxIter(30);
            GaussianMixtureModel one = b.threads(1).build().fit(data);
            GaussianMixtureModel three = b.threads(3).build().fit(data);
            assertArrayEquals(one.trace().history(), three.trace().history(), 0.0, t.label());
            assertEquals(one.logLikelihood(), three.logLikelihood(), 0.0);
            for (int c = 0; c < 5; c++) {
                assertArrayEquals(one.means()[c], three.means()[c], 0.0);
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(one.covariances()[c][i], three.covariances()[c][i], 0.0);
                }
            }
            assertArrayEquals(one.scoreSamples(data), three.scoreSamples(data), 0.0);
        }
    }

    @Test
    void vectorAndScalarKernelsGiveTheSameBits() {
        if (GaussianKernels.vectorAnyWidth() == null) {
            assertEquals("scalar", GaussianKernels.best().name());
            return;
        }
        Dataset data = Blobs.generate(9_000, 5, 4, 3, 4).withWeights(randomWeights(9_000, 8));
        for (CovarianceType t : CovarianceType.values()) {
            GaussianMixtureBuilder b = GaussianMixture.builder().k(4).covariance(t).seed(8).maxIter(25);
            GaussianMixtureModel s = b.kernel("scalar").build().fit(data);
            GaussianMixtureModel v = b.kernel("vector").build().fit(data);
            assertArrayEquals(s.trace().history(), v.trace().history(), 0.0, t.label());
            assertEquals(s.logLikelihood(), v.logLikelihood(), 0.0);
            assertArrayEquals(s.weights(), v.weights(), 0.0);
        }
    }

    private static double[] randomWeights(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextInt(4);
        }
        return w;
    }

    @Test
    void weightsActAsRepeatedRows() {
        SplittableRandom r = new SplittableRandom(1);
        Dataset base = Blobs.generate(600, 3, 3, 3, 2);
        double[] w = new double[base.n()];
        int total = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextInt(4);
            total += (int) w[i];
        }
        double[] rep = new double[total * 3];
        int at = 0;
        for (int i = 0; i < base.n(); i++) {
            for (int c = 0; c < w[i]; c++) {
                System.arraycopy(base.row(i), 0, rep, at, 3);
                at += 3;
            }
        }
        Dataset weighted = base.withWeights(w);
        Dataset repeated = Dataset.of(rep, total, 3);
        for (CovarianceType t : CovarianceType.values()) {
            GaussianMixture g = GaussianMixture.builder().covariance(t).build();
            GaussianMixtureModel s0 = GaussianMixture.builder().k(3).covariance(t).maxIter(2).build().fit(repeated);
            GaussianMixture from = g.toBuilder().warmStart(s0).maxIter(50).build();
            GaussianMixtureModel a = from.fit(weighted);
            GaussianMixtureModel b = from.fit(repeated);
            assertEquals(b.logLikelihood(), a.logLikelihood(), 1e-9 * Math.abs(b.logLikelihood()), t.label());
            assertEquals(b.trace().iterations(), a.trace().iterations());
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(b.means()[c], a.means()[c], 1e-9);
                assertEquals(b.sizes()[c], a.sizes()[c], 1e-8);
            }
            assertEquals(b.bic(), a.bic(), 1e-8 * Math.abs(b.bic()));
        }
    }

    @Test
    void responsibilitiesSumToOneAndPredictIsTheirArgmax() {
        Dataset data = Blobs.generate(3000, 4, 5, 2, 6);
        for (CovarianceType t : CovarianceType.values()) {
            GaussianMixtureModel m = GaussianMixture.builder().k(5).covariance(t).build().fit(data);
            double[][] r = m.predictProba(data);
            int[] labels = m.predict(data);
            for (int i = 0; i < r.length; i++) {
                double s = 0;
                int best = 0;
                for (int c = 0; c < 5; c++) {
                    assertTrue(r[i][c] >= 0 && r[i][c] <= 1);
                    s += r[i][c];
                    if (r[i][c] > r[i][best]) {
                        best = c;
                    }
                }
                assertEquals(1.0, s, 1e-12);
                assertEquals(r[i][best], r[i][labels[i]], 0.0);
            }
            double[] sizes = m.sizes();
            double[] colSums = new double[5];
            for (double[] row : r) {
                for (int c = 0; c < 5; c++) {
                    colSums[c] += row[c];
                }
            }
            assertArrayEquals(sizes, colSums, 1e-8);
        }
    }

    @Test
    void logDensityMatchesAnIndependentFormula() {
        GaussianMixtureModel m = GaussianMixture.builder().k(3).build().fit(OldFaithful.load());
        Dataset data = OldFaithful.load();
        double[] ll = m.scoreSamples(data);
        double[] w = m.weights();
        double[][] mu = m.means();
        double[][][] cov = m.covariances();
        for (int i = 0; i < data.n(); i += 17) {
            double p = 0;
            for (int c = 0; c < 3; c++) {
                // The 2-D normal density from the determinant and the explicit inverse (fine in a test).
                double a = cov[c][0][0];
                double b = cov[c][0][1];
                double dd = cov[c][1][1];
                double det = a * dd - b * b;
                double x = data.get(i, 0) - mu[c][0];
                double y = data.get(i, 1) - mu[c][1];
                double q = (dd * x * x - 2 * b * x * y + a * y * y) / det;
                p += w[c] * Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
            }
            assertEquals(Math.log(p), ll[i], 1e-11 * Math.abs(ll[i]));
        }
        double sum = 0;
        for (double v : ll) {
            sum += v;
        }
        assertEquals(m.logLikelihood(), sum, 1e-9);
    }

    /** PRML §9.4, MATH.md §2.5: L(q, θ) = ln p(X|θ) at the posterior, and below it for any other q. */
    @Test
    void lowerBoundEqualsLogLikelihoodAtThePosteriorOnly() {
        Dataset data = OldFaithful.load();
        GaussianMixtureModel m = GaussianMixture.builder().k(3).covariance(CovarianceType.DIAG).maxIter(4).build().fit(data);
        double[][] post = m.predictProba(data);
        double lnp = 0;
        for (double v : m.scoreSamples(data)) {
            lnp += v;
        }
        assertEquals(lnp, bound(m, data, post), 1e-9 * Math.abs(lnp));
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            double[][] q = new double[post.length][3];
            for (int i = 0; i < q.length; i++) {
                double s = 0;
                for (int c = 0; c < 3; c++) {
                    // Mix the posterior with noise: close to it, never equal.
                    q[i][c] = 0.9 * post[i][c] + 0.1 * r.nextDouble();
                    s += q[i][c];
                }
                for (int c = 0; c < 3; c++) {
                    q[i][c] /= s;
                }
            }
            double l = bound(m, data, q);
            assertTrue(l < lnp, "L(q) = " + l + " must be below ln p = " + lnp);
        }
    }

    private static double bound(GaussianMixtureModel m, Dataset data, double[][] q) {
        // L(q, θ) = Σ_n Σ_k q_nk [ln π_k + ln N(x_n|μ_k, Σ_k) − ln q_nk], componentwise from single-component models.
        double[] w = m.weights();
        double l = 0;
        for (int c = 0; c < m.k(); c++) {
            GaussianMixtureModel one = GaussianMixture.builder().k(1).covariance(m.covarianceType())
                    .initialParameters(new double[] {1.0}, new double[][] {m.means()[c]}, new double[][][] {m.covariances()[c]})
                    .maxIter(1).build().fit(data);
            // maxIter 1 moves the parameters; score with the given ones through a restored model instead.
            GaussianMixtureModel fixed = GaussianMixtureModel.restore(one.settings(), new double[] {1.0},
                    new double[][] {m.means()[c]}, new double[][][] {m.covariances()[c]}, new double[] {data.n()}, 0,
                    new dev.mixtures.Training(null, data.columnNames(), data.n(), data.n(), one.trace(),
                            java.util.List.of()));
            double[] lnN = fixed.scoreSamples(data);
            for (int i = 0; i < data.n(); i++) {
                if (q[i][c] > 0) {
                    l += q[i][c] * (Math.log(w[c]) + lnN[i] - Math.log(q[i][c]));
                }
            }
        }
        return l;
    }

    @Test
    void samplesMatchTheModelWithinSamplingError() {
        GaussianMixtureModel m = GaussianMixture.builder().k(2).build().fit(OldFaithful.load());
        int n = 200_000;
        GaussianMixtureModel.Sample s = m.sample(n, 42);
        double[] w = m.weights();
        double[][] mu = m.means();
        double[][][] cov = m.covariances();
        for (int c = 0; c < 2; c++) {
            int count = 0;
            double[] mean = new double[2];
            for (int i = 0; i < n; i++) {
                if (s.components()[i] == c) {
                    count++;
                    mean[0] += s.points()[i][0];
                    mean[1] += s.points()[i][1];
                }
            }
            // 5 standard errors: a false alarm has probability below 1e-6 per check.
            double seW = Math.sqrt(w[c] * (1 - w[c]) / n);
            assertEquals(w[c], count / (double) n, 5 * seW);
            mean[0] /= count;
            mean[1] /= count;
            double[][] sc = new double[2][2];
            for (int i = 0; i < n; i++) {
                if (s.components()[i] == c) {
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            sc[a][b] += (s.points()[i][a] - mean[a]) * (s.points()[i][b] - mean[b]) / count;
                        }
                    }
                }
            }
            for (int a = 0; a < 2; a++) {
                assertEquals(mu[c][a], mean[a], 5 * Math.sqrt(cov[c][a][a] / count));
                for (int b = 0; b < 2; b++) {
                    // Var of a sample covariance entry: (Σ_aa Σ_bb + Σ_ab²) / count for Gaussian data.
                    double se = Math.sqrt((cov[c][a][a] * cov[c][b][b] + cov[c][a][b] * cov[c][a][b]) / count);
                    assertEquals(cov[c][a][b], sc[a][b], 5 * se);
                }
            }
        }
        assertArrayEquals(s.components(), m.sample(n, 42).components(), "the same seed gives the same sample");
    }

    @Test
    void everyInitialisationWorks() {
        Dataset data = Blobs.generate(2000, 2, 3, 6, 5);
        for (StartMethod init : new StartMethod[] {StartMethod.KMEANS,
            StartMethod.KMEANS_PLUS_PLUS, StartMethod.RANDOM, StartMethod.RANDOM_FROM_DATA}) {
            GaussianMixtureModel m = GaussianMixture.builder().k(3).init(init).nInit(4).seed(2).build().fit(data);
            assertTrue(Double.isFinite(m.logLikelihood()), init.label());
            assertTrue(m.converged(), init.label());
            assertEquals(init, m.settings().init());
        }
    }

    @Test
    void warmStartFromAConvergedModelStopsAtOnce() {
        Dataset data = OldFaithful.load();
        GaussianMixtureModel m = GaussianMixture.builder().k(2).build().fit(data);
        GaussianMixtureModel again = GaussianMixture.builder().warmStart(m).build().fit(data);
        assertTrue(again.trace().iterations() <= 3, again.trace().toString());
        assertEquals(m.logLikelihood(), again.logLikelihood(), 1e-7);
    }

    @Test
    void givenPrecisionsAreTheInverseOfGivenCovariances() {
        Dataset data = OldFaithful.load();
        double[][][] cov = {{{0.1, 0.5}, {0.5, 30}}, {{0.2, 0.8}, {0.8, 40}}};
        double[][][] prec = new double[2][][];
        for (int c = 0; c < 2; c++) {
            double det = cov[c][0][0] * cov[c][1][1] - cov[c][0][1] * cov[c][0][1];
            prec[c] = new double[][] {{cov[c][1][1] / det, -cov[c][0][1] / det}, {-cov[c][0][1] / det, cov[c][0][0] / det}};
        }
        double[] w = {0.4, 0.6};
        double[][] mu = {{2, 55}, {4.3, 80}};
        GaussianMixtureModel a = GaussianMixture.builder().k(2).initialParameters(w, mu, cov).maxIter(3).build().fit(data);
        GaussianMixtureModel b = GaussianMixture.builder().k(2).initialPrecisions(w, mu, prec).maxIter(3).build().fit(data);
        assertArrayEquals(a.trace().history(), b.trace().history(), 1e-9);
    }

    @Test
    void manyDuplicatedRowsCollapseAComponentWithAClearMessage() {
        double[][] rows = new double[300][];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i < 200 ? new double[] {1.0, 2.0} : new double[] {r.nextGaussian() * 3, r.nextGaussian() * 3};
        }
        Dataset data = Dataset.of(rows);
        DegenerateComponentException e = assertThrows(DegenerateComponentException.class,
                () -> GaussianMixture.builder().k(3).build().fit(data));
        assertTrue(e.getMessage().startsWith("component " + (e.component() + 1) + " collapsed"), e.getMessage());
        assertTrue(e.getMessage().contains("reg-covar"), e.getMessage());
        assertTrue(e.getMessage().contains("fewer components") && e.getMessage().contains("on-collapse reseed"),
                e.getMessage());
        GaussianMixtureModel m = GaussianMixture.builder().k(3).reseedCollapsed(true).maxIter(50).build().fit(data);
        assertFalse(m.notes().isEmpty());
        assertTrue(m.notes().get(0).contains("re-seeded at row"), m.notes().get(0));
        for (double v : m.scoreSamples(data)) {
            assertTrue(Double.isFinite(v));
        }
    }

    @Test
    void aStartThatCollapsesIsDroppedWhenAnotherSucceeds() {
        // Three blobs and 30 identical rows far away: a start seeded on those rows collapses there.
        Dataset blobs = Blobs.generate(600, 2, 3, 8, 4);
        double[][] rows = new double[630][];
        for (int i = 0; i < 600; i++) {
            rows[i] = blobs.row(i);
        }
        for (int i = 600; i < 630; i++) {
            rows[i] = new double[] {100, 100};
        }
        Dataset data = Dataset.of(rows);
        boolean sawDrop = false;
        for (long seed = 1; seed <= 30 && !sawDrop; seed++) {
            GaussianMixture g = GaussianMixture.builder().k(3).init(StartMethod.RANDOM_FROM_DATA).nInit(3).seed(seed)
                    .build();
            try {
                GaussianMixtureModel m = g.fit(data);
                if (m.notes().stream().anyMatch(n -> n.contains("dropped") && n.contains("collapsed"))) {
                    sawDrop = true;
                    assertTrue(Double.isFinite(m.logLikelihood()));
                }
            } catch (DegenerateComponentException e) {
                assertTrue(e.getMessage().contains("collapsed"), e.getMessage());
            }
        }
        assertTrue(sawDrop, "some seed must give a start that collapses beside one that does not");
        // When every start collapses, the first start's reason is reported.
        DegenerateComponentException e = assertThrows(DegenerateComponentException.class,
                () -> GaussianMixture.builder().k(4).nInit(3).build().fit(Dataset.of(new double[][] {{0, 0}, {0, 0}, {0, 0},
                    {1, 0}, {1, 0}, {1, 0}, {0, 1}, {0, 1}, {5, 5}, {5, 6}, {6, 5}, {6, 6}})));
        assertTrue(e.getMessage().contains("collapsed"), e.getMessage());
    }

    @Test
    void badSettingsAndDataAreNamed() {
        assertMessage(() -> GaussianMixture.builder().regCovar(-1).build(), "reg-covar must be a finite number ≥ 0, got -1.0");
        assertMessage(() -> GaussianMixture.builder().k(0).build(), "k must be at least 1, got 0");
        assertMessage(() -> GaussianMixture.builder().nInit(0).build(), "n-init must be at least 1");
        assertMessage(() -> GaussianMixture.builder().tol(-1).build(), "tol must be a finite number ≥ 0");
        assertMessage(() -> CovarianceType.parse("banana"), "covariance: unknown structure 'banana'");
        double[][] mu = {{0, 0}, {1, 1}};
        double[][][] cov = {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}};
        assertMessage(() -> GaussianMixture.builder().k(2).initialParameters(new double[] {0.5, 0.6}, mu, cov).build(),
                "init: the weights sum to 1.1, not 1");
        assertMessage(() -> GaussianMixture.builder().k(3).initialParameters(new double[] {0.5, 0.5}, mu, cov).build(),
                "init: 2 weights, 2 means and 2 covariances given, but k = 3");
        assertMessage(() -> GaussianMixture.builder().k(2).initialParameters(new double[] {0.5, 0.5}, mu,
                new double[][][] {{{1, 0.5}, {0.4, 1}}, cov[1]}).build(), "init: covariance of component 1 is not symmetric");
        assertMessage(() -> GaussianMixture.builder().k(2).initialParameters(new double[] {0.5, 0.5}, mu,
                new double[][][] {{{1, 2}, {2, 1}}, cov[1]}).build(), "init: covariance of component 1 is not positive definite");
        assertMessage(() -> GaussianMixture.builder().k(2).initialParameters(new double[] {0.5, 0.5}, mu,
                new double[][][] {{{1, 0}, {0, 1}}, {{1}}}).build(), "init: covariance of component 2 has 1 rows, not 2");
        assertMessage(() -> GaussianMixture.builder().k(2).covariance(CovarianceType.DIAG).initialParameters(
                new double[] {0.5, 0.5}, mu, new double[][][] {{{1, 0.1}, {0.1, 1}}, cov[1]}).build(),
                "does not have the diag structure");
        assertMessage(() -> GaussianMixture.builder().k(2).initialParameters(new double[] {0.5, 0.5}, mu, cov).build()
                .fit(Blobs.generate(50, 3, 2, 3, 1)), "init: the given means have 2 coordinates but the data have 3 columns");
        Dataset constant = Dataset.of(new double[][] {{1, 5}, {2, 5}, {3, 5}});
        assertMessage(() -> GaussianMixture.builder().k(1).build().fit(constant), "column 2 (x2) is constant (every row is 5.0)");
        assertMessage(() -> GaussianMixture.builder().k(4).build().fit(Dataset.of(new double[][] {{1, 2}, {1, 2}, {3, 4}, {3, 4}})),
                "the data have only 2 distinct row(s), fewer than k = 4");
        assertMessage(() -> GaussianMixture.builder().k(9).build().fit(OldFaithful.load().withWeights(null)).sample(-1, 1),
                "n must be at least 0");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String expected) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(expected), x.getMessage());
    }

    @Test
    void shortRunsContinueTheBestStart() {
        Dataset data = OldFaithful.load();
        GaussianMixtureBuilder b = GaussianMixture.builder().k(2).nInit(8).shortRuns(5).init(StartMethod.RANDOM);
        GaussianMixtureModel m = b.threads(1).build().fit(data);
        assertEquals(-1130.2639601847, m.logLikelihood(), 1e-6);
        double[] h = m.trace().history();
        assertTrue(h.length > 5, "the best start went on past its short run: " + h.length);
        for (int i = 1; i < h.length; i++) {
            assertTrue(h[i] >= h[i - 1] - 1e-9, "ln L never decreases across the short run and its continuation");
        }
        GaussianMixtureModel three = b.threads(3).build().fit(data);
        assertArrayEquals(h, three.trace().history(), 0);
        // Short runs as long as the limit are no short runs at all.
        GaussianMixtureBuilder plain = GaussianMixture.builder().k(2).nInit(4).maxIter(50).init(StartMethod.RANDOM);
        assertArrayEquals(plain.build().fit(data).trace().history(), plain.shortRuns(50).build().fit(data).trace().history(),
                0);
    }

    @Test
    void refiningAFitStoppedEarlyEndsWhereTheFullFitEnds() {
        Dataset data = OldFaithful.load();
        GaussianMixtureBuilder b = GaussianMixture.builder().k(2).standardize(true);
        GaussianMixtureModel rough = b.tol(1e-3).build().fit(data);
        GaussianMixtureModel full = b.tol(1e-8).build().fit(data);
        GaussianMixtureModel refined = rough.refine(data, 1e-8);
        // The same EM from the same start: the refined trace is the full fit's, bit for bit.
        assertArrayEquals(full.trace().history(), refined.trace().history(), 0);
        assertEquals(full.logLikelihood(), refined.logLikelihood(), 0);
        assertEquals(1e-8, refined.settings().tol(), 0);
        assertEquals(StartMethod.KMEANS, refined.settings().init());
    }
}
