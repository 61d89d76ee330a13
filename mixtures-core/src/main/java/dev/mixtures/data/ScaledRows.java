package dev.mixtures.data;

/**
 * Another store's rows with each column shifted and divided, (x − shift_j) / scale_j, computed as
 * a window is filled: the standardised view of a memory-mapped file, which has no heap copy to
 * transform. The expression is {@link Standardizer}'s, so a value is the same bits either way.
 */
final class ScaledRows extends RowStore {
    private final RowStore base;
    private final double[] shift;
    private final double[] scale;

    ScaledRows(RowStore base, double[] shift, double[] scale) {
        super(base.n, base.d);
        this.base = base;
        this.shift = shift;
        this.scale = scale;
    }

    @Override
    void window(int from, int to, RowWindow w) {
        copyWindow(from, to, w);
    }

    @Override
    void copy(int from, int to, double[] v, double[] wt) {
        base.copy(from, to, v, wt);
        for (int r = 0, q = 0; r < to - from; r++) {
            for (int j = 0; j < d; j++, q++) {
                v[q] = (v[q] - shift[j]) / scale[j];
            }
        }
    }

    @Override
    void copyRow(int i, double[] dst, int at) {
        base.copyRow(i, dst, at);
        for (int j = 0; j < d; j++) {
            dst[at + j] = (dst[at + j] - shift[j]) / scale[j];
        }
    }

    @Override
    double get(int i, int j) {
        return (base.get(i, j) - shift[j]) / scale[j];
    }

    @Override
    double weight(int i) {
        return base.weight(i);
    }

    @Override
    boolean weighted() {
        return base.weighted();
    }

    @Override
    int blockEnd(int row) {
        return base.blockEnd(row);
    }

    @Override
    RowStore withWeights(double[] weights) {
        return new ScaledRows(base.withWeights(weights), shift, scale);
    }

    @Override
    String mappedFile() {
        return base.mappedFile();
    }
}
