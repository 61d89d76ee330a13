package dev.mixtures.data;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rows read from a memory-mapped file of little-endian float64 values, row-major (the data of a
 * NumPy {@code .npy} file): nothing is loaded into the heap, a pass copies each chunk from the page
 * cache into its window's buffer, so a file larger than the heap (or than RAM, then read from disk
 * each pass) can be fitted. The file is mapped in segments of whole chunks of
 * {@link dev.mixtures.em.EmLoop#CHUNK_ROWS} rows, each under 2 GB (the limit of one mapping), so a
 * chunk's rows are one bulk copy. The file must not change while the dataset is in use: a read
 * of a page that is gone (the file cut short) faults, which the JVM raises as an
 * {@link InternalError}; the reads here turn it into a {@link dev.mixtures.BadInputException}
 * naming the file.
 */
final class MappedRows extends RowStore {
    private static final long SEGMENT_BYTES = 1L << 30;
    private final String name;
    private final DoubleBuffer[] segments;
    private final int segmentRows;
    private final double[] weights;

    private MappedRows(String name, DoubleBuffer[] segments, int segmentRows, double[] weights, int n, int d) {
        super(n, d);
        this.name = name;
        this.segments = segments;
        this.segmentRows = segmentRows;
        this.weights = weights;
    }

    /** Maps {@code n} rows of {@code d} values starting at byte {@code offset} of {@code file}. */
    static MappedRows map(Path file, long offset, int n, int d) throws IOException {
        long rowBytes = 8L * d;
        int chunk = dev.mixtures.em.EmLoop.CHUNK_ROWS;
        long rows = Math.max(1, SEGMENT_BYTES / rowBytes);
        int segmentRows = (int) (rows >= chunk ? rows / chunk * chunk : rows);
        int count = (int) ((n + (long) segmentRows - 1) / segmentRows);
        DoubleBuffer[] segments = new DoubleBuffer[count];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < offset + (long) n * rowBytes) {
                throw new IOException(file + ": " + ch.size() + " bytes, fewer than the " + (offset + (long) n * rowBytes)
                        + " its header announces");
            }
            for (int s = 0; s < count; s++) {
                long first = (long) s * segmentRows;
                long len = Math.min(segmentRows, n - first) * rowBytes;
                segments[s] = ch.map(FileChannel.MapMode.READ_ONLY, offset + first * rowBytes, len)
                        .order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            }
        }
        return new MappedRows(file.toString(), segments, segmentRows, null, n, d);
    }

    @Override
    void window(int from, int to, RowWindow w) {
        copyWindow(from, to, w);
    }

    @Override
    void copy(int from, int to, double[] v, double[] wt) {
        int at = 0;
        try {
            for (int i = from; i < to;) {
                int s = i / segmentRows;
                int end = (int) Math.min(to, (long) (s + 1) * segmentRows);
                segments[s].get((i - s * segmentRows) * d, v, at * d, (end - i) * d);
                at += end - i;
                i = end;
            }
        } catch (InternalError e) {
            throw changed(e);
        }
        if (wt != null) {
            if (weights == null) {
                java.util.Arrays.fill(wt, 0, to - from, 1.0);
            } else {
                System.arraycopy(weights, from, wt, 0, to - from);
            }
        }
    }

    @Override
    void copyRow(int i, double[] dst, int at) {
        int s = i / segmentRows;
        try {
            segments[s].get((i - s * segmentRows) * d, dst, at, d);
        } catch (InternalError e) {
            throw changed(e);
        }
    }

    @Override
    double get(int i, int j) {
        int s = i / segmentRows;
        try {
            return segments[s].get((i - s * segmentRows) * d + j);
        } catch (InternalError e) {
            throw changed(e);
        }
    }

    @Override
    String mappedFile() {
        return name;
    }

    /** A fault reading the mapping: the file lost pages (cut short) while in use; any other InternalError as it is. */
    private Error changed(InternalError e) {
        if (Dataset.isMappingFault(e)) {
            throw Dataset.cutShort(name, e);
        }
        return e;
    }

    @Override
    double weight(int i) {
        return weights == null ? 1.0 : weights[i];
    }

    @Override
    boolean weighted() {
        return weights != null;
    }

    @Override
    int blockEnd(int row) {
        return Math.min(n, (row / segmentRows + 1) * segmentRows);
    }

    @Override
    MappedRows withWeights(double[] w) {
        return new MappedRows(name, segments, segmentRows, w, n, d);
    }

    /**
     * The first row (from 0) in {@code from <= i < to} holding a value that is not finite (NaN
     * allowed when {@code allowMissing}: counted into {@code nan[slot]}), or −1.
     */
    int firstBad(int from, int to, RowWindow w, boolean allowMissing, long[] nan, int slot) {
        window(from, to, w);
        double[] v = w.values();
        long count = 0;
        for (int q = 0; q < (to - from) * d; q++) {
            if (!Double.isFinite(v[q])) {
                if (allowMissing && Double.isNaN(v[q])) {
                    count++;
                } else {
                    return from + q / d;
                }
            }
        }
        nan[slot] = count;
        return -1;
    }
}
