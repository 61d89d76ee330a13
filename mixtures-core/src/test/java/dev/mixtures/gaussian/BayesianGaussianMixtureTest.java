package dev.mixtures.gaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.datasets.OldFaithful;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import java.util.ArrayList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The Bayesian mixture (PRML §10.2): the bound, the lecture's result, the predictive density, invariants, bad input. */
class BayesianGaussianMixtureTest {
    /** The structures with a conjugate prior (the Bayesian mixture's; scikit-learn's four). */
    private static final java.util.List<CovarianceType> CONJUGATE = java.util.Arrays.stream(CovarianceType.values())
            .filter(CovarianceType::hasConjugatePrior).toList();


    private static Dataset faithfulStandardised() {
        Dataset raw = OldFaithful.load();
        return Standardizer.fit(raw).transform(raw);
    }

    @Test
    void boundNeverDecreasesForEveryStructureAndWeightPrior() {
        Dataset data = Blobs.generate(600, 3, 4, 1.0, 11);
        for (CovarianceType t : CONJUGATE) {
            for (WeightPrior wp : WeightPrior.values()) {
                for (StartMethod init : new StartMethod[] {StartMethod.KMEANS,
                        StartMethod.RANDOM}) {
                    BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(6).covariance(t).weightPrior(wp)
                            .init(init).seed(5).maxIter(300).build().fit(data);
                    double[] h = m.trace().history();
                    assertTrue(h.length > 2, t + " " + wp);
                    for (int i = 1; i < h.length; i++) {
                        assertTrue(h[i] >= h[i - 1] - 1e-9 * Math.abs(h[i]),
                                t + " " + wp + " " + init + ": bound fell at iteration " + (i + 1) + ": " + h[i - 1]
                                        + " -> " + h[i]);
                    }
                    assertEquals(h[h.length - 1], m.lowerBound(), 0, "reported bound is the last of the trace");
                }
            }
        }
    }

    @Test
    void shortAndFullBoundAgreeAfterEveryMStepAndTheEntropyIsSumOfRLogR() {
        Dataset z = Blobs.generate(500, 3, 3, 1.5, 7);
        double[] w = new double[z.n()];
        SplittableRandom g = new SplittableRandom(4);
        for (int i = 0; i < w.length; i++) {
            w[i] = 0.5 + 2 * g.nextDouble();
        }
        z = z.withWeights(w);
        for (CovarianceType t : CONJUGATE) {
            for (WeightPrior wp : WeightPrior.values()) {
                BayesianGaussianMixture s = BayesianGaussianMixture.builder().k(5).covariance(t).weightPrior(wp)
                        .concentration(0.3).beta0(0.7).nu0(t.hasOffDiagonal() ? 4.5 : 1.5).build();
                VbPrior prior = s.prior(z, null);
                try (Workers workers = new Workers(1)) {
                    VariationalFamily fam = new VariationalFamily(z, prior,
                            new VbMoves(prior, java.util.EnumSet.noneOf(Move.class), false), 0, GaussianKernels.best(), 1);
                    VariationalParams p = fam.start(
                            Starts.source(StartMethod.RANDOM, 5, z, new SplittableRandom(3), workers, null, 1),
                            workers);
                    for (int it = 1; it <= 25; it++) {
                        GaussianStatistics st = EmLoop.eStep(fam, p, z.n(), workers, new ArrayList<>(), fam.newStatistics());
                        VariationalParams q = fam.mStep(p, st, it);
                        double h = VariationalFamily.entropy(p, st);
                        double[] r = new double[z.n() * 5];
                        GaussianPass.overRows(p.estep, z, null, r, null);
                        double direct = 0;
                        for (int i = 0; i < z.n(); i++) {
                            for (int c = 0; c < 5; c++) {
                                double v = r[i * 5 + c];
                                direct -= v > 0 ? z.weight(i) * v * Math.log(v) : 0;
                            }
                        }
                        String what = t + " " + wp + " iteration " + it;
                        assertEquals(direct, h, 1e-9 * z.totalWeight(), what + ": entropy");
                        double shortForm = VariationalFamily.shortBound(q, st.weight, h);
                        double fullForm = VariationalFamily.fullBound(q, st, p.means, h);
                        assertEquals(fullForm, shortForm, 1e-11 * Math.abs(fullForm), what + ": short vs full bound");
                        p = q;
                    }
                }
            }
        }
    }

