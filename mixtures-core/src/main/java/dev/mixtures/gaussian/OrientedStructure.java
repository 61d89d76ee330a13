package dev.mixtures.gaussian;

import dev.mixtures.linalg.Cholesky;
import dev.mixtures.linalg.Eigen;

/**
 * mclust's structures with a full covariance per component constrained in volume, shape or
 * orientation (Celeux and Govaert 1995; Browne and McNicholas 2014): Σ_k = λ_k D_k A_k D_kᵀ with
 * |A_k| = 1, some of λ, A, D shared by all components (docs/MATH.md §2.7). They keep a d×d block
 * per component, so the E-step is the full structure's; each M-step is computed from the
 * scatter matrices W_k = Σ_i r_ik (x_i − μ_k)(x_i − μ_k)ᵀ about the new means.
 *
 * <p>Where the constrained M-step iterates, it follows mclust's algorithm and stopping rule
 * (relative change below {@link #INNER_TOL}, at most {@link #INNER_MAX} inner steps, or
 * {@link CommonOrientation#MM_STEPS} for EVE and VVE), so that a fit
 * from the same responsibilities gives mclust's parameters; where mclust's inner iteration does not
 * start from the previous parameters, the result is checked against them and, if it is worse for
 * the expected complete-data log-likelihood, the iteration is continued from them instead, so that
 * ln L never decreases.
 */
abstract sealed class OrientedStructure extends TriangularStructure
        permits EevStructure, VevStructure, EvvStructure, VeeStructure, EveStructure, VveStructure {
    private static final long serialVersionUID = 1L;
    /** mclust's default inner tolerance, √(machine ε) (emControl()$tol[2]). */
    static final double INNER_TOL = Math.sqrt(Math.ulp(1.0));
    /** The most inner steps of one M-step (mclust has no limit; convergence takes far fewer). */
    static final int INNER_MAX = 1000;

    /**
     * The constrained covariances (k row-major d×d blocks) from scatter matrices {@code w},
     * component weights {@code nk} and their sum {@code n}; {@code state} as for {@link #mStep}.
     */
    abstract Estimate estimate(double[][] w, double[] nk, double n, int d, double[] state);

    /**
     * With one component every one of these models is the unconstrained one (λ D A Dᵀ can be any
     * covariance), so the M-step is W/N, as mclust's mvnXXX computes it for G = 1; the iterative
     * ones would otherwise creep towards it (on the 13 wine measurements, VVE's MM steps were still
     * 0.004 below it after 2,000 iterations).
     */
    @Override
    final Estimate mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d,
            double[] state) {
        double[][] w = scatter(st, nk, delta, k, d);
        return k == 1 ? new Estimate(unconstrained(w, nk, d), null) : estimate(w, nk, nSum, d, state);
    }

    /** Any covariances may start a fit: the first M-step imposes the constraints. */
    @Override
    final boolean holds(double[] m, double[] first, int d, int i, int j) {
        return true;
    }

    @Override
    final void setDataCovariance(double[] raw, int c, int d, double[] dataCov) {
        System.arraycopy(dataCov, 0, raw, c * d * d, d * d);
    }

    /** The scatter matrices W_k = S_k − N_k δ_k δ_kᵀ (full, symmetric) from statistics about a shift. */
    static double[][] scatter(GaussianStatistics st, double[] nk, double[] delta, int k, int d) {
        double[][] w = new double[k][d * d];
        for (int c = 0; c < k; c++) {
            int q = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++, q++) {
                    double v = st.ss[c * st.sLen + q] - nk[c] * delta[c * d + i] * delta[c * d + j];
                    w[c][i * d + j] = v;
                    w[c][j * d + i] = v;
                }
            }
        }
        return w;
    }

    /**
     * −2 × the covariance part of the expected complete-data log-likelihood, Σ_k N_k ln |Σ_k| +
     * tr(W_k Σ_k⁻¹), for k blocks {@code cov}; +∞ where a block is not positive definite.
     */
    static double objective(double[][] w, double[] nk, double[] cov, int d) {
        double f = 0;
        double[] a = new double[d * d];
        for (int c = 0; c < w.length; c++) {
            System.arraycopy(cov, c * d * d, a, 0, d * d);
            double[] l = new double[d * d];
            if (Cholesky.factor(a.clone(), d, l) >= 0) {
                return Double.POSITIVE_INFINITY;
            }
            double[] inv = Cholesky.inverseFromFactor(l, d);
            double t = 0;
            for (int q = 0; q < d * d; q++) {
                t += w[c][q] * inv[q];
            }
            f += nk[c] * 2 * Cholesky.logDiagonal(l, d) + t;
        }
        return f;
    }

    /** λ V diag(a) Vᵀ into {@code out} at {@code off}; column j of V (row-major) is direction j. */
    static void compose(double lambda, double[] v, double[] a, int aOff, int d, double[] out, int off) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int m = 0; m < d; m++) {
                    s += v[i * d + m] * a[aOff + m] * v[j * d + m];
                }
                out[off + i * d + j] = lambda * s;
            }
        }
    }

    /** Λ_P + W̃_k for every component (the prior's scale added to each scatter matrix, as mclust's me*p do). */
    static double[][] withScale(double[][] w, MixturePrior prior) {
        double[] lambda = prior.scaleRef();
        double[][] out = new double[w.length][];
        for (int c = 0; c < w.length; c++) {
            out[c] = w[c].clone();
            for (int q = 0; q < out[c].length; q++) {
                out[c][q] += lambda[q];
            }
        }
        return out;
    }

    /** exp(mean of ln a[off..off+d)): the d-th root of the product, |A|^(1/d). */
    static double geometricMean(double[] a, int off, int d) {
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += Math.log(a[off + j]);
        }
        return Math.exp(s / d);
    }

    /** Eigendecompositions of the scatter matrices. */
    static Eigen.Symmetric[] eigen(double[][] w, int d) {
        Eigen.Symmetric[] e = new Eigen.Symmetric[w.length];
        for (int c = 0; c < w.length; c++) {
            e[c] = Eigen.symmetric(w[c], d);
        }
        return e;
    }

    /** The unconstrained covariances W_k/N_k: what a failed constrained estimate reports, so that the collapse test names the cause. */
    static double[] unconstrained(double[][] w, double[] nk, int d) {
        double[] cov = new double[w.length * d * d];
        for (int c = 0; c < w.length; c++) {
            for (int q = 0; q < d * d; q++) {
                cov[c * d * d + q] = w[c][q] / nk[c];
            }
        }
        return cov;
    }

    /** Whether every a[off..off+len) is positive and finite. */
    static boolean positive(double[] a, int off, int len) {
        for (int j = off; j < off + len; j++) {
            if (!(a[j] > 0) || !Double.isFinite(a[j])) {
                return false;
            }
        }
        return true;
    }
}
