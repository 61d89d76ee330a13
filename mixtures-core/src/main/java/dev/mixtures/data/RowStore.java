package dev.mixtures.data;

/**
 * How a {@link Dataset} holds its rows and weights: in heap blocks ({@link HeapRows}), in a
 * memory-mapped file ({@link MappedRows}), or as a column-wise affine view of another store
 * ({@link ScaledRows}). Every store is immutable once made and safe to read from many threads.
 */
abstract class RowStore {
    final int n;
    final int d;

    RowStore(int n, int d) {
        this.n = n;
        this.d = d;
    }

    /** Points {@code w} at rows {@code from <= i < to} (a non-empty range). */
    abstract void window(int from, int to, RowWindow w);

    /** Copies rows {@code from <= i < to} into {@code values} (from index 0) and, when not null, their weights into {@code weights}. */
    abstract void copy(int from, int to, double[] values, double[] weights);

    /** Copies row i into {@code dst} from index {@code at}. */
    void copyRow(int i, double[] dst, int at) {
        for (int j = 0; j < d; j++) {
            dst[at + j] = get(i, j);
        }
    }

    /** Value of row i, column j. */
    abstract double get(int i, int j);

    /** Weight of row i (1 when unweighted). */
    abstract double weight(int i);

    /** Whether any row carries a weight. */
    abstract boolean weighted();

    /** The first row after {@code row}'s storage block: a pass cuts its chunks there so that windows need no copy. */
    abstract int blockEnd(int row);

    /** The single array of all values, when the store is one heap array; null otherwise. */
    double[] array() {
        return null;
    }

    /** The single array of all weights (null when unweighted or not one array). */
    double[] weightArray() {
        return null;
    }

    /** The same rows with these weights (n of them, already checked and owned by the store; null for none). */
    abstract RowStore withWeights(double[] weights);

    /** The file these rows are mapped from, or null when they are in the heap. */
    String mappedFile() {
        return null;
    }

    /** Fills {@code w} by copying into its buffers: for stores without arrays of their own and ranges across blocks. */
    final void copyWindow(int from, int to, RowWindow w) {
        double[] v = w.valueBuffer((to - from) * d);
        double[] wt = weighted() ? w.weightBuffer(to - from) : null;
        copy(from, to, v, wt);
        w.values = v;
        w.weights = wt;
        w.shift = -from;
    }
}
