package dev.mixtures.kmeans;

import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmFamily;
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
 * The recorded objective is the batch's mean cost; the run stops when its exponentially weighted
 * average has not improved for 10 batches, or after max-iter passes over the data.
 */
final class MiniBatchFamily implements EmFamily<Centres, KMeansStatistics> {
    private static final int PATIENCE = 10;

    private final Dataset data;
    private final int n;
    private final int d;
    private final int k;
    private final int batch;
    private final DistanceKernel kernel;
    private final SplittableRandom rnd;
    private final double[] rows;
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
            data.copyRow(i, rows, t * d);
            rowWeights[t] = data.weight(i);
            batchWeight += rowWeights[t];
        }
    }

    @Override
    public void eStep(Centres c, int from, int to, KMeansStatistics stats, int worker) {
        c.checkLayout(kernel);
        double[] buf = dist[worker];
        int[] label = labels[worker];
        double[] best = bests[worker];
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

    @Override
    public boolean converged(double previous, double current, KMeansStatistics total, int iteration) {
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
