package dev.mixtures.spark;

import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * A Bayesian (variational) mixture on Spark: adds each row's most probable component, its responsibilities and (when asked) its predictive log-density, computed with the library's own kernels.
 * Fitted by {@link MixturesBayesianMixture}, or made from a library model ({@link #of}); saved with
 * {@code write().save(path)} as Spark's metadata beside {@code path/model.json}, a model file
 * the CLI reads; {@link #load} reads such a directory or a model file.
 */
public final class MixturesBayesianMixtureModel extends MixturesModel<MixturesBayesianMixtureModel> {
    private static final long serialVersionUID = 1L;

    MixturesBayesianMixtureModel(String uid, BayesianGaussianMixtureModel model) {
        super(uid, model);
    }

    /** The library's model in a Spark Transformer (a model fitted locally, say). */
    public static MixturesBayesianMixtureModel of(BayesianGaussianMixtureModel model) {
        return new MixturesBayesianMixtureModel(Identifiable.randomUID("mixturesBayesianMixture"), model);
    }

    /** The library's model. */
    public BayesianGaussianMixtureModel model() {
        return (BayesianGaussianMixtureModel) fitted();
    }

    @Override
    MixturesBayesianMixtureModel copyOf() {
        return new MixturesBayesianMixtureModel(uid(), model());
    }

    /** The reader: a directory saved by Spark, or a model file. */
    public static MLReader<MixturesBayesianMixtureModel> read() {
        return reader(MixturesBayesianMixtureModel.class, BayesianGaussianMixtureModel.class, MixturesBayesianMixtureModel::new);
    }

    /** Reads a saved model (a directory saved by Spark, or a model file). */
    public static MixturesBayesianMixtureModel load(String path) {
        return read().load(path);
    }
}
