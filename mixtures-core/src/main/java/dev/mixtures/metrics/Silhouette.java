package dev.mixtures.metrics;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.em.Workers;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The silhouette of a clustering (Rousseeuw 1987, MATH.md §9.4), with Euclidean distances:
 * s(i) = (b − a)/max(a, b), a the mean distance from row i to the other rows of its cluster, b the
 * smallest mean distance to the rows of another cluster; 0 for a row alone in its cluster. Exact,
 * in O(n²·d) spread over threads (each row's value does not depend on the thread count), or
 * estimated from a random sample of rows, each of which is still compared with every row: the
 * estimate is unbiased, and its standard error is reported. Row weights are not used.
 */
public final class Silhouette {
    private Silhouette() {
    }

    /** An estimate of the mean silhouette from a sample of rows. */
    public static final class Estimate {
        private final double mean;
        private final double standardError;
        private final int rows;
        private final boolean exact;

        Estimate(double mean, double standardError, int rows, boolean exact) {
            this.mean = mean;
            this.standardError = standardError;
            this.rows = rows;
            this.exact = exact;
        }

        /** The mean silhouette (of the sample, or of all rows when exact). */
        public double mean() {
            return mean;
        }

        /** Its standard error (0 when exact). */
        public double standardError() {
            return standardError;
        }

        /** How many rows were averaged. */
        public int rows() {
            return rows;
        }

        /** Whether every row was used. */
        public boolean exact() {
            return exact;
        }
    }

    /** The exact mean silhouette over all rows. */
    public static double score(Dataset data, int[] labels) {
        double[] s = values(data, labels);
        double sum = 0;
        for (double v : s) {
            sum += v;
        }
        return sum / s.length;
    }

    /** s(i) for every row. */
    public static double[] values(Dataset data, int[] labels) {
        int[] all = new int[data.n()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return valuesOf(data, labels, all);
    }

    /**
     * The mean silhouette of {@code sampleSize} rows drawn without replacement (seeded); exact
     * when the sample would hold every row. Costs O(sampleSize·n·d).
     */
    public static Estimate estimate(Dataset data, int[] labels, int sampleSize, long seed) {
        int n = data.n();
        if (sampleSize < 1) {
            throw new BadInputException("silhouette sample size must be at least 1, got " + sampleSize);
        }
        if (sampleSize >= n) {
            return new Estimate(score(data, labels), 0, n, true);
        }
        // A partial Fisher–Yates shuffle: the first sampleSize entries are a uniform sample.
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < sampleSize; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
        }
        int[] rows = java.util.Arrays.copyOf(idx, sampleSize);
        double[] s = valuesOf(data, labels, rows);
        double mean = 0;
        for (double v : s) {
            mean += v / s.length;
        }
        double var = 0;
        for (double v : s) {
            var += (v - mean) * (v - mean);
        }
        var /= Math.max(1, s.length - 1);
        // Sampling without replacement: the finite-population correction.
        double fpc = (double) (n - sampleSize) / (n - 1);
        return new Estimate(mean, Math.sqrt(var / sampleSize * fpc), sampleSize, false);
    }

    private static double[] valuesOf(Dataset data, int[] labels, int[] rows) {
        int n = data.n();
        int d = data.d();
        if (labels.length != n) {
            throw new BadInputException("there are " + labels.length + " labels for " + n + " rows");
        }
        Map<Integer, Integer> index = new HashMap<>();
        int[] lab = new int[n];
        for (int i = 0; i < n; i++) {
            lab[i] = index.computeIfAbsent(labels[i], x -> index.size());
        }
        int k = index.size();
        if (k < 2 || k > n - 1) {
            throw new BadInputException("the silhouette needs between 2 and n − 1 = " + (n - 1)
                    + " clusters, the labels have " + k);
        }
        int[] size = new int[k];
        for (int v : lab) {
            size[v]++;
        }
        // Every row is compared with every other: one array is worth its copy.
        double[] x = data.contiguous().valuesView();
        double[] out = new double[rows.length];
        int chunk = 256;
        int chunks = (rows.length + chunk - 1) / chunk;
        int threads = Math.max(1, Math.min(chunks, Runtime.getRuntime().availableProcessors()));
        try (Workers workers = new Workers(threads)) {
            workers.forEachChunk(chunks, (c, w) -> {
                double[] sums = new double[k];
                for (int q = c * chunk; q < Math.min(rows.length, (c + 1) * chunk); q++) {
                    int i = rows[q];
                    java.util.Arrays.fill(sums, 0);
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int t = 0; t < d; t++) {
                            double diff = x[i * d + t] - x[j * d + t];
                            s += diff * diff;
                        }
                        sums[lab[j]] += Math.sqrt(s);
                    }
                    int own = lab[i];
                    if (size[own] == 1) {
                        out[q] = 0;
                        continue;
                    }
                    double a = sums[own] / (size[own] - 1);
                    double b = Double.POSITIVE_INFINITY;
                    for (int m = 0; m < k; m++) {
                        if (m != own) {
                            b = Math.min(b, sums[m] / size[m]);
                        }
                    }
                    double mx = Math.max(a, b);
                    out[q] = mx > 0 ? (b - a) / mx : 0;
                }
            });
        }
        return out;
    }
}
