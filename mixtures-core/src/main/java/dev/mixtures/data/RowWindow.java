package dev.mixtures.data;

/**
 * Where a pass finds a range of a {@link Dataset}'s rows: an array holding them row-major and, in
 * the same coordinates, their weights. Row {@code i} of the range starts at
 * {@code values()[(i + shift()) * d]} and weighs {@code weights()[i + shift()]} (1 when
 * {@code weights()} is null). For rows held in the heap the arrays are the dataset's own block
 * (no copy); rows of a memory-mapped file, or a range across two blocks, are copied into this
 * window's buffers, which it keeps and reuses. One window per thread: it is not thread-safe.
 */
public final class RowWindow {
    double[] values;
    double[] weights;
    int shift;
    private double[] valueBuffer = new double[0];
    private double[] weightBuffer = new double[0];

    /** An empty window, filled by {@link Dataset#window}. */
    public RowWindow() {
    }

    /** The array holding the rows (the dataset's own: never modify it). */
    public double[] values() {
        return values;
    }

    /** The weights in the same coordinates, or null when every row weighs 1. */
    public double[] weights() {
        return weights;
    }

    /** Added to a row's number, gives its row in {@link #values()} and {@link #weights()}. */
    public int shift() {
        return shift;
    }

    /**
     * Points this window at rows held in {@code values} (and {@code weights}, or null) in place:
     * row i at {@code values[(i + shift) * d]}. For passes over a single block of rows.
     */
    public void set(double[] values, double[] weights, int shift) {
        this.values = values;
        this.weights = weights;
        this.shift = shift;
    }

    double[] valueBuffer(int length) {
        if (valueBuffer.length < length) {
            valueBuffer = new double[length];
        }
        return valueBuffer;
    }

    double[] weightBuffer(int length) {
        if (weightBuffer.length < length) {
            weightBuffer = new double[length];
        }
        return weightBuffer;
    }
}
