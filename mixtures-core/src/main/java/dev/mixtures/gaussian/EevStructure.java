package dev.mixtures.gaussian;

import dev.mixtures.linalg.Eigen;

/**
 * mclust's EEV: Σ_k = λ D_k A D_kᵀ, equal volume and shape, orientation per component. Closed form
 * (Celeux and Govaert 1995, §3.2): with W_k = D_k Ω_k D_kᵀ (eigenvalues decreasing),
 * A = Σ_k Ω_k / |Σ_k Ω_k|^(1/d) and λ = |Σ_k Ω_k|^(1/d) / n.
 */
final class EevStructure extends OrientedStructure {
    private static final long serialVersionUID = 1L;

    @Override
    long parameters(int k, int d) {
        return 1 + (d - 1) + (long) k * d * (d - 1) / 2;
    }

    @Override
    Estimate estimate(double[][] w, double[] nk, double n, int d, double[] state) {
        return estimate(w, nk, n, d, 0);
    }

    /** The same from Λ_P + W̃_k, with λ = |Σ_k Ω_k|^(1/d) / (ν_P + d + 1 + n + 1 if the means shrink). */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        return estimate(withScale(w, prior), nk, n, d, prior.dof() + d + 1 + prior.ifShrinking(1));
    }

    /** λ = |Σ_k Ω_k|^(1/d) / (n + {@code extra}). */
    private static Estimate estimate(double[][] w, double[] nk, double n, int d, double extra) {
        int k = w.length;
        Eigen.Symmetric[] e = eigen(w, d);
        double[] shape = new double[d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                shape[j] += e[c].values()[j];
            }
        }
        if (!positive(shape, 0, d)) {
            return new Estimate(unconstrained(w, nk, d), null);
        }
        double det = geometricMean(shape, 0, d);
        double lambda = det / (n + extra);
        for (int j = 0; j < d; j++) {
            shape[j] /= det;
        }
        double[] cov = new double[k * d * d];
        for (int c = 0; c < k; c++) {
            compose(lambda, e[c].vectors(), shape, 0, d, cov, c * d * d);
        }
        return new Estimate(cov, null);
    }
}
