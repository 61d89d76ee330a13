package dev.mixtures.spark;

import dev.mixtures.FittedModel;
import dev.mixtures.ProgressListener;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureBuilder;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.StartMethod;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.SparkSession;

/**
 * The library's Gaussian mixture as a Spark ML estimator ({@link SparkGaussianMixture}): every
 * covariance structure (mclust's fourteen), started from K-means (the default), k-means++ seeds,
 * or a given model (initialModel); EM with the library's kernels and M-step, nInit restarts sharing
 * every pass. Defaults are the library's (maxIter 1000, tol 1e-8 on ln L per unit of weight,
 * regCovar 1e-6). Its model adds the most probable component, the responsibilities and, when
 * asked, ln p(x). Works inside a {@link org.apache.spark.ml.Pipeline} after a {@code VectorAssembler}.
 */
public final class MixturesGaussianMixture extends MixtureEstimator<MixturesGaussianMixtureModel, MixturesGaussianMixture> {
    private static final long serialVersionUID = 1L;

    /** An estimator with the library's defaults. */
    public MixturesGaussianMixture() {
        this(Identifiable.randomUID("mixturesGaussianMixture"));
    }

    /** An estimator with this uid (Spark's copies and readers use it). */
    public MixturesGaussianMixture(String uid) {
        super(uid, GaussianMixture.builder().build().k(), GaussianMixture.builder().build().maxIter(),
                GaussianMixture.builder().build().tol(), GaussianMixture.builder().build().seed(),
                GaussianMixture.builder().build().nInit(), "one of mclust's fourteen names (EII … VVV) or full, tied, diag,"
                + " spherical", GaussianMixture.builder().build().covariance(), GaussianMixture.builder().build().regCovar());
    }

    @Override
    void checkInit(String v) {
        StartMethod.parse(v);
    }

    @Override
    String kind() {
        return "gmm";
    }

    /** The library's settings of these params (a given start read from initialModel). */
    GaussianMixture settings(SparkSession spark) {
        GaussianMixtureBuilder b = GaussianMixture.builder().k(getK()).covariance(getCovariance())
                .regCovar(getRegCovar()).maxIter(getMaxIter()).tol(getTol()).seed(getSeed())
                .nInit(getNInit()).standardize(getStandardize());
        String init = startName();
        if (init != null) {
            b.init(StartMethod.parse(init));
        }
        if ("given".equals(init)) {
            GaussianMixtureModel m = startModel(spark, GaussianMixtureModel.class);
            b.initialParameters(m.weights(), m.means(), m.covariances());
        }
        return b.build();
    }

    @Override
    FittedModel fit(SparkData data, SparkSession spark, ProgressListener listener) {
        return SparkGaussianMixture.fit(data, settings(spark), listener);
    }

    @Override
    MixturesGaussianMixtureModel model(String uid, FittedModel fitted) {
        return new MixturesGaussianMixtureModel(uid, (GaussianMixtureModel) fitted);
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static MLReader<MixturesGaussianMixture> read() {
        return new DefaultParamsReader<>();
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static MixturesGaussianMixture load(String path) {
        return read().load(path);
    }
}
