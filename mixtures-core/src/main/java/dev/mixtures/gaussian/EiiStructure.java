package dev.mixtures.gaussian;

/**
 * mclust's EII: Σ_k = λ I, one variance for every component and coordinate (Celeux and Govaert
 * 1995): λ = Σ_k tr(W_k) / (n d). Stored as one number; the E-step sees it as a diagonal.
 */
final class EiiStructure extends ScaleStructure {
    private static final long serialVersionUID = 1L;

    @Override
    double variance(double[] cov, int c, int i, int d) {
        return cov[0];
    }

    @Override
    boolean shared() {
        return true;
    }

    @Override
    long parameters(int k, int d) {
        return 1;
    }

    @Override
    int covLength(int k, int d) {
        return 1;
    }

    @Override
    double[] compact(double[] full, int k, int d) {
        return new double[] {full[0]};
    }

    @Override
    boolean holds(double[] m, double[] first, int d, int i, int j) {
        return i == j ? m[i * d + j] == first[0] : m[i * d + j] == 0;
    }

    @Override
    Estimate mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d, double[] state) {
        double s = 0;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                s += scatter(st, nk, delta, c, i, d);
            }
        }
        return new Estimate(new double[] {s / (nSum * d)}, null);
    }

    /** σ² = Σ_k tr W̃_k / (ν_P + (n + K) d + 2): mclust's meeiip leaves the scale out. */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        double t = 0;
        for (double[] wk : w) {
            for (int i = 0; i < d; i++) {
                t += wk[i * d + i];
            }
        }
        return new Estimate(new double[] {t / (prior.dof() + (n + w.length) * d + 2)}, null);
    }

    @Override
    String collapsed(double[] raw, int c, int d, double reg, GaussianFamily.DataScale scale) {
        return collapsedVariance(raw[0], d, reg, scale);
    }

    /** The shared variance is not any one component's: a re-seed leaves it. */
    @Override
    void setDataCovariance(double[] raw, int c, int d, double[] dataCov) {
    }
}
