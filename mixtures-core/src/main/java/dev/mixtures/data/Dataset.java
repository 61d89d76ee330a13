package dev.mixtures.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The data every model is fitted to: n rows of d doubles stored densely row-major, column names,
 * and optional non-negative row weights (a weight w counts as the row repeated w times).
 *
 * <p>Instances are immutable and validated when made: every value is finite, every weight is
 * finite and non-negative, and the weights are not all zero. A bad value is reported by row and
 * column (both counted from 1, as a person reads a table).
 */
public final class Dataset {
    private final double[] values;
    private final int n;
    private final int d;
    private final List<String> columns;
    private final double[] weights;
    /** First row of each block after the first (ascending, inside 1..n−1); empty for one block. */
    private final int[] blockStarts;

    private Dataset(double[] values, int n, int d, List<String> columns, double[] weights, boolean validate) {
        this(values, n, d, columns, weights, validate, new int[0]);
    }

    private Dataset(double[] values, int n, int d, List<String> columns, double[] weights, boolean validate,
            int[] blockStarts) {
        if (n < 0 || d < 0) {
            throw new IllegalArgumentException("negative shape " + n + " x " + d);
        }
        if (values.length != (long) n * d) {
            throw new IllegalArgumentException("values hold " + values.length + " numbers, not n*d = " + n + "*" + d);
        }
        if (d == 0) {
            throw new IllegalArgumentException("the data have no column (d = 0)");
        }
        if (columns.size() != d) {
            throw new IllegalArgumentException(columns.size() + " column names for " + d + " columns");
        }
        if (weights != null && weights.length != n) {
            throw new IllegalArgumentException(weights.length + " weights for " + n + " rows");
        }
        if (validate) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    double v = values[i * d + j];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("row " + (i + 1) + ", column " + (j + 1)
                                + " (" + columns.get(j) + "): value " + v + " is not a finite number");
                    }
                }
            }
            if (weights != null) {
                double total = 0;
                for (int i = 0; i < n; i++) {
                    double w = weights[i];
                    if (!Double.isFinite(w) || w < 0) {
                        throw new IllegalArgumentException("row " + (i + 1) + ": weight " + w
                                + " is not a finite non-negative number");
                    }
                    total += w;
                }
                if (n > 0 && total <= 0) {
                    throw new IllegalArgumentException("all row weights are zero");
                }
            }
        }
        this.values = values;
        this.n = n;
        this.d = d;
        this.columns = columns;
        this.weights = weights;
        this.blockStarts = blockStarts;
    }

    /** Makes a dataset from a row-major array (copied), with names x1..xd and no weights. */
    public static Dataset of(double[] rowMajor, int n, int d) {
        return new Dataset(rowMajor.clone(), n, d, defaultNames(d), null, true);
    }

    /** Makes a dataset from rows (copied); every row must have the same length. */
    public static Dataset of(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("the data have no row");
        }
        int d = rows[0].length;
        double[] v = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + (i + 1) + " has " + rows[i].length
                        + " values, row 1 has " + d);
            }
            System.arraycopy(rows[i], 0, v, i * d, d);
        }
        return new Dataset(v, rows.length, d, defaultNames(d), null, true);
    }

    /**
     * Makes a dataset that takes ownership of {@code rowMajor} (not copied: the caller must not
     * change it afterwards), with the given column names and optional weights (copied).
     */
    public static Dataset wrap(double[] rowMajor, int n, int d, List<String> columnNames, double[] weights) {
        return new Dataset(rowMajor, n, d, List.copyOf(columnNames), weights == null ? null : weights.clone(), true);
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
        return new Dataset(values, n, d, columns, rowWeights == null ? null : rowWeights.clone(), true, blockStarts);
    }

    /** The same values with other column names. */
    public Dataset withColumnNames(List<String> names) {
        return new Dataset(values, n, d, List.copyOf(names), weights, false, blockStarts);
    }

    /** Other values (owned, validated) of the same shape, with these rows' names, weights and blocks. */
    Dataset withValues(double[] rowMajor) {
        return new Dataset(rowMajor, n, d, columns, weights, true, blockStarts);
    }

    /** Rows {@code from <= i < to} (copied), with their weights and the column names; one block. */
    public Dataset rows(int from, int to) {
        if (from < 0 || to > n || from >= to) {
            throw new IllegalArgumentException("rows " + from + " to " + to + " are not a range of rows 0 to " + n);
        }
        return new Dataset(Arrays.copyOfRange(values, from * d, to * d), to - from, d, columns,
                weights == null ? null : Arrays.copyOfRange(weights, from, to), true);
    }

    /**
     * The rows of {@code parts}, in order, as one dataset whose blocks are the parts (weights 1
     * where a part has none, the column names of the first). A fit takes the statistics of each
     * block's rows apart and merges them in block order, as a cluster merges those of its
     * partitions: a local fit of blocks and a fit over the same blocks elsewhere give the same bits.
     */
    public static Dataset concat(List<Dataset> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("no dataset to concatenate");
        }
        int d = parts.get(0).d;
        long total = 0;
        boolean weighted = false;
        for (Dataset p : parts) {
            if (p.d != d) {
                throw new IllegalArgumentException("cannot concatenate datasets of " + d + " and " + p.d + " columns");
            }
            total += p.n;
            weighted |= p.weights != null;
        }
        if (total * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " rows of " + d + " are more than one array holds");
        }
        int n = (int) total;
        double[] v = new double[n * d];
        double[] w = weighted ? new double[n] : null;
        List<Integer> starts = new ArrayList<>();
        int at = 0;
        for (Dataset p : parts) {
            System.arraycopy(p.values, 0, v, at * d, p.n * d);
            if (w != null) {
                if (p.weights != null) {
                    System.arraycopy(p.weights, 0, w, at, p.n);
                } else {
                    Arrays.fill(w, at, at + p.n, 1.0);
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
        return new Dataset(v, n, d, parts.get(0).columns, w, false,
                starts.stream().distinct().mapToInt(Integer::intValue).toArray());
    }

    /** Number of blocks (1 unless the dataset was made by {@link #concat}). */
    public int blocks() {
        return blockStarts.length + 1;
    }

    /**
     * The chunks a pass over the data takes, block by block: each block cut into pieces of
     * {@code chunkRows} from its first row. {@code b[j][c] <= i < b[j][c + 1]} are the rows of
     * chunk c of block j.
     */
    public int[][] chunks(int chunkRows) {
        int[][] b = new int[blockStarts.length + 1][];
        for (int j = 0; j < b.length; j++) {
            int from = j == 0 ? 0 : blockStarts[j - 1];
            int to = j == blockStarts.length ? n : blockStarts[j];
            int pieces = (to - from + chunkRows - 1) / chunkRows;
            b[j] = new int[pieces + 1];
            for (int c = 0; c < pieces; c++) {
                b[j][c] = from + c * chunkRows;
            }
            b[j][pieces] = to;
        }
        return b;
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
        return values[i * d + j];
    }

    /** A copy of row i. */
    public double[] row(int i) {
        return Arrays.copyOfRange(values, i * d, (i + 1) * d);
    }

    /** Column names, in order. */
    public List<String> columnNames() {
        return columns;
    }

    /** Whether rows carry weights. */
    public boolean hasWeights() {
        return weights != null;
    }

    /** Weight of row i: 1 when the dataset has no weights. */
    public double weight(int i) {
        return weights == null ? 1.0 : weights[i];
    }

    /** A copy of the weights, or null when there are none. */
    public double[] weights() {
        return weights == null ? null : weights.clone();
    }

    /** Sum of the weights (n when unweighted). */
    public double totalWeight() {
        if (weights == null) {
            return n;
        }
        double s = 0;
        for (double w : weights) {
            s += w;
        }
        return s;
    }

    /**
     * The backing row-major array, not a copy, for the library's kernels. Callers must not
     * modify it: a dataset is immutable by contract.
     */
    public double[] valuesView() {
        return values;
    }

    /** The backing weights array or null, not a copy; see {@link #valuesView()}. */
    public double[] weightsView() {
        return weights;
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
                seen.add(new RowKey(values, i * d, d));
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
        return "Dataset[" + n + " x " + d + (weights != null ? ", weighted" : "") + ", columns " + columns + "]";
    }
}
