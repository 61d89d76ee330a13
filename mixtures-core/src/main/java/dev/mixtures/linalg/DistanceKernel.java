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

    /**
     * The lane width of the centre layout {@link #nearest} reads: {@link Distances#laneBlocked}
     * with this many lanes (1, the plain layout, unless a kernel says otherwise).
     */
    default int lanes() {
        return 1;
    }

    /**
     * The nearest of the first k centres for rows {@code from <= i < to}: {@code label[i - from]}
     * is the lowest index attaining the minimum, {@code best[i - from]} that squared distance, and,
     * when {@code second} is not null, {@code second[i - from]} the smallest squared distance to
     * any other centre (+∞ when k = 1). The centres {@code cl} are laid out by
     * {@link Distances#laneBlocked} with {@link #lanes()} lanes. {@code buf} holds at least
     * {@link Kernels#scratch}(to − from, kp, d) doubles. Padding centres are +∞ far, so they never win.
     */
    default void nearest(double[] x, int d, int from, int to, double[] cl, int kp, int k, double[] buf,
            int[] label, double[] best, double[] second) {
        squaredDistances(x, d, from, to, cl, kp, buf);
        int lanes = lanes();
        int nv = kp / lanes;
        for (int i = 0; i < to - from; i++) {
            int o = i * kp;
            // Centres in index order: c = l·nv + u sits in column u·lanes + l (Distances.laneBlocked).
            int a = 0;
            double m = Double.POSITIVE_INFINITY;
            double m2 = Double.POSITIVE_INFINITY;
            for (int l = 0, c = 0; l < lanes && c < k; l++) {
                for (int u = 0; u < nv && c < k; u++, c++) {
                    double v = buf[o + u * lanes + l];
                    if (v < m) {
                        m2 = m;
                        m = v;
                        a = c;
                    } else if (v < m2) {
                        m2 = v;
                    }
                }
            }
            label[i] = a;
            best[i] = m;
            if (second != null) {
                second[i] = m2;
            }
        }
    }

    /**
     * Adds each row into its cluster's sum, in row order: {@code sums[label[i − from]·d + j] +=
     * w_i · x[i·d + j]} for rows {@code from <= i < to} ({@code w} null means every weight is 1,
     * and the row is added as it is). Implementations give the same bits as this default.
     */
    default void accumulate(double[] x, int d, int from, int to, double[] w, int[] label, double[] sums) {
        for (int i = from; i < to; i++) {
            int s = label[i - from] * d;
            int xo = i * d;
            if (w == null) {
                for (int j = 0; j < d; j++) {
                    sums[s + j] += x[xo + j];
                }
            } else {
                double wi = w[i];
                for (int j = 0; j < d; j++) {
                    sums[s + j] += wi * x[xo + j];
                }
            }
        }
    }

    /**
     * One block of a greedy k-means++ step. Columns of {@code ct} (dimension-major, {@code tp}
     * padded columns, {@link Distances#transposePadded}): column 0 is the centre chosen last when
     * {@code lead} is 1, then {@code trials} candidate centres. For rows {@code from <= i < to} in
     * order, with D(i, c) the squared distance and w_i the weight (1 when {@code w} is null):
     * {@code p = closest[i + cs]}; when {@code lead} is 1, {@code p = min(p, w_i·D(i, 0))} is stored
     * back in {@code closest[i + cs]}; then {@code pot[t] += min(p, w_i·D(i, lead + t))} for every
     * trial t. Every implementation gives exactly these bits. {@code buf} holds at least
     * {@link Kernels#scratch}(to − from, tp, d) doubles.
     */
    default void potentials(double[] x, int d, int from, int to, double[] w, double[] ct, int tp, int lead, int trials,
            double[] closest, int cs, double[] pot, double[] buf) {
        squaredDistances(x, d, from, to, ct, tp, buf);
        for (int i = from; i < to; i++) {
            double wi = w == null ? 1.0 : w[i];
            int o = (i - from) * tp;
            double ci = closest[i + cs];
            if (lead == 1) {
                ci = Math.min(ci, wi * buf[o]);
                closest[i + cs] = ci;
            }
            for (int t = 0; t < trials; t++) {
                pot[t] += Math.min(ci, wi * buf[o + lead + t]);
            }
        }
    }

    /** A short name for summaries and benchmarks ("vector-512", "scalar"). */
    String name();
}
