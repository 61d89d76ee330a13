package dev.mixtures.kmeans;

import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmFamily;
import dev.mixtures.em.EmLoop;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Distances;

/**
 * K-means as hard-assignment EM (PRML 9.2–9.4): the E-step assigns every row to its nearest centre
 * (ties to the lowest index), the M-step moves each centre to the weighted mean of its rows.
 *
 * <p>With {@code bounds} on, this is Hamerly's algorithm (G. Hamerly, "Making k-means even
 * faster", SDM 2010): each row keeps a lower bound on its distance to every centre but its own,
 * and skips the k distances when its exact distance to its own centre is below that bound or
 * below half the distance from its centre to the nearest other one. The bounds are nudged by the
 * rounding error of a computed distance, and every distance that decides anything is computed as
 * {@link Distances#squared} computes it, so the assignments, the sums and J are the same bits as
 * Lloyd's from the same start. Rows are accumulated in row order either way.
 */
final class AssignFamily implements EmFamily<Centres, KMeansStatistics> {
    private static final int BLOCK = 128;

    private final Dataset data;
    private final int n;
    private final int d;
    private final int k;
    private final boolean bounds;
    private final DistanceKernel kernel;
    private final double tol;
    final int[] labels;
    private final double[] lower;
    private boolean boundsValid;
    private final Scratch[] scratch;
    /** Rows whose k distances were computed in the last E-step, summed over chunks (for tests and benchmarks). */
    final java.util.concurrent.atomic.AtomicLong recomputed = new java.util.concurrent.atomic.AtomicLong();

    private static final class Scratch {
        final double[] dist;
        final double[] gather;
        final int[] idx = new int[BLOCK];
        final int[] label = new int[BLOCK];
        final double[] dmin = new double[BLOCK];
        final double[] second = new double[BLOCK];
        final int[] lab = new int[BLOCK];
        final double[] best = new double[BLOCK];
        final int[] own = new int[4];
        final double[] u2 = new double[4];
        final dev.mixtures.data.RowWindow window = new dev.mixtures.data.RowWindow();

        Scratch(int kp, int d) {
            dist = new double[dev.mixtures.linalg.Kernels.scratch(BLOCK, kp, d)];
            gather = new double[BLOCK * d];
        }
    }

    AssignFamily(Dataset data, int k, boolean bounds, DistanceKernel kernel, double tol, int threads) {
        this(data, k, bounds, kernel, tol, threads, true);
    }

    /**
     * {@code keepLabels} false: for one E-step over a block ({@link KMeansSteps}), which needs no
     * labels across iterations; the n-row label array (a large allocation per block and iteration,
     * which on a big heap sets off the collector's concurrent cycles) is not made, and
     * {@code changed} is not counted.
     */
    AssignFamily(Dataset data, int k, boolean bounds, DistanceKernel kernel, double tol, int threads,
            boolean keepLabels) {
        this.data = data;
        this.n = data.n();
        this.d = data.d();
        this.k = k;
        this.bounds = bounds && k > 1;
        this.kernel = kernel;
        this.tol = tol;
        this.labels = keepLabels ? new int[n] : null;
        if (keepLabels) {
            java.util.Arrays.fill(labels, -1);
        }
        this.lower = this.bounds ? new double[n] : null;
        this.scratch = new Scratch[threads];
        int kp = dev.mixtures.linalg.Kernels.padded(k);
        for (int t = 0; t < threads; t++) {
            scratch[t] = new Scratch(kp, d);
        }
    }

    boolean usesBounds() {
        return bounds;
    }

    @Override
    public KMeansStatistics newStatistics() {
        return new KMeansStatistics(k, d);
    }

    @Override
    public int[][] chunks(int rows) {
        return data.chunks(EmLoop.CHUNK_ROWS);
    }

    @Override
    public int rows(int iteration) {
        return n;
    }

