package dev.mixtures.gaussian;

import static dev.mixtures.gaussian.Fixtures.matrix;
import static dev.mixtures.gaussian.Fixtures.vector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * mclust's conjugate prior (priorControl() defaults) against mclust 6.0.0 (fixtures by
 * mixtures-bench/scripts/mclust_fixtures.R): the default prior's parameters, and for each of the
 * ten models that take it, from the same responsibilities as {@link MclustAgreementTest}, the
 * posterior-mode parameters and ln L after each of 1 to 5 iterations, to 1e-8 relative.
 */
class MclustPriorTest {

    @Test
    void everyModelWithAPriorAgreesWithMclust() throws Exception {
        JsonNode steps = Fixtures.read("/mclust/steps.json");
        JsonNode root = Fixtures.read("/mclust/prior.json");
        double[][] x = matrix(steps.get("data"));
        double[][] z = matrix(steps.get("z"));
        int k = steps.get("k").asInt();
        Dataset data = Dataset.of(x);
        int d = data.d();
        int checked = 0;
        for (CovarianceType t : CovarianceType.values()) {
            JsonNode model = root.get("models").get(t.mclustName());
            assertEquals(model != null, MixturePrior.supports(t), t.mclustName());
            if (model == null) {
                continue;
            }
            MixturePrior prior = MixturePrior.defaults(data, k, t);
            JsonNode pj = model.get("prior");
            close(pj.get("shrinkage").asDouble(), prior.shrinkage(), t + " shrinkage");
            close(pj.get("dof").asDouble(), prior.dof(), t + " dof");
            double[] mean = vector(pj.get("mean"));
            for (int i = 0; i < d; i++) {
                close(mean[i], prior.mean()[i], t + " prior mean");
            }
            JsonNode scale = pj.get("scale");
            double[] ours = prior.scale();
            if (scale.isArray() && scale.get(0).isArray()) {
                double[][] s = matrix(scale);
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        close(s[i][j], ours[i * d + j], t + " prior scale");
                    }
                }
            } else {
                close(scale.isArray() ? scale.get(0).asDouble() : scale.asDouble(), ours[0], t + " prior scale");
            }
            try (Workers workers = new Workers(1)) {
                GaussianFamily fam = new GaussianFamily(data, k, t, 0, 0, false, GaussianKernels.best(), 1,
                        GaussianFamily.DataScale.of(data), prior);
                GaussianPass.Source source = (row, r, stride, at) -> {
                    for (int c = 0; c < k; c++) {
                        r[at + c * stride] = z[row][c];
                    }
                };
                double[] means = fam.statistics(source, new double[k * d], workers).meansAboutZero();
                GaussianParams p = fam.mStep(fam.statistics(source, means, workers), means, 0);
                int done = 1;
                for (JsonNode step : model.get("steps")) {
                    int it = step.get("iterations").asInt();
                    while (done < it) {
                        GaussianStatistics st = EmLoop.eStep(fam, p, data.n(), workers, new ArrayList<>(), fam.newStatistics());
                        p = fam.mStep(p, st, done);
                        done++;
                    }
                    String what = t.mclustName() + " with the prior after " + it + " iteration(s): ";
                    double lnL = EmLoop.eStep(fam, p, data.n(), workers, new ArrayList<>(), fam.newStatistics()).logLik;
                    MclustAgreementTest.assertStep(step, p, lnL, what);
                    checked++;
                }
            }
        }
        assertEquals(10 * 5, checked);
    }

    @Test
    void modelsWithoutAPriorAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GaussianMixture.builder().k(2).covariance(CovarianceType.EVE).defaultPrior(true).build());
        assertTrue(e.getMessage().contains("not EVE"), e.getMessage());
    }

    private static void close(double expected, double actual, String what) {
        MclustAgreementTest.close(expected, actual, what);
    }
}
