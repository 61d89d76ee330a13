package dev.mixtures.data;

import dev.mixtures.BadInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The data every model is fitted to: n rows of d doubles stored densely row-major, column names,
 * and optional non-negative row weights (a weight w counts as the row repeated w times).
 *
 * <p>Instances are immutable and validated when made: every value is finite, every weight is
 * finite and non-negative (and 0 or a normal double), and the weights are not all zero and sum to
 * a finite number. A bad value is reported by row and
 * column (both counted from 1, as a person reads a table).
 */
public final class Dataset {
    private final RowStore store;
    private final int n;
    private final int d;
    private final List<String> columns;
    /** First row of each block after the first (ascending, inside 1..n−1); empty for one block. */
    private final int[] blockStarts;
    /** Cells that are missing (NaN); only datasets made to allow them have any. */
    private final long missing;

    private Dataset(RowStore store, List<String> columns, int[] blockStarts) {
        this(store, columns, blockStarts, 0);
    }

    private Dataset(RowStore store, List<String> columns, int[] blockStarts, long missing) {
        if (store.d == 0) {
            throw new BadInputException("the data have no column (d = 0)");
        }
        if (columns.size() != store.d) {
            throw new BadInputException(columns.size() + " column names for " + store.d + " columns");
        }
        this.store = store;
        this.n = store.n;
        this.d = store.d;
        this.columns = columns;
        this.blockStarts = blockStarts;
        this.missing = missing;
    }

    private static Dataset heap(double[] values, int n, int d, List<String> columns, double[] weights) {
        checkShape(values.length, n, d);
        if (weights != null && weights.length != n) {
            throw new BadInputException(weights.length + " weights for " + n + " rows");
        }
        checkValues(values, 0, n, d, columns);
        checkWeights(weights, 0, n);
        checkTotal(weights == null ? n : sum(weights), n);
        return new Dataset(HeapRows.single(values, weights, n, d), columns, new int[0]);
    }

    private static void checkShape(long length, int n, int d) {
        if (n < 0 || d < 0) {
            throw new BadInputException("negative shape " + n + " x " + d);
        }
        if (length != (long) n * d) {
            throw new BadInputException("values hold " + length + " numbers, not n*d = " + n + "*" + d);
        }
        if (d == 0) {
            throw new BadInputException("the data have no column (d = 0)");
        }
    }

    /** Every value finite; a bad one named by row ({@code firstRow} + its row, from 1) and column. */
    private static void checkValues(double[] values, int firstRow, int rows, int d, List<String> columns) {
        checkValues(values, firstRow, rows, d, columns, false);
    }

    /**
     * Every value finite, or NaN (a missing cell) when {@code allowMissing}; the number of NaN.
     * A bad value is named by row ({@code firstRow} + its row, from 1) and column.
     */
    private static long checkValues(double[] values, int firstRow, int rows, int d, List<String> columns,
            boolean allowMissing) {
        long nan = 0;
        for (int q = 0; q < rows * d; q++) {
            if (allowMissing && Double.isNaN(values[q])) {
                nan++;
            } else if (!Double.isFinite(values[q])) {
                int i = q / d;
                int j = q % d;
                throw new BadInputException("row " + (firstRow + i + 1) + ", column " + (j + 1)
                        + " (" + columns.get(j) + "): value " + values[q] + " is not a finite number"
                        + (Double.isNaN(values[q]) ? " (a missing cell: see --missing)" : ""));
            }
        }
        return nan;
    }

    private static void checkWeights(double[] weights, int firstRow, int rows) {
        for (int i = 0; weights != null && i < rows; i++) {
            double w = weights[i];
            if (!Double.isFinite(w) || w < 0) {
                throw new BadInputException("row " + (firstRow + i + 1) + ": weight " + w
                        + " is not a finite non-negative number");
            }
            if (w > 0 && w < Double.MIN_NORMAL) {
                // Subnormal: a few significant digits, and every product with it underflows.
                throw new BadInputException("row " + (firstRow + i + 1) + ": weight " + w + " is below "
                        + Double.MIN_NORMAL + ", the smallest normal double (it holds too few digits);"
                        + " rescale the weight column (only the weights' ratios matter to K-means and EM)");
            }
        }
    }

