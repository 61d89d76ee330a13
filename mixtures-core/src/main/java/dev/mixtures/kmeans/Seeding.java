package dev.mixtures.kmeans;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.RowWindow;
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
        double[] centres = new double[k * d];
        int nChunks = (n + EmLoop.CHUNK_ROWS - 1) / EmLoop.CHUNK_ROWS;
        double[] chunkSums = new double[nChunks];
        RowWindow[] windows = new RowWindow[workers.threads()];
        for (int t = 0; t < windows.length; t++) {
            windows[t] = new RowWindow();
        }

        int first = drawByWeight(data, rnd);
        data.copyRow(first, centres, 0);
        // closest[i] = w_i · squared distance from row i to its nearest centre so far.
        double[] closest = new double[n];
        workers.forEachChunk(nChunks, (ch, wk) -> {
            int from = ch * EmLoop.CHUNK_ROWS;
            int to = Math.min(n, from + EmLoop.CHUNK_ROWS);
            RowWindow win = windows[wk];
            data.window(from, to, win);
            double[] x = win.values();
            double[] w = win.weights();
            int sh = win.shift();
            double s = 0;
            for (int i = from; i < to; i++) {
                double v = (w == null ? 1.0 : w[i + sh]) * Distances.squared(x, (i + sh) * d, centres, 0, d);
                closest[i] = v;
                s += v;
            }
            chunkSums[ch] = s;
        });

        int trials = 2 + (int) Math.log(k);
        int tp = Kernels.padded(1 + trials);
        double[] cols = new double[(1 + trials) * d];
        int[] candidateRows = new int[trials];
        double[][] potentials = new double[nChunks][trials];
        int block = 256;
        double[][] dist = new double[workers.threads()][Kernels.scratch(block, tp, d)];
        // The last centre chosen is folded into closest[] lazily, by the next pass: its chunk sums are
        // already known from the pass that chose it, and the draws need it in one chunk only.
        int pending = -1;
        double[] pendingRow = new double[d];
        for (int c = 1; c < k; c++) {
            double total = sum(chunkSums);
            for (int t = 0; t < trials; t++) {
                candidateRows[t] = drawByPotential(data, closest, pending, pendingRow, chunkSums, total, rnd);
            }
            int lead = pending >= 0 ? 1 : 0;
            if (lead == 1) {
                data.copyRow(pending, cols, 0);
            }
            for (int t = 0; t < trials; t++) {
                data.copyRow(candidateRows[t], cols, (lead + t) * d);
            }
            double[] ct = Distances.transposePadded(cols, lead + trials, d, tp, null);
            workers.forEachChunk(nChunks, (ch, wk) -> {
                int from = ch * EmLoop.CHUNK_ROWS;
                int to = Math.min(n, from + EmLoop.CHUNK_ROWS);
                double[] pot = potentials[ch];
                java.util.Arrays.fill(pot, 0.0);
                double[] buf = dist[wk];
                RowWindow win = windows[wk];
                data.window(from, to, win);
                int sh = win.shift();
                for (int b = from; b < to; b += block) {
                    kernel.potentials(win.values(), d, b + sh, Math.min(to, b + block) + sh, win.weights(), ct, tp, lead,
                            trials, closest, -sh, pot, buf);
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
            pending = candidateRows[best];
            data.copyRow(pending, centres, c * d);
            data.copyRow(pending, pendingRow, 0);
            for (int ch = 0; ch < nChunks; ch++) {
                chunkSums[ch] = potentials[ch][best];
            }
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

    /**
     * A row drawn with probability proportional to its potential min(closest[i], w_i·d(x_i, pending))
     * (just closest[i] when nothing is pending): a chunk by its sum, then a row within it, so it
     * costs O(chunks + chunk).
     */
    private static int drawByPotential(Dataset data, double[] closest, int pending, double[] pendingRow,
            double[] chunkSums, double total, SplittableRandom rnd) {
        int n = data.n();
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
            double p = potential(data, closest, pending, pendingRow, i);
            if (p > 0) {
                last = i;
                acc += p;
                if (acc > target) {
                    return i;
                }
            }
        }
        if (last >= 0) {
            return last;
        }
        // Rounding carried the target past the mass into a chunk with none: take the last row that has some.
        for (int c = ch - 1; c >= 0; c--) {
            if (chunkSums[c] > 0) {
                for (int i = Math.min(n, (c + 1) * EmLoop.CHUNK_ROWS) - 1; i >= c * EmLoop.CHUNK_ROWS; i--) {
                    if (potential(data, closest, pending, pendingRow, i) > 0) {
                        return i;
                    }
                }
            }
        }
        throw new IllegalStateException("no row has a positive potential");
    }

    /** Row i's potential: closest[i], with the pending centre folded in when there is one. */
    private static double potential(Dataset data, double[] closest, int pending, double[] pendingRow, int i) {
        if (pending < 0) {
            return closest[i];
        }
        int d = data.d();
        double wi = data.weight(i);
        if (data.isSingleArray()) {
            return Math.min(closest[i], wi * Distances.squared(data.valuesView(), i * d, pendingRow, 0, d));
        }
        return Math.min(closest[i], wi * Distances.squared(data.row(i), 0, pendingRow, 0, d));
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
        double[] centres = new double[k * d];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            weight[i] = data.weight(i);
        }
        double[] left = {0};
        for (double v : weight) {
            left[0] += v;
        }
        for (int c = 0; c < k; c++) {
            double target = rnd.nextDouble() * left[0];
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
            data.copyRow(pick, centres, c * d);
            // Every row equal to the one drawn leaves the pool, so the k centres are distinct.
            int pc = c;
            data.forEachRow((i, x, at, wi) -> {
                if (weight[i] > 0 && Distances.squared(x, at, centres, pc * d, d) == 0) {
                    left[0] -= weight[i];
                    weight[i] = 0;
                }
            });
        }
        return centres;
    }
}