    @Override
    public void eStep(Centres c, int from, int to, KMeansStatistics stats, int worker) {
        c.checkLayout(kernel);
        Scratch s = scratch[worker];
        data.window(from, to, s.window);
        final double[] x = s.window.values();
        final double[] w = s.window.weights();
        // Row i of the chunk is row i + sh of x and w.
        final int sh = s.window.shift();
        long full = 0;
        for (int b = from; b < to; b += BLOCK) {
            int e = Math.min(to, b + BLOCK);
            if (bounds && boundsValid) {
                int m = 0;
                for (int i = b; i < e; i++) {
                    int a = labels[i];
                    if ((i - b) % 4 == 0) {
                        // Each row's distance to its own centre, four rows at a time (same bits, less latency).
                        if (i + 4 <= e) {
                            for (int q = 0; q < 4; q++) {
                                s.own[q] = labels[i + q] * d;
                            }
                            Distances.squared4(x, i + sh, d, c.c, s.own, s.u2);
                        } else {
                            for (int q = 0; i + q < e; q++) {
                                s.u2[q] = Distances.squared(x, (i + q + sh) * d, c.c, labels[i + q] * d, d);
                            }
                        }
                    }
                    double u2 = s.u2[(i - b) % 4];
                    double l = Math.nextDown(lower[i] - (a == c.maxMover ? c.secondMove : c.maxMove));
                    lower[i] = l;
                    if (Centres.up(Math.sqrt(u2), d) < Math.max(l, c.half[a])) {
                        s.label[i - b] = a;
                        s.dmin[i - b] = u2;
                    } else {
                        System.arraycopy(x, (i + sh) * d, s.gather, m * d, d);
                        s.idx[m++] = i;
                    }
                }
                if (m > 0) {
                    kernel.nearest(s.gather, d, 0, m, c.cl, c.kp, k, s.dist, s.lab, s.best, s.second);
                    for (int t = 0; t < m; t++) {
                        int slot = s.idx[t] - b;
                        s.label[slot] = s.lab[t];
                        s.dmin[slot] = s.best[t];
                        lower[s.idx[t]] = Centres.down(Math.sqrt(s.second[t]), d);
                    }
                    full += m;
                }
            } else {
                kernel.nearest(x, d, b + sh, e + sh, c.cl, c.kp, k, s.dist, s.label, s.dmin, bounds ? s.second : null);
                if (bounds) {
                    for (int i = b; i < e; i++) {
                        lower[i] = Centres.down(Math.sqrt(s.second[i - b]), d);
                    }
                }
                full += e - b;
            }
            stats.addRows(kernel, x, b + sh, e + sh, w, s.label, s.dmin);
            for (int i = b; labels != null && i < e; i++) {
                if (labels[i] != s.label[i - b]) {
                    stats.changed++;
                    labels[i] = s.label[i - b];
                }
            }
        }
        recomputed.addAndGet(full);
    }

    @Override
    public Centres mStep(Centres c, KMeansStatistics total, int iteration) {
        boundsValid = bounds;
        double[] counts = total.counts.clone();
        double[] sums = total.sums.clone();
        double[] next = new double[k * d];
        boolean[] empty = new boolean[k];
        int nEmpty = 0;
        for (int j = 0; j < k; j++) {
            if (!(counts[j] > 0)) {
                empty[j] = true;
                nEmpty++;
            }
        }
        if (nEmpty > 0) {
            reseed(c, empty, counts, sums, next);
        }
        for (int j = 0; j < k; j++) {
            if (empty[j]) {
                continue;
            }
            if (counts[j] > 0) {
                double inv = 1.0 / counts[j];
                for (int t = 0; t < d; t++) {
                    next[j * d + t] = sums[j * d + t] * inv;
                }
            } else {
                // Its only rows were taken to re-seed an empty cluster: it stays where it was.
                System.arraycopy(c.c, j * d, next, j * d, d);
            }
        }
        return c.next(next, bounds);
    }

    /**
     * Empty clusters are re-seeded, in index order, at the row farthest from its own centre (ties
     * to the lowest row; rows of zero weight and rows equal to a centre already re-seeded are
     * passed over), and that row is taken out of the cluster it came from. The same rule as
     * scikit-learn's; it keeps every centre on the data and never yields NaN.
     */
    private void reseed(Centres c, boolean[] empty, double[] counts, double[] sums, double[] next) {
        double[] far = new double[n];
        data.forEachRow((i, x, at, wi) -> far[i] = wi <= 0 ? -1 : Distances.squared(x, at, c.c, labels[i] * d, d));
        java.util.List<Integer> chosen = new java.util.ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (!empty[j]) {
                continue;
            }
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (far[i] >= 0 && (best < 0 || far[i] > far[best]) && !sameAsChosen(i, chosen)) {
                    best = i;
                }
            }
            if (best < 0) {
                System.arraycopy(c.c, j * d, next, j * d, d);
                continue;
            }
            chosen.add(best);
            far[best] = -1;
            data.copyRow(best, next, j * d);
            int from = labels[best];
            double wi = data.weight(best);
            counts[from] -= wi;
            for (int t = 0; t < d; t++) {
                sums[from * d + t] -= wi * next[j * d + t];
            }
            if (!(counts[from] > 0)) {
                counts[from] = 0;
            }
        }
    }

    private boolean sameAsChosen(int i, java.util.List<Integer> chosen) {
        if (chosen.isEmpty()) {
            return false;
        }
        double[] xi = data.row(i);
        for (int r : chosen) {
            if (Distances.squared(xi, 0, data.row(r), 0, d) == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public double objective(Centres before, Centres after, KMeansStatistics total) {
        return total.cost;
    }

    @Override
    public boolean converged(double previous, double current, KMeansStatistics total, int iteration) {
        return total.changed == 0 || (!Double.isNaN(previous) && Math.abs(previous - current) <= tol * Math.abs(previous));
    }
}
