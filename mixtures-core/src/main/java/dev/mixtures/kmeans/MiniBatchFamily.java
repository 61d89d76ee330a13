package dev.mixtures.kmeans;

import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmFamily;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Kernels;
import java.util.SplittableRandom;

/**
 * Mini-batch K-means (D. Sculley, "Web-scale k-means clustering", WWW 2010) as online EM on the
 * shared loop: each iteration draws a batch of rows uniformly with replacement, the E-step assigns
 * them, and the M-step blends the batch statistics into running per-centre statistics, moving each
 * centre by its batch mean with step size (batch weight)/(all weight it has seen).
 *
 * <p>Trade-off: an iteration costs O(batch·k·d) instead of O(n·k·d), so large data converge in a
 * fraction of the time, but the centres only approach a Lloyd fixed point: the final cost is
 * typically a little higher (about 1–5% on well-separated blobs) and J can go up between batches.
 *
 * <p>Start ({@link #seed}, as scikit-learn's MiniBatchKMeans): each of nInit seedings (k-means++
 * or random rows) is drawn from its own sample of 3·batch rows (at least 3k), and the one with the
 * lowest cost on a further sample of that size starts the one run; so the start costs O(nInit ·
 * batch · k · d), not passes over all rows.
 *
 * <p>Stopping rule (the centres have settled when the cost they give stops falling): the recorded
 * objective is the batch's mean cost, taken before the batch moves the centres; the first batch is
 * left out (its cost is that of the start); from the second on, an exponentially weighted average
 * with weight α = min(1, 2·batch/(n + 1)) (a memory of about half a pass over the data) smooths
 * it, and the run stops when that average has not reached a new minimum for 10 batches running,
 * or after max-iter passes over the data. Then one exact pass gives the sizes and J.
 */
final class MiniBatchFamily implements EmFamily<Centres, KMeansStatistics> {
    private static final int PATIENCE = 10;
    /**
     * Rows per piece of a batch's E-step, fixed (so the statistics, merged in piece order, do not
     * depend on the threads): the rows are gathered by the piece's worker, and a gather from a
     * large array or mapped file is a cache and TLB miss per row, which made three quarters of a
     * batch's time on one thread.
     */
    static final int PIECE = 256;

    private final Dataset data;
    private final int n;
    private final int d;
    private final int k;
    private final int batch;
    private final DistanceKernel kernel;
    private final SplittableRandom rnd;
    private final double[] rows;
    /** The batch's rows, drawn in {@link #prepare}, gathered by {@link #eStep}. */
    private final int[] drawn;
    private final double[] rowWeights;
    private final double[] seen;
    private final double[][] dist;
    private final int[][] labels;
    private final double[][] bests;
    private double ewa = Double.NaN;
    private double best = Double.POSITIVE_INFINITY;
    private int noImprovement;
    private double batchWeight;

    MiniBatchFamily(Dataset data, int k, int batch, DistanceKernel kernel, SplittableRandom rnd, int threads) {
        this.data = data;
        this.n = data.n();
        this.d = data.d();
        this.k = k;
        this.batch = Math.min(batch, n);
        this.kernel = kernel;
        this.rnd = rnd;
        this.rows = new double[this.batch * d];
        this.drawn = new int[this.batch];
        this.rowWeights = new double[this.batch];
        this.seen = new double[k];
        this.dist = new double[threads][Kernels.scratch(128, Kernels.padded(k), d)];
        this.labels = new int[threads][128];
        this.bests = new double[threads][128];
    }

    /** Batches of (at most) {@code batch} rows that make one pass over n rows. */
    static long batchesPerEpoch(int n, int batch) {
        int b = Math.min(batch, n);
        return (n + b - 1) / b;
    }

    @Override
    public KMeansStatistics newStatistics() {
        return new KMeansStatistics(k, d);
    }

    @Override
    public int rows(int iteration) {
        return batch;
    }

    @Override
    public void prepare(int iteration, Centres params) {
        batchWeight = 0;
        for (int t = 0; t < batch; t++) {
            int i = rnd.nextInt(n);
            drawn[t] = i;
            rowWeights[t] = data.weight(i);
            batchWeight += rowWeights[t];
        }
    }

    @Override
    public int[][] chunks(int rows) {
        return new int[][] {EmLoop.uniformChunks(rows, PIECE)};
    }

