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

    private Dataset(double[] values, int n, int d, List<String> columns, double[] weights, boolean validate) {
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
        return new Dataset(values, n, d, columns, rowWeights == null ? null : rowWeights.clone(), true);
    }

    /** The same values with other column names. */
    public Dataset withColumnNames(List<String> names) {
        return new Dataset(values, n, d, List.copyOf(names), weights, false);
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
            if (!(o instanceof RowKey)) {
                return false;
            }
            RowKey r = (RowKey) o;
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
