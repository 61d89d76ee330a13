package dev.mixtures.gaussian;

/**
 * mclust's EVE: Σ_k = λ D A_k Dᵀ, equal volume and orientation, shape per component. The M-step
 * is {@link CommonOrientation}'s (Browne and McNicholas 2014's MM steps for D), with
 * λ = Σ_k tr(W_k D A_k⁻¹ Dᵀ) / (n d).
 */
final class EveStructure extends OrientedStructure {
    private static final long serialVersionUID = 1L;

    @Override
    long parameters(int k, int d) {
        return 1 + (long) k * (d - 1) + (long) d * (d - 1) / 2;
    }

    @Override
    Estimate estimate(double[][] w, double[] nk, double n, int d, double[] state) {
        return CommonOrientation.estimate(w, nk, n, d, state, false, true);
    }

    @Override
    double[] stateOf(double[] cov, int k, int d) {
        return CommonOrientation.stateOf(cov, k, d, false);
    }
}
