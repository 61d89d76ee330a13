package dev.mixtures.gaussian;

/**
 * Each component has its own single variance, σ_k² I (scikit-learn's "spherical", mclust's VII):
 * k numbers; the precision factor 1/σ_k is stored once per coordinate. The Bayesian mixture's
 * precision is one Gamma(ν_k D/2, D t_k/2) acting on all d coordinates, so E[λ_k] = ν_k/t_k
 * (docs/MATH.md §4.2).
 */
final class SphericalStructure extends ScaleStructure {
    private static final long serialVersionUID = 1L;


    @Override
    double variance(double[] cov, int c, int i, int d) {
        return cov[c];
    }

    @Override
    long parameters(int k, int d) {
        return k;
    }

    @Override
    int covLength(int k, int d) {
        return k;
    }

    @Override
    double[] compact(double[] full, int k, int d) {
        double[] v = new double[k];
        for (int c = 0; c < k; c++) {
            v[c] = full[c * d * d];
        }
        return v;
    }

    @Override
    boolean holds(double[] m, double[] first, int d, int i, int j) {
        return i == j ? m[i * d + j] == m[0] : m[i * d + j] == 0;
    }

    @Override
    Estimate mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d, double[] state) {
        double[] cov = new double[k];
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                double di = delta[c * d + i];
                s += st.ss[c * st.sLen + i] / nk[c] - di * di;
            }
            cov[c] = s / d;
        }
        return new Estimate(cov, null);
    }

    @Override
    String collapsed(double[] raw, int c, int d, double reg, GaussianFamily.DataScale scale) {
        return collapsedVariance(raw[c], d, reg, scale);
    }

    @Override
    void setDataCovariance(double[] raw, int c, int d, double[] dataCov) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += dataCov[i * d + i];
        }
        raw[c] = s / d;
    }

    /** σ²_k = (s_P + tr W̃_k) / (ν_P + N_k d + 2 + d if the means shrink). */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        double[] cov = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            double t = prior.scaleRef()[0];
            for (int i = 0; i < d; i++) {
                t += w[c][i * d + i];
            }
            cov[c] = t / (prior.dof() + nk[c] * d + 2 + prior.ifShrinking(d));
        }
        return new Estimate(cov, null);
    }

    @Override
    boolean conjugate() {
        return true;
    }

    @Override
    int replicas(int d) {
        return d;
    }

    /** The mean variance: the spherical prior that matches a full covariance in total. */
    @Override
    double[] priorScale(double[] full, int d) {
        double t = 0;
        for (int i = 0; i < d; i++) {
            t += full[i * d + i];
        }
        return new double[] {t / d};
    }

    @Override
    double priorLogDet(double[] w0inv, int d) {
        return Math.log(d * w0inv[0]);
    }

    @Override
    double[] posteriorScale(GaussianStatistics st, double[] nk, double[] xbar, double[] beta, VbPrior prior) {
        int k = nk.length;
        int d = prior.d;
        double[] winv = new double[k];
        for (int c = 0; c < k; c++) {
            double f = prior.beta0 * nk[c] / beta[c];
            double scatter = 0;
            double pull = 0;
            for (int i = 0; i < d; i++) {
                double di = st.s[c * d + i] / nk[c];
                double ei = xbar[c * d + i] - prior.m0[i];
                scatter += st.ss[c * st.sLen + i] - nk[c] * di * di + nk[c] * prior.regCovar;
                pull += ei * ei;
            }
            winv[c] = prior.w0inv[0] + (scatter + f * pull) / d;
        }
        return winv;
    }

    /** The Gamma's rate ×2 is s = D t. */
    @Override
    double posteriorLogDet(double[] winv, double[] nu, int c, int d, GaussianParams g) {
        return Math.log(d * winv[c]);
    }

    @Override
    double[] expectedPrecision(double[] winv, double[] nu, int c, int d) {
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            m[i * d + i] = nu[c] / winv[c];
        }
        return m;
    }

    @Override
    double traceW0invW(double[] w0inv, double[] winv, double[] nu, int c, int d) {
        return w0inv[0] / winv[c];
    }

    /** One t factor over all coordinates. */
    @Override
    double studentLogKernel(double[] prec, int po, double[] y, int d, double f, double t) {
        double q = 0;
        for (int i = 0; i < d; i++) {
            double s = prec[po + i] * y[i];
            q += s * s;
        }
        return -0.5 * (t + d) * Math.log1p(f * q / t);
    }

    @Override
    void studentDraw(double[] means, int mo, double[] e, double t, double f, double[] prec, int po, double[] chol,
            java.util.SplittableRandom rnd, double[] x) {
        double g = Math.sqrt(t / Variates.chiSquare(t, rnd));
        for (int i = 0; i < x.length; i++) {
            // The t's scale per coordinate: 1/√(f · E[Λ]_ii) = 1/(√f · P_ii).
            x[i] = means[mo + i] + g * e[i] / (Math.sqrt(f) * prec[po + i]);
        }
    }
}
