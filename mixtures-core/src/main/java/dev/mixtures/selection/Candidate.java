package dev.mixtures.selection;

import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixtureModel;

/**
 * One cell of a model-selection grid: a number of components and a covariance structure, with
 * its fit and criteria, or with no score and the reason (a fit that failed, or a spurious
 * maximum; see {@link ModelSelection}). Immutable.
 */
public final class Candidate {
    /** What became of a candidate. */
    public enum Status {
        /** Fitted and scored. */
        OK,
        /** The fit failed (every start collapsed, or the data cannot hold k components). */
        FAILED,
        /** Fitted, but a component explains too few rows or sits on too thin a slice of the data. */
        SPURIOUS;

        /** Lower-case name. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final int k;
    private final CovarianceType covariance;
    private final Status status;
    private final String reason;
    private final GaussianMixtureModel model;
    private final double logLikelihood;
    private final long parameters;
    private final double bic;
    private final double aic;
    private final double icl;
    private final double smallestSize;
    private final double thinnest;

    Candidate(int k, CovarianceType covariance, Status status, String reason, GaussianMixtureModel model,
            double logLikelihood, long parameters, double bic, double aic, double icl, double smallestSize,
            double thinnest) {
        this.k = k;
        this.covariance = covariance;
        this.status = status;
        this.reason = reason;
        this.model = model;
        this.logLikelihood = logLikelihood;
        this.parameters = parameters;
        this.bic = bic;
        this.aic = aic;
        this.icl = icl;
        this.smallestSize = smallestSize;
        this.thinnest = thinnest;
    }

    /** Number of components. */
    public int k() {
        return k;
    }

    /** Covariance structure. */
    public CovarianceType covariance() {
        return covariance;
    }

    /** OK, failed or spurious. */
    public Status status() {
        return status;
    }

    /** Why it has no score, or null when it has one. */
    public String reason() {
        return reason;
    }

    /** Whether it has scores. */
    public boolean scored() {
        return status == Status.OK;
    }

    /** The fitted model (also for a spurious candidate), or null when the fit failed. */
    public GaussianMixtureModel model() {
        return model;
    }

    /** ln L of the fit (original units); NaN when it failed. */
    public double logLikelihood() {
        return logLikelihood;
    }

    /** Free parameters. */
    public long parameters() {
        return parameters;
    }

    /** BIC, lower is better; NaN without a score. */
    public double bic() {
        return bic;
    }

    /** AIC, lower is better; NaN without a score. */
    public double aic() {
        return aic;
    }

    /** ICL, lower is better; NaN without a score. */
    public double icl() {
        return icl;
    }

    /** The value of {@code c}; NaN without a score. */
    public double score(Criterion c) {
        switch (c) {
            case AIC:
                return aic;
            case ICL:
                return icl;
            default:
                return bic;
        }
    }

    /** The smallest component's N_k (rows' worth of responsibility); NaN when the fit failed. */
    public double smallestSize() {
        return smallestSize;
    }

    /**
     * The thinnest component's spread against the data's: the smallest ratio, over components
     * and columns, of a component's variance of a column given the columns before it (a Cholesky
     * pivot of its covariance) to the data's; NaN when the fit failed.
     */
    public double thinnestSpread() {
        return thinnest;
    }
}
