package dev.mixtures;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import java.util.List;

/**
 * What every fitted model of this library offers, whatever its kind: its shape, the columns it
 * was fitted on, and hard labels for new rows. Lets tools (the CLI, model files) handle a saved
 * model without knowing in advance which kind it is.
 */
public interface FittedModel {
    /** The model's kind as written in model files and JSON: "kmeans" or "gmm". */
    String kind();

    /** Number of clusters or components. */
    int k();

    /** Number of columns. */
    int d();

    /** Column names of the training data. */
    List<String> columnNames();

    /** The standardisation applied before fitting, or null. */
    Standardizer standardizer();

    /** The cluster or most probable component of each row (0-based). */
    int[] predict(Dataset data);
}
