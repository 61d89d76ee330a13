package dev.mixtures.gaussian;

/**
 * Diagonal structures with k·d variances, one per component and coordinate, however they are
 * constrained: not at all ({@link DiagStructure}, VVI), by a shape shared by all components
 * ({@link VeiStructure}) or by a volume shared by all ({@link EviStructure}). The layout, the
 * collapse test and the re-seed are the same for all three.
 */
abstract sealed class DiagonalLayout extends ScaleStructure permits DiagStructure, VeiStructure, EviStructure {
    private static final long serialVersionUID = 1L;

    @Override
    final double variance(double[] cov, int c, int i, int d) {
        return cov[c * d + i];
    }

    @Override
    final int covLength(int k, int d) {
        return k * d;
    }

    @Override
    final double[] compact(double[] full, int k, int d) {
        double[] v = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                v[c * d + i] = full[c * d * d + i * d + i];
            }
        }
        return v;
    }

    /** Any diagonal covariances may be given: the first M-step imposes the structure's constraints. */
    @Override
    final boolean holds(double[] m, double[] first, int d, int i, int j) {
        return i == j || m[i * d + j] == 0;
    }

    @Override
    final String collapsed(double[] raw, int c, int d, double reg, GaussianFamily.DataScale scale) {
        return collapsedVariances(raw, c * d, d, reg, scale);
    }

    @Override
    final void setDataCovariance(double[] raw, int c, int d, double[] dataCov) {
        for (int i = 0; i < d; i++) {
            raw[c * d + i] = dataCov[i * d + i];
        }
    }
}
