package dev.mixtures.gaussian;

/**
 * mclust's EEI: Σ_k = λ A, one diagonal covariance shared by all components (Celeux and Govaert
 * 1995): λ A = diag(Σ_k W_k) / n. Stored as d variances.
 */
final class EeiStructure extends ScaleStructure {
    private static final long serialVersionUID = 1L;

    @Override
    double variance(double[] cov, int c, int i, int d) {
        return cov[i];
    }

    @Override
    boolean shared() {
        return true;
    }

    @Override
    long parameters(int k, int d) {
        return d;
    }

    @Override
    int covLength(int k, int d) {
        return d;
    }

    @Override
    double[] compact(double[] full, int k, int d) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = full[i * d + i];
        }
        return v;
    }

    @Override
    boolean holds(double[] m, double[] first, int d, int i, int j) {
        return i == j ? m[i * d + j] == first[i * d + j] : m[i * d + j] == 0;
    }

    @Override
    Estimate mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d, double[] state) {
        double[] v = new double[d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                v[i] += scatter(st, nk, delta, c, i, d);
            }
        }
        for (int i = 0; i < d; i++) {
            v[i] /= nSum;
        }
        return new Estimate(v, null);
    }

    /** mclust's meeeip adds the prior's pull to the variances but leaves the means at x̄_k; so does this. */
    @Override
    boolean priorShrinksMeans() {
        return false;
    }

    /** λA = (s_P + Σ_k diag W̃_k) / (ν_P + 1 + n + 1 if κ_P > 0). */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        double[] v = new double[d];
        java.util.Arrays.fill(v, prior.scaleRef()[0]);
        for (double[] wk : w) {
            for (int i = 0; i < d; i++) {
                v[i] += wk[i * d + i];
            }
        }
        double den = prior.dof() + 1 + prior.ifShrinking(1) + n;
        for (int i = 0; i < d; i++) {
            v[i] /= den;
        }
        return new Estimate(v, null);
    }

    @Override
    String collapsed(double[] raw, int c, int d, double reg, GaussianFamily.DataScale scale) {
        return collapsedVariances(raw, 0, d, reg, scale);
    }

    /** The shared variances are not any one component's: a re-seed leaves them. */
    @Override
    void setDataCovariance(double[] raw, int c, int d, double[] dataCov) {
    }
}
