package dev.mixtures.data;

import java.util.Arrays;

/**
 * Rows held in the heap as a sequence of blocks, each a row-major {@code double[]} (with a weight
 * array beside it when rows are weighted). One block is the classic single array; many blocks lift
 * the limit of one Java array (2^31 values) and let a reader hand over what it parsed without
 * joining it into a copy.
 */
final class HeapRows extends RowStore {
    private final double[][] values;
    private final double[][] weights;
    /** first[b] is block b's first row; first[blocks] = n. */
    private final int[] first;
    /** Rows per block when every block but the last has that many (so a block is found by a division), else 0. */
    private final int uniform;

    HeapRows(double[][] values, double[][] weights, int[] first, int d) {
        super(first[first.length - 1], d);
        this.values = values;
        this.weights = weights;
        this.first = first;
        int u = values.length > 1 ? first[1] : Math.max(1, n);
        for (int b = 1; b + 1 < values.length && u > 0; b++) {
            if (first[b + 1] - first[b] != u) {
                u = 0;
            }
        }
        this.uniform = u;
    }

    /** One array of n rows (and optional weights). */
    static HeapRows single(double[] values, double[] weights, int n, int d) {
        return new HeapRows(new double[][] {values}, weights == null ? null : new double[][] {weights}, new int[] {0, n}, d);
    }

    int blocks() {
        return values.length;
    }

    double[] block(int b) {
        return values[b];
    }

    double[] weightBlock(int b) {
        return weights == null ? null : weights[b];
    }

    int first(int b) {
        return first[b];
    }

    private int blockOf(int row) {
        if (uniform > 0) {
            return Math.min(row / uniform, values.length - 1);
        }
        int b = Arrays.binarySearch(first, 0, values.length, row);
        if (b < 0) {
            return -b - 2;
        }
        // Empty blocks share a first row: take the last block starting there, which holds it.
        while (b + 1 < values.length && first[b + 1] == row) {
            b++;
        }
        return b;
    }

    @Override
    void window(int from, int to, RowWindow w) {
        int b = blockOf(from);
        if (to <= first[b + 1]) {
            w.values = values[b];
            w.weights = weights == null ? null : weights[b];
            w.shift = -first[b];
        } else {
            copyWindow(from, to, w);
        }
    }

    @Override
    void copy(int from, int to, double[] v, double[] wt) {
        int at = 0;
        for (int i = from; i < to;) {
            int b = blockOf(i);
            int end = Math.min(to, first[b + 1]);
            System.arraycopy(values[b], (i - first[b]) * d, v, at * d, (end - i) * d);
            if (wt != null) {
                if (weights == null) {
                    Arrays.fill(wt, at, at + end - i, 1.0);
                } else {
                    System.arraycopy(weights[b], i - first[b], wt, at, end - i);
                }
            }
            at += end - i;
            i = end;
        }
    }

    @Override
    void copyRow(int i, double[] dst, int at) {
        int b = blockOf(i);
        System.arraycopy(values[b], (i - first[b]) * d, dst, at, d);
    }

    @Override
    double get(int i, int j) {
        int b = blockOf(i);
        return values[b][(i - first[b]) * d + j];
    }

    @Override
    double weight(int i) {
        if (weights == null) {
            return 1.0;
        }
        int b = blockOf(i);
        return weights[b][i - first[b]];
    }

    @Override
    boolean weighted() {
        return weights != null;
    }

    @Override
    int blockEnd(int row) {
        return first[blockOf(row) + 1];
    }

    @Override
    double[] array() {
        return values.length == 1 ? values[0] : null;
    }

    @Override
    double[] weightArray() {
        return values.length == 1 && weights != null ? weights[0] : null;
    }

    @Override
    HeapRows withWeights(double[] w) {
        if (w == null) {
            return new HeapRows(values, null, first, d);
        }
        double[][] wb = new double[values.length][];
        if (values.length == 1) {
            wb[0] = w;
            return new HeapRows(values, wb, first, d);
        }
        for (int b = 0; b < values.length; b++) {
            wb[b] = Arrays.copyOfRange(w, first[b], first[b + 1]);
        }
        return new HeapRows(values, wb, first, d);
    }
}
