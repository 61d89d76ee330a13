package dev.mixtures.gaussian;

import static dev.mixtures.gaussian.Fixtures.matrix;
import static dev.mixtures.gaussian.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Agreement with R's mclust (fixtures written once by mixtures-bench/scripts/mclust_fixtures.R):
 * for each of the fourteen models, from the same given responsibilities (iris's four measurements,
 * K = 3), the parameters and ln L after each of 1 to 5 EM iterations are mclust's me()'s to 1e-8
 * relative. The iterations run through the block steps with no regularisation, so each M-step is
 * the structure's alone.
 */
class MclustAgreementTest {

    @Test
    void everyModelAgreesWithMclustIterationByIteration() throws Exception {
        JsonNode root = Fixtures.read("/mclust/steps.json");
        double[][] x = matrix(root.get("data"));
        double[][] z = matrix(root.get("z"));
        int k = root.get("k").asInt();
        int n = x.length;
        int d = x[0].length;
        double[] values = new double[n * d];
        double[] weights = new double[n];
        double[] resp = new double[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[i], 0, values, i * d, d);
            System.arraycopy(z[i], 0, resp, i * k, k);
            weights[i] = 1;
        }
        int checked = 0;
        for (CovarianceType t : CovarianceType.values()) {
            JsonNode steps = root.get("models").get(t.mclustName());
            GaussianSteps s = GaussianMixture.builder().k(k).covariance(t).regCovar(0).build().steps(d);
            GaussianStatistics zero = s.startStatistics(new double[k][d], values, weights, resp, n);
            double[][] means = s.startMeans(zero);
            GaussianParams p = s.start(s.startStatistics(means, values, weights, resp, n), means);
            int done = 1;
            for (JsonNode step : steps) {
                int it = step.get("iterations").asInt();
                while (done < it) {
                    p = s.parameters(p, s.statistics(p, values, weights, n));
                    done++;
                }
                String what = t.mclustName() + " after " + it + " iteration(s): ";
                assertStep(step, p, s.statistics(p, values, weights, n).logLik, what);
                checked++;
            }
        }
        assertEquals(14 * 5, checked);
    }

    /** That the parameters {@code p} and ln L {@code lnL} are mclust's {@code step} (pro, mean, sigma, loglik), to 1e-8. */
    static void assertStep(JsonNode step, GaussianParams p, double lnL, String what) {
        close(step.get("loglik").asDouble(), lnL, what + "ln L");
        double[] pro = vector(step.get("pro"));
        double[][] mean = matrix(step.get("mean"));
        double[][][] cov = p.covariances();
        int d = p.d();
        for (int c = 0; c < p.k(); c++) {
            close(pro[c], p.weights()[c], what + "weight " + (c + 1));
            double[][] sigma = matrix(step.get("sigma").get(c));
            for (int i = 0; i < d; i++) {
                close(mean[c][i], p.means()[c][i], what + "mean " + (c + 1) + "," + (i + 1));
                for (int j = 0; j < d; j++) {
                    close(sigma[i][j], cov[c][i][j], what + "covariance " + (c + 1) + " (" + (i + 1) + "," + (j + 1) + ")");
                }
            }
        }
    }

    /** Relative 1e-8, against the size of the entry (or 1e-8 absolute below magnitude 1e-2, for covariances near 0). */
    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-8 * Math.max(Math.abs(expected), 1e-2), what);
    }
}
