package dev.mixtures.gaussian;

import dev.mixtures.linalg.Eigen;

/**
 * mclust's VEV: Σ_k = λ_k D_k A D_kᵀ, equal shape, volume and orientation per component. The
 * M-step iterates (Celeux and Govaert 1995, §3.2, as mclust's mevev): with W_k = D_k Ω_k D_kᵀ,
 * {@link VolumeShape} alternates λ_k = tr(Ω_k A⁻¹) / (d N_k) and A ∝ Σ_k Ω_k/λ_k. The state (λ_1..λ_k, A) carries over from one M-step to the
 * next, as in mclust, so each M-step is coordinate descent from the previous parameters and never
 * lowers the expected log-likelihood; the first starts from A ∝ Σ_k Ω_k.
 */
final class VevStructure extends OrientedStructure {
    private static final long serialVersionUID = 1L;

    @Override
    long parameters(int k, int d) {
        return k + (d - 1) + (long) k * d * (d - 1) / 2;
    }

    @Override
    Estimate estimate(double[][] w, double[] nk, double n, int d, double[] state) {
        return estimate(w, nk, n, d, state, false);
    }

    /** The same from Λ_P + W̃_k (mclust's mevevp: the prior enters only there; the first volumes are |Σ_k Ω_k|^(1/d)/N_k). */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        return estimate(withScale(w, prior), nk, n, d, state, true);
    }

    private static Estimate estimate(double[][] w, double[] nk, double n, int d, double[] state, boolean prior) {
        int k = w.length;
        Eigen.Symmetric[] e = eigen(w, d);
        double[] scale = new double[k];
        double[] shape = new double[d];
        if (state == null) {
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    shape[j] += e[c].values()[j];
                }
            }
            if (!positive(shape, 0, d)) {
                return new Estimate(unconstrained(w, nk, d), null);
            }
            double t = geometricMean(shape, 0, d);
            for (int c = 0; c < k; c++) {
                scale[c] = prior ? t / nk[c] : t / n;
            }
            for (int j = 0; j < d; j++) {
                shape[j] /= t;
            }
        } else {
            System.arraycopy(state, 0, scale, 0, k);
            System.arraycopy(state, k, shape, 0, d);
        }
        double[] omega = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(e[c].values(), 0, omega, c * d, d);
        }
        if (!VolumeShape.iterate(omega, nk, k, d, scale, shape)) {
            return new Estimate(unconstrained(w, nk, d), null);
        }
        double[] cov = new double[k * d * d];
        for (int c = 0; c < k; c++) {
            compose(scale[c], e[c].vectors(), shape, 0, d, cov, c * d * d);
        }
        double[] next = new double[k + d];
        System.arraycopy(scale, 0, next, 0, k);
        System.arraycopy(shape, 0, next, k, d);
        return new Estimate(cov, next);
    }

    /** λ_k = |Σ_k|^(1/d); A from component 1's eigenvalues (all components share it). */
    @Override
    double[] stateOf(double[] cov, int k, int d) {
        double[] state = new double[k + d];
        for (int c = 0; c < k; c++) {
            Eigen.Symmetric e = Eigen.symmetric(java.util.Arrays.copyOfRange(cov, c * d * d, (c + 1) * d * d), d);
            if (!positive(e.values(), 0, d)) {
                return null;
            }
            state[c] = geometricMean(e.values(), 0, d);
            if (c == 0) {
                for (int j = 0; j < d; j++) {
                    state[k + j] = e.values()[j] / state[0];
                }
            }
        }
        return state;
    }
}
