package dev.mixtures.gaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.linalg.Cholesky;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian mixture with missing cells treated as latent (EM with missing data): the
 * log-likelihood of the observed cells never decreases, the estimates approach the truth as n
 * grows, the densities of incomplete rows are the marginal densities of their observed cells, and
 * data without a missing cell fit as before.
 */
class MissingValuesTest {
    private static final double[][] MEANS = {{0, 0, 0}, {4, 1, -3}};
    private static final double[][][] COVS = {
        {{1.0, 0.6, 0.2}, {0.6, 1.5, -0.4}, {0.2, -0.4, 0.8}},
        {{0.7, -0.3, 0.0}, {-0.3, 1.0, 0.5}, {0.0, 0.5, 2.0}}};
    private static final double[] WEIGHTS = {0.4, 0.6};

    /** n rows drawn from the mixture above, each cell then missing with probability {@code p}. */
    static Dataset draw(int n, double p, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = 3;
        double[][] chol = new double[2][];
        for (int c = 0; c < 2; c++) {
            double[] l = new double[d * d];
            Cholesky.factor(flat(COVS[c]), d, l);
            chol[c] = l;
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int c = rnd.nextDouble() < WEIGHTS[0] ? 0 : 1;
            double[] z = new double[d];
            for (int j = 0; j < d; j++) {
                z[j] = gaussian(rnd);
            }
            for (int a = 0; a < d; a++) {
                double v = MEANS[c][a];
                for (int b = 0; b <= a; b++) {
                    v += chol[c][a * d + b] * z[b];
                }
                x[i * d + a] = rnd.nextDouble() < p ? Double.NaN : v;
            }
        }
        return Dataset.ofBlocks(List.of(x), new int[] {n}, d, List.of("a", "b", "c"), null, true);
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    private static double[] flat(double[][] m) {
        return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void theLogLikelihoodOfTheObservedCellsNeverDecreasesForEveryStructure() {
        Dataset data = draw(3000, 0.1, 1);
        assertTrue(data.hasMissing() && data.missingCells() > 700, data.missingCells() + " missing");
        for (CovarianceType type : CovarianceType.values()) {
            for (boolean weighted : new boolean[] {false, true}) {
                Dataset z = data;
                if (weighted) {
                    double[] w = new double[data.n()];
                    for (int i = 0; i < w.length; i++) {
                        w[i] = 0.5 + (i % 4);
                    }
                    z = data.withWeights(w);
                }
                // Random responsibilities as the start (on the complete rows): many iterations to watch.
                GaussianMixtureModel m = GaussianMixture.builder().k(2).covariance(type).maxIter(200).tol(1e-10)
                        .init(StartMethod.RANDOM).build().fit(z);
                assertTrue(m.trace().history().length >= 5, type + ": " + m.trace().history().length + " iterations");
                double[] h = m.trace().history();
                for (int i = 1; i < h.length; i++) {
                    assertTrue(h[i] >= h[i - 1] - 1e-9 * Math.abs(h[i - 1]),
                            type + (weighted ? " weighted" : "") + ": ln L fell at iteration " + (i + 1) + ": " + h[i - 1]
                                    + " -> " + h[i]);
                }
                assertTrue(Double.isFinite(m.logLikelihood()), type.toString());
                // The reported ln L is the sum of the rows' observed-cell log-densities.
                double sum = 0;
                double[] ll = m.scoreSamples(z);
                for (int i = 0; i < ll.length; i++) {
                    sum += z.weight(i) * ll[i];
                }
                assertEquals(m.logLikelihood(), sum, 1e-8 * Math.abs(sum), type.toString());
            }
        }
    }

    @Test
    void estimatesApproachTheTruthAsRowsGrow() {
        double small = error(draw(2000, 0.15, 2));
        double large = error(draw(100_000, 0.15, 3));
        assertTrue(large < small, "error " + small + " at n = 2,000, " + large + " at n = 100,000");
        assertTrue(large < 0.05, "error at n = 100,000: " + large);
    }

    /** The largest absolute error of the weights, means and covariances (components matched by their first mean). */
    private static double error(Dataset data) {
        GaussianMixtureModel m = GaussianMixture.builder().k(2).tol(1e-10).maxIter(500).build().fit(data);
        int first = m.means()[0][0] < m.means()[1][0] ? 0 : 1;
        double err = 0;
        for (int t = 0; t < 2; t++) {
            int c = t == 0 ? first : 1 - first;
            err = Math.max(err, Math.abs(m.weights()[c] - WEIGHTS[t]));
            for (int i = 0; i < 3; i++) {
                err = Math.max(err, Math.abs(m.means()[c][i] - MEANS[t][i]));
                for (int j = 0; j < 3; j++) {
                    err = Math.max(err, Math.abs(m.covariances()[c][i][j] - COVS[t][i][j]));
                }
            }
        }
        return err;
    }

    @Test
    void incompleteRowsGetTheMarginalDensityOfTheirObservedCells() {
        Dataset data = draw(2000, 0.1, 4);
        GaussianMixtureModel m = GaussianMixture.builder().k(2).build().fit(data);
        double[] nan = {Double.NaN};
        double[][] rows = {{1.0, nan[0], -0.5}, {nan[0], nan[0], 2.0}, {3.0, 0.5, nan[0]}, {nan[0], nan[0], nan[0]},
            {0.2, -1.0, 0.7}};
        List<double[]> v = new ArrayList<>();
        v.add(flat(rows));
        Dataset q = Dataset.ofBlocks(v, new int[] {rows.length}, 3, List.of("a", "b", "c"), null, true);
        double[] ll = m.scoreSamples(q);
        double[][] resp = m.predictProba(q);
        for (int r = 0; r < rows.length; r++) {
            List<Integer> obs = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                if (!Double.isNaN(rows[r][j])) {
                    obs.add(j);
                }
            }
            double[] dens = new double[2];
            for (int c = 0; c < 2; c++) {
                dens[c] = Math.log(m.weights()[c]) + marginal(rows[r], obs, m.means()[c], m.covariances()[c]);
            }
            double max = Math.max(dens[0], dens[1]);
            double want = max + Math.log(Math.exp(dens[0] - max) + Math.exp(dens[1] - max));
            assertEquals(want, ll[r], 1e-10 * Math.max(1, Math.abs(want)), "row " + r);
            assertEquals(Math.exp(dens[0] - want), resp[r][0], 1e-10, "row " + r);
        }
        // A row with nothing observed says nothing: ln p = 0, responsibilities = the weights.
        assertEquals(0.0, ll[3], 1e-12);
        assertArrayEquals(m.weights(), resp[3], 1e-12);
    }

    /** ln N(x_O; μ_O, Σ_OO), by factoring Σ_OO itself. */
    private static double marginal(double[] x, List<Integer> obs, double[] mu, double[][] cov) {
        int o = obs.size();
        if (o == 0) {
            return 0;
        }
        double[] s = new double[o * o];
        double[] diff = new double[o];
        for (int a = 0; a < o; a++) {
            diff[a] = x[obs.get(a)] - mu[obs.get(a)];
            for (int b = 0; b < o; b++) {
                s[a * o + b] = cov[obs.get(a)][obs.get(b)];
            }
        }
        double[] inv = Cholesky.inverseSpd(s.clone(), o);
        double[] l = new double[o * o];
        Cholesky.factor(s, o, l);
        double q = 0;
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < o; b++) {
                q += diff[a] * inv[a * o + b] * diff[b];
            }
        }
        return -0.5 * o * Math.log(2 * Math.PI) - Cholesky.logDiagonal(l, o) - 0.5 * q;
    }

    @Test
    void withoutMissingCellsAFitIsTheOrdinaryOneBitForBit() {
        Dataset some = draw(3000, 0.0, 5);
        Dataset plain = Dataset.wrap(some.contiguous().valuesView().clone(), some.n(), 3, List.of("a", "b", "c"), null);
        GaussianMixtureModel a = GaussianMixture.builder().k(2).build().fit(some);
        GaussianMixtureModel b = GaussianMixture.builder().k(2).build().fit(plain);
        assertArrayEquals(b.trace().history(), a.trace().history(), 0.0);
        assertArrayEquals(flat(b.means()), flat(a.means()), 0.0);
    }

    @Test
    void theBayesianMixtureModelsMissingCellsAndItsBoundNeverFalls() {
        Dataset data = draw(3000, 0.1, 7);
        for (WeightPrior prior : WeightPrior.values()) {
            for (String type : new String[] {"full", "tied", "diag", "spherical"}) {
                BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(4).weightPrior(prior)
                        .covariance(CovarianceType.parse(type)).maxIter(300).tol(1e-10).init(StartMethod.RANDOM).build()
                        .fit(data);
                double[] h = m.trace().history();
                assertTrue(h.length >= 5, prior + " " + type + ": " + h.length + " iterations");
                for (int i = 1; i < h.length; i++) {
                    assertTrue(h[i] >= h[i - 1] - 1e-9 * Math.abs(h[i - 1]),
                            prior + " " + type + ": the bound fell at iteration " + (i + 1) + ": " + h[i - 1] + " -> " + h[i]);
                }
                int[] labels = m.predict(data);
                assertEquals(data.n(), labels.length);
            }
        }
        // Its answer approaches the truth as the ML fit's does (K = 2: how fast surplus components
        // are pruned is issue 19's, with or without missing cells).
        BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(2).maxIter(1000).build()
                .fit(draw(50_000, 0.15, 8));
        assertEquals(2, m.effectiveComponents());
        for (int c = 0; c < 2; c++) {
            if (m.effective()[c]) {
                double e0 = 0;
                double e1 = 0;
                for (int i = 0; i < 3; i++) {
                    e0 = Math.max(e0, Math.abs(m.means()[c][i] - MEANS[0][i]));
                    e1 = Math.max(e1, Math.abs(m.means()[c][i] - MEANS[1][i]));
                }
                assertTrue(Math.min(e0, e1) < 0.05, "component " + c + ": mean error " + Math.min(e0, e1));
            }
        }
        double[] ll = m.scoreSamples(data);
        for (double v : ll) {
            assertTrue(Double.isFinite(v));
        }
    }

    /**
     * The density a model gives a row with a missing cell is the integral of its density over that
     * cell (Simpson's rule on a wide grid), for the Gaussian mixture and the Bayesian mixture's
     * Student-t predictive, every structure of the latter, standardised or not (only the observed
     * columns' units then count).
     */
    @Test
    void aMissingCellIsIntegratedOut() {
        Dataset train = draw(3000, 0.0, 9);
        double[][] rows = {{1.0, Double.NaN, -0.5}, {Double.NaN, 2.0, Double.NaN}};
        for (boolean standardize : new boolean[] {false, true}) {
            java.util.List<java.util.function.Function<Dataset, double[]>> models = new ArrayList<>();
            GaussianMixtureModel g = GaussianMixture.builder().k(2).standardize(standardize).build().fit(train);
            models.add(g::scoreSamples);
            for (String type : new String[] {"full", "tied", "diag", "spherical"}) {
                BayesianGaussianMixtureModel m = BayesianGaussianMixture.builder().k(2).standardize(standardize)
                        .covariance(CovarianceType.parse(type)).build().fit(train);
                models.add(m::scoreSamples);
            }
            for (int mi = 0; mi < models.size(); mi++) {
                for (double[] row : rows) {
                    double got = models.get(mi).apply(Dataset.ofBlocks(List.of(row.clone()), new int[] {1}, 3,
                            List.of("a", "b", "c"), null, true))[0];
                    double want = Math.log(integral(models.get(mi), row));
                    assertEquals(want, got, 1e-6 * Math.abs(want), "model " + mi + (standardize ? " standardised" : "")
                            + " row " + java.util.Arrays.toString(row));
                }
            }
        }
    }

    /** ∫ p(x) over the missing cells of {@code row} (one or two), by Simpson's rule on [−40, 40] per cell. */
    private static double integral(java.util.function.Function<Dataset, double[]> score, double[] row) {
        List<Integer> mis = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            if (Double.isNaN(row[j])) {
                mis.add(j);
            }
        }
        int steps = mis.size() == 1 ? 8000 : 800;
        double lo = -40;
        double h = 80.0 / steps;
        int pts = steps + 1;
        int total = (int) Math.pow(pts, mis.size());
        double[] x = new double[total * 3];
        double[] wgt = new double[total];
        for (int q = 0; q < total; q++) {
            double w = 1;
            int rest = q;
            System.arraycopy(row, 0, x, q * 3, 3);
            for (int m : mis) {
                int i = rest % pts;
                rest /= pts;
                x[q * 3 + m] = lo + i * h;
                w *= (i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2)) * h / 3;
            }
            wgt[q] = w;
        }
        double[] ll = score.apply(Dataset.wrap(x, total, 3, List.of("a", "b", "c"), null));
        double s = 0;
        for (int q = 0; q < total; q++) {
            s += wgt[q] * Math.exp(ll[q]);
        }
        return s;
    }

    @Test
    void kMeansRefusesMissingCellsByName() {
        Dataset data = draw(500, 0.05, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeans.builder().k(2).build().fit(data));
        assertTrue(e.getMessage().matches("row \\d+, column \\d+ \\(\\w\\) is missing .*K-means cannot model missing values.*"),
                e.getMessage());
        int complete = 0;
        for (int i = 0; i < data.n(); i++) {
            complete += data.isComplete(i) ? 1 : 0;
        }
        assertEquals(complete, data.completeRows().n());
        assertTrue(complete < data.n());
    }
}