    @Override
    public void eStep(Centres c, int from, int to, KMeansStatistics stats, int worker) {
        c.checkLayout(kernel);
        double[] buf = dist[worker];
        int[] label = labels[worker];
        double[] best = bests[worker];
        for (int t = from; t < to; t++) {
            data.copyRow(drawn[t], rows, t * d);
        }
        for (int b = from; b < to; b += 128) {
            int e = Math.min(to, b + 128);
            kernel.nearest(rows, d, b, e, c.cl, c.kp, k, buf, label, best, null);
            stats.addRows(kernel, rows, b, e, rowWeights, label, best);
        }
    }

    @Override
    public Centres mStep(Centres c, KMeansStatistics total, int iteration) {
        double[] next = c.c.clone();
        for (int j = 0; j < k; j++) {
            double cj = total.counts[j];
            if (cj > 0) {
                seen[j] += cj;
                double step = 1.0 / seen[j];
                for (int t = 0; t < d; t++) {
                    int p = j * d + t;
                    next[p] += (total.sums[p] - cj * next[p]) * step;
                }
            }
        }
        return c.next(next, false);
    }

    @Override
    public double objective(Centres before, Centres after, KMeansStatistics total) {
        return batchWeight > 0 ? total.cost / batchWeight : 0;
    }

    /**
     * The start of a run: the best of {@code tries} seedings, each drawn from its own sample of
     * rows and scored by its cost on another sample (see the class comment).
     */
    static double[] seed(Dataset data, int k, int batch, int tries, KMeans.Init init, SplittableRandom rnd,
            Workers workers, DistanceKernel kernel) {
        int size = sampleRows(data.n(), batch, k);
        double[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        Dataset check = sample(data, size, rnd);
        for (int t = 0; t < Math.max(1, tries); t++) {
            Dataset s = sample(data, size, rnd);
            if (s.distinctRows(k) < k) {
                // Too few distinct rows drawn for k centres: seed from all rows, as a full fit would.
                s = data;
            }
            double[] c = init == KMeans.Init.RANDOM ? Seeding.randomRows(s, k, rnd)
                    : Seeding.kMeansPlusPlus(s, k, rnd, workers, kernel);
            double cost = cost(check, c, k, kernel);
            if (best == null || cost < bestCost) {
                best = c;
                bestCost = cost;
            }
        }
        return best;
    }

    /** Rows in each sample of the start: 3 × batch, at least 3k, at most n. */
    static int sampleRows(int n, int batch, int k) {
        return (int) Math.min(n, Math.max(3L * Math.min(batch, n), 3L * k));
    }

    /** {@code size} rows drawn uniformly with replacement, with their weights, in one array. */
    private static Dataset sample(Dataset data, int size, SplittableRandom rnd) {
        int d = data.d();
        double[] x = new double[size * d];
        double[] w = data.hasWeights() ? new double[size] : null;
        for (int t = 0; t < size; t++) {
            int i = rnd.nextInt(data.n());
            data.copyRow(i, x, t * d);
            if (w != null) {
                w[t] = data.weight(i);
            }
        }
        if (w != null && !(java.util.Arrays.stream(w).sum() > 0)) {
            w = null; // every drawn row weighs 0: seed as if unweighted rather than fail
        }
        return Dataset.wrap(x, size, d, data.columnNames(), w);
    }

    /** Σ w·min_c ‖x − c‖² over the rows of {@code s}. */
    private static double cost(Dataset s, double[] centres, int k, DistanceKernel kernel) {
        int d = s.d();
        int kp = Kernels.padded(k);
        double[] cl = dev.mixtures.linalg.Distances.laneBlocked(centres, k, d, kp, kernel.lanes(), null);
        double[] buf = new double[Kernels.scratch(128, kp, d)];
        int[] lab = new int[128];
        double[] dist = new double[128];
        double total = 0;
        for (int b = 0; b < s.n(); b += 128) {
            int e = Math.min(s.n(), b + 128);
            kernel.nearest(s.valuesView(), d, b, e, cl, kp, k, buf, lab, dist, null);
            for (int i = b; i < e; i++) {
                total += s.weight(i) * dist[i - b];
            }
        }
        return total;
    }

    @Override
    public boolean converged(double previous, double current, KMeansStatistics total, int iteration) {
        if (iteration == 1) {
            return false; // the first batch's cost is the start's
        }
        double alpha = Math.min(1.0, 2.0 * batch / (n + 1.0));
        ewa = Double.isNaN(ewa) ? current : ewa * (1 - alpha) + current * alpha;
        if (ewa < best) {
            best = ewa;
            noImprovement = 0;
        } else {
            noImprovement++;
        }
        return noImprovement >= PATIENCE;
    }
}
