package dev.mixtures.kmeans;

import dev.mixtures.em.Statistics;

/** K-means sufficient statistics: per cluster the weight and the weighted sum of its rows; the cost J; changed labels. */
final class KMeansStatistics implements Statistics<KMeansStatistics> {
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

    void add(double[] x, int xOff, double w, int label, double dist2) {
        counts[label] += w;
        int s = label * d;
        for (int j = 0; j < d; j++) {
            sums[s + j] += w * x[xOff + j];
        }
        cost += w * dist2;
    }
}
