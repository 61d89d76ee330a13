package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.em.Workers;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.util.SplittableRandom;

/** Where the Gaussian and the Bayesian mixture's first responsibilities come from (every start method but given parameters). */
final class Starts {
    private Starts() {
    }

    /**
     * Starting responsibilities for the start methods that make them (all but given parameters):
     * random ones per row, or the hard labels of K-means, of k-means++ seeds, of random rows or of
     * the hierarchy ({@code hierarchy}: the settings' own, or one built for these data).
     * The Bayesian mixture starts the same way.
     */
    static GaussianPass.Source source(StartMethod init, int k, Dataset z, SplittableRandom rnd, Workers workers,
            java.util.function.Supplier<Hierarchy> hierarchy) {
        if (init == StartMethod.RANDOM) {
            long base = rnd.nextLong();
            return (row, r, stride, at) -> {
                SplittableRandom g = new SplittableRandom(base + row * 0x9E3779B97F4A7C15L);
                double s = 0;
                for (int c = 0; c < k; c++) {
                    double u = g.nextDouble();
                    r[at + c * stride] = u;
                    s += u;
                }
                for (int c = 0; c < k; c++) {
                    r[at + c * stride] /= s;
                }
            };
        } else {
            int[] labels;
            if (init == StartMethod.HC) {
                Hierarchy h = hierarchy.get();
                if (h.rows() != z.n()) {
                    throw new IllegalArgumentException("init: the hierarchy was built for " + h.rows() + " rows, the data have "
                            + z.n());
                }
                labels = h.labels(k);
            } else if (init == StartMethod.KMEANS) {
                // K-means picks its kernel by the size of the problem (Kernels.forSize): a grid of small
                // fits in a fresh JVM, bound by the JIT, takes the plain Java kernel (the same bits).
                KMeansModel km = KMeans.builder().k(k).nInit(1).seed(rnd.nextLong()).threads(workers.threads()).build()
                        .fit(z);
                labels = km.predict(z);
            } else {
                double[] seeds = KMeans.seedCentres(z, k,
                        init == StartMethod.KMEANS_PLUS_PLUS ? KMeans.Init.KMEANS_PLUS_PLUS : KMeans.Init.RANDOM, rnd,
                        workers.threads());
                labels = KMeans.nearest(z, seeds, k);
            }
            return (row, r, stride, at) -> {
                for (int c = 0; c < k; c++) {
                    r[at + c * stride] = labels[row] == c ? 1.0 : 0.0;
                }
            };
        }
    }
}
