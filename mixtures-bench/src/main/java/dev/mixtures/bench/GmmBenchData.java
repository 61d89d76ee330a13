package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark data of issue 3: 200,000 × 16 from 16 blobs (seed 2027), k = 16, and the starting
 * parameters both sides start from: equal weights, one row of each blob as the means, and
 * 1.5·I as every covariance. {@code main} writes them as raw little-endian doubles for the
 * scikit-learn script.
 */
public final class GmmBenchData {
    /** Rows. */
    public static final int N = Integer.getInteger("bench.gmm.n", 200_000);
    /** Columns. */
    public static final int D = 16;
    /** Blobs and components. */
    public static final int K = 16;
    /** Seed of the data. */
    public static final long SEED = 2027;
    /** The starting variance of every coordinate. */
    public static final double START_VARIANCE = 1.5;

    private GmmBenchData() {
    }

    /** The data: blob centres in [−10, 10]^16 with unit SD. */
    public static Dataset data() {
        return Blobs.generate(N, D, K, 10, SEED);
    }

    /** Starting weights. */
    public static double[] weights() {
        double[] w = new double[K];
        java.util.Arrays.fill(w, 1.0 / K);
        return w;
    }

    /** Starting means, row-major k×d: rows 0..k−1, one from each blob. */
    public static double[] means(Dataset data) {
        return java.util.Arrays.copyOf(data.valuesView(), K * D);
    }

    /** Writes gmm-data.f64, gmm-weights.f64 and gmm-means.f64 into the folder given as the first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench-results");
        Files.createDirectories(dir);
        Dataset data = data();
        BenchData.write(dir.resolve("gmm-data.f64"), data.valuesView(), data.valuesView().length);
        BenchData.write(dir.resolve("gmm-weights.f64"), weights(), K);
        BenchData.write(dir.resolve("gmm-means.f64"), means(data), K * D);
        System.out.println("wrote " + N + " x " + D + " to " + dir);
    }
}
