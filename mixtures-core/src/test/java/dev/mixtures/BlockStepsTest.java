package dev.mixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Moments;
import dev.mixtures.data.RowBlock;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.datasets.OldFaithful;
import dev.mixtures.BlockSteps;
import dev.mixtures.Statistics;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.GaussianParams;
import dev.mixtures.gaussian.GaussianStatistics;
import dev.mixtures.gaussian.GaussianSteps;
import dev.mixtures.gaussian.VariationalParams;
import dev.mixtures.gaussian.VariationalSteps;
import dev.mixtures.gaussian.WeightPrior;
import dev.mixtures.kmeans.Centres;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import dev.mixtures.kmeans.KMeansStatistics;
import dev.mixtures.kmeans.KMeansSteps;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public seam of statistics by blocks (dev.mixtures.BlockSteps), used only through the public API as a
 * Spark backend or a stream would: a fit iterated by hand over the blocks of a dataset gives the
 * parameters, objective history and final objective of {@code fit()} on
 * {@link Dataset#concat} of the same blocks, bit for bit, for every model and structure; and
 * statistics survive Java serialisation.
 */
class BlockStepsTest {
    /** The structures with a conjugate prior (the Bayesian mixture's; scikit-learn's four). */
    private static final java.util.List<CovarianceType> CONJUGATE = java.util.Arrays.stream(CovarianceType.values())
            .filter(CovarianceType::hasConjugatePrior).toList();


    /** Old Faithful in two halves, the README's example. */
    private static List<Dataset> halves() {
        Dataset f = OldFaithful.load();
        return List.of(f.rows(0, 136), f.rows(136, f.n()));
    }

    /** Blocks larger than a chunk (4096 rows), of unequal sizes, one with weights. */
    private static List<Dataset> largeBlocks() {
        Dataset b = Blobs.generate(11_000, 3, 4, 6.0, 9);
        double[] w = new double[3000];
        for (int i = 0; i < w.length; i++) {
            w[i] = i % 7 == 0 ? 0 : 1 + i % 3;
        }
        return List.of(b.rows(0, 5000), b.rows(5000, 8000).withWeights(w), b.rows(8000, 11_000));
    }

    /** One run of the EM loop by hand, as EmLoop runs it; the history of objectives and the last parameters. */
    private static <P, S extends Statistics<S>> P iterate(BlockSteps<P, S> steps, P start, List<Dataset> blocks,
            int maxIter, List<Double> history) {
        P p = start;
        double previous = Double.NaN;
        for (int it = 0; it < maxIter; it++) {
            S merged = mergedStatistics(steps, p, blocks);
            P next = steps.parameters(p, merged);
            double objective = steps.objective(p, next, merged);
            history.add(objective);
            p = next;
            if (steps.converged(previous, objective, merged) && steps.mayStop(next)) {
                break;
            }
            previous = objective;
        }
        return p;
    }

    private static <P, S extends Statistics<S>> S mergedStatistics(BlockSteps<P, S> steps, P p, List<Dataset> blocks) {
        S merged = steps.newStatistics();
        for (Dataset b : blocks) {
            merged.merge(steps.statistics(p, b.valuesView(), b.weightsView(), b.n()));
        }
        return merged;
    }

    private static double[] unboxed(List<Double> h) {
        return h.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertSameBits(double[][] expected, double[][] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0.0, what + " " + i);
        }
    }

    @Test
    void gaussianMixtureByHandOverBlocksIsTheFitBitForBit() {
        for (List<Dataset> blocks : List.of(halves(), largeBlocks())) {
            Dataset all = Dataset.concat(blocks);
            int d = all.d();
            GaussianMixtureModel first = GaussianMixture.builder().k(3).build().fit(all);
            for (CovarianceType t : CovarianceType.values()) {
                double[][][] cov = first.covariances();
                if (t == CovarianceType.TIED || !t.hasOffDiagonal()) {
                    // A start of the structure: the first fit's variances, their mean, or component 1's
                    // (shared structures); the oriented structures take any covariances.
                    double[][][] full = first.covariances();
                    for (int c = 0; c < 3; c++) {
                        boolean shared = t == CovarianceType.TIED || t == CovarianceType.EII || t == CovarianceType.EEI;
                        int from = shared ? 0 : c;
                        double mean = 0;
                        for (int i = 0; i < d; i++) {
                            mean += full[from][i][i] / d;
                        }
                        for (int i = 0; i < d; i++) {
                            for (int j = 0; j < d; j++) {
                                cov[c][i][j] = t == CovarianceType.TIED ? full[0][i][j]
                                        : i != j ? 0
                                        : t == CovarianceType.SPHERICAL || t == CovarianceType.EII ? mean
                                        : full[from][i][i];
                            }
                        }
                    }
                }
                GaussianMixture settings = GaussianMixture.builder().k(3).covariance(t).threads(2)
                        .initialParameters(first.weights(), first.means(), cov).build();
                GaussianMixtureModel fitted = settings.fit(all);
                GaussianSteps steps = settings.steps(d);
                List<Double> history = new ArrayList<>();
                GaussianParams p = iterate(steps, steps.start(), blocks, settings.maxIter(), history);
                String what = t + " over " + blocks.size() + " blocks";
                assertArrayEquals(fitted.trace().history(), unboxed(history), 0.0, what + ": history");
                assertArrayEquals(fitted.weights(), p.weights(), 0.0, what + ": weights");
                assertSameBits(fitted.means(), p.means(), what + ": means");
                for (int c = 0; c < 3; c++) {
                    assertSameBits(fitted.covariances()[c], p.covariances()[c], what + ": covariance " + c);
                }
                GaussianStatistics last = mergedStatistics(steps, p, blocks);
                assertEquals(fitted.logLikelihood(), last.logLikelihood(), 0.0, what + ": final ln L");
                assertArrayEquals(fitted.sizes(), last.sizes(), 0.0, what + ": sizes");
            }
        }
    }

    @Test
    void bayesianMixtureByHandOverBlocksIsTheFitBitForBit() {
        int moved = 0;
        for (List<Dataset> blocks : List.of(halves(), largeBlocks())) {
            Dataset all = Dataset.concat(blocks);
            int k = 4;
            double[][] resp = new double[all.n()][k];
            for (int i = 0; i < all.n(); i++) {
                resp[i][i % k] = 0.7;
                resp[i][(i / k) % k] += 0.3;
            }
            double[] mean = Moments.mean(all);
            double[] flat = Moments.covariance(all, mean, 1);
            double[][] cov = new double[all.d()][];
            for (int i = 0; i < all.d(); i++) {
                cov[i] = Arrays.copyOfRange(flat, i * all.d(), (i + 1) * all.d());
            }
            for (WeightPrior prior : WeightPrior.values()) {
                for (CovarianceType t : CONJUGATE) {
                    BayesianGaussianMixture settings = BayesianGaussianMixture.builder().k(k).covariance(t)
                            .weightPrior(prior).initialResponsibilities(resp).maxIter(200).build();
                    BayesianGaussianMixtureModel fitted = settings.fit(all);
                    VariationalSteps steps = settings.steps(mean, cov);
                    double[][] zeros = new double[k][all.d()];
                    GaussianStatistics s1 = steps.newStatistics();
                    GaussianStatistics s2 = steps.newStatistics();
                    int at = 0;
                    for (Dataset b : blocks) {
                        s1.merge(steps.startStatistics(zeros, b.valuesView(), b.weightsView(), flat(resp, at, b.n()), b.n()));
                        at += b.n();
                    }
                    double[][] means = steps.startMeans(s1);
                    at = 0;
                    for (Dataset b : blocks) {
                        s2.merge(steps.startStatistics(means, b.valuesView(), b.weightsView(), flat(resp, at, b.n()), b.n()));
                        at += b.n();
                    }
                    List<Double> history = new ArrayList<>();
                    VariationalParams q = iterate(steps, steps.start(s2, means), blocks, settings.maxIter(), history);
                    String what = prior + " " + t + " over " + blocks.size() + " blocks";
                    assertArrayEquals(fitted.trace().history(), unboxed(history), 0.0, what + ": bound history");
                    assertEquals(fitted.lowerBound(), history.get(history.size() - 1), 0.0, what + ": bound");
                    assertArrayEquals(fitted.weights(), q.expectedWeights(), 0.0, what + ": weights");
                    assertSameBits(fitted.means(), q.means(), what + ": means");
                    moved += fitted.moves().size();
                }
            }
        }
        // The moves (merges and deletes, priced in the M-step) are made by hand over blocks as by the fit.
        assertTrue(moved > 0, "no fit here made a move");
    }

    private static double[] flat(double[][] rows, int from, int n) {
        int k = rows[0].length;
        double[] f = new double[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[from + i], 0, f, i * k, k);
        }
        return f;
    }

    @Test
    void kMeansByHandOverBlocksIsTheLloydFitBitForBit() {
        for (List<Dataset> blocks : List.of(halves(), largeBlocks())) {
            Dataset all = Dataset.concat(blocks);
            double[][] start = {all.row(0), all.row(all.n() / 2), all.row(all.n() - 1)};
            KMeans settings = KMeans.builder().k(3).algorithm(KMeans.Algorithm.LLOYD).initialCentres(start).tol(1e-9)
                    .build();
            KMeansModel fitted = settings.fit(all);
            KMeansSteps steps = settings.steps(all.d());
            List<Double> history = new ArrayList<>();
            Centres c = iterate(steps, steps.start(), blocks, settings.maxIter(), history);
            assertTrue(fitted.trace().converged());
            assertSameBits(fitted.centresInOriginalUnits(), c.centres(), "centres over " + blocks.size() + " blocks");
            // By hand stops on the tolerance, at most one iteration after the fit's "no row changed".
            double[] h = fitted.trace().history();
            assertArrayEquals(h, Arrays.copyOf(unboxed(history), h.length), 0.0, "J per iteration");
            assertTrue(history.size() - h.length <= 1, history.size() + " vs " + h.length);
            KMeansStatistics last = mergedStatistics(steps, c, blocks);
            assertEquals(fitted.inertia(), last.cost(), 0.0, "final J");
            assertArrayEquals(fitted.sizes(), last.sizes(), 0.0, "sizes");
        }
    }

    @Test
    void statisticsSurviveSerialisationBitForBit() throws Exception {
        List<Dataset> blocks = halves();
        GaussianMixtureModel m = GaussianMixture.builder().k(2).build().fit(OldFaithful.load());
        GaussianMixture settings = GaussianMixture.builder().k(2)
                .initialParameters(m.weights(), m.means(), m.covariances()).build();
        GaussianSteps steps = settings.steps(2);
        GaussianParams p = steps.start();
        GaussianStatistics direct = mergedStatistics(steps, p, blocks);
        GaussianStatistics viaBytes = steps.newStatistics();
        for (Dataset b : blocks) {
            viaBytes.merge(roundTrip(steps.statistics(roundTrip(p), b.valuesView(), b.weightsView(), b.n())));
        }
        assertArrayEquals(direct.sizes(), viaBytes.sizes(), 0.0);
        assertEquals(direct.logLikelihood(), viaBytes.logLikelihood(), 0.0);
        GaussianParams a = steps.parameters(p, direct);
        GaussianParams b = steps.parameters(p, viaBytes);
        assertSameBits(a.means(), b.means(), "means");
        assertSameBits(a.covariances()[1], b.covariances()[1], "covariance");
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    /** A block checked once ({@link RowBlock}) gives the statistics of its arrays, bit for bit, for the three models. */
    @Test
    void checkedBlocksGiveTheSameBits() {
        List<Dataset> blocks = largeBlocks();
        Dataset all = Dataset.concat(blocks);
        GaussianMixtureModel g = GaussianMixture.builder().k(4).maxIter(3).build().fit(all);
        GaussianSteps gs = GaussianMixture.builder().k(4).initialParameters(g.weights(), g.means(), g.covariances())
                .build().steps(3);
        KMeansSteps ks = KMeans.builder().k(4).build().steps(3);
        Centres c = ks.start(KMeans.builder().k(4).nInit(1).maxIter(2).build().fit(all).centres());
        double[] mean = Moments.mean(all);
        double[] cov = Moments.covariance(all, mean, 1);
        double[][] cov2 = new double[3][];
        for (int i = 0; i < 3; i++) {
            cov2[i] = java.util.Arrays.copyOfRange(cov, i * 3, i * 3 + 3);
        }
        VariationalSteps vs = BayesianGaussianMixture.builder().k(4).build().steps(mean, cov2);
        for (Dataset b : blocks) {
            RowBlock rb = RowBlock.of(b.valuesView(), b.weightsView(), b.n(), b.d());
            GaussianStatistics a1 = gs.statistics(gs.start(), b.valuesView(), b.weightsView(), b.n());
            GaussianStatistics a2 = gs.statistics(gs.start(), rb);
            assertEquals(a1.logLikelihood(), a2.logLikelihood(), 0.0);
            assertArrayEquals(a1.sizes(), a2.sizes(), 0.0);
            KMeansStatistics k1 = ks.statistics(c, b.valuesView(), b.weightsView(), b.n());
            KMeansStatistics k2 = ks.statistics(c, rb);
            assertEquals(k1.cost(), k2.cost(), 0.0);
            assertArrayEquals(k1.sizes(), k2.sizes(), 0.0);
            assertSameBits(ks.parameters(c, k1).centres(), ks.parameters(c, k2).centres(), "centres");
        }
        // The Bayesian mixture from the same start, by arrays and by checked blocks.
        GaussianStatistics s0 = vs.newStatistics();
        for (Dataset b : blocks) {
            double[] resp = new double[b.n() * 4];
            for (int i = 0; i < b.n(); i++) {
                resp[i * 4 + i % 4] = 1;
            }
            s0.merge(vs.startStatistics(new double[4][3], b.valuesView(), b.weightsView(), resp, b.n()));
        }
        var p = vs.start(s0, new double[4][3]);
        GaussianStatistics byArrays = vs.newStatistics();
        GaussianStatistics byBlocks = vs.newStatistics();
        for (Dataset b : blocks) {
            byArrays.merge(vs.statistics(p, b.valuesView(), b.weightsView(), b.n()));
            byBlocks.merge(vs.statistics(p, RowBlock.of(b.valuesView(), b.weightsView(), b.n(), b.d())));
        }
        assertEquals(byArrays.logLikelihood(), byBlocks.logLikelihood(), 0.0);
        assertSameBits(vs.parameters(p, byArrays).means(), vs.parameters(p, byBlocks).means(), "posterior means");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RowBlock.of(new double[] {1, 2, Double.POSITIVE_INFINITY, 4}, null, 2, 2));
        assertTrue(e.getMessage().contains("row 2, column 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> gs.statistics(gs.start(),
                RowBlock.of(new double[] {1, 2, 3, 4}, null, 2, 2)));
        assertTrue(e.getMessage().contains("rows of 2 values, these steps are for 3"), e.getMessage());
    }

    @Test
    void badBlocksAndMismatchedStepsAreRefusedByName() {
        GaussianMixtureModel m = GaussianMixture.builder().k(2).build().fit(OldFaithful.load());
        GaussianSteps steps = GaussianMixture.builder().k(2)
                .initialParameters(m.weights(), m.means(), m.covariances()).build().steps(2);
        GaussianParams p = steps.start();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> steps.statistics(p, new double[] {1, 2, Double.NaN, 4}, null, 2));
        assertTrue(e.getMessage().contains("row 2, column 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> steps.statistics(p, new double[] {1, 2, 3}, null, 2));
        assertTrue(e.getMessage().contains("need 4 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> steps.statistics(p, new double[] {1, 2, 3, 4}, new double[] {1, -1}, 2));
        assertTrue(e.getMessage().contains("weight of row 2"), e.getMessage());
        GaussianSteps threeD = GaussianMixture.builder().k(2).build().steps(3);
        e = assertThrows(IllegalArgumentException.class, () -> threeD.parameters(p, threeD.newStatistics()));
        assertTrue(e.getMessage().contains("these steps are for 2 full in 3"), e.getMessage());
        assertThrows(IllegalStateException.class, threeD::start);
        e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().standardize(true).build().steps(2));
        assertTrue(e.getMessage().startsWith("standardize"), e.getMessage());
        assertFalse(Dataset.concat(halves()).blocks() == 1);
    }
}
