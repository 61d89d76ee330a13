package dev.mixtures.gaussian;

import dev.mixtures.linalg.Cholesky;
import java.util.Locale;

/**
 * Structures with full d×d covariance blocks: one per component, or one shared by all
 * ({@link #shared}). Covariances are stored as row-major d×d blocks, precision factors as the
 * upper triangular P = L⁻ᵀ of Σ = L Lᵀ (docs/MATH.md §2.3), whatever constrains the blocks:
 * nothing or sharing ({@link WishartStructure}: full, tied) or mclust's volume, shape and
 * orientation constraints ({@link OrientedStructure}).
 */
abstract sealed class TriangularStructure extends Structure permits WishartStructure, OrientedStructure {
    private static final long serialVersionUID = 1L;


    /** Number of d×d blocks stored for k components. */
    final int blockCount(int k) {
        return shared() ? 1 : k;
    }

    /** The block component c uses. */
    final int block(int c) {
        return shared() ? 0 : c;
    }

    @Override
    final boolean offDiagonal() {
        return true;
    }

    @Override
    final int covLength(int k, int d) {
        return blockCount(k) * d * d;
    }

    @Override
    final double[] factor(int k, int d, double[] cov, double[] logDet) {
        int blocks = blockCount(k);
        double[] prec = new double[blocks * d * d];
        double[] a = new double[d * d];
        double[] l = new double[d * d];
        for (int c = 0; c < blocks; c++) {
            System.arraycopy(cov, c * d * d, a, 0, d * d);
            int bad = Cholesky.factor(a, d, l);
            if (bad >= 0) {
                throw new GaussianParams.NotPositiveDefinite(c, bad);
            }
            double[] p = Cholesky.precisionFactor(l, d);
            System.arraycopy(p, 0, prec, c * d * d, d * d);
            double ld = Cholesky.logDiagonal(p, d);
            if (shared()) {
                java.util.Arrays.fill(logDet, ld);
            } else {
                logDet[c] = ld;
            }
        }
        return prec;
    }

    @Override
    final int precOffset(int c, int d) {
        return block(c) * d * d;
    }

    @Override
    final double[] expand(double[] cov, int c, int d) {
        double[] m = new double[d * d];
        System.arraycopy(cov, block(c) * d * d, m, 0, d * d);
        return m;
    }

    @Override
    final double[] compact(double[] full, int k, int d) {
        return shared() ? java.util.Arrays.copyOf(full, d * d) : full;
    }

    @Override
    final void regularise(double[] cov, int d, double reg) {
        for (int b = 0; b < cov.length / (d * d); b++) {
            for (int i = 0; i < d; i++) {
                cov[b * d * d + i * d + i] += reg;
            }
        }
    }

    @Override
    final String collapsed(double[] raw, int c, int d, double reg, GaussianFamily.DataScale scale) {
        double[] m = new double[d * d];
        System.arraycopy(raw, c * d * d, m, 0, d * d);
        double[] l = new double[d * d];
        int bad = Cholesky.factor(m.clone(), d, l);
        if (bad >= 0) {
            return "collapsed (its covariance is singular in column " + (bad + 1)
                    + " given the ones before it: it sits on a point, a line or repeated rows)";
        }
        for (int i = 0; i < d; i++) {
            double v = l[i * d + i] * l[i * d + i];
            if (v <= reg || v < GaussianFamily.DataScale.RELATIVE * scale.pivots[i]) {
                return "collapsed (its variance in column " + (i + 1) + " given the ones before it is "
                        + String.format(Locale.ROOT, "%.3g", v)
                        + ", not above the regularisation " + reg + ": it sits on a point, a line or repeated rows)";
            }
        }
        return null;
    }

}
