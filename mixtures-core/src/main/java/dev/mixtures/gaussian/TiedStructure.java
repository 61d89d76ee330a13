package dev.mixtures.gaussian;

/**
 * All components share one full covariance matrix (scikit-learn's "tied", mclust's EEE): the
 * M-step pools the scatter of every component, and the Bayesian mixture has one Wishart block with
 * ν = ν0 + Σ N_k.
 */
final class TiedStructure extends WishartStructure {
    private static final long serialVersionUID = 1L;


    @Override
    boolean shared() {
        return true;
    }

    @Override
    long parameters(int k, int d) {
        return (long) d * (d + 1) / 2;
    }

    /** Σ = (Λ_P + Σ_k W̃_k) / (ν_P + d + 1 + n + K if the means shrink). */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        double[] cov = prior.scale();
        for (double[] wk : w) {
            for (int q = 0; q < d * d; q++) {
                cov[q] += wk[q];
            }
        }
        double den = prior.dof() + d + 1 + n + prior.ifShrinking(w.length);
        for (int q = 0; q < d * d; q++) {
            cov[q] /= den;
        }
        return new Estimate(cov, null);
    }

    @Override
    boolean holds(double[] m, double[] first, int d, int i, int j) {
        return m[i * d + j] == first[i * d + j];
    }

    /** The shared covariance is not any one component's: a re-seed leaves it. */
    @Override
    void setDataCovariance(double[] raw, int c, int d, double[] dataCov) {
    }
}
