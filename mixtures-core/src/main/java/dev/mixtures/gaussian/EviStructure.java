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
        double[] cov = new double[k * d];
        double[] root = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            double logs = 0;
            for (int i = 0; i < d; i++) {
                cov[c * d + i] = scatter(st, nk, delta, c, i, d);
                logs += Math.log(cov[c * d + i]);
            }
            root[c] = Math.exp(logs / d);
            sum += root[c];
        }
        double lambda = sum / nSum;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                // A zero variance gives 0/0: the collapse test sees NaN and names the component.
                cov[c * d + i] = lambda * (cov[c * d + i] / root[c]);
            }
        }
        return new Estimate(cov, null);
    }

    /** B_k = s_P + diag W̃_k; A_k = B_k/|B_k|^(1/d), λ = Σ_k |B_k|^(1/d) / (ν_P + 1 + n + 1 if the means shrink). */
    @Override
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        int k = w.length;
        double[] cov = new double[k * d];
        double[] root = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                cov[c * d + i] = prior.scaleRef()[0] + w[c][i * d + i];
            }
            root[c] = OrientedStructure.geometricMean(cov, c * d, d);
            sum += root[c];
        }
        double lambda = sum / (prior.dof() + 1 + n + prior.ifShrinking(1));
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                cov[c * d + i] = lambda * (cov[c * d + i] / root[c]);
            }
        }
        return new Estimate(cov, null);
    }
}
