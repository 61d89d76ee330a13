package dev.mixtures.gaussian;

/**
 * Structures whose covariances are diagonal: per-coordinate variances (one per coordinate, or one
 * per component), stored compactly; precision factors are 1/σ per coordinate, so the E-step reads
 * y_i = x_i/σ_i − μ_i/σ_i (docs/MATH.md §2.3). The Bayesian mixture's precision blocks are
 * one-dimensional (Gamma).
 */
abstract sealed class ScaleStructure extends Structure permits DiagStructure, SphericalStructure {
    private static final long serialVersionUID = 1L;


    /** Component c's variance in coordinate i, from covariances in this layout. */
    abstract double variance(double[] cov, int c, int i, int d);

    @Override
    final boolean offDiagonal() {
        return false;
    }

    @Override
    final double[] factor(int k, int d, double[] cov, double[] logDet) {
        double[] prec = new double[k * d];
        for (int c = 0; c < k; c++) {
            double ld = 0;
            for (int i = 0; i < d; i++) {
                double v = variance(cov, c, i, d);
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new GaussianParams.NotPositiveDefinite(c, i);
                }
                double p = 1.0 / Math.sqrt(v);
                prec[c * d + i] = p;
                ld += Math.log(p);
            }
            logDet[c] = ld;
        }
        return prec;
    }

    @Override
    final int precOffset(int c, int d) {
        return c * d;
    }

    @Override
    final double[] expand(double[] cov, int c, int d) {
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = variance(cov, c, i, d);
        }
        return m;
    }

    @Override
    final void regularise(double[] cov, int d, double reg) {
        for (int q = 0; q < cov.length; q++) {
            cov[q] += reg;
        }
    }

    @Override
    final int blockDim(int d) {
        return 1;
    }
}
