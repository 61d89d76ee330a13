package dev.mixtures.gaussian;

/**
 * mclust's EVI: Σ_k = λ A_k, diagonal, equal volume, shape per component. Closed form (Celeux
 * and Govaert 1995; mclust's msevi): with B_k = diag(W_k), A_k = B_k / |B_k|^(1/d) and
 * λ = Σ_k |B_k|^(1/d) / n.
 */
final class EviStructure extends DiagonalLayout {
    private static final long serialVersionUID = 1L;

    @Override
    long parameters(int k, int d) {
        return 1 + (long) k * (d - 1);
    }

    @Override
    Estimate mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d, double[] state) {
        double[] b = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                b[c * d + i] = scatter(st, nk, delta, c, i, d);
            }
        }
        return equalVolume(b, k, d, nSum);
    }

    /** B_k = s_P + diag W̃_k; A_k = B_k/|B_k|^(1/d), λ = Σ_k |B_k|^(1/d) / (ν_P + 1 + n + 1 if the means shrink). */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        int k = w.length;
        double[] b = new double[k * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                b[c * d + i] = prior.scaleRef()[0] + w[c][i * d + i];
            }
        }
        return equalVolume(b, k, d, prior.dof() + 1 + n + prior.ifShrinking(1));
    }

    /** λ A_k from the spreads {@code b} (k·d, overwritten): A_k = B_k/|B_k|^(1/d), λ = Σ_k |B_k|^(1/d) / {@code denominator}. */
    private static Estimate equalVolume(double[] b, int k, int d, double denominator) {
        double[] root = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            root[c] = OrientedStructure.geometricMean(b, c * d, d);
            sum += root[c];
        }
        double lambda = sum / denominator;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                // A zero variance gives 0/0: the collapse test sees NaN and names the component.
                b[c * d + i] = lambda * (b[c * d + i] / root[c]);
            }
        }
        return new Estimate(b, null);
    }
}
