package dev.mixtures.gaussian;

import dev.mixtures.linalg.Cholesky;

/**
 * mclust's EVV: Σ_k = λ C_k with |C_k| = 1, equal volume, shape and orientation per component.
 * Closed form (as mclust's msevv): C_k = W_k / |W_k|^(1/d) and λ = Σ_k |W_k|^(1/d) / n.
 */
final class EvvStructure extends OrientedStructure {
    private static final long serialVersionUID = 1L;

    @Override
    long parameters(int k, int d) {
        return 1 - k + (long) k * d * (d + 1) / 2;
    }

    @Override
    Estimate estimate(double[][] w, double[] nk, double n, int d, double[] state) {
        int k = w.length;
        double[] root = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double[] l = new double[d * d];
            if (Cholesky.factor(w[c].clone(), d, l) >= 0) {
                return new Estimate(unconstrained(w, nk, d), null);
            }
            root[c] = Math.exp(2 * Cholesky.logDiagonal(l, d) / d);
            sum += root[c];
        }
        double lambda = sum / n;
        double[] cov = new double[k * d * d];
        for (int c = 0; c < k; c++) {
            for (int q = 0; q < d * d; q++) {
                cov[c * d * d + q] = lambda * w[c][q] / root[c];
            }
        }
        return new Estimate(cov, null);
    }
}
