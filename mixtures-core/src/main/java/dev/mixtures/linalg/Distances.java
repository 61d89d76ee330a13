package dev.mixtures.linalg;

/** The one definition of a squared Euclidean distance that every kernel reproduces bit for bit. */
public final class Distances {
    private Distances() {
    }

    /** Σ_j (a_j − b_j)², summed in order j = 0..d−1 with fused multiply-adds. */
    public static double squared(double[] a, int aOff, double[] b, int bOff, int d) {
        double acc = 0;
        for (int j = 0; j < d; j++) {
            double t = a[aOff + j] - b[bOff + j];
            acc = Math.fma(t, t, acc);
        }
        return acc;
    }

    /**
     * {@link #squared} for four pairs (rows i..i+3 of {@code x}, each with its own centre at
     * {@code c[cOff[q]]}) into {@code out[0..3]}, bit for bit, as four independent chains of fused
     * multiply-adds, so that they overlap instead of each waiting on the latency of the last.
     */
    public static void squared4(double[] x, int i, int d, double[] c, int[] cOff, double[] out) {
        int x0 = i * d;
        int x1 = x0 + d;
        int x2 = x1 + d;
        int x3 = x2 + d;
        int c0 = cOff[0];
        int c1 = cOff[1];
        int c2 = cOff[2];
        int c3 = cOff[3];
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        for (int j = 0; j < d; j++) {
            double t0 = x[x0 + j] - c[c0 + j];
            double t1 = x[x1 + j] - c[c1 + j];
            double t2 = x[x2 + j] - c[c2 + j];
            double t3 = x[x3 + j] - c[c3 + j];
            a0 = Math.fma(t0, t0, a0);
            a1 = Math.fma(t1, t1, a1);
            a2 = Math.fma(t2, t2, a2);
            a3 = Math.fma(t3, t3, a3);
        }
        out[0] = a0;
        out[1] = a1;
        out[2] = a2;
        out[3] = a3;
    }

    /**
     * Lays out k row-major centres (k×d) dimension-major and padded to {@code kp} columns, as
     * {@link DistanceKernel#squaredDistances} reads them: {@code ct[j·kp + c]} is coordinate j of
     * centre c. Padding centres sit at +∞, so their distance to any finite row is +∞ and they never
     * win an argmin.
     */
    public static double[] transposePadded(double[] centres, int k, int d, int kp, double[] into) {
        return laneBlocked(centres, k, d, kp, 1, into);
    }

    /**
     * The layout {@link DistanceKernel#nearest} reads for a kernel of {@code lanes} lanes: as
     * {@link #transposePadded}, but within each dimension the kp columns form kp/lanes vectors of
     * {@code lanes} lanes, and lane l of vector u holds centre {@code l·(kp/lanes) + u}. Each lane
     * thus sees an increasing run of indices, and lanes are in increasing order of index, so that a
     * minimum taken per lane over the vectors in order, then across lanes with ties to the lower
     * lane, is the lowest index attaining the minimum, with no index comparisons. One lane is the
     * plain layout.
     */
    public static double[] laneBlocked(double[] centres, int k, int d, int kp, int lanes, double[] into) {
        double[] ct = into != null && into.length == d * kp ? into : new double[d * kp];
        for (int j = 0; j < d; j++) {
            int base = j * kp;
            for (int c = 0; c < kp; c++) {
                ct[base + laneBlockedColumn(c, kp, lanes)] = c < k ? centres[c * d + j] : Double.POSITIVE_INFINITY;
            }
        }
        return ct;
    }

    /** The column of centre c in the {@link #laneBlocked} layout. */
    public static int laneBlockedColumn(int c, int kp, int lanes) {
        int nv = kp / lanes;
        return (c % nv) * lanes + c / nv;
    }
}
