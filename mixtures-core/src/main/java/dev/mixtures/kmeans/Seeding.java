package dev.mixtures.kmeans;

import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Distances;
import dev.mixtures.linalg.Kernels;
import java.util.SplittableRandom;

/**
 * Initial centres for K-means.
 *
 * <p>Greedy k-means++ (Arthur &amp; Vassilvitskii 2007, greedy form as in scikit-learn): the first
 * centre is a row drawn with probability proportional to its weight; each next one is the best,
 * by the resulting cost, of 2 + ⌊ln k⌋ rows drawn with probability proportional to weight × squared
 * distance to the nearest centre so far. Potentials are summed per fixed chunk in chunk order, so
 * the draws do not depend on the thread count. Random: k rows with distinct values, drawn with
 * probability proportional to weight.
 */
final class Seeding {
    private Seeding() {
    }

    static double[] kMeansPlusPlus(Dataset data, int k, SplittableRandom rnd, Workers workers, DistanceKernel kernel) {
        int n = data.n();
        int d = data.d();
        double[] x = data.valuesView();
        double[] w = data.weightsView();
        double[] centres = new double[k * d];
        int nChunks = (n + EmLoop.CHUNK_ROWS - 1) / EmLoop.CHUNK_ROWS;
        double[] chunkSums = new double[nChunks];

        int first = drawByWeight(data, rnd);
        System.arraycopy(x, first * d, centres, 0, d);
        // closest[i] = w_i · squared distance from row i to its nearest centre so far.
        double[] closest = new double[n];
        workers.forEachChunk(nChunks, (ch, wk) -> {
            int from = ch * EmLoop.CHUNK_ROWS;
            int to = Math.min(n, from + EmLoop.CHUNK_ROWS);
            double s = 0;
            for (int i = from; i < to; i++) {
                double v = (w == null ? 1.0 : w[i]) * Distances.squared(x, i * d, x, first * d, d);
                closest[i] = v;
                s += v;
            }
            chunkSums[ch] = s;
        });

        int trials = 2 + (int) Math.log(k);
        int tp = Kernels.padded(trials);
        double[] candidates = new double[trials * d];
        int[] candidateRows = new int[trials];
        double[][] potentials = new double[nChunks][trials];
        int block = 256;
        double[][] dist = new double[workers.threads()][Kernels.scratch(block, tp, d)];
        for (int c = 1; c < k; c++) {
            double total = sum(chunkSums);
            for (int t = 0; t < trials; t++) {
                candidateRows[t] = drawByPotential(closest, chunkSums, total, rnd, n);
                System.arraycopy(x, candidateRows[t] * d, candidates, t * d, d);
            }
            double[] ct = Distances.transposePadded(candidates, trials, d, tp, null);
            workers.forEachChunk(nChunks, (ch, wk) -> {
                int from = ch * EmLoop.CHUNK_ROWS;
                int to = Math.min(n, from + EmLoop.CHUNK_ROWS);
                double[] pot = potentials[ch];
                java.util.Arrays.fill(pot, 0.0);
                double[] buf = dist[wk];
                for (int b = from; b < to; b += block) {
                    int e = Math.min(to, b + block);
                    kernel.squaredDistances(x, d, b, e, ct, tp, buf);
                    for (int i = b; i < e; i++) {
                        double wi = w == null ? 1.0 : w[i];
                        int o = (i - b) * tp;
                        for (int t = 0; t < trials; t++) {
                            pot[t] += Math.min(closest[i], wi * buf[o + t]);
                        }
                    }
                }
            });
            int best = 0;
            double bestPot = Double.POSITIVE_INFINITY;
            for (int t = 0; t < trials; t++) {
                double p = 0;
                for (int ch = 0; ch < nChunks; ch++) {
                    p += potentials[ch][t];
                }
                if (p < bestPot) {
                    bestPot = p;
                    best = t;
                }
            }
            int row = candidateRows[best];
            System.arraycopy(x, row * d, centres, c * d, d);
            workers.forEachChunk(nChunks, (ch, wk) -> {
                int from = ch * EmLoop.CHUNK_ROWS;
                int to = Math.min(n, from + EmLoop.CHUNK_ROWS);
                double[] buf = dist[wk];
                double s = 0;
                for (int b = from; b < to; b += block) {
                    int e = Math.min(to, b + block);
                    Distances.squaredToOne(x, d, b, e, x, row * d, buf);
                    for (int i = b; i < e; i++) {
                        double v = Math.min(closest[i], (w == null ? 1.0 : w[i]) * buf[i - b]);
                        closest[i] = v;
                        s += v;
                    }
                }
                chunkSums[ch] = s;
            });
        }
        return centres;
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    /** A row drawn with probability proportional to {@code potential[i]}; chunk sums make it O(chunks + chunk). */
    private static int drawByPotential(double[] potential, double[] chunkSums, double total, SplittableRandom rnd, int n) {
        double target = rnd.nextDouble() * total;
        int ch = 0;
        double acc = 0;
        while (ch < chunkSums.length - 1 && acc + chunkSums[ch] <= target) {
            acc += chunkSums[ch];
            ch++;
        }
        int from = ch * EmLoop.CHUNK_ROWS;
        int to = Math.min(n, from + EmLoop.CHUNK_ROWS);
        int last = -1;
        for (int i = from; i < to; i++) {
            if (potential[i] > 0) {
                last = i;
                acc += potential[i];
                if (acc > target) {
                    return i;
                }
            }
        }
        if (last >= 0) {
            return last;
        }
        // Rounding left the target past this chunk's mass: take the last row with any potential.
        for (int i = n - 1; i >= 0; i--) {
            if (potential[i] > 0) {
                return i;
            }
        }
        throw new IllegalStateException("no row has a positive potential");
    }

    private static int drawByWeight(Dataset data, SplittableRandom rnd) {
        int n = data.n();
        if (!data.hasWeights()) {
            return rnd.nextInt(n);
        }
        double target = rnd.nextDouble() * data.totalWeight();
        double acc = 0;
        int last = -1;
        for (int i = 0; i < n; i++) {
            double wi = data.weight(i);
            if (wi > 0) {
                last = i;
                acc += wi;
                if (acc > target) {
                    return i;
                }
            }
        }
        return last;
    }

    /** k rows with distinct values, each drawn with probability proportional to its weight among those left. */
    static double[] randomRows(Dataset data, int k, SplittableRandom rnd) {
        int n = data.n();
        int d = data.d();
        double[] x = data.valuesView();
        double[] centres = new double[k * d];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            weight[i] = data.weight(i);
        }
        double left = 0;
        for (double v : weight) {
            left += v;
        }
        for (int c = 0; c < k; c++) {
            double target = rnd.nextDouble() * left;
            double acc = 0;
            int pick = -1;
            for (int i = 0; i < n; i++) {
                if (weight[i] > 0) {
                    pick = i;
                    acc += weight[i];
                    if (acc > target) {
                        break;
                    }
                }
            }
            System.arraycopy(x, pick * d, centres, c * d, d);
            // Every row equal to the one drawn leaves the pool, so the k centres are distinct.
            for (int i = 0; i < n; i++) {
                if (weight[i] > 0 && Distances.squared(x, i * d, x, pick * d, d) == 0) {
                    left -= weight[i];
                    weight[i] = 0;
                }
            }
        }
        return centres;
    }
}
