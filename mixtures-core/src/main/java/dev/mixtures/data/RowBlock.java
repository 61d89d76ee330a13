package dev.mixtures.data;

import dev.mixtures.BadInputException;

/**
 * A block of rows checked once: row-major values of width d (finite), and optional weights
 * (non-negative, finite). Block steps ({@link dev.mixtures.BlockSteps#statistics(Object, RowBlock)})
 * read such a block every iteration without scanning its values again (one pass over the block's
 * memory per iteration saved: a cached Spark partition is read by every iteration). The arrays are
 * held, not copied: they must not change after the block is made.
 */
public final class RowBlock implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final double[] values;
    private final double[] weights;
    private final int rows;
    private final int d;

    private RowBlock(double[] values, double[] weights, int rows, int d) {
        this.values = values;
        this.weights = weights;
        this.rows = rows;
        this.d = d;
    }

    /**
     * The block of {@code rows} rows of {@code values} (and {@code weights}, or null: every row weighs 1), checked.
     *
     * @throws IllegalArgumentException naming the row and column of a value that is not finite, the
     *         row of a negative or infinite weight, or arrays too short for the shape
     */
    public static RowBlock of(double[] values, double[] weights, int rows, int d) {
        check(values, weights, rows, d);
        return new RowBlock(values, weights, rows, d);
    }

    /**
     * Fails unless {@code values} hold {@code rows} finite rows of width {@code d} and {@code weights}
     * (when not null) as many non-negative finite weights.
     */
    public static void check(double[] values, double[] weights, int rows, int d) {
        if (rows < 0 || d < 1 || values.length < (long) rows * d || (weights != null && weights.length < rows)) {
            throw new BadInputException("block: " + rows + " rows of " + d + " need " + (long) rows * d
                    + " values" + (weights == null ? "" : " and " + rows + " weights") + "; got " + values.length
                    + (weights == null ? "" : " and " + weights.length));
        }
        for (int i = 0; i < rows * d; i++) {
            if (!Double.isFinite(values[i])) {
                throw new BadInputException("block: row " + (i / d + 1) + ", column " + (i % d + 1) + " is "
                        + values[i]);
            }
        }
        for (int i = 0; weights != null && i < rows; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new BadInputException("block: the weight of row " + (i + 1) + " is " + weights[i]);
            }
        }
    }

    /** The values, row-major (the array itself). */
    public double[] values() {
        return values;
    }

    /** The weights (the array itself), or null when every row weighs 1. */
    public double[] weights() {
        return weights;
    }

    /** The number of rows. */
    public int rows() {
        return rows;
    }

    /** The width of a row. */
    public int d() {
        return d;
    }
}
