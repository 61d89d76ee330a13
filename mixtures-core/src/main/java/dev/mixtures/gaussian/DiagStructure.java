package dev.mixtures.gaussian;

/**
 * Each component has its own diagonal covariance (scikit-learn's "diag", mclust's VVI): k·d
 * variances; precision factors are 1/σ per coordinate. The Bayesian mixture's precision is d
 * independent one-dimensional blocks (Gamma) per component.
 */
final class DiagStructure extends DiagonalLayout {
    private static final long serialVersionUID = 1L;


    @Override
    long parameters(int k, int d) {
        return (long) k * d;
    }

    @Override
    Estimate mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d, double[] state) {
        double[] cov = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                double di = delta[c * d + i];
                cov[c * d + i] = st.ss[c * st.sLen + i] / nk[c] - di * di;
            }
        }
        return new Estimate(cov, null);
    }

    /** σ²_kj = (s_P + W̃_kjj) / (N_k + ν_P + 2 + 1 if the means shrink). */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        double s = prior.scaleRef()[0];
        double[] cov = new double[w.length * d];
        for (int c = 0; c < w.length; c++) {
            double den = nk[c] + prior.dof() + 2 + prior.ifShrinking(1);
            for (int i = 0; i < d; i++) {
                cov[c * d + i] = (s + w[c][i * d + i]) / den;
            }
        }
        return new Estimate(cov, null);
    }

    @Override
    boolean conjugate() {
        return true;
    }

    @Override
    int blocks(int d) {
        return d;
    }

    @Override
    double[] priorScale(double[] full, int d) {
        return compact(full, 1, d);
    }

    @Override
    double priorLogDet(double[] w0inv, int d) {
        double s = 0;
        for (double v : w0inv) {
            s += Math.log(v);
        }
        return s;
    }

    @Override
    double[] posteriorScale(GaussianStatistics st, double[] nk, double[] xbar, double[] beta, VbPrior prior) {
        int k = nk.length;
        int d = prior.d;
        double[] winv = new double[k * d];
        for (int c = 0; c < k; c++) {
            double f = prior.beta0 * nk[c] / beta[c];
            for (int i = 0; i < d; i++) {
                double di = st.s[c * d + i] / nk[c];
                double ei = xbar[c * d + i] - prior.m0[i];
                winv[c * d + i] = prior.w0inv[i] + (st.ss[c * st.sLen + i] - nk[c] * di * di + nk[c] * prior.regCovar)
                        + f * ei * ei;
            }
        }
        return winv;
    }

    @Override
    double posteriorLogDet(double[] winv, double[] nu, int c, int d, GaussianParams g) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += Math.log(winv[c * d + i]);
        }
        return s;
    }

    @Override
    double[] expectedPrecision(double[] winv, double[] nu, int c, int d) {
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = nu[c] / winv[c * d + i];
        }
        return m;
    }

    @Override
    double traceW0invW(double[] w0inv, double[] winv, double[] nu, int c, int d) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += w0inv[i] / winv[c * d + i];
        }
        return t;
    }

    /** One t factor per coordinate. */
    @Override
    double studentLogKernel(double[] prec, int po, double[] y, int d, double f, double t) {
        double lt = 0;
        for (int i = 0; i < d; i++) {
            double s = prec[po + i] * y[i];
            lt -= 0.5 * (t + 1) * Math.log1p(f * s * s / t);
        }
        return lt;
    }

    @Override
    void studentDraw(double[] means, int mo, double[] e, double t, double f, double[] prec, int po, double[] chol,
            java.util.SplittableRandom rnd, double[] x) {
        for (int i = 0; i < x.length; i++) {
            double gi = Math.sqrt(t / Variates.chiSquare(t, rnd));
            // The t's scale per coordinate: 1/√(f · E[Λ]_ii) = 1/(√f · P_ii).
            x[i] = means[mo + i] + gi * e[i] / (Math.sqrt(f) * prec[po + i]);
        }
    }
}
