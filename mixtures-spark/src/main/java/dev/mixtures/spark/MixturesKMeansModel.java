package dev.mixtures.spark;

import dev.mixtures.kmeans.KMeansModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * A K-means model on Spark: adds each row's cluster, computed with the library's own kernels.
 * Fitted by {@link MixturesKMeans}, or made from a library model ({@link #of}); saved with
 * {@code write().save(path)} as Spark's metadata beside {@code path/model.json}, a model file
 * the CLI reads; {@link #load} reads such a directory or a model file.
 */
public final class MixturesKMeansModel extends MixturesModel<MixturesKMeansModel> {
    private static final long serialVersionUID = 1L;

    MixturesKMeansModel(String uid, KMeansModel model) {
        super(uid, model);
    }

    /** The library's model in a Spark Transformer (a model fitted locally, say). */
    public static MixturesKMeansModel of(KMeansModel model) {
        return new MixturesKMeansModel(Identifiable.randomUID("mixturesKMeans"), model);
    }

    /** The library's model. */
    public KMeansModel model() {
        return (KMeansModel) fitted();
    }

    @Override
    MixturesKMeansModel copyOf() {
        return new MixturesKMeansModel(uid(), model());
    }

    /** The reader: a directory saved by Spark, or a model file. */
    public static MLReader<MixturesKMeansModel> read() {
        return reader(MixturesKMeansModel.class, KMeansModel.class, MixturesKMeansModel::new);
    }

    /** Reads a saved model (a directory saved by Spark, or a model file). */
    public static MixturesKMeansModel load(String path) {
        return read().load(path);
    }
}
