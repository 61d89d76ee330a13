package dev.mixtures.gaussian;

import dev.mixtures.FittedModel;
import dev.mixtures.data.Dataset;

/**
 * A fitted mixture with a density: the maximum-likelihood {@link GaussianMixtureModel} and the
 * Bayesian {@link BayesianGaussianMixtureModel}. Lets tools (predict, score, sample) serve both.
 */
public sealed interface MixtureDensity extends FittedModel permits GaussianMixtureModel, BayesianGaussianMixtureModel {
    /** The covariance structure. */
    CovarianceType covarianceType();

    /** Mixing weights (for the Bayesian mixture, their expectations E[π_k]). */
    double[] weights();

    /** Component means, original units. */
    double[][] means();

    /** Component covariances, d×d each, original units (for the Bayesian mixture, E[Λ_k]⁻¹). */
    double[][][] covariances();

    /** Responsibilities of each row, n rows of k, each summing to 1. */
    double[][] predictProba(Dataset data);

    /** ln p(x_n) per row, original units (for the Bayesian mixture, the predictive density). */
    double[] scoreSamples(Dataset data);

    /** The weighted mean of {@link #scoreSamples} per unit of row weight. */
    default double score(Dataset data) {
        double[] ll = scoreSamples(data);
        double s = 0;
        for (int i = 0; i < ll.length; i++) {
            s += data.weight(i) * ll[i];
        }
        return s / data.totalWeight();
    }

    /** Points drawn from the density, with the component each came from; the same seed gives the same points. */
    GaussianMixtureModel.Sample sample(int count, long seed);

    /**
     * The same points as {@link #sample(int, long)}, each handed to {@code sink} with its component
     * as it is drawn, so that any number of them takes O(d) memory.
     */
    void sample(long count, long seed, java.util.function.ObjIntConsumer<double[]> sink);
}
