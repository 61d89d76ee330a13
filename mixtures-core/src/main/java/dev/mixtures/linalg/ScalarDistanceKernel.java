package dev.mixtures.linalg;

/** The plain-Java kernel: used when the Vector API module is absent, and as the reference in tests. */
public final class ScalarDistanceKernel implements DistanceKernel {
    /** The single instance. */
    public static final ScalarDistanceKernel INSTANCE = new ScalarDistanceKernel();

    private ScalarDistanceKernel() {
    }

    @Override
    public void squaredDistances(double[] x, int d, int from, int to, double[] ct, int kp, double[] out) {
        for (int i = from; i < to; i++) {
            int o = (i - from) * kp;
            for (int c = 0; c < kp; c++) {
                out[o + c] = 0.0;
            }
            int xo = i * d;
            // Dimension-outer order keeps the inner loop on contiguous centres; each pair still sums j in order.
            for (int j = 0; j < d; j++) {
                double xv = x[xo + j];
                int base = j * kp;
                for (int c = 0; c < kp; c++) {
                    double t = xv - ct[base + c];
                    out[o + c] = Math.fma(t, t, out[o + c]);
                }
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
