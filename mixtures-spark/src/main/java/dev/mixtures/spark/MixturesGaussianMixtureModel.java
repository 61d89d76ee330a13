package dev.mixtures.spark;

import dev.mixtures.gaussian.GaussianMixtureModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * A Gaussian mixture on Spark: adds each row's most probable component, its responsibilities and (when asked) its log-density, computed with the library's own kernels.
 * Fitted by {@link MixturesGaussianMixture}, or made from a library model ({@link #of}); saved with
 * {@code write().save(path)} as Spark's metadata beside {@code path/model.json}, a model file
 * the CLI reads; {@link #load} reads such a directory or a model file.
 */
public final class MixturesGaussianMixtureModel extends MixturesModel<MixturesGaussianMixtureModel> {
    private static final long serialVersionUID = 1L;

    MixturesGaussianMixtureModel(String uid, GaussianMixtureModel model) {
        super(uid, model);
    }

    /** The library's model in a Spark Transformer (a model fitted locally, say). */
    public static MixturesGaussianMixtureModel of(GaussianMixtureModel model) {
        return new MixturesGaussianMixtureModel(Identifiable.randomUID("mixturesGaussianMixture"), model);
    }

    /** The library's model. */
    public GaussianMixtureModel model() {
        return (GaussianMixtureModel) fitted();
    }

    @Override
    MixturesGaussianMixtureModel copyOf() {
        return new MixturesGaussianMixtureModel(uid(), model());
    }

    /** The reader: a directory saved by Spark, or a model file. */
    public static MLReader<MixturesGaussianMixtureModel> read() {
        return reader(MixturesGaussianMixtureModel.class, GaussianMixtureModel.class, MixturesGaussianMixtureModel::new);
    }

    /** Reads a saved model (a directory saved by Spark, or a model file). */
    public static MixturesGaussianMixtureModel load(String path) {
        return read().load(path);
    }
}
