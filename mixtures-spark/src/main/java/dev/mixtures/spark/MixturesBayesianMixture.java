package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import dev.mixtures.FittedModel;
import dev.mixtures.ProgressListener;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureBuilder;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.gaussian.WeightPrior;
import org.apache.spark.ml.param.DoubleArrayArrayParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.SparkSession;

/**
 * The library's Bayesian (variational) mixture of Gaussians as a Spark ML estimator
 * ({@link SparkBayesianMixture}): a Dirichlet or Dirichlet-process (stick-breaking) prior on the
 * weights, Gauss-Wishart priors on the components (the full, tied, diag and spherical
 * structures), priors taken from the data's moments unless given; started from K-means (the
 * default), k-means++ seeds, or a given model's responsibilities (initialModel). Defaults are the
 * library's (k 10, maxIter 1000, tol 1e-8, concentration 1/k, β0 1, ν0 d). Its model adds the
 * most probable component, the responsibilities and, when asked, the predictive ln p(x).
 */
public final class MixturesBayesianMixture extends MixtureEstimator<MixturesBayesianMixtureModel, MixturesBayesianMixture> {
    private static final long serialVersionUID = 1L;
    private final Param<String> weightPrior;
    private final DoubleParam concentration;
    private final DoubleParam beta0;
    private final DoubleParam nu0;
    private final DoubleArrayParam meanPrior;
    private final DoubleArrayArrayParam covariancePrior;

    /** An estimator with the library's defaults. */
    public MixturesBayesianMixture() {
        this(Identifiable.randomUID("mixturesBayesianMixture"));
    }

    /** An estimator with this uid (Spark's copies and readers use it). */
    public MixturesBayesianMixture(String uid) {
        super(uid, BayesianGaussianMixture.builder().build().k(), BayesianGaussianMixture.builder().build().maxIter(),
                BayesianGaussianMixture.builder().build().tol(), BayesianGaussianMixture.builder().build().seed(),
                BayesianGaussianMixture.builder().build().nInit(), "full, tied, diag or spherical",
                BayesianGaussianMixture.builder().build().covariance(), BayesianGaussianMixture.builder().build().regCovar());
        BayesianGaussianMixture defaults = BayesianGaussianMixture.builder().build();
        weightPrior = new Param<>(this, "weightPrior", "dirichlet or dirichlet-process (stick-breaking)");
        concentration = new DoubleParam(this, "concentration", "the weight prior's concentration (> 0; unset: 1/k)",
                ParamValidators.gt(0));
        beta0 = new DoubleParam(this, "beta0", "precision of the mean prior (> 0)", ParamValidators.gt(0));
        nu0 = new DoubleParam(this, "nu0", "degrees of freedom of the Wishart prior (> d - 1; unset: d)");
        meanPrior = new DoubleArrayParam(this, "meanPrior", "mean of the mean prior (unset: the data's mean)");
        covariancePrior = new DoubleArrayArrayParam(this, "covariancePrior",
                "covariance prior, d rows of d (unset: the data's covariance)");
        setDefault(weightPrior, defaults.weightPrior().label());
        setDefault(beta0, defaults.beta0());
    }

    /** The weight prior: dirichlet (default) or dirichlet-process. */
    public Param<String> weightPrior() {
        return weightPrior;
    }

    /** The weight prior's concentration (unset: 1/k). */
    public DoubleParam concentration() {
        return concentration;
    }

    /** Precision of the mean prior (default 1). */
    public DoubleParam beta0() {
        return beta0;
    }

    /** Degrees of freedom of the Wishart prior (unset: d). */
    public DoubleParam nu0() {
        return nu0;
    }

    /** Mean of the mean prior, in original units (unset: the data's mean). */
    public DoubleArrayParam meanPrior() {
        return meanPrior;
    }

    /** The covariance prior, in original units (unset: the data's covariance). */
    public DoubleArrayArrayParam covariancePrior() {
        return covariancePrior;
    }

    public MixturesBayesianMixture setWeightPrior(String v) {
        WeightPrior.parse(v);
        set(weightPrior, v);
        return this;
    }

    public MixturesBayesianMixture setConcentration(double v) {
        set(concentration, v);
        return this;
    }

    public MixturesBayesianMixture setBeta0(double v) {
        set(beta0, v);
        return this;
    }

    public MixturesBayesianMixture setNu0(double v) {
        set(nu0, v);
        return this;
    }

    public MixturesBayesianMixture setMeanPrior(double[] v) {
        set(meanPrior, v.clone());
        return this;
    }

    public MixturesBayesianMixture setCovariancePrior(double[][] v) {
        set(covariancePrior, v.clone());
        return this;
    }

    @Override
    void checkInit(String v) {
        StartMethod.parse(v);
    }

    @Override
    String kind() {
        return "vb";
    }

    /** The library's settings of these params (a given start, the model to warm-start from, read from initialModel). */
    BayesianGaussianMixture settings(SparkSession spark) {
        BayesianGaussianMixtureBuilder b = BayesianGaussianMixture.builder().k(getK())
                .covariance(getCovariance()).regCovar(getRegCovar())
                .weightPrior(WeightPrior.parse(getOrDefault(weightPrior))).beta0((Double) getOrDefault(beta0))
                .maxIter(getMaxIter()).tol(getTol()).seed(getSeed()).nInit(getNInit()).standardize(getStandardize());
        if (isDefined(concentration)) {
            b.concentration((Double) getOrDefault(concentration));
        }
        if (isDefined(nu0)) {
            b.nu0((Double) getOrDefault(nu0));
        }
        if (isDefined(meanPrior)) {
            b.meanPrior(getOrDefault(meanPrior));
        }
        if (isDefined(covariancePrior)) {
            b.covariancePrior(getOrDefault(covariancePrior));
        }
        String init = startName();
        if (init != null) {
            b.init(StartMethod.parse(init));
        }
        if ("given".equals(init)) {
            BayesianGaussianMixtureModel m = startModel(spark, BayesianGaussianMixtureModel.class);
            if (m.k() != getK() || m.covarianceType() != getCovariance()) {
                throw new BadInputException("initialModel: a model of " + m.k() + " " + m.covarianceType().label()
                        + " components; this fit has k = " + getK() + ", covariance " + getCovariance().label());
            }
            b.warmStart(m);
        }
        return b.build();
    }

    @Override
    FittedModel fit(SparkData data, SparkSession spark, ProgressListener listener) {
        BayesianGaussianMixture settings = settings(spark);
        return SparkBayesianMixture.fit(data, settings, settings.warmStart(), listener);
    }

    @Override
    MixturesBayesianMixtureModel model(String uid, FittedModel fitted) {
        return new MixturesBayesianMixtureModel(uid, (BayesianGaussianMixtureModel) fitted);
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static MLReader<MixturesBayesianMixture> read() {
        return new DefaultParamsReader<>();
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static MixturesBayesianMixture load(String path) {
        return read().load(path);
    }
}
