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

    @Override
    String collapsed(double[] raw, int c, int d, double reg, GaussianFamily.DataScale scale) {
        return collapsedVariances(raw, 0, d, reg, scale);
    }

    /** The shared variances are not any one component's: a re-seed leaves them. */
    @Override
    void setDataCovariance(double[] raw, int c, int d, double[] dataCov) {
    }
}
