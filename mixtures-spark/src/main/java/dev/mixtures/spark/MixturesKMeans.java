package dev.mixtures.spark;

import dev.mixtures.FittedModel;
import dev.mixtures.ProgressListener;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansBuilder;
import dev.mixtures.kmeans.KMeansModel;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.SparkSession;

/**
 * The library's K-means as a Spark ML estimator ({@link SparkKMeans}): k-means++ or random seeds
 * drawn on a sample, or given centres (initialModel), Lloyd's iterations with the library's
 * kernels, nInit restarts sharing every pass. Defaults are the library's (nInit 10, maxIter 300,
 * tol 1e-6). Its model adds each row's cluster; probabilityCol and logDensityCol do not apply.
 */
public final class MixturesKMeans extends MixturesEstimator<MixturesKMeansModel, MixturesKMeans> {
    private static final long serialVersionUID = 1L;

    /** An estimator with the library's defaults. */
    public MixturesKMeans() {
        this(Identifiable.randomUID("mixturesKMeans"));
    }

    /** An estimator with this uid (Spark's copies and readers use it). */
    public MixturesKMeans(String uid) {
        super(uid, KMeans.builder().build().k(), KMeans.builder().build().maxIter(), KMeans.builder().build().tol(),
                KMeans.builder().build().seed(), KMeans.builder().build().nInit());
    }

    @Override
    void checkInit(String v) {
        KMeans.Init.parse(v);
    }

    @Override
    String kind() {
        return "kmeans";
    }

    /** The library's settings of these params (a given start read from initialModel). */
    KMeans settings(SparkSession spark) {
        KMeansBuilder b = KMeans.builder().k(getK()).maxIter(getMaxIter()).tol(getTol()).seed(getSeed())
                .nInit(getNInit()).standardize(getStandardize()).algorithm(KMeans.Algorithm.LLOYD);
        String init = startName();
        if (init != null) {
            b.init(KMeans.Init.parse(init));
        }
        if ("given".equals(init)) {
            KMeansModel m = startModel(spark, KMeansModel.class);
            b.initialCentres(m.centresInOriginalUnits());
        }
        return b.build();
    }

    @Override
    FittedModel fit(SparkData data, SparkSession spark, ProgressListener listener) {
        return SparkKMeans.fit(data, settings(spark), listener);
    }

    @Override
    MixturesKMeansModel model(String uid, FittedModel fitted) {
        return new MixturesKMeansModel(uid, (KMeansModel) fitted);
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static MLReader<MixturesKMeans> read() {
        return new DefaultParamsReader<>();
    }

    /** Reads an estimator saved with {@code write().save(path)}. */
    public static MixturesKMeans load(String path) {
        return read().load(path);
    }
}
