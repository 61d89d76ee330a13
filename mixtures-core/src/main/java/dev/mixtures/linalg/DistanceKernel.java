package dev.mixtures.linalg;

/**
 * Squared Euclidean distances from a block of rows to a set of points ("centres") laid out
 * dimension-major and padded: {@code ct[j * kp + c]} is coordinate j of centre c, with
 * {@code kp} a multiple of {@link Kernels#PAD}.
 *
 * <p>Every implementation computes each pair exactly as {@link Distances#squared}: the sum over
 * j = 0..d−1 in order of {@code fma(t, t, acc)} with {@code t = x_j − c_j}. The result for one pair
 * therefore does not depend on the implementation, the block it was computed in, or the number of
 * threads, which is what lets the accelerated K-means variants make exactly Lloyd's assignments.
 */
public interface DistanceKernel {

    /**
     * Writes {@code out[(i - from) * kp + c]} for rows {@code from <= i < to} of the row-major
     * array {@code x} (d columns) and every padded centre {@code 0 <= c < kp}.
     */
    void squaredDistances(double[] x, int d, int from, int to, double[] ct, int kp, double[] out);

    /** A short name for summaries and benchmarks ("vector-512", "scalar"). */
    String name();
}
