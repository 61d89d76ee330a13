package dev.mixtures.gaussian;

import static dev.mixtures.gaussian.Fixtures.matrix;
import static dev.mixtures.gaussian.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixtures.data.Dataset;
import org.junit.jupiter.api.Test;

/**
 * From the same starting weights, means and precisions, our EM agrees with scikit-learn 1.2.1's
 * GaussianMixture (same reg_covar) to 1e-8 relative after every iteration, for all four
 * structures. Fixtures: mixtures-bench/scripts/gmm_fixtures.py, run once and committed.
 */
class SklearnAgreementTest {
    /** The structures with a conjugate prior (the Bayesian mixture's; scikit-learn's four). */
    private static final java.util.List<CovarianceType> CONJUGATE = java.util.Arrays.stream(CovarianceType.values())
            .filter(CovarianceType::hasConjugatePrior).toList();

    private static final double REL = 1e-8;

    @Test
    void everyStructureAgreesIterationByIteration() throws Exception {
        JsonNode root = Fixtures.read("/sklearn/gmm.json");
        double[][] x = matrix(root.get("data"));
        Dataset data = Dataset.of(x);
        double[] w0 = vector(root.get("weights"));
        double[][] m0 = matrix(root.get("means"));
        double reg = root.get("regCovar").asDouble();
        int checked = 0;
        for (CovarianceType t : CONJUGATE) {
            JsonNode s = root.get("structures").get(t.label());
            JsonNode pj = s.get("precisions");
            double[][][] prec = new double[pj.size()][][];
            for (int c = 0; c < prec.length; c++) {
                prec[c] = matrix(pj.get(c));
            }
            for (JsonNode step : s.get("steps")) {
                int it = step.get("iterations").asInt();
                GaussianMixtureModel m = GaussianMixture.builder().k(w0.length).covariance(t).regCovar(reg)
                        .initialPrecisions(w0, m0, prec).maxIter(it).tol(0).build().fit(data);
                String what = t.label() + " after " + it + " iteration(s): ";
                double[] h = m.trace().history();
                assertEquals(it, h.length, what);
                // scikit-learn's lower_bound_ is the mean ln L of the parameters the last E-step used.
                close(step.get("lowerBound").asDouble(), h[it - 1] / data.n(), what + "lower bound");
                close(step.get("score").asDouble(), m.meanLogLikelihood(), what + "score");
                double[] w = vector(step.get("weights"));
                double[][] mu = matrix(step.get("means"));
                double[][][] cov = m.covariances();
                for (int c = 0; c < w.length; c++) {
                    close(w[c], m.weights()[c], what + "weight " + c);
                    double[][] sc = matrix(step.get("covariances").get(c));
                    for (int i = 0; i < mu[c].length; i++) {
                        closeScaled(mu[c][i], m.means()[c][i], Math.sqrt(sc[i][i]), what + "mean " + c + "," + i);
                        for (int j = 0; j < mu[c].length; j++) {
                            closeScaled(sc[i][j], cov[c][i][j], Math.sqrt(sc[i][i] * sc[j][j]), what + "covariance " + c);
                        }
                    }
                }
                Dataset head = Dataset.of(java.util.Arrays.copyOf(x, 10));
                double[] ss = vector(step.get("scoreSamples"));
                double[] ours = m.scoreSamples(head);
                double[][] proba = m.predictProba(head);
                for (int r = 0; r < 10; r++) {
                    close(ss[r], ours[r], what + "score_samples " + r);
                    double[] pr = vector(step.get("proba").get(r));
                    for (int c = 0; c < pr.length; c++) {
                        assertEquals(pr[c], proba[r][c], 1e-8, what + "predict_proba " + r);
                    }
                }
                checked++;
            }
        }
        assertEquals(24, checked);
    }

    private static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, REL * Math.max(1, Math.abs(expected)), what);
    }

    /** Relative to the scale of the quantity (a mean near 0 is judged against its standard deviation). */
    private static void closeScaled(double expected, double actual, double scale, String what) {
        assertEquals(expected, actual, REL * Math.max(Math.abs(expected), scale), what);
    }
}
