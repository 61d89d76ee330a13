package dev.mixtures.gaussian;

/**
 * The inner iteration that VEI and VEV share (Celeux and Govaert 1995; mclust's mevei and mevev):
 * volumes λ_k and one shape A (|A| = 1) from per-component spreads ω_kj (VEI: the diagonal of
 * W_k; VEV: its eigenvalues in decreasing order) by coordinate descent,
 * λ_k = Σ_j ω_kj/a_j / (d N_k), then a_j ∝ Σ_k ω_kj/λ_k scaled to |A| = 1, until both change by
 * less than {@link OrientedStructure#INNER_TOL} relatively (at most {@link OrientedStructure#INNER_MAX}
 * steps). Each step is exact given the other block, so the expected log-likelihood never falls
 * from the (λ, A) it starts at.
 */
final class VolumeShape {
    private VolumeShape() {
    }

    /**
     * Iterates from {@code scale} (k) and {@code shape} (d), updating both in place; false if a
     * volume or the shape stops being positive and finite (the collapse test then names the cause).
     */
    static boolean iterate(double[] omega, double[] nk, int k, int d, double[] scale, double[] shape) {
        return iterate(omega, nk, 0, k, d, scale, shape);
    }

    /** As above with λ_k = Σ_j ω_kj/a_j / (d N_k + {@code extra}) (mclust's VEI under the prior adds ν_P + 2 or 3). */
    static boolean iterate(double[] omega, double[] nk, double extra, int k, int d, double[] scale, double[] shape) {
        for (int inner = 0; inner < OrientedStructure.INNER_MAX; inner++) {
            double[] oldScale = scale.clone();
            double[] oldShape = shape.clone();
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += omega[c * d + j] / oldShape[j];
                }
                scale[c] = s / (nk[c] * d + extra);
            }
            java.util.Arrays.fill(shape, 0);
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    shape[j] += omega[c * d + j] / scale[c];
                }
            }
            if (!OrientedStructure.positive(scale, 0, k) || !OrientedStructure.positive(shape, 0, d)) {
                return false;
            }
            double g = OrientedStructure.geometricMean(shape, 0, d);
            double err = 0;
            for (int j = 0; j < d; j++) {
                shape[j] /= g;
                err = Math.max(err, Math.abs(oldShape[j] - shape[j]) / (1 + shape[j]));
            }
            for (int c = 0; c < k; c++) {
                err = Math.max(err, Math.abs(oldScale[c] - scale[c]) / (1 + scale[c]));
            }
            if (!(err > OrientedStructure.INNER_TOL)) {
                return true;
            }
        }
        return true;
    }
}
