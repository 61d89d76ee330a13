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
     * Lays out k row-major centres (k×d) dimension-major and padded to {@code kp} columns, as
     * {@link DistanceKernel} reads them. Padding centres sit at +∞, so their distance to any finite
     * row is +∞ and they never win an argmin.
     */
    public static double[] transposePadded(double[] centres, int k, int d, int kp, double[] into) {
        double[] ct = into != null && into.length == d * kp ? into : new double[d * kp];
        for (int j = 0; j < d; j++) {
            int base = j * kp;
            for (int c = 0; c < k; c++) {
                ct[base + c] = centres[c * d + j];
            }
            for (int c = k; c < kp; c++) {
                ct[base + c] = Double.POSITIVE_INFINITY;
            }
        }
        return ct;
    }
}
