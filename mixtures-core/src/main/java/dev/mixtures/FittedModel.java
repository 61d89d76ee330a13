package dev.mixtures;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.FitTrace;
import java.util.List;

/**
 * What every fitted model of this library offers, whatever its kind: its kind and shape, the
 * columns it was fitted on, how the fit went (its trace and objective) and hard labels for new
 * rows. Tools (the CLI, model files, figures) handle a model through this without knowing its
 * concrete type; the mixtures add densities ({@link dev.mixtures.gaussian.MixtureDensity}). Sealed:
 * these are all the kinds there are, so a tool that does need the kind can name every case.
 */
public sealed interface FittedModel permits dev.mixtures.kmeans.KMeansModel, dev.mixtures.gaussian.MixtureDensity {
    /** The model's kind as written in model files and JSON: "kmeans", "gmm" or "vb". */
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

    /** How the fit went: the objective per iteration, iterations, convergence, seed and time. */
    FitTrace trace();

    /** The name of the objective the fit optimised and the trace records: "cost J", "ln L" or "lower bound". */
    String objectiveName();

    /** The objective of the fitted model (J in the units fitted; ln L or the bound in original units). */
    double objective();

    /** Whether the fit maximised its objective (ln L, the bound) rather than minimised it (J). */
    default boolean maximises() {
        return !"cost J".equals(objectiveName());
    }
}
