package dev.mixtures.gaussian;

/**
 * mclust's VVE: Σ_k = λ_k D A_k Dᵀ, equal orientation, volume and shape per component. The M-step
 * is {@link CommonOrientation}'s (Browne and McNicholas 2014's MM steps for D), with
 * λ_k A_k = diag(Dᵀ W_k D) / N_k.
 */
final class VveStructure extends OrientedStructure {
    private static final long serialVersionUID = 1L;
    /** mclust's unguarded step (MclustPath). */
    private static final VveStructure MCLUST = new VveStructure(false);
    private final boolean guarded;

    VveStructure() {
        this(true);
    }

    private VveStructure(boolean guarded) {
        this.guarded = guarded;
    }

    @Override
    Structure mclustSteps() {
        return MCLUST;
    }

    @Override
    long parameters(int k, int d) {
        return k + (long) k * (d - 1) + (long) d * (d - 1) / 2;
    }

    @Override
    Estimate estimate(double[][] w, double[] nk, double n, int d, double[] state) {
        return CommonOrientation.estimate(w, nk, n, d, state, true, guarded);
    }

    @Override
    double[] stateOf(double[] cov, int k, int d) {
        return CommonOrientation.stateOf(cov, k, d, true);
    }
}