    @Test
    void reproducesPrmlFigure10_6OnOldFaithful() {
        Dataset z = faithfulStandardised();
        // The figure is of plain coordinate ascent: no moves.
        java.util.Set<Move> none = java.util.EnumSet.noneOf(Move.class);
        BayesianGaussianMixtureModel few = BayesianGaussianMixture.builder().k(6).moves(none).concentration(1e-3).build()
                .fit(z);
        assertEquals(2, few.effectiveComponents(), java.util.Arrays.toString(few.sizes()));
        BayesianGaussianMixtureModel all = BayesianGaussianMixture.builder().k(6).moves(none).concentration(10).build()
                .fit(z);
        assertEquals(6, all.effectiveComponents(), java.util.Arrays.toString(all.sizes()));
        // The two survivors are the lecture's two clusters: about 97 short and 175 long eruptions.
        double[] sizes = few.sizes().clone();
        java.util.Arrays.sort(sizes);
        assertEquals(175, sizes[5], 2);
        assertEquals(97, sizes[4], 2);
        for (int c = 0; c < 4; c++) {
            assertTrue(sizes[c] < 1e-3, "switched off: " + sizes[c]);
        }
        // Switched-off components never give NaN: they keep their prior.
        for (double[] m : few.means()) {
            for (double v : m) {
                assertTrue(Double.isFinite(v));
            }
        }
    }

    @Test
    void predictiveDensityIntegratesToOne() {
        Dataset z = faithfulStandardised();
        for (CovarianceType t : CONJUGATE) {
            BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(3).covariance(t).concentration(10).build()
                    .fit(z);
            double step = 0.04;
            int side = 1000;
            double[] grid = new double[side * side * 2];
            for (int i = 0; i < side; i++) {
                for (int j = 0; j < side; j++) {
                    grid[(i * side + j) * 2] = -20 + (i + 0.5) * step;
                    grid[(i * side + j) * 2 + 1] = -20 + (j + 0.5) * step;
                }
            }
            double[] ll = m.scoreSamples(Dataset.of(grid, side * side, 2));
            double s = 0;
            for (double v : ll) {
                s += Math.exp(v) * step * step;
            }
            assertEquals(1, s, 2e-3, t + ": integral of the predictive density");
        }
    }

    @Test
    void sampledMomentsMatchThePredictive() {
        Dataset z = faithfulStandardised();
        BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(2).concentration(1).build().fit(z);
        GaussianMixtureModel.Sample s = m.sample(200_000, 9);
        // The Student-t of component k has mean m_k and covariance dof/(dof − 2) · (1 + β)/(β dof) · W⁻¹.
        double[] w = m.weights();
        double[][] mu = m.means();
        double[][][] winv = m.scaleInverses();
        double[] nu = m.degreesOfFreedom();
        double[] beta = m.beta();
        int[] count = new int[2];
        double[][] sum = new double[2][2];
        double[][] sq = new double[2][2];
        for (int i = 0; i < s.points().length; i++) {
            int c = s.components()[i];
            count[c]++;
            for (int j = 0; j < 2; j++) {
                double v = s.points()[i][j] - mu[c][j];
                sum[c][j] += s.points()[i][j];
                sq[c][j] += v * v;
            }
        }
        for (int c = 0; c < 2; c++) {
            double dof = nu[c] + 1 - 2;
            double frac = count[c] / 200_000.0;
            assertEquals(w[c], frac, 5 * Math.sqrt(w[c] * (1 - w[c]) / 200_000), "component share " + c);
            for (int i = 0; i < 2; i++) {
                double var = dof / (dof - 2) * (1 + beta[c]) / (beta[c] * dof) * winv[c][i][i];
                assertEquals(mu[c][i], sum[c][i] / count[c], 5 * Math.sqrt(var / count[c]), "mean " + c + "," + i);
                // dof is large here, so the sample variance's spread is close to a Gaussian's, √(2/n)·var.
                assertEquals(var, sq[c][i] / count[c], 6 * var * Math.sqrt(2.0 / count[c]), "variance " + c + "," + i);
            }
        }
    }

