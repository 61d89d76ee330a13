package dev.mixtures.gaussian;

import dev.mixtures.linalg.Cholesky;
import java.util.Locale;

/**
 * Structures with full d×d covariance blocks: one per component ({@link FullStructure}) or one
 * shared by all ({@link TiedStructure}). Covariances are stored as row-major d×d blocks, precision
 * factors as the upper triangular P = L⁻ᵀ of Σ = L Lᵀ (docs/MATH.md §2.3); the Bayesian mixture's
 * precision is one Wishart block of dimension d.
 */
abstract sealed class TriangularStructure extends Structure permits FullStructure, TiedStructure {
    private static final long serialVersionUID = 1L;


    /** Number of d×d blocks stored for k components. */
    final int blockCount(int k) {
        return shared() ? 1 : k;
    }

    /** The block component c uses. */
    private int block(int c) {
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
    final double[] mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d) {
        boolean tied = shared();
        int sLen = st.sLen;
        double[] cov = new double[blockCount(k) * d * d];
        for (int c = 0; c < k; c++) {
            int o = block(c) * d * d;
            int q = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++, q++) {
                    double di = delta[c * d + i];
                    double dj = delta[c * d + j];
                    // Shared: Σ_k (S_k − N_k δδᵀ), divided by Σ N_k below; else S_k/N_k − δδᵀ.
                    double v = tied ? st.ss[c * sLen + q] - nk[c] * di * dj : st.ss[c * sLen + q] / nk[c] - di * dj;
                    cov[o + i * d + j] += v;
                }
            }
        }
        for (int b = 0; b < blockCount(k); b++) {
            int o = b * d * d;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = tied ? cov[o + i * d + j] / nSum : cov[o + i * d + j];
                    cov[o + i * d + j] = v;
                    cov[o + j * d + i] = v;
                }
            }
        }
        return cov;
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

    @Override
    final int blockDim(int d) {
        return d;
    }

    @Override
    final double[] priorScale(double[] full, int d) {
        return full;
    }

    @Override
    final double priorLogDet(double[] w0inv, int d) {
        double[] l = new double[d * d];
        int bad = Cholesky.factor(w0inv.clone(), d, l);
        if (bad >= 0) {
            throw new IllegalArgumentException("covariance-prior: not positive definite (pivot " + (bad + 1) + ")");
        }
        return 2 * Cholesky.logDiagonal(l, d);
    }

    @Override
    final double[] posteriorScale(GaussianStatistics st, double[] nk, double[] xbar, double[] beta, VbPrior prior) {
        int k = nk.length;
        int d = prior.d;
        int sLen = st.sLen;
        double[] m0 = prior.m0;
        double[] winv = new double[blockCount(k) * d * d];
        for (int c = 0; c < k; c++) {
            int o = block(c) * d * d;
            double f = prior.beta0 * nk[c] / beta[c];
            int q = 0;
            for (int i = 0; i < d; i++) {
                double di = st.s[c * d + i] / nk[c];
                double ei = xbar[c * d + i] - m0[i];
                for (int j = 0; j <= i; j++, q++) {
                    double dj = st.s[c * d + j] / nk[c];
                    double ej = xbar[c * d + j] - m0[j];
                    // N_k S_k from the scatter about the shift, then the pull towards m0.
                    double v = st.ss[c * sLen + q] - nk[c] * di * dj + f * ei * ej;
                    if (i == j) {
                        v += nk[c] * prior.regCovar;
                    }
                    winv[o + i * d + j] += v;
                }
            }
        }
        for (int b = 0; b < blockCount(k); b++) {
            int o = b * d * d;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = winv[o + i * d + j] + prior.w0inv[i * d + j];
                    winv[o + i * d + j] = v;
                    winv[o + j * d + i] = v;
                }
            }
        }
        return winv;
    }

    @Override
    final double posteriorLogDet(double[] winv, double[] nu, int c, int d, GaussianParams g) {
        // ln |E[Λ]⁻¹| = −2 ln |P|, and W⁻¹ = ν E[Λ]⁻¹.
        return -2 * g.logDet[c] + d * Math.log(nu[c]);
    }

    @Override
    final double[] expectedPrecision(double[] winv, double[] nu, int c, int d) {
        double[] a = new double[d * d];
        System.arraycopy(winv, block(c) * d * d, a, 0, d * d);
        double[] inv = Cholesky.inverseSpd(a, d);
        double[] m = new double[d * d];
        for (int q = 0; q < d * d; q++) {
            m[q] = nu[c] * inv[q];
        }
        return m;
    }

    @Override
    final double traceW0invW(double[] w0inv, double[] winv, double[] nu, int c, int d) {
        double[] el = expectedPrecision(winv, nu, c, d);
        double t = 0;
        for (int q = 0; q < d * d; q++) {
            t += w0inv[q] * el[q];
        }
        return t / nu[c];
    }

    @Override
    final double[] studentCholesky(double[] winv, int c, int d, double beta, double t) {
        double[] a = new double[d * d];
        System.arraycopy(winv, block(c) * d * d, a, 0, d * d);
        double[] l = new double[d * d];
        Cholesky.factor(a, d, l);
        double g = Math.sqrt((1 + beta) / (beta * t));
        for (int q = 0; q < d * d; q++) {
            l[q] *= g;
        }
        return l;
    }

    @Override
    final double studentLogKernel(double[] prec, int po, double[] y, int d, double f, double t) {
        double q = 0;
        for (int m = 0; m < d; m++) {
            double s = 0;
            for (int i = 0; i <= m; i++) {
                s += prec[po + i * d + m] * y[i];
            }
            q += s * s;
        }
        return -0.5 * (t + d) * Math.log1p(f * q / t);
    }

    @Override
    final void studentDraw(double[] means, int mo, double[] e, double t, double f, double[] prec, int po,
            double[] chol, java.util.SplittableRandom rnd, double[] x) {
        int d = x.length;
        double g = Math.sqrt(t / Variates.chiSquare(t, rnd));
        for (int a = 0; a < d; a++) {
            double v = 0;
            for (int b = 0; b <= a; b++) {
                v += chol[a * d + b] * e[b];
            }
            x[a] = means[mo + a] + g * v;
        }
    }
}
