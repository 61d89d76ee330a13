package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.linalg.Cholesky;

/**
 * The two triangular structures with a conjugate prior: one full covariance per component
 * ({@link FullStructure}) or one shared by all ({@link TiedStructure}). Their M-step is the
 * scatter of each component (or of all, pooled) over its weight; the Bayesian mixture's precision
 * is one Wishart block of dimension d per component (or one in all).
 */
abstract sealed class WishartStructure extends TriangularStructure permits FullStructure, TiedStructure {
    private static final long serialVersionUID = 1L;

    @Override
    final boolean conjugate() {
        return true;
    }

    @Override
    final Estimate mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d,
            double[] state) {
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
        return new Estimate(cov, null);
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
            throw new BadInputException("covariance-prior: not positive definite (pivot " + (bad + 1) + ")");
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