    @Test
    void rowWeightsEqualRepeatedRows() {
        Dataset base = Blobs.generate(120, 2, 3, 1.0, 5);
        int[] reps = new int[base.n()];
        SplittableRandom g = new SplittableRandom(8);
        int total = 0;
        for (int i = 0; i < reps.length; i++) {
            reps[i] = 1 + g.nextInt(3);
            total += reps[i];
        }
        double[] rows = new double[total * 2];
        double[] w = new double[base.n()];
        int o = 0;
        for (int i = 0; i < base.n(); i++) {
            w[i] = reps[i];
            for (int r = 0; r < reps[i]; r++) {
                rows[o++] = base.get(i, 0);
                rows[o++] = base.get(i, 1);
            }
        }
        Dataset repeated = Dataset.of(rows, total, 2);
        for (CovarianceType t : CONJUGATE) {
            for (WeightPrior wp : WeightPrior.values()) {
                // Random responsibilities differ between the two layouts; a k-means start depends on the rows only.
                BayesianGaussianMixture s = BayesianGaussianMixture.builder().k(4).covariance(t).weightPrior(wp)
                        .init(StartMethod.RANDOM_FROM_DATA).maxIter(40).tol(0).build();
                double[][] start = hardStart(base, 4);
                double[][] startRep = new double[total][];
                int q = 0;
                for (int i = 0; i < base.n(); i++) {
                    for (int r = 0; r < reps[i]; r++) {
                        startRep[q++] = start[i];
                    }
                }
                BayesianGaussianMixtureModel a = s.toBuilder().initialResponsibilities(start).build()
                        .fit(base.withWeights(w));
                BayesianGaussianMixtureModel b = s.toBuilder().initialResponsibilities(startRep).build().fit(repeated);
                String what = t + " " + wp;
                assertEquals(b.lowerBound(), a.lowerBound(), 1e-9 * Math.abs(b.lowerBound()), what + " bound");
                assertEquals(b.k(), a.k(), what + " components in use");
                for (int c = 0; c < a.k(); c++) {
                    assertEquals(b.weights()[c], a.weights()[c], 1e-9, what + " weight");
                    assertArrayEquals(b.means()[c], a.means()[c], 1e-8, what + " mean");
                    for (int i = 0; i < 2; i++) {
                        assertArrayEquals(b.covariances()[c][i], a.covariances()[c][i], 1e-8, what + " covariance");
                    }
                }
            }
        }
    }

    private static double[][] hardStart(Dataset data, int k) {
        double[][] r = new double[data.n()][k];
        for (int i = 0; i < data.n(); i++) {
            r[i][(int) ((data.get(i, 0) * 7 + data.get(i, 1) * 3) * 1000 % k + k) % k] = 1;
        }
        return r;
    }

    @Test
    void sameBitsOnAnyThreadCountAndKernel() {
        Dataset data = Blobs.generate(20_000, 5, 6, 1.0, 3);
        for (CovarianceType t : CONJUGATE) {
            BayesianGaussianMixtureBuilder b = BayesianGaussianMixture.builder().k(8).covariance(t)
                    .weightPrior(WeightPrior.DIRICHLET_PROCESS).nInit(2).maxIter(30);
            BayesianGaussianMixtureModel one = b.threads(1).kernel("scalar").build().fit(data);
            String[] kernels = GaussianKernels.vectorAnyWidth() == null ? new String[] {"scalar"}
                    : new String[] {"scalar", "vector"};
            for (String kern : kernels) {
                BayesianGaussianMixtureModel many = b.threads(3).kernel(kern).build().fit(data);
                assertEquals(one.lowerBound(), many.lowerBound(), 0, t + " " + kern);
                assertArrayEquals(one.trace().history(), many.trace().history(), 0, t + " " + kern);
                assertEquals(one.k(), many.k(), t + " " + kern);
                for (int c = 0; c < one.k(); c++) {
                    assertArrayEquals(one.means()[c], many.means()[c], 0, t + " " + kern);
                }
                assertArrayEquals(one.scoreSamples(data), many.scoreSamples(data), 0);
            }
        }
    }

