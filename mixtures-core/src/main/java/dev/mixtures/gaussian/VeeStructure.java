package dev.mixtures.gaussian;

import dev.mixtures.linalg.Cholesky;

/**
 * mclust's VEE: Σ_k = λ_k C with |C| = 1, equal shape and orientation, volume per component. The
 * M-step iterates (as mclust's mevee): C = Σ_k W_k/λ_k scaled to |C| = 1, then
 * λ_k = tr(W_k C⁻¹) / (d N_k), until the objective Σ_k d N_k (1 + ln λ_k) changes by less than
 * {@link #INNER_TOL} relatively. mclust starts every M-step from λ_k = 1; so does this, and when
 * that ends worse for the expected log-likelihood than the previous parameters (which can happen
 * near convergence, where the inner tolerance is coarser than an EM step's gain), the iteration
 * is rerun from the previous (λ_k, C), where each step can only improve.
 */
final class VeeStructure extends OrientedStructure {
    private static final long serialVersionUID = 1L;
    /** mclust's unguarded step (MclustPath). */
    private static final VeeStructure MCLUST = new VeeStructure(false);
    private final boolean guarded;

    VeeStructure() {
        this(true);
    }

    private VeeStructure(boolean guarded) {
        this.guarded = guarded;
    }

    @Override
    Structure mclustSteps() {
        return MCLUST;
    }

    @Override
    long parameters(int k, int d) {
        return k + (d - 1) + (long) d * (d - 1) / 2;
    }

    @Override
    Estimate estimate(double[][] w, double[] nk, double n, int d, double[] state) {
        int k = w.length;
        double[] ones = new double[k];
        java.util.Arrays.fill(ones, 1);
        Estimate e = iterate(w, nk, d, ones);
        if (state != null && guarded) {
            double[] previous = covariances(state, k, d);
            if (e == null || objective(w, nk, e.cov(), d) > objective(w, nk, previous, d)) {
                Estimate warm = iterate(w, nk, d, java.util.Arrays.copyOf(state, k));
                if (warm != null) {
                    return warm;
                }
            }
        }
        return e != null ? e : new Estimate(unconstrained(w, nk, d), null);
    }

    /** The inner iteration from volumes {@code scale}; null where some W_k/λ_k sum is not positive definite. */
    private static Estimate iterate(double[][] w, double[] nk, int d, double[] scale) {
        int k = w.length;
        double[] c = new double[d * d];
        double previous = Double.MAX_VALUE / 2;
        for (int inner = 0; inner < INNER_MAX;) {
            inner++;
            java.util.Arrays.fill(c, 0);
            for (int m = 0; m < k; m++) {
                for (int q = 0; q < d * d; q++) {
                    c[q] += w[m][q] / scale[m];
                }
            }
            double[] l = new double[d * d];
            if (Cholesky.factor(c.clone(), d, l) >= 0) {
                return null;
            }
            double root = Math.exp(2 * Cholesky.logDiagonal(l, d) / d);
            if (!(root > 0) || !Double.isFinite(root)) {
                return null;
            }
            for (int q = 0; q < d * d; q++) {
                c[q] /= root;
            }
            double[] inv = Cholesky.inverseSpd(c, d);
            if (inv == null) {
                return null;
            }
            double target = 0;
            for (int m = 0; m < k; m++) {
                double t = 0;
                for (int q = 0; q < d * d; q++) {
                    t += w[m][q] * inv[q];
                }
                scale[m] = t / (d * nk[m]);
                if (!(scale[m] > 0)) {
                    return null;
                }
                target += nk[m];
            }
            double logs = 0;
            for (int m = 0; m < k; m++) {
                logs += Math.log(scale[m]) * nk[m];
            }
            target = target * d + d * logs;
            double err = Math.abs(target - previous) / (1 + Math.abs(target));
            previous = target;
            if (!(err > INNER_TOL)) {
                break;
            }
        }
        double[] state = new double[k + d * d];
        System.arraycopy(scale, 0, state, 0, k);
        System.arraycopy(c, 0, state, k, d * d);
        return new Estimate(covariances(state, k, d), state);
    }

    private static double[] covariances(double[] state, int k, int d) {
        double[] cov = new double[k * d * d];
        for (int m = 0; m < k; m++) {
            for (int q = 0; q < d * d; q++) {
                cov[m * d * d + q] = state[m] * state[k + q];
            }
        }
        return cov;
    }

    /** λ_k = |Σ_k|^(1/d); C from component 1. */
    @Override
    double[] stateOf(double[] cov, int k, int d) {
        double[] state = new double[k + d * d];
        for (int m = 0; m < k; m++) {
            double[] l = new double[d * d];
            if (Cholesky.factor(java.util.Arrays.copyOfRange(cov, m * d * d, (m + 1) * d * d), d, l) >= 0) {
                return null;
            }
            state[m] = Math.exp(2 * Cholesky.logDiagonal(l, d) / d);
        }
        for (int q = 0; q < d * d; q++) {
            state[k + q] = cov[q] / state[0];
        }
        return state;
    }
}