    private static void checkTotal(double total, int n) {
        if (n > 0 && total <= 0) {
            throw new BadInputException("all row weights are zero");
        }
        if (!Double.isFinite(total)) {
            throw new BadInputException("the row weights sum to more than " + Double.MAX_VALUE
                    + ", the largest double; rescale the weight column");
        }
    }

    private static double sum(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v;
        }
        return s;
    }

    /** Makes a dataset from a row-major array (copied), with names x1..xd and no weights. */
    public static Dataset of(double[] rowMajor, int n, int d) {
        return heap(rowMajor.clone(), n, d, defaultNames(d), null);
    }

    /** Makes a dataset from rows (copied); every row must have the same length. */
    public static Dataset of(double[][] rows) {
        if (rows.length == 0) {
            throw new BadInputException("the data have no row");
        }
        int d = rows[0].length;
        if ((long) rows.length * d > Integer.MAX_VALUE - 8) {
            throw new BadInputException(rows.length + " rows of " + d + " are more than one array holds; use Dataset.ofBlocks");
        }
        double[] v = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new BadInputException("row " + (i + 1) + " has " + rows[i].length
                        + " values, row 1 has " + d);
            }
            System.arraycopy(rows[i], 0, v, i * d, d);
        }
        return heap(v, rows.length, d, defaultNames(d), null);
    }

    /**
     * Makes a dataset that takes ownership of {@code rowMajor} (not copied: the caller must not
     * change it afterwards), with the given column names and optional weights (copied).
     */
    public static Dataset wrap(double[] rowMajor, int n, int d, List<String> columnNames, double[] weights) {
        return heap(rowMajor, n, d, List.copyOf(columnNames), weights == null ? null : weights.clone());
    }

    /**
     * Makes a dataset of blocks of rows, taking ownership of the arrays (not copied: the caller
     * must not change them afterwards): block b holds {@code rows[b]} rows of width d, row-major
     * in {@code values.get(b)} (which may be longer), weighted by {@code weights.get(b)} when
     * {@code weights} is not null. Rows are numbered across blocks in order. The rows may be more
     * than one array holds (n·d beyond 2^31); a pass over the data reads each block in place. When
     * every block but the last holds a multiple of {@link dev.mixtures.em.EmLoop#CHUNK_ROWS} rows,
     * a fit gives the same bits as over one array of the same rows.
     */
    public static Dataset ofBlocks(List<double[]> values, int[] rows, int d, List<String> columnNames,
            List<double[]> weights) {
        return ofBlocks(values, rows, d, columnNames, weights, false);
    }

    /**
     * As {@link #ofBlocks(List, int[], int, List, List)}; with {@code allowMissing}, a NaN value is
     * a missing cell (an infinite one is still refused). Only the Gaussian mixture models missing
     * cells ({@link #hasMissing}); the other models refuse such data.
     */
    public static Dataset ofBlocks(List<double[]> values, int[] rows, int d, List<String> columnNames,
            List<double[]> weights, boolean allowMissing) {
        int blocks = values.size();
        if (rows.length != blocks || (weights != null && weights.size() != blocks)) {
            throw new BadInputException(blocks + " value blocks, " + rows.length + " row counts"
                    + (weights == null ? "" : ", " + weights.size() + " weight blocks"));
        }
        if (blocks == 0) {
            throw new BadInputException("no block of rows");
        }
        List<String> names = List.copyOf(columnNames);
        int[] first = new int[blocks + 1];
        double[][] v = new double[blocks][];
        double[][] w = weights == null ? null : new double[blocks][];
        double total = 0;
        long nan = 0;
        for (int b = 0; b < blocks; b++) {
            if (rows[b] < 0 || values.get(b).length < (long) rows[b] * d
                    || (w != null && weights.get(b).length < rows[b])) {
                throw new BadInputException("block " + (b + 1) + ": " + rows[b] + " rows of " + d
                        + " do not fit its arrays");
            }
            if ((long) first[b] + rows[b] > Integer.MAX_VALUE - 8) {
                throw new BadInputException("more than " + (Integer.MAX_VALUE - 8) + " rows");
            }
            v[b] = values.get(b);
            nan += checkValues(v[b], first[b], rows[b], d, names, allowMissing);
            if (w != null) {
                w[b] = weights.get(b);
                checkWeights(w[b], first[b], rows[b]);
                for (int i = 0; i < rows[b]; i++) {
                    total += w[b][i];
                }
            }
            first[b + 1] = first[b] + rows[b];
        }
        checkTotal(w == null ? first[blocks] : total, first[blocks]);
        return new Dataset(new HeapRows(v, w, first, d), names, new int[0], nan);
    }

    /**
     * The {@code n} rows of {@code d} little-endian float64 values, row-major, that start at byte
     * {@code offset} of {@code file}, memory-mapped rather than read: the data of a NumPy
     * {@code .npy} file. Every value is checked once, here (a pass over the file, on all cores).
     *
     * @throws java.io.IOException when the file cannot be mapped or is shorter than the rows
     * @throws IllegalArgumentException naming the first row and column that are not a finite number
     */
    public static Dataset map(java.nio.file.Path file, long offset, int n, int d, List<String> columnNames)
            throws java.io.IOException {
        return map(file, offset, n, d, columnNames, false);
    }

    /** As {@link #map(java.nio.file.Path, long, int, int, List)}; with {@code allowMissing}, NaN values are missing cells. */
    public static Dataset map(java.nio.file.Path file, long offset, int n, int d, List<String> columnNames,
            boolean allowMissing) throws java.io.IOException {
        checkShape((long) n * d, n, d);
        List<String> names = List.copyOf(columnNames);
        MappedRows rows = MappedRows.map(file, offset, n, d);
        int chunk = dev.mixtures.em.EmLoop.CHUNK_ROWS;
        int chunks = (n + chunk - 1) / chunk;
        long[] nan = new long[chunks];
        int bad = java.util.stream.IntStream.range(0, chunks).parallel()
                .map(c -> rows.firstBad(c * chunk, Math.min(n, (c + 1) * chunk), new RowWindow(), allowMissing, nan, c))
                .filter(i -> i >= 0).min().orElse(-1);
        if (bad >= 0) {
            for (int j = 0; j < d; j++) {
                double v = rows.get(bad, j);
                if (!Double.isFinite(v) && !(allowMissing && Double.isNaN(v))) {
                    throw new BadInputException("row " + (bad + 1) + ", column " + (j + 1) + " (" + names.get(j)
                            + "): value " + v + " is not a finite number"
                            + (Double.isNaN(v) ? " (a missing cell: see --missing)" : ""));
                }
            }
        }
        checkTotal(n, n);
        return new Dataset(rows, names, new int[0], java.util.Arrays.stream(nan).sum());
    }

    private static List<String> defaultNames(int d) {
        List<String> names = new ArrayList<>(d);
        for (int j = 0; j < d; j++) {
            names.add("x" + (j + 1));
        }
        return Collections.unmodifiableList(names);
    }

    /** The same rows with these weights (null for none). */
    public Dataset withWeights(double[] rowWeights) {
        if (rowWeights != null) {
            if (rowWeights.length != n) {
                throw new BadInputException(rowWeights.length + " weights for " + n + " rows");
            }
            checkWeights(rowWeights, 0, n);
            checkTotal(sum(rowWeights), n);
        }
        return new Dataset(store.withWeights(rowWeights == null ? null : rowWeights.clone()), columns, blockStarts, missing);
    }

    /** The same values with other column names. */
    public Dataset withColumnNames(List<String> names) {
        return new Dataset(store, List.copyOf(names), blockStarts, missing);
    }

    /**
     * Each column shifted and divided, (x − shift_j) / scale_j, with these rows' names, weights
     * and blocks: a copy for rows in the heap, a view computed as rows are read for a mapped file.
     */
    Dataset scaled(double[] shift, double[] scale) {
        if (!(store instanceof HeapRows h)) {
            return new Dataset(new ScaledRows(store, shift.clone(), scale.clone()), columns, blockStarts, missing);
        }
        double[][] v = new double[h.blocks()][];
        double[][] w = h.weighted() ? new double[h.blocks()][] : null;
        int[] first = new int[h.blocks() + 1];
        for (int b = 0; b < h.blocks(); b++) {
            first[b] = h.first(b);
            int rows = h.first(b + 1) - h.first(b);
            double[] x = h.block(b);
            double[] z = new double[rows * d];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    z[i * d + j] = (x[i * d + j] - shift[j]) / scale[j];
                }
            }
            checkValues(z, first[b], rows, d, columns, missing > 0);
            v[b] = z;
            if (w != null) {
                w[b] = h.weightBlock(b);
            }
        }
        first[h.blocks()] = n;
        return new Dataset(new HeapRows(v, w, first, d), columns, blockStarts, missing);
    }

    /** Rows {@code from <= i < to} (copied), with their weights and the column names; one block. */
    public Dataset rows(int from, int to) {
        if (from < 0 || to > n || from >= to) {
            throw new BadInputException("rows " + from + " to " + to + " are not a range of rows 0 to " + n);
        }
        if ((long) (to - from) * d > Integer.MAX_VALUE - 8) {
            throw new BadInputException((to - from) + " rows of " + d + " are more than one array holds");
        }
        double[] v = new double[(to - from) * d];
        double[] w = store.weighted() ? new double[to - from] : null;
        store.copy(from, to, v, w);
        if (missing > 0) {
            return ofBlocks(List.of(v), new int[] {to - from}, d, columns, w == null ? null : List.of(w), true);
        }
        return heap(v, to - from, d, columns, w);
    }

    /** The columns {@code idx} (from 0, in that order) of every row, copied into the heap, with the rows' weights. */
    public Dataset columns(int[] idx) {
        List<String> names = new ArrayList<>(idx.length);
        for (int j : idx) {
            if (j < 0 || j >= d) {
                throw new BadInputException("column " + (j + 1) + " of " + d);
            }
            names.add(columns.get(j));
        }
        int m = idx.length;
        int blockRows = blockRows(m);
        List<double[]> v = new ArrayList<>();
        List<double[]> w = store.weighted() ? new ArrayList<>() : null;
        List<Integer> counts = new ArrayList<>();
        RowWindow win = new RowWindow();
        for (int b = 0; b < n; b += blockRows) {
            int e = (int) Math.min(n, (long) b + blockRows);
            double[] z = new double[(e - b) * m];
            double[] zw = w == null ? null : new double[e - b];
            for (int from = b; from < e;) {
                int to = spanEnd(from, e);
                window(from, to, win);
                double[] x = win.values();
                for (int i = from; i < to; i++) {
                    int o = (i + win.shift()) * d;
                    for (int t = 0; t < m; t++) {
                        z[(i - b) * m + t] = x[o + idx[t]];
                    }
                    if (zw != null) {
                        zw[i - b] = win.weights() == null ? 1.0 : win.weights()[i + win.shift()];
                    }
                }
                from = to;
            }
            v.add(z);
            if (w != null) {
                w.add(zw);
            }
            counts.add(e - b);
        }
        if (v.isEmpty()) {
            return heap(new double[0], 0, m, names, w == null ? null : new double[0]);
        }
        return ofBlocks(v, counts.stream().mapToInt(Integer::intValue).toArray(), m, names, w, missing > 0);
    }

    /**
     * Rows per heap block for rows of width {@code d}: a multiple of the fit's chunk (so that
     * blocks give the same bits as one array) of about 64 MB, fewer rows only when one chunk is larger.
     */
    public static int blockRows(int d) {
        int chunk = dev.mixtures.em.EmLoop.CHUNK_ROWS;
        long rows = (8L << 20) / Math.max(1, d);
        if (rows >= chunk) {
            return (int) (rows / chunk * chunk);
        }
        return (int) Math.max(1, Math.min(chunk, (Integer.MAX_VALUE - 8) / Math.max(1, d)));
    }

    /**
     * The rows of {@code parts}, in order, as one dataset whose blocks are the parts (weights 1
     * where a part has none, the column names of the first). A fit takes the statistics of each
     * block's rows apart and merges them in block order, as a cluster merges those of its
     * partitions: a local fit of blocks and a fit over the same blocks elsewhere give the same bits.
     * Parts held in the heap are shared, not copied.
     */
    public static Dataset concat(List<Dataset> parts) {
        if (parts.isEmpty()) {
            throw new BadInputException("no dataset to concatenate");
        }
        int d = parts.get(0).d;
        long total = 0;
        boolean weighted = false;
        for (Dataset p : parts) {
            if (p.d != d) {
                throw new BadInputException("cannot concatenate datasets of " + d + " and " + p.d + " columns");
            }
            total += p.n;
            weighted |= p.store.weighted();
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new BadInputException(total + " rows are more than a dataset holds");
        }
        int n = (int) total;
        List<double[]> v = new ArrayList<>();
        List<double[]> w = weighted ? new ArrayList<>() : null;
        List<Integer> counts = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int at = 0;
        for (Dataset p : parts) {
            HeapRows h = p.store instanceof HeapRows hr ? hr : (HeapRows) p.rows(0, p.n).store;
            for (int b = 0; b < h.blocks(); b++) {
                int rows = h.first(b + 1) - h.first(b);
                v.add(h.block(b));
                counts.add(rows);
                if (w != null) {
                    double[] wb = h.weightBlock(b);
                    if (wb == null) {
                        wb = new double[rows];
                        Arrays.fill(wb, 1.0);
                    }
                    w.add(wb);
                }
            }
            for (int s : p.blockStarts) {
                starts.add(at + s);
            }
            at += p.n;
            if (at < n && p.n > 0) {
                starts.add(at);
            }
        }
        int[] first = new int[v.size() + 1];
        for (int b = 0; b < v.size(); b++) {
            first[b + 1] = first[b] + counts.get(b);
        }
        RowStore store = new HeapRows(v.toArray(new double[0][]), w == null ? null : w.toArray(new double[0][]), first, d);
        long nan = parts.stream().mapToLong(p -> p.missing).sum();
        return new Dataset(store, parts.get(0).columns, starts.stream().distinct().mapToInt(Integer::intValue).toArray(),
                nan);
    }

    /** Number of blocks (1 unless the dataset was made by {@link #concat}). */
    public int blocks() {
        return blockStarts.length + 1;
    }

    /**
     * The chunks a pass over the data takes, block by block: each block cut into pieces of
     * {@code chunkRows} from its first row (and where the rows' storage changes array, so that a
     * chunk is always read in place). {@code b[j][c] <= i < b[j][c + 1]} are the rows of chunk c
     * of block j.
     */
    public int[][] chunks(int chunkRows) {
        int[][] b = new int[blockStarts.length + 1][];
        for (int j = 0; j < b.length; j++) {
            int from = j == 0 ? 0 : blockStarts[j - 1];
            int to = j == blockStarts.length ? n : blockStarts[j];
            List<Integer> cuts = new ArrayList<>();
            for (int at = from; at < to;) {
                cuts.add(at);
                at = (int) Math.min(Math.min(to, (long) at + chunkRows), store.blockEnd(at));
            }
            cuts.add(to);
            b[j] = cuts.stream().mapToInt(Integer::intValue).toArray();
        }
        return b;
    }

    /**
     * Points {@code w} at rows {@code from <= i < to}: in place when they lie in one block of the
     * heap, else copied into the window's buffers. A pass reads its chunks this way.
     */
    public void window(int from, int to, RowWindow w) {
        if (from < 0 || to > n || from >= to) {
            throw new IndexOutOfBoundsException("rows " + from + " to " + to + " of " + n);
        }
        store.window(from, to, w);
    }

    /**
     * The end of the span a sequential pass reads next from row {@code from}: at most {@code limit},
     * at most one chunk of {@link dev.mixtures.em.EmLoop#CHUNK_ROWS} rows, never across a block.
     */
    public int spanEnd(int from, int limit) {
        return (int) Math.min(Math.min(limit, (long) from + dev.mixtures.em.EmLoop.CHUNK_ROWS), store.blockEnd(from));
    }

    /** What {@link #forEachRow} calls for each row. */
    @FunctionalInterface
    public interface RowVisitor {
        /** Row {@code i}: its values are {@code x[at] … x[at + d − 1]}, its weight {@code w}. */
        void row(int i, double[] x, int at, double w);
    }

    /** Calls {@code v} for every row, in order, reading the rows by windows (for one-off passes: sums, checks, writes). */
    public void forEachRow(RowVisitor v) {
        RowWindow win = new RowWindow();
        for (int from = 0; from < n;) {
            int to = spanEnd(from, n);
            window(from, to, win);
            double[] x = win.values();
            double[] wv = win.weights();
            int sh = win.shift();
            for (int i = from; i < to; i++) {
                v.row(i, x, (i + sh) * d, wv == null ? 1.0 : wv[i + sh]);
            }
            from = to;
        }
    }

    /** Number of rows. */
    public int n() {
        return n;
    }

    /** Number of columns. */
    public int d() {
        return d;
    }

    /** Value at row i, column j (both from 0). */
    public double get(int i, int j) {
        return store.get(i, j);
    }

    /** A copy of row i. */
    public double[] row(int i) {
        double[] r = new double[d];
        copyRow(i, r, 0);
        return r;
    }

    /** Copies row i into {@code dst} from index {@code at}. */
    public void copyRow(int i, double[] dst, int at) {
        store.copyRow(i, dst, at);
    }

    /** Column names, in order. */
    public List<String> columnNames() {
        return columns;
    }

    /** Whether rows carry weights. */
    public boolean hasWeights() {
        return store.weighted();
    }

    /** Weight of row i: 1 when the dataset has no weights. */
    public double weight(int i) {
        return store.weight(i);
    }

    /** A copy of the weights, or null when there are none. */
    public double[] weights() {
        if (!store.weighted()) {
            return null;
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = store.weight(i);
        }
        return w;
    }

    /** Sum of the weights (n when unweighted), in row order. */
    public double totalWeight() {
        if (!store.weighted()) {
            return n;
        }
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += store.weight(i);
        }
        return s;
    }

    /**
     * What a fault while reading these rows means: a dataset mapped from a file ({@link #map}) whose
     * file lost pages while in use (cut short by another program) faults on reading them, and the
     * JVM raises that as an {@link InternalError}, not always where the read was; a fit or pass
     * that catches one asks here. Returns the bad-input error naming the file, or null when
     * {@code e} is another error or these rows are not mapped.
     */
    public BadInputException readFault(Throwable e) {
        String file = store.mappedFile();
        if (file == null || !(e instanceof InternalError) || !isMappingFault(e)) {
            return null;
        }
        return cutShort(file, e);
    }

    /** Whether {@code e} is the JVM's report of a fault in a read of mapped memory. */
    public static boolean isMappingFault(Throwable e) {
        return e instanceof InternalError && String.valueOf(e.getMessage()).contains("fault occurred");
    }

    static BadInputException cutShort(String file, Throwable e) {
        return new BadInputException(file + ": the file changed or was cut short while it was being read"
                + " (a memory-mapped .npy file must stay as it is while a command uses it)", e);
    }

    /** Whether some cells are missing (NaN): only in a dataset made to allow them. */
    public boolean hasMissing() {
        return missing > 0;
    }

    /** The number of missing cells. */
    public long missingCells() {
        return missing;
    }

    /** Whether row i has no missing cell. */
    public boolean isComplete(int i) {
        if (missing == 0) {
            return true;
        }
        for (int j = 0; j < d; j++) {
            if (Double.isNaN(store.get(i, j))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rows that have no missing cell, in order, with their weights (this dataset itself when
     * none is missing; else a copy in heap blocks, without blocks of merging).
     *
     * @throws IllegalArgumentException when every row has a missing cell, or every complete row weighs 0
     */
    public Dataset completeRows() {
        if (missing == 0) {
            return this;
        }
        int blockRows = blockRows(d);
        List<double[]> v = new ArrayList<>();
        List<double[]> w = store.weighted() ? new ArrayList<>() : null;
        List<Integer> counts = new ArrayList<>();
        double[][] cur = {new double[Math.min(blockRows, Math.max(1, n)) * d]};
        double[][] curW = {w == null ? null : new double[Math.min(blockRows, Math.max(1, n))]};
        int[] at = {0};
        forEachRow((i, x, o, wi) -> {
            for (int j = 0; j < d; j++) {
                if (Double.isNaN(x[o + j])) {
                    return;
                }
            }
            if (at[0] == blockRows) {
                v.add(cur[0]);
                counts.add(at[0]);
                cur[0] = new double[blockRows * d];
                if (w != null) {
                    w.add(curW[0]);
                    curW[0] = new double[blockRows];
                }
                at[0] = 0;
            }
            System.arraycopy(x, o, cur[0], at[0] * d, d);
            if (w != null) {
                curW[0][at[0]] = wi;
            }
            at[0]++;
        });
        if (at[0] == 0 && v.isEmpty()) {
            throw new BadInputException("every one of the " + n + " rows has a missing cell");
        }
        v.add(cur[0]);
        counts.add(at[0]);
        if (w != null) {
            w.add(curW[0]);
        }
        return ofBlocks(v, counts.stream().mapToInt(Integer::intValue).toArray(), d, columns, w);
    }

    /**
     * Fails unless no cell is missing, naming the first missing cell and {@code what} cannot model
     * it (K-means, the Bayesian mixture).
     */
    public void requireComplete(String what) {
        if (missing == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                if (Double.isNaN(store.get(i, j))) {
                    throw new BadInputException("row " + (i + 1) + ", column " + (j + 1) + " (" + columns.get(j)
                            + ") is missing (" + missing + " missing cells in all): " + what
                            + " cannot model missing values; leave the rows out (--missing drop)");
                }
            }
        }
    }

    /** Whether all values are in one heap array ({@link #valuesView()} answers). */
    public boolean isSingleArray() {
        return store.array() != null;
    }

    /**
     * The backing row-major array, not a copy, for the library's kernels. Callers must not
     * modify it: a dataset is immutable by contract. Only for rows in one heap array
     * ({@link #isSingleArray()}); passes that must take any dataset read {@link #window windows}.
     *
     * @throws IllegalStateException when the rows are held in blocks or in a mapped file
     */
    public double[] valuesView() {
        double[] a = store.array();
        if (a == null) {
            throw new IllegalStateException("the " + n + " rows are held in blocks or a mapped file, not one array; "
                    + "read them by windows, or take contiguous()");
        }
        return a;
    }

    /** The backing weights array or null, not a copy; see {@link #valuesView()}. */
    public double[] weightsView() {
        valuesView();
        return store.weightArray();
    }

    /**
     * This dataset with its rows in one heap array (itself when they are): for the algorithms that
     * need random access to all rows at once (hierarchical clustering, silhouettes), which cost
     * more than the copy.
     */
    public Dataset contiguous() {
        if (store.array() != null) {
            return this;
        }
        Dataset one = rows(0, n);
        return new Dataset(one.store, columns, blockStarts, missing);
    }

    /** A copy of the values as an array of rows. */
    public double[][] toRows() {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = row(i);
        }
        return rows;
    }

    /**
     * Number of distinct rows that have a positive weight, counted up to {@code limit} (the count
     * stops there, so the check for "fewer distinct rows than k" costs little).
     */
    public int distinctRows(int limit) {
        java.util.HashSet<RowKey> seen = new java.util.HashSet<>();
        for (int i = 0; i < n && seen.size() < limit; i++) {
            if (weight(i) > 0) {
                seen.add(new RowKey(row(i), 0, d));
            }
        }
        return seen.size();
    }

    private static final class RowKey {
        private final double[] v;
        private final int off;
        private final int len;
        private final int hash;

        RowKey(double[] v, int off, int len) {
            this.v = v;
            this.off = off;
            this.len = len;
            int h = 1;
            for (int j = 0; j < len; j++) {
                long bits = Double.doubleToLongBits(v[off + j] + 0.0); // -0.0 and 0.0 are the same point
                h = 31 * h + (int) (bits ^ (bits >>> 32));
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof RowKey r)) {
                return false;
            }
            for (int j = 0; j < len; j++) {
                if (v[off + j] != r.v[r.off + j]) {
                    return false;
                }
            }
            return true;
        }
    }

    @Override
    public String toString() {
        return "Dataset[" + n + " x " + d + (store.weighted() ? ", weighted" : "") + ", columns " + columns + "]";
    }
}
