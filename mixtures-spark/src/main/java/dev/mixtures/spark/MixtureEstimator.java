package dev.mixtures.spark;

import dev.mixtures.gaussian.CovarianceType;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;

/**
 * What the two mixture estimators add to {@link MixturesEstimator}: the covariance structure and
 * the regularisation added to every variance, with the model's own defaults.
 *
 * @param <M> the model
 * @param <E> the concrete estimator
 */
public abstract class MixtureEstimator<M extends MixturesModel<M>, E extends MixtureEstimator<M, E>>
        extends MixturesEstimator<M, E> {
    private static final long serialVersionUID = 1L;
    private final Param<String> covariance;
    private final DoubleParam regCovar;

    MixtureEstimator(String uid, int defaultK, int defaultMaxIter, double defaultTol, long defaultSeed, int defaultNInit,
            String structures, CovarianceType defaultCovariance, double defaultRegCovar) {
        super(uid, defaultK, defaultMaxIter, defaultTol, defaultSeed, defaultNInit);
        covariance = new Param<>(this, "covariance", "covariance structure: " + structures);
        regCovar = new DoubleParam(this, "regCovar", "added to every variance (>= 0)", ParamValidators.gtEq(0));
        setDefault(covariance, defaultCovariance.label());
        setDefault(regCovar, defaultRegCovar);
    }

    /** The covariance structure (default full). */
    public Param<String> covariance() {
        return covariance;
    }

    /** Added to every variance (the model's default). */
    public DoubleParam regCovar() {
        return regCovar;
    }

    public E setCovariance(String v) {
        CovarianceType.parse(v);
        set(covariance, v);
        return self();
    }

    public E setRegCovar(double v) {
        set(regCovar, v);
        return self();
    }

    CovarianceType getCovariance() {
        return CovarianceType.parse(getOrDefault(covariance));
    }

    double getRegCovar() {
        return (Double) getOrDefault(regCovar);
    }
}
