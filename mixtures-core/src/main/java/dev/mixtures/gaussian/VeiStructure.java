package dev.mixtures.gaussian;

/**
 * mclust's VEI: Σ_k = λ_k A, diagonal, equal shape, volume per component. The M-step iterates
 * (Celeux and Govaert 1995; mclust's mevei): {@link VolumeShape} alternates
 * λ_k = tr(B_k A⁻¹) / (d N_k), B_k = diag(W_k), and A ∝ Σ_k B_k/λ_k. The state (λ_1..λ_k, A) carries over from one
 * M-step to the next, as in mclust, so each M-step is coordinate descent from the previous
 * parameters; the first starts from λ_k = 1, A = I. Stored as the k·d products λ_k A.
 */
final class VeiStructure extends DiagonalLayout {
    private static final long serialVersionUID = 1L;

    @Override
    long parameters(int k, int d) {
        return k + (d - 1);
    }

    @Override
    Estimate mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d, double[] state) {
        double[] w = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                w[c * d + i] = scatter(st, nk, delta, c, i, d);
            }
        }
        return iterate(w, nk, 0, k, d, state);
    }

    /** {@link VolumeShape}'s iteration on the spreads {@code w} (k·d), from {@code state} or λ = 1, A = I. */
    private static Estimate iterate(double[] w, double[] nk, double extra, int k, int d, double[] state) {
        double[] scale = new double[k];
        double[] shape = new double[d];
        if (state == null) {
            java.util.Arrays.fill(scale, 1);
            java.util.Arrays.fill(shape, 1);
        } else {
            System.arraycopy(state, 0, scale, 0, k);
            System.arraycopy(state, k, shape, 0, d);
        }
        VolumeShape.iterate(w, nk, extra, k, d, scale, shape);
        double[] cov = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                cov[c * d + i] = scale[c] * shape[i];
            }
        }
        double[] next = new double[k + d];
        System.arraycopy(scale, 0, next, 0, k);
        System.arraycopy(shape, 0, next, k, d);
        return new Estimate(cov, next);
    }

    /** With B_k = s_P + diag W̃_k, the same iteration with λ_k = tr(B_k A⁻¹) / (d N_k + ν_P + 2 + 1 if the means shrink). */
    @Override
    Estimate mapStep(double[][] wt, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        int k = wt.length;
        double[] w = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                w[c * d + i] = prior.scaleRef()[0] + wt[c][i * d + i];
            }
        }
        return iterate(w, nk, prior.dof() + 2 + prior.ifShrinking(1), k, d, state);
    }

    /** λ_k = |Σ_k|^(1/d); A from component 1. */
    @Override
    double[] stateOf(double[] cov, int k, int d) {
        double[] state = new double[k + d];
        for (int c = 0; c < k; c++) {
            if (!OrientedStructure.positive(cov, c * d, d)) {
                return null;
            }
            state[c] = OrientedStructure.geometricMean(cov, c * d, d);
        }
        for (int i = 0; i < d; i++) {
            state[k + i] = cov[i] / state[0];
        }
        return state;
    }
}
