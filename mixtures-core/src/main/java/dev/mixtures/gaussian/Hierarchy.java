package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.linalg.Cholesky;
import dev.mixtures.linalg.Eigen;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Model-based agglomerative hierarchical clustering (Fraley 1998; Banfield and Raftery 1993), the
 * start mclust uses by default ({@code hc(modelName = "VVV", use = "SVD")}): every row starts as a
 * cluster (identical rows too, as in mclust's call), and the two clusters whose merge costs least in the
 * unconstrained Gaussian classification likelihood are merged, until one is left. Cutting the tree
 * at K clusters gives a hard partition, which starts EM ({@link StartMethod#HC}).
 *
 * <p>The cost is mclust's regularised one: a cluster of l rows with scatter W contributes
 * l·ln(β(tr W + α)/l) while l ≤ d and l·ln(|W/l| + β(tr W + α)/l) after, with β = 1 and
 * α = tr(scatter)/(n d) of the transformed data, so that small clusters are compared by their spread
 * and large ones by their volume. The scatters are the ones mclust's Fortran actually uses, which
 * differ from the clusters' own once they are read back from its stored factors (MATH.md §2.8;
 * {@link #storedScatter}): this is what makes the tree mclust's on its wreath data. The rows are first transformed as mclust's "SVD" option does:
 * standardised, rotated onto their principal axes and scaled by 1/√(singular value), which makes the
 * merges invariant to the units and gentle on directions of little spread.
 *
 * <p>Scale: the merges need the cost of every pair, n²/2 numbers, and each merge re-prices the merged
 * cluster against all others (O(n d³)); above {@link #SUBSET} rows the tree is built on that many
 * rows drawn with the seed (as mclust's {@code subset} option), and every other row joins the cluster
 * whose mean is nearest in the transformed space. Memory stays O(SUBSET²) whatever n; the result is
 * the same for the same data and seed. Row weights are not used: the tree only proposes a partition.
 */
public final class Hierarchy {
    /** The most rows the tree is built on (mclust's default {@code subset}). */
    public static final int SUBSET = 2000;

    private final int n;
    private final int d;
    /** Transformed rows, n × d (all rows of the data). */
    private final double[] z;
    /** The rows the tree is built on, in increasing order. */
    private final int[] sample;
    /** Merge m joined clusters mergeA[m] and mergeB[m], each numbered by a row's place in the sample (a union keeps the lower number). */
    private final int[] mergeA;
    private final int[] mergeB;

    private Hierarchy(int n, int d, double[] z, int[] sample, int[] mergeA, int[] mergeB) {
        this.n = n;
        this.d = d;
        this.z = z;
        this.sample = sample;
        this.mergeA = mergeA;
        this.mergeB = mergeB;
    }

    /**
     * The tree of {@code data}; {@code seed} draws the subset when there are more than
     * {@link #SUBSET} rows.
     *
     * @throws IllegalArgumentException when a column is constant
     */
    public static Hierarchy of(Dataset data, long seed) {
        int n = data.n();
        int d = data.d();
        double[] z = transform(data);
        int[] sample;
        if (n <= SUBSET) {
            sample = new int[n];
            for (int i = 0; i < n; i++) {
                sample[i] = i;
            }
        } else {
            // A partial Fisher-Yates shuffle: SUBSET distinct rows, then in increasing order.
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int i = 0; i < SUBSET; i++) {
                int j = i + rnd.nextInt(n - i);
                int t = all[i];
                all[i] = all[j];
                all[j] = t;
            }
            sample = Arrays.copyOf(all, SUBSET);
            Arrays.sort(sample);
        }
        // Every row starts as a cluster of its own, identical rows too: mclust's hc() passes its
        // transformed data on without the partition of duplicates its signature names.
        int[][] merges = agglomerate(z, sample, d);
        return new Hierarchy(n, d, z, sample, merges[0], merges[1]);
    }


    /** mclust's "SVD" transform: standardised columns, rotated onto the principal axes, scaled by 1/√(singular value). */
    static double[] transform(Dataset data) {
        int n = data.n();
        int d = data.d();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += data.get(i, j);
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] sd = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double v = data.get(i, j) - mean[j];
                sd[j] += v * v;
            }
        }
        double[] x = new double[n * d];
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / (n - 1));
            if (!(sd[j] > 0)) {
                throw new BadInputException("init: hc needs spread in every column; column " + (j + 1) + " ("
                        + data.columnNames().get(j) + ") is constant");
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (data.get(i, j) - mean[j]) / sd[j];
            }
        }
        // The right singular vectors and values of x: the eigenvectors of XᵀX and the roots of its eigenvalues.
        double[] xtx = new double[d * d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) {
                double va = x[i * d + a];
                for (int b = 0; b <= a; b++) {
                    xtx[a * d + b] += va * x[i * d + b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < a; b++) {
                xtx[b * d + a] = xtx[a * d + b];
            }
        }
        Eigen.Symmetric e = Eigen.symmetric(xtx, d);
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(Math.max(e.values()[j], 0));
            scale[j] = s > 0 ? 1 / Math.sqrt(s) : 0;
        }
        double[] z = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int a = 0; a < d; a++) {
                    s += x[i * d + a] * e.vectors()[a * d + j];
                }
                z[i * d + j] = s * scale[j];
            }
        }
        return z;
    }

    /** The merges, one fewer than the sampled rows, cheapest first: [0] the kept cluster, [1] the one merged into it. */
    private static int[][] agglomerate(double[] z, int[] sample, int d) {
        int clusters = sample.length;
        int[] size = new int[clusters];
        double[][] mean = new double[clusters][d];
        for (int c = 0; c < clusters; c++) {
            size[c] = 1;
            for (int j = 0; j < d; j++) {
                mean[c][j] = z[sample[c] * d + j];
            }
        }
        // mclust's hcvvv keeps two scatters per cluster (MATH.md §2.8): the one its factor had when
        // the cluster was made (current), used for the pairs priced right then, and the one its
        // stored factor gives later (stored: every row of the factor is written as its first row).
        double[][] current = new double[clusters][d * d];
        double[][] stored = new double[clusters][d * d];
        double[] trace = new double[clusters];
        // α = tr(scatter of the transformed rows)/(n d), as mclust's traceW(data/√(n p)).
        double alpha = 0;
        double[] all = new double[d];
        for (int i = 0; i < sample.length; i++) {
            for (int j = 0; j < d; j++) {
                all[j] += z[sample[i] * d + j] / sample.length;
            }
        }
        for (int i = 0; i < sample.length; i++) {
            for (int j = 0; j < d; j++) {
                double v = z[sample[i] * d + j] - all[j];
                alpha += v * v;
            }
        }
        alpha = Math.max(alpha / ((double) sample.length * d), Math.ulp(1.0));
        double[][] scratch = {new double[d * d], new double[d * d]};
        double[] term = new double[clusters];
        for (int c = 0; c < clusters; c++) {
            term[c] = term(size[c], stored[c], 0, alpha, d, scratch);
        }
        boolean[] active = new boolean[clusters];
        Arrays.fill(active, true);
        int[] best = new int[clusters];
        double[] bestCost = new double[clusters];
        double[] cost = new double[(int) ((long) clusters * (clusters - 1) / 2)];
        double[] merged = new double[d * d];
        for (int b = 1; b < clusters; b++) {
            for (int a = 0; a < b; a++) {
                cost[index(a, b)] = mergeCost(a, b, stored[a], size, mean, stored, trace, term, alpha, d, merged, scratch);
            }
        }
        for (int a = 0; a < clusters; a++) {
            rescan(a, clusters, active, cost, best, bestCost);
        }
        int[] keptA = new int[clusters - 1];
        int[] gone = new int[clusters - 1];
        int newest = -1;
        for (int step = 0; step < clusters - 1; step++) {
            // The cheapest pair; among equal costs the one mclust's scan (j ascending, i < j ascending,
            // "≤") keeps: the largest j, then the largest i.
            int a = -1;
            for (int c = 0; c < clusters; c++) {
                if (active[c] && best[c] >= 0) {
                    if (a < 0 || bestCost[c] < bestCost[a]) {
                        a = c;
                    } else if (bestCost[c] == bestCost[a]) {
                        int jc = Math.max(c, best[c]);
                        int ja = Math.max(a, best[a]);
                        if (jc > ja || (jc == ja && Math.min(c, best[c]) > Math.min(a, best[a]))) {
                            a = c;
                        }
                    }
                }
            }
            int b = best[a];
            int keep = Math.min(a, b);
            int drop = Math.max(a, b);
            keptA[step] = keep;
            gone[step] = drop;
            double price = cost[index(keep, drop)];
            // The union's scatter as mclust forms it: the newest cluster's own with the other's stored
            // one (the pair was priced when the newest was made), else both stored ones; plus the
            // between-means term (n_a n_b/n) δδᵀ. Its term is the price paid plus the parts' terms.
            int first = keep == newest ? keep : drop == newest ? drop : -1;
            double[] wa = first >= 0 ? current[first] : stored[keep];
            double[] wb = first >= 0 ? stored[first == keep ? drop : keep] : stored[drop];
            int na = size[keep];
            int nb = size[drop];
            int nu = na + nb;
            double f = (double) na * nb / nu;
            double[] delta = new double[d];
            for (int j = 0; j < d; j++) {
                delta[j] = mean[drop][j] - mean[keep][j];
            }
            double[] union = current[keep];
            for (int p = 0; p < d; p++) {
                for (int q = 0; q < d; q++) {
                    union[p * d + q] = wa[p * d + q] + wb[p * d + q] + f * delta[p] * delta[q];
                }
            }
            trace[keep] += trace[drop];
            for (int p = 0; p < d; p++) {
                trace[keep] += f * delta[p] * delta[p];
                mean[keep][p] += delta[p] * nb / nu;
            }
            size[keep] = nu;
            term[keep] = price + term[keep] + term[drop];
            storedScatter(union, nu, d, stored[keep]);
            active[drop] = false;
            newest = keep;
            for (int c = 0; c < clusters; c++) {
                if (active[c] && c != keep) {
                    cost[index(Math.min(c, keep), Math.max(c, keep))] = mergeCost(keep, c, current[keep], size, mean,
                            stored, trace, term, alpha, d, merged, scratch);
                }
            }
            rescan(keep, clusters, active, cost, best, bestCost);
            for (int c = 0; c < clusters; c++) {
                if (active[c] && c != keep) {
                    if (best[c] == keep || best[c] == drop) {
                        rescan(c, clusters, active, cost, best, bestCost);
                    } else {
                        double v = cost[index(Math.min(c, keep), Math.max(c, keep))];
                        if (v < bestCost[c] || (v == bestCost[c] && keep > best[c])) {
                            best[c] = keep;
                            bestCost[c] = v;
                        }
                    }
                }
            }
        }
        return new int[][] {keptA, gone};
    }

    /**
     * The scatter mclust's stored factor of a cluster of {@code l} rows with scatter {@code w}
     * gives when read back: hcvvv writes the first row r₁ of the Cholesky factor (RᵀR = W) into
     * every one of the min(l − 1, d) rows it keeps and reads row i from column i on, so entry (i, j)
     * is min(i, j, l − 1)·r₁ᵢ r₁ⱼ (1-based), with r₁ = W₁·/√W₁₁.
     */
    static void storedScatter(double[] w, int l, int d, double[] out) {
        Arrays.fill(out, 0);
        int rows = Math.min(l - 1, d);
        if (rows < 1 || !(w[0] > 0)) {
            return;
        }
        double root = Math.sqrt(w[0]);
        for (int i = 0; i < d; i++) {
            double ri = w[i] / root;
            for (int j = 0; j < d; j++) {
                out[i * d + j] = Math.min(Math.min(i, j) + 1, rows) * ri * (w[j] / root);
            }
        }
    }

    private static int index(int a, int b) {
        return (int) ((long) b * (b - 1) / 2 + a);
    }

    private static void rescan(int a, int clusters, boolean[] active, double[] cost, int[] best, double[] bestCost) {
        best[a] = -1;
        bestCost[a] = Double.POSITIVE_INFINITY;
        for (int c = 0; c < clusters; c++) {
            if (c != a && active[c]) {
                double v = cost[index(Math.min(a, c), Math.max(a, c))];
                if (best[a] < 0 || v <= bestCost[a]) {
                    best[a] = c;
                    bestCost[a] = v;
                }
            }
        }
    }

    /** T(a ∪ b) − T(a) − T(b), with {@code wa} as a's scatter and b's stored one. */
    private static double mergeCost(int a, int b, double[] wa, int[] size, double[][] mean, double[][] stored,
            double[] trace, double[] term, double alpha, int d, double[] merged, double[][] scratch) {
        int nu = size[a] + size[b];
        double f = (double) size[a] * size[b] / nu;
        double tr = trace[a] + trace[b];
        for (int p = 0; p < d; p++) {
            double dp = mean[b][p] - mean[a][p];
            tr += f * dp * dp;
        }
        if (nu > d && tr > 0) {
            for (int p = 0; p < d; p++) {
                double dp = mean[b][p] - mean[a][p];
                for (int q = 0; q < d; q++) {
                    merged[p * d + q] = wa[p * d + q] + stored[b][p * d + q] + f * dp * (mean[b][q] - mean[a][q]);
                }
            }
        }
        return term(nu, merged, tr, alpha, d, scratch) - term[a] - term[b];
    }

    /**
     * mclust's cluster term (vvvtij): l·ln(β(tr + α)/l) for l ≤ d, l·ln(|W/l| + β(tr + α)/l) above
     * (β = 1); {@code scratch}: two d×d arrays, reused (it runs inside the O(n²) merge loop).
     */
    private static double term(int l, double[] w, double tr, double alpha, int d, double[][] scratch) {
        double spread = (tr + alpha) / l;
        if (l <= d || tr == 0) {
            return l * Math.log(spread);
        }
        double[] a = scratch[0];
        for (int q = 0; q < d * d; q++) {
            a[q] = w[q] / l;
        }
        double[] chol = scratch[1];
        if (Cholesky.factor(a, d, chol) >= 0) {
            return l * Math.log(spread);
        }
        double logDet = 2 * Cholesky.logDiagonal(chol, d);
        return l * (logDet > 0 ? Math.log1p(Math.exp(-logDet) * spread) + logDet : Math.log(Math.exp(logDet) + spread));
    }

    /** Number of rows of the data the tree was made for. */
    public int rows() {
        return n;
    }

    /** The largest K a cut can give: the number of rows the tree was built on. */
    public int maxClusters() {
        return sample.length;
    }

    /**
     * Hard labels 0..k−1 for every row: the tree cut at k clusters for the rows it was built on,
     * and the nearest cluster mean (in the transformed space) for the others. Clusters are
     * numbered by their first row.
     *
     * @throws IllegalArgumentException when k is above {@link #maxClusters}
     */
    public int[] labels(int k) {
        int clusters = sample.length;
        if (k < 1 || k > clusters) {
            throw new BadInputException("init: hc can cut the data into 1 to " + clusters + " clusters, not " + k);
        }
        int[] root = new int[clusters];
        for (int c = 0; c < clusters; c++) {
            root[c] = c;
        }
        for (int m = 0; m < clusters - k; m++) {
            root[mergeB[m]] = mergeA[m];
        }
        int[] label = new int[clusters];
        Arrays.fill(label, -1);
        int next = 0;
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        double[][] sum = new double[k][d];
        int[] count = new int[k];
        for (int i = 0; i < sample.length; i++) {
            int c = i;
            while (root[c] != c) {
                c = root[c];
            }
            if (label[c] < 0) {
                label[c] = next++;
            }
            int l = label[c];
            labels[sample[i]] = l;
            count[l]++;
            for (int j = 0; j < d; j++) {
                sum[l][j] += z[sample[i] * d + j];
            }
        }
        if (sample.length < n) {
            for (int l = 0; l < k; l++) {
                for (int j = 0; j < d; j++) {
                    sum[l][j] /= count[l];
                }
            }
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0) {
                    int bestL = 0;
                    double bestD = Double.POSITIVE_INFINITY;
                    for (int l = 0; l < k; l++) {
                        double s = 0;
                        for (int j = 0; j < d; j++) {
                            double v = z[i * d + j] - sum[l][j];
                            s += v * v;
                        }
                        if (s < bestD) {
                            bestD = s;
                            bestL = l;
                        }
                    }
                    labels[i] = bestL;
                }
            }
        }
        return labels;
    }
}
