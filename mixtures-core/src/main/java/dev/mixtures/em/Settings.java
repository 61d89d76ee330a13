package dev.mixtures.em;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;

/**
 * The checks every model's settings and data share, with one wording: a bad value fails with a
 * message naming the setting, the value and what is allowed (ARCHITECTURE.md, conventions).
 */
public final class Settings {
    private Settings() {
    }

    /** Fails unless {@code value ≥ min}. */
    public static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new BadInputException(name + " must be at least " + min + ", got " + value);
        }
    }

    /** Fails unless {@code value} is a finite number ≥ 0. */
    public static void finiteNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new BadInputException(name + " must be a finite number ≥ 0, got " + value);
        }
    }

    /** The settings every EM fit has: k, restarts, iteration limit, tolerance and threads. */
    public static void checkFit(int k, int nInit, int maxIter, double tol, int threads) {
        atLeast("k", k, 1);
        atLeast("n-init", nInit, 1);
        atLeast("max-iter", maxIter, 1);
        finiteNonNegative("tol", tol);
        threads(threads);
    }

    /** Fails unless 1 ≤ threads ≤ {@link Workers#MAX_THREADS}. */
    public static void threads(int threads) {
        atLeast("threads", threads, 1);
        if (threads > Workers.MAX_THREADS) {
            throw new BadInputException("threads must be at most " + Workers.MAX_THREADS + ", got " + threads);
        }
    }

    /** The largest total weight · d · span² a fit takes: its sums of squared distances stay finite, with room. */
    static final double MAX_SPREAD = 1e300;
    /** The smallest span a fit takes: span² stays a normal double, with room (√1e-290 ≈ 1e-145). */
    static final double MIN_SPAN = 1e-145;

    /**
     * Fails when a column of the data as fitted ({@code z}, standardised or not) spans so much or so
     * little that the squared distances and sums of squares every model forms would overflow or
     * underflow: values near 1e155 gave J = ∞ "converged" with wrong centres, values near 1e-200
     * a refusal that misnamed the cause. Names the column and the remedy. Constant columns (span 0)
     * are the models' own concern. One pass over the rows.
     */
    public static void checkScale(Dataset z, boolean standardized) {
        int d = z.d();
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        z.forEachRow((i, x, at, w) -> {
            for (int j = 0; j < d; j++) {
                double v = x[at + j];
                // NaN (a missing cell) fails both tests.
                if (v < lo[j]) {
                    lo[j] = v;
                }
                if (v > hi[j]) {
                    hi[j] = v;
                }
            }
        });
        double total = z.totalWeight();
        double widest = Math.sqrt(MAX_SPREAD / (total * d));
        for (int j = 0; j < d; j++) {
            double span = hi[j] - lo[j];
            if (span == 0 || !(hi[j] >= lo[j])) {
                continue;
            }
            String column = "column " + (j + 1) + " (" + z.columnNames().get(j) + ") spans ";
            if (!(span <= widest)) {
                throw new BadInputException(column + span + " (" + lo[j] + " to " + hi[j] + "): with a total weight of "
                        + total + ", the sums of squared distances a fit forms would pass the largest double; "
                        + (standardized ? "rescale the weight column" : "rescale the column or standardize the columns (--standardize)"));
            }
            if (span < MIN_SPAN) {
                throw new BadInputException(column + "only " + span + " (" + lo[j] + " to " + hi[j]
                        + "): its squared distances would fall below the smallest double; "
                        + "rescale the column or standardize the columns (--standardize)");
            }
        }
    }

    /** Fails when the data cannot hold k clusters: more clusters than rows, or than distinct rows of positive weight. */
    public static void checkRows(Dataset data, int k) {
        if (k > data.n()) {
            throw new BadInputException("k = " + k + " is more than the number of rows (" + data.n() + ")");
        }
        int distinct = data.distinctRows(k);
        if (distinct < k) {
            throw new BadInputException("the data have only " + distinct + " distinct row(s)"
                    + (data.hasWeights() ? " of positive weight" : "") + ", fewer than k = " + k);
        }
    }

    /**
     * Fails unless a block of {@code rows} rows of {@code d} row-major values (and optional row
     * weights) is whole and usable: enough numbers, every value finite, every weight finite and ≥ 0.
     */
    public static void checkBlock(double[] values, double[] weights, int rows, int d) {
        dev.mixtures.data.RowBlock.check(values, weights, rows, d);
    }

    /** Fails when settings that standardise are asked for steps by blocks, which take the blocks as they are. */
    public static void checkBlockSteps(boolean standardize) {
        if (standardize) {
            throw new BadInputException("standardize: steps by blocks take the blocks as they are;"
                    + " standardise them first");
        }
    }
}
