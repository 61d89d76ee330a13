package dev.mixtures.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The fast path of {@link CsvDatasetReader} for the files most users have: plain ASCII numbers,
 * no quotes. The file's data lines are cut into blocks of about {@link #BLOCK} bytes at line ends
 * and parsed on all cores straight from bytes into numbers ({@link CsvNumbers}: no String per
 * cell), each block into its own arrays, handed in file order to the dataset's blocks
 * ({@link RowBlocks}) and let go; at most two blocks per core are parsed ahead, so the heap holds
 * the numbers once plus a bounded buffer. It handles the happy path only:
 * at the first thing it does not expect (a quote, a non-ASCII byte, a lone carriage return, a
 * ragged row, an empty or bad cell, a negative weight) it gives up, and the general reader
 * reads the file again and reports the exact FILE:ROW:COLUMN error. So the two paths cannot
 * disagree on what is an error or what it says.
 */
final class CsvFastPath {
    /** Bytes per block. */
    static final int BLOCK = 8 << 20;
    /** The longest line a block may run past its end to finish (longer lines: the general reader). */
    private static final int MAX_LINE = 1 << 20;

    private CsvFastPath() {
    }

    /**
     * A block's working arrays: its bytes and the numbers parsed from them. They are recycled from
     * block to block (a few per core), because on this kind of machine the first touch of fresh
     * heap memory costs more than parsing into it: allocating them anew for every block made a
     * first read twice as slow as the next.
     */
    private static final class Scratch {
        byte[] bytes = new byte[0];
        double[] values = new double[0];
        double[] weights = new double[0];
    }

    /** One block's rows, in its scratch arrays. */
    private record Part(Scratch scratch, int rows) {
    }

    /** Given up: the general reader takes over. */
    private static final class GiveUp extends Exception {
        private static final long serialVersionUID = 1L;

        GiveUp() {
            super(null, null, false, false);
        }
    }

