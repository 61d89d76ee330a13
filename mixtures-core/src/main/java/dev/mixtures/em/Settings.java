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
