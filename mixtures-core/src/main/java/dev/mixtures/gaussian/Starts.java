package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.em.Workers;
import dev.mixtures.kmeans.KMeans;
import java.util.SplittableRandom;

/** Where the Gaussian and the Bayesian mixture's first responsibilities come from (every start method but given parameters). */
final class Starts {
    private Starts() {
    }

    /**
     * Starting responsibilities for the start methods that make them (all but given parameters):
     * random ones per row, or the hard labels of K-means, of k-means++ seeds, of random rows or of
     * the hierarchy; {@code shared} (or null) holds the tree and K-means partitions that fits of the
     * same data share, {@code seed} draws the tree's subset when there is none.
     * The Bayesian mixture starts the same way.
     */
    static GaussianPass.Source source(StartMethod init, int k, Dataset z, SplittableRandom rnd, Workers workers,
            SharedStarts shared, long seed) {
        return source(init, k, z, rnd, workers, shared, seed, Double.NaN);
    }

    /**
     * As above, the K-means start stopping when J changes by less than {@code kmeansTol} relative
     * (NaN: K-means' own default, 1e-6).
     */
    static GaussianPass.Source source(StartMethod init, int k, Dataset z, SplittableRandom rnd, Workers workers,
            SharedStarts shared, long seed, double kmeansTol) {
        if (shared != null && shared.rows() != z.n()) {
            throw new BadInputException("init: the shared starts are for " + shared.rows() + " rows, the data have "
                    + z.n());
        }
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
                labels = (shared != null ? shared.hierarchy() : Hierarchy.of(z, seed)).labels(k);
            } else if (init == StartMethod.KMEANS) {
                // K-means picks its kernel by the size of the problem (Kernels.forSize): a grid of small
                // fits in a fresh JVM, bound by the JIT, takes the plain Java kernel (the same bits).
                long kmSeed = rnd.nextLong();
                java.util.function.Supplier<int[]> run = () -> {
                    dev.mixtures.kmeans.KMeansBuilder b = KMeans.builder().k(k).nInit(1).seed(kmSeed)
                            .threads(workers.threads());
                    if (!Double.isNaN(kmeansTol)) {
                        b.tol(kmeansTol);
                    }
                    return b.build().fit(z).predict(z);
                };
                labels = shared != null ? shared.kmeans(k, kmSeed, run) : run.get();
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