    /**
     * Reads the data lines from byte {@code start} of {@code file}: rows of {@code width} fields
     * separated by {@code delim}, keeping the fields {@code cols} (in that order) and the weight
     * field {@code weightCol} (or none, -1). Null when it gives up.
     */
    static RowBlocks read(Path file, long start, char delim, int width, int[] cols, int weightCol) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            int blocks = (int) Math.max(1, (size - start + BLOCK - 1) / BLOCK);
            int threads = Math.min(blocks, Runtime.getRuntime().availableProcessors());
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "mixtures-csv");
                t.setDaemon(true);
                return t;
            });
            try {
                java.util.ArrayDeque<Future<Part>> ahead = new java.util.ArrayDeque<>();
                java.util.concurrent.ConcurrentLinkedQueue<Scratch> free = new java.util.concurrent.ConcurrentLinkedQueue<>();
                RowBlocks out = null;
                int next = 0;
                while (next < blocks || !ahead.isEmpty()) {
                    while (next < blocks && ahead.size() < 2 * threads) {
                        long lo = start + (long) next * BLOCK;
                        long hi = Math.min(size, lo + BLOCK);
                        boolean first = next == 0;
                        ahead.add(pool.submit(() -> {
                            Scratch sc = free.poll();
                            return block(ch, size, lo, hi, first, delim, width, cols, weightCol, sc != null ? sc : new Scratch());
                        }));
                        next++;
                    }
                    Part p = ahead.poll().get();
                    if (p == null) {
                        return null;
                    }
                    if (out == null) {
                        // Rows to come, guessed from the first block: a little over, so the guess rarely grows.
                        out = new RowBlocks(cols.length, weightCol >= 0, (long) (p.rows() * 1.05 * blocks) + 16);
                    }
                    if (out.rows() + p.rows() > Integer.MAX_VALUE - 8) {
                        return null;
                    }
                    out.addRows(p.scratch().values, p.scratch().weights, p.rows());
                    free.add(p.scratch());
                }
                return out == null || out.rows() == 0 ? null : out;
            } finally {
                pool.shutdownNow();
            }
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The rows that start in [lo, hi): a block that does not begin the data skips the partial line
     * it starts in (the previous block finishes it), and every block finishes the line it ends in.
     */
    private static Part block(FileChannel ch, long size, long lo, long hi, boolean first, char delim, int width,
            int[] cols, int weightCol, Scratch sc) throws IOException {
        long from = first ? lo : lo - 1; // from the byte before: is lo a line start?
        long to = Math.min(size, hi + MAX_LINE);
        if (sc.bytes.length < to - from) {
            sc.bytes = new byte[(int) (to - from)];
        }
        ByteBuffer buf = ByteBuffer.wrap(sc.bytes, 0, (int) (to - from));
        while (buf.hasRemaining()) {
            if (ch.read(buf, from + buf.position()) < 0) {
                break;
            }
        }
        byte[] b = sc.bytes;
        int end = buf.position();
        int i = 0;
        if (!first) {
            // Skip to the first line that starts at or after lo.
            while (i < end && b[i] != '\n') {
                i++;
            }
            i++;
        }
        int limit = (int) (hi - from); // lines starting before this are ours
        int d = cols.length;
        // A number and its delimiter take at least two bytes; most take eight or more.
        if (sc.values.length < Math.max(16 * d, (int) ((hi - lo) / 8))) {
            sc.values = new double[Math.max(16 * d, (int) ((hi - lo) / 8))];
        }
        double[] values = sc.values;
        if (weightCol >= 0 && sc.weights.length < values.length / Math.max(1, d) + 1) {
            sc.weights = new double[values.length / Math.max(1, d) + 1];
        }
        double[] weights = weightCol >= 0 ? sc.weights : null;
        int rows = 0;
        int[] where = new int[width + 1];
        try {
            while (i < limit && i < end) {
                int lineEnd = i;
                while (lineEnd < end && b[lineEnd] != '\n') {
                    lineEnd++;
                }
                if (lineEnd == end && to < size) {
                    return null; // a line longer than MAX_LINE past the block
                }
                int stop = lineEnd > i && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                if (stop > i) {
                    fields(b, i, stop, delim, width, where);
                    if ((long) (rows + 1) * d > values.length) {
                        values = java.util.Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 8L,
                                2L * values.length + d));
                    }
                    for (int t = 0; t < d; t++) {
                        values[rows * d + t] = number(b, where[cols[t]], where[cols[t] + 1] - 1, delim);
                    }
                    if (weights != null) {
                        if (rows == weights.length) {
                            weights = java.util.Arrays.copyOf(weights, 2 * rows + 1);
                        }
                        double w = number(b, where[weightCol], where[weightCol + 1] - 1, delim);
                        if (w < 0) {
                            throw new GiveUp();
                        }
                        weights[rows] = w;
                    }
                    rows++;
                }
                i = lineEnd + 1;
            }
        } catch (GiveUp g) {
            return null;
        }
        sc.values = values;
        if (weights != null) {
            sc.weights = weights;
        }
        return new Part(sc, rows);
    }

    /**
     * The start of each of the {@code width} fields of b[from, to) in where[0..width), and
     * where[width] = to + 1 (so field j is where[j] .. where[j+1] − 1).
     */
    private static void fields(byte[] b, int from, int to, char delim, int width, int[] where) throws GiveUp {
        int f = 0;
        where[0] = from;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == delim) {
                if (++f >= width) {
                    throw new GiveUp();
                }
                where[f] = i + 1;
            } else if (c == '"' || c < 0 || c == '\r') {
                throw new GiveUp(); // quoting, non-ASCII (UTF-8 to check), a lone carriage return
            }
        }
        if (f != width - 1) {
            throw new GiveUp();
        }
        where[width] = to + 1;
    }

    /** The finite number in b[from, to), spaces around it allowed. */
    private static double number(byte[] b, int from, int to, char delim) throws GiveUp {
        while (from < to && (b[from] == ' ' || (b[from] == '\t' && delim != '\t'))) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || (b[to - 1] == '\t' && delim != '\t'))) {
            to--;
        }
        double v = CsvNumbers.parse(b, from, to);
        if (!Double.isFinite(v)) {
            throw new GiveUp();
        }
        return v;
    }
}
