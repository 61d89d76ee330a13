package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark data of issue 2: 1,000,000 × 16 from 32 well-separated blobs (seed 2026), k = 32,
 * and the fixed starting centres that both sides start from.
 * {@code main} writes them as raw little-endian doubles for the scikit-learn script.
 */
public final class BenchData {
    /** Rows. */
    public static final int N = Integer.getInteger("bench.n", 1_000_000);
    /** Columns. */
    public static final int D = 16;
    /** Blobs and clusters. */
    public static final int K = 32;
    /** Seed of the data. */
    public static final long SEED = 2026;

    private BenchData() {
    }

    /** The data. Blob centres in [−10, 10]^16 with unit SD: far apart relative to the spread. */
    public static Dataset kmeansData() {
        return Blobs.generate(N, D, K, 10, SEED);
    }

    /**
     * Starting centres for the raw Lloyd comparison, row-major k×d: two rows from each of blobs
     * 0..15 and none from blobs 16..31 (rows 0..15 and 32..47), so that Lloyd needs many
     * iterations to settle and 20 timed iterations all do full work on both sides.
     */
    public static double[] startCentres(Dataset data) {
        double[] c = new double[K * D];
        System.arraycopy(data.valuesView(), 0, c, 0, 16 * D);
        System.arraycopy(data.valuesView(), 32 * D, c, 16 * D, 16 * D);
        return c;
    }

    /** Writes data.f64 and centres.f64 into the folder given as the first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench-results");
        Files.createDirectories(dir);
        Dataset data = kmeansData();
        write(dir.resolve("data.f64"), data.valuesView(), data.valuesView().length);
        write(dir.resolve("centres.f64"), startCentres(data), K * D);
        System.out.println("wrote " + N + " x " + D + " to " + dir);
    }

    static void write(Path file, double[] v, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < len; i++) {
                if (!b.hasRemaining()) {
                    out.write(b.array(), 0, b.position());
                    b.clear();
                }
                b.putDouble(v[i]);
            }
            out.write(b.array(), 0, b.position());
        }
    }
}
