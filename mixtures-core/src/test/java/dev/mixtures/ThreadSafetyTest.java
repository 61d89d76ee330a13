package dev.mixtures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * "A fitted model is thread-safe": many threads predict, score and sample from one model at once,
 * on data large enough for the parallel passes (several chunks, so each call runs its own
 * workers), and every answer is the single-threaded one, bit for bit.
 */
class ThreadSafetyTest {
    private static final int CALLERS = 8;
    private static final int ROUNDS = 6;

    @Test
    void everyModelAnswersManyThreadsAsItAnswersOne() throws Exception {
        Dataset train = Blobs.generate(3000, 3, 4, 5, 21);
        Dataset query = Blobs.generate(9000, 3, 4, 5, 22);
        KMeansModel km = KMeans.builder().k(4).build().fit(train);
        GaussianMixtureModel gm = GaussianMixture.builder().k(4).covariance(CovarianceType.DIAG).standardize(true)
                .build().fit(train);
        BayesianGaussianMixtureModel vb = BayesianGaussianMixture.builder().k(6).build().fit(train);

        int[] kmLabels = km.predict(query);
        check("kmeans predict", () -> km.predict(query), kmLabels);
        for (MixtureDensity m : List.<MixtureDensity>of(gm, vb)) {
            int[] labels = m.predict(query);
            double[][] proba = m.predictProba(query);
            double[] scores = m.scoreSamples(query);
            double[][] drawn = m.sample(500, 3).points();
            check(m.kind() + " predict", () -> m.predict(query), labels);
            check(m.kind() + " predictProba", () -> m.predictProba(query), proba);
            check(m.kind() + " scoreSamples", () -> m.scoreSamples(query), scores);
            check(m.kind() + " sample", () -> m.sample(500, 3).points(), drawn);
        }
    }

    /** Runs {@code call} from CALLERS threads released together, ROUNDS times each, and compares. */
    private static <T> void check(String what, Callable<T> call, T expected) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<T>>> futures = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    List<T> out = new ArrayList<>();
                    for (int r = 0; r < ROUNDS; r++) {
                        out.add(call.call());
                    }
                    return out;
                }));
            }
            go.countDown();
            for (Future<List<T>> f : futures) {
                List<T> got = f.get();
                assertEquals(ROUNDS, got.size());
                for (T g : got) {
                    if (expected instanceof int[] e) {
                        assertArrayEquals(e, (int[]) g, what);
                    } else if (expected instanceof double[] e) {
                        assertArrayEquals(e, (double[]) g, 0.0, what);
                    } else {
                        double[][] e = (double[][]) expected;
                        double[][] a = (double[][]) g;
                        assertEquals(e.length, a.length, what);
                        for (int i = 0; i < e.length; i++) {
                            assertArrayEquals(e[i], a[i], 0.0, what + " row " + i);
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
