package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.Moments;

/**
 * mclust's conjugate prior for the Gaussian mixture (Fraley and Raftery 2007, "Bayesian
 * regularization for normal mixture estimation and model-based clustering"; mclust's
 * {@code priorControl()} with {@code defaultPrior}): each mean shrinks towards {@link #mean} with
 * weight {@link #shrinkage} (κ_P), and the covariances get an inverse-gamma or inverse-Wishart
 * prior with {@link #dof} (ν_P) degrees of freedom and scale {@link #scale} (Λ_P). EM then finds
 * the posterior mode (MAP), which keeps covariances away from singularity; BIC uses ln L at that
 * mode, as mclust's does. Defined, as in mclust, for ten of the fourteen models (not VEE, EVE,
 * VVE, EVV: {@link #supports}).
 *
 * <p>Defaults ({@link #defaults}), for K components in d dimensions: κ_P = 0.01, the data mean,
 * ν_P = d + 2, and Λ_P = (1/K)^(2/d) times the data covariance (divisor n − 1) for the models with
 * off-diagonal terms, or times the mean of the column variances for the diagonal ones.
 */
public final class MixturePrior implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** mclust's default shrinkage of the means. */
    public static final double DEFAULT_SHRINKAGE = 0.01;

    private final double shrinkage;
    private final double[] mean;
    private final double dof;
    /** d×d (row-major) for models with off-diagonal terms, one number for the diagonal ones. */
    private final double[] scale;

    private MixturePrior(double shrinkage, double[] mean, double dof, double[] scale) {
        this.shrinkage = shrinkage;
        this.mean = mean;
        this.dof = dof;
        this.scale = scale;
    }

    /** Whether the prior is defined for this model (all but VEE, EVE, VVE, EVV, as in mclust). */
    public static boolean supports(CovarianceType t) {
        return t != CovarianceType.VEE && t != CovarianceType.EVE && t != CovarianceType.VVE && t != CovarianceType.EVV;
    }

    /**
     * mclust's defaultPrior for {@code k} components of model {@code t} on {@code data} (weighted
     * moments when the rows have weights).
     *
     * @throws IllegalArgumentException for a model without a prior, or fewer than two rows
     */
    public static MixturePrior defaults(Dataset data, int k, CovarianceType t) {
        if (!supports(t)) {
            throw new BadInputException("prior: mclust's conjugate prior is defined for EII, VII, EEI, VEI, EVI, VVI,"
                    + " EEE, EEV, VEV and VVV, not " + t.mclustName());
        }
        int d = data.d();
        double[] mean = Moments.mean(data);
        double[] cov = Moments.covariance(data, mean, 1);
        double fac = Math.pow(1.0 / k, 2.0 / d);
        double[] scale;
        if (t.hasOffDiagonal()) {
            scale = new double[d * d];
            for (int q = 0; q < d * d; q++) {
                scale[q] = fac * cov[q];
            }
        } else {
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += cov[i * d + i];
            }
            scale = new double[] {fac * s / d};
        }
        return new MixturePrior(DEFAULT_SHRINKAGE, mean, d + 2, scale);
    }

    /** κ_P, the weight of the prior mean (0 leaves the means alone). */
    public double shrinkage() {
        return shrinkage;
    }

    /** μ_P, the prior mean (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** ν_P, the degrees of freedom. */
    public double dof() {
        return dof;
    }

    /** Λ_P: d×d row-major for models with off-diagonal terms, one number for the diagonal ones (a copy). */
    public double[] scale() {
        return scale.clone();
    }

    double[] meanRef() {
        return mean;
    }

    double[] scaleRef() {
        return scale;
    }

    /** The added denominator term that is there only when the means shrink (mclust adds it when κ_P > 0). */
    double ifShrinking(double v) {
        return shrinkage > 0 ? v : 0;
    }
}
