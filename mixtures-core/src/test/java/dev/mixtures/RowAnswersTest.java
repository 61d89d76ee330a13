package dev.mixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Per-row answers do not depend on where a row stands: on data of several chunks (9,000 rows, the
 * vector kernels where present), every row's label, responsibilities and log-density are those of
 * that row asked alone (one row, the plain kernel). A pass that wrote a chunk's rows at the wrong
 * place, or a kernel that disagreed with the other, fails here.
 */
class RowAnswersTest {

    @Test
    void everyRowGetsTheAnswerItGetsAlone() {
        Dataset train = Blobs.generate(3000, 3, 4, 5, 21);
        Dataset query = Blobs.generate(9000, 3, 4, 5, 22);
        KMeansModel km = KMeans.builder().k(4).build().fit(train);
        List<MixtureDensity> mixtures = List.of(
                GaussianMixture.builder().k(4).covariance(CovarianceType.DIAG).standardize(true).build().fit(train),
                GaussianMixture.builder().k(4).covariance(CovarianceType.FULL).build().fit(train),
                BayesianGaussianMixture.builder().k(6).build().fit(train));
        int[] kmLabels = km.predict(query);
        for (int i = 0; i < query.n(); i += 89) {
            Dataset alone = query.rows(i, i + 1);
            assertEquals(km.predict(alone)[0], kmLabels[i], "kmeans row " + i);
        }
        for (MixtureDensity m : mixtures) {
            int[] labels = m.predict(query);
            double[][] proba = m.predictProba(query);
            double[] scores = m.scoreSamples(query);
            for (int i = 0; i < query.n(); i += 89) {
                Dataset alone = query.rows(i, i + 1);
                String what = m.kind() + " " + m.covarianceType().label() + " row " + i;
                assertEquals(m.predict(alone)[0], labels[i], what);
                assertArrayEquals(m.predictProba(alone)[0], proba[i], 0.0, what);
                assertEquals(m.scoreSamples(alone)[0], scores[i], 0.0, what);
            }
        }
    }
}