    @Test
    void standardisingGivesTheSameModelInOriginalUnits() {
        Dataset raw = OldFaithful.load();
        for (CovarianceType t : new CovarianceType[] {CovarianceType.FULL, CovarianceType.TIED}) {
            // The same start for both (k-means on standardised columns would start elsewhere).
            BayesianGaussianMixture s = BayesianGaussianMixture.builder().k(3).covariance(t).concentration(0.5)
                    .initialResponsibilities(hardStart(raw, 3)).tol(1e-13).maxIter(20_000).build();
            BayesianGaussianMixtureModel a = s.fit(raw);
            BayesianGaussianMixtureModel b = s.toBuilder().standardize(true).build().fit(raw);
            assertEquals(a.lowerBound(), b.lowerBound(), 1e-9 * Math.abs(a.lowerBound()), t + " bound");
            double[] sa = a.scoreSamples(raw);
            double[] sb = b.scoreSamples(raw);
            for (int i = 0; i < sa.length; i++) {
                assertEquals(sa[i], sb[i], 1e-8, t + " predictive density row " + i);
            }
        }
    }

    @Test
    void responsibilitiesSumToOneAndPredictIsTheirArgmax() {
        Dataset z = faithfulStandardised();
        BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(4).build().fit(z);
        double[][] r = m.predictProba(z);
        int[] labels = m.predict(z);
        for (int i = 0; i < r.length; i++) {
            double s = 0;
            int best = 0;
            for (int c = 0; c < r[i].length; c++) {
                s += r[i][c];
                if (r[i][c] > r[i][best]) {
                    best = c;
                }
            }
            assertEquals(1, s, 1e-12);
            assertEquals(best, labels[i]);
        }
    }

    @Test
    void warmStartFromAFittedModelConvergesAtOnce() {
        Dataset z = faithfulStandardised();
        BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(4).tol(1e-12).maxIter(5000).build().fit(z);
        BayesianGaussianMixtureModel again = BayesianGaussianMixture.builder().warmStart(m).tol(1e-10).build().fit(z);
        assertTrue(again.trace().history().length <= 3, "iterations: " + again.trace().history().length);
        assertEquals(m.lowerBound(), again.lowerBound(), 1e-7 * Math.abs(m.lowerBound()));
    }

    @Test
    void badPriorsAreRefusedByName() {
        Dataset z = faithfulStandardised();
        assertMessage(() -> BayesianGaussianMixture.builder().concentration(0).build(), "alpha0");
        assertMessage(() -> BayesianGaussianMixture.builder().weightPrior(WeightPrior.DIRICHLET_PROCESS)
                .concentration(-1).build(), "gamma0");
        assertMessage(() -> BayesianGaussianMixture.builder().beta0(0).build(), "beta0 must be a finite number > 0");
        assertMessage(() -> BayesianGaussianMixture.builder().nu0(-2).build(), "nu0");
        assertMessage(() -> BayesianGaussianMixture.builder().k(2).nu0(1).build().fit(z),
                "nu0 must be greater than d − 1 = 1");
        assertMessage(() -> BayesianGaussianMixture.builder().covariancePrior(new double[][] {{1, 0.5}, {0.4, 1}}).build(),
                "covariance-prior: not symmetric");
        assertMessage(() -> BayesianGaussianMixture.builder().covariancePrior(new double[][] {{1, 2}, {2, 1}}).build(),
                "covariance-prior: not positive definite");
        assertMessage(() -> BayesianGaussianMixture.builder().k(2).covariancePrior(new double[][] {{1}}).build().fit(z),
                "covariance-prior is 1×1 but the data have 2 columns");
        assertMessage(() -> BayesianGaussianMixture.builder().k(2).meanPrior(new double[] {0, 0, 0}).build().fit(z),
                "mean-prior has 3 coordinates but the data have 2 columns");
        assertMessage(() -> BayesianGaussianMixture.builder().k(300).build().fit(z), "more than the number of rows");
        // diag and spherical are products of Gammas: any ν0 > 0 will do.
        BayesianGaussianMixture.builder().k(2).covariance(CovarianceType.DIAG).nu0(0.5).build().fit(z);
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable e, String expected) {
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, e);
        assertTrue(x.getMessage().contains(expected), x.getMessage());
    }
}
