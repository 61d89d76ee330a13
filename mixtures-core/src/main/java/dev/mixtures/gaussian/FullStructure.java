package dev.mixtures.gaussian;

/** Each component has its own full covariance matrix (scikit-learn's "full", mclust's VVV). */
final class FullStructure extends WishartStructure {
    private static final long serialVersionUID = 1L;


    @Override
    long parameters(int k, int d) {
        return k * ((long) d * (d + 1) / 2);
    }

    /** Σ_k = (Λ_P + W̃_k) / (ν_P + N_k + d + 2). */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        double[] lambda = prior.scaleRef();
        double[] cov = new double[w.length * d * d];
        for (int c = 0; c < w.length; c++) {
            double den = prior.dof() + nk[c] + d + 2;
            for (int q = 0; q < d * d; q++) {
                cov[c * d * d + q] = (lambda[q] + w[c][q]) / den;
            }
        }
        return new Estimate(cov, null);
    }

    @Override
    boolean holds(double[] m, double[] first, int d, int i, int j) {
        return true;
    }

    @Override
    void setDataCovariance(double[] raw, int c, int d, double[] dataCov) {
        System.arraycopy(dataCov, 0, raw, c * d * d, d * d);
    }
}
