package dev.mixtures.kmeans;

import dev.mixtures.Statistics;
import dev.mixtures.linalg.DistanceKernel;

/** K-means sufficient statistics of some rows: per cluster the weight and the weighted sum of its rows; the cost J; changed labels. Mergeable and serialisable. */
public final class KMeansStatistics implements Statistics<KMeansStatistics> {
    private static final long serialVersionUID = 1L;
    final int k;
    final int d;
    final double[] counts;
    final double[] sums;
    double cost;
    long changed;

    KMeansStatistics(int k, int d) {
        this.k = k;
        this.d = d;
        this.counts = new double[k];
        this.sums = new double[k * d];
    }

    /** The weight of each cluster's rows (a copy). */
    public double[] sizes() {
        return counts.clone();
    }

    /** The cost J: Σ w ‖x − μ_own‖² over the rows. */
    public double cost() {
        return cost;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(counts, 0.0);
        java.util.Arrays.fill(sums, 0.0);
        cost = 0;
        changed = 0;
    }

    @Override
    public void merge(KMeansStatistics o) {
        for (int j = 0; j < k; j++) {
            counts[j] += o.counts[j];
        }
        for (int j = 0; j < sums.length; j++) {
            sums[j] += o.sums[j];
        }
        cost += o.cost;
        changed += o.changed;
    }

    /**
     * Adds rows {@code from <= i < to} of {@code x}, row i in cluster {@code label[i − from]} at
     * squared distance {@code dist[i − from]}, weight {@code w[i]} (1 when w is null): sums through
     * the kernel, then counts and cost, all in row order.
     */
    void addRows(DistanceKernel kernel, double[] x, int from, int to, double[] w, int[] label, double[] dist) {
        kernel.accumulate(x, d, from, to, w, label, sums);
        for (int i = from; i < to; i++) {
            double wi = w == null ? 1.0 : w[i];
            counts[label[i - from]] += wi;
            cost += wi * dist[i - from];
        }
    }
}
