package dev.mixtures.gaussian;

import java.util.Locale;

/**
 * Structures whose covariances are diagonal: per-coordinate variances (k·d of them in a
 * {@link DiagonalLayout}, one per component, one per coordinate shared by all, or one in all),
 * stored compactly; precision factors are 1/σ per coordinate, so the E-step reads
 * y_i = x_i/σ_i − μ_i/σ_i (docs/MATH.md §2.3). The Bayesian mixture's precision blocks are
 * one-dimensional (Gamma).
 */
abstract sealed class ScaleStructure extends Structure
        permits DiagonalLayout, SphericalStructure, EiiStructure, EeiStructure {
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

    /**
     * Why the variances {@code raw[off..off+d)} count as collapsed, or null: one is not above the
     * regularisation or below 1e-10 of the data's variance of its column.
     */
    static String collapsedVariances(double[] raw, int off, int d, double reg, GaussianFamily.DataScale scale) {
        for (int i = 0; i < d; i++) {
            double v = raw[off + i];
            if (!(v > reg) || v < GaussianFamily.DataScale.RELATIVE * scale.cov[i * d + i]) {
                return "collapsed (its variance in column " + (i + 1) + " is " + String.format(Locale.ROOT, "%.3g", v)
                        + ", not above the regularisation " + reg + ")";
            }
        }
        return null;
    }

    /** Why the one variance {@code v} of all coordinates counts as collapsed, or null (against the data's mean variance). */
    static String collapsedVariance(double v, int d, double reg, GaussianFamily.DataScale scale) {
        double mean = 0;
        for (int i = 0; i < d; i++) {
            mean += scale.cov[i * d + i] / d;
        }
        if (!(v > reg) || v < GaussianFamily.DataScale.RELATIVE * mean) {
            return "collapsed (its variance is " + String.format(Locale.ROOT, "%.3g", v)
                    + ", not above the regularisation " + reg + ")";
        }
        return null;
    }

    /** The scatter of component c about its new mean in coordinate i: S_ci − N_c δ_ci². */
    static double scatter(GaussianStatistics st, double[] nk, double[] delta, int c, int i, int d) {
        double di = delta[c * d + i];
        return st.ss[c * st.sLen + i] - nk[c] * di * di;
    }

    @Override
    final int blockDim(int d) {
        return 1;
    }
}
