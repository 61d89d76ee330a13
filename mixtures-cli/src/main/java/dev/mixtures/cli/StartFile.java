package dev.mixtures.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.GaussianMixtureBuilder;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.io.CsvDatasetReader;
import dev.mixtures.io.CsvOptions;
import dev.mixtures.io.InputException;
import dev.mixtures.io.JsonInput;
import dev.mixtures.io.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the fit options name: start methods by name, and files. The Gaussian mixture's
 * {@code --init FILE} is either a saved gmm model (a warm start) or a JSON object
 * {@code {"weights": [...], "means": [[...]], "covariances": [[[...]]]}} (or {@code "precisions"}
 * instead of covariances), in the data's original units; K-means' is a CSV of centres; the
 * Bayesian mixture's priors may be CSV files of numbers.
 */
final class StartFile {
    private StartFile() {
    }

    static void apply(Path file, int d, GaussianMixtureBuilder b, boolean kGiven, int k, boolean covarianceGiven,
            String covariance) {
        if (!Files.isRegularFile(file)) {
            throw new InputException("--init: '" + file + "' is neither kmeans, k-means++, random, random-from-data, hc,"
                    + " nor an existing JSON file of parameters or saved model");
        }
        JsonNode root;
        try {
            root = JsonInput.read(file, "start file");
        } catch (InputException e) {
            throw new InputException("--init: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InputException("--init: " + file + ": expected a JSON object with weights, means and covariances");
        }
        try {
            if (root.has("formatVersion")) {
                GaussianMixtureModel m = ModelFiles.read(file, GaussianMixtureModel.class);
                if (kGiven && k != m.k()) {
                    throw new InputException("--init: the model in " + file + " has " + m.k() + " components, but -k " + k
                            + " was given");
                }
                if (covarianceGiven && !covariance.equalsIgnoreCase(m.covarianceType().label())) {
                    throw new InputException("--init: the model in " + file + " has " + m.covarianceType().label()
                            + " covariances, but --covariance " + covariance + " was given");
                }
                if (m.d() != d) {
                    throw new InputException("--init: the model in " + file + " has " + m.d() + " columns, the data " + d);
                }
                b.warmStart(m);
                return;
            }
            double[] w = vector(root.get("weights"), file, "weights");
            double[][] means = matrix(root.get("means"), file, "means");
            boolean precisions = !root.has("covariances") && root.has("precisions");
            String field = precisions ? "precisions" : "covariances";
            JsonNode cv = root.get(field);
            if (cv == null || !cv.isArray()) {
                throw new InputException("--init: " + file + ": field 'covariances' (or 'precisions') is missing or not an array of matrices");
            }
            double[][][] c = new double[cv.size()][][];
            for (int i = 0; i < c.length; i++) {
                c[i] = matrix(cv.get(i), file, field + "[" + i + "]");
            }
            if (means.length > 0 && means[0].length != d) {
                throw new InputException("--init: " + file + ": the means have " + means[0].length + " coordinates, the data "
                        + d + " columns");
            }
            if (!kGiven) {
                b.k(w.length);
            }
            if (precisions) {
                b.initialPrecisions(w, means, c);
            } else {
                b.initialParameters(w, means, c);
            }
            b.build();
        } catch (BadInputException e) {
            throw new InputException("--init: " + file + ": " + e.getMessage().replaceFirst("^init: ", ""), e);
        }
    }

    private static double[] vector(JsonNode v, Path file, String field) {
        if (v == null || !v.isArray()) {
            throw new InputException("--init: " + file + ": field '" + field + "' is missing or not an array of numbers");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            if (!v.get(i).isNumber()) {
                throw new InputException("--init: " + file + ": " + field + "[" + i + "] is not a number");
            }
            out[i] = v.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode v, Path file, String field) {
        if (v == null || !v.isArray() || v.size() == 0) {
            throw new InputException("--init: " + file + ": field '" + field + "' is missing or not an array of rows");
        }
        double[][] out = new double[v.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector(v.get(i), file, field + "[" + i + "]");
        }
        return out;
    }

    /** A start method by name, or an error naming the methods. */
    static StartMethod initMethodOrFail(String in) {
        StartMethod m = initMethod(in);
        if (m == null) {
            throw new InputException("--init: unknown start method '" + in
                    + "' (kmeans, k-means++, random, random-from-data, hc)");
        }
        return m;
    }

    /** A start method by name (k-means++ also as kmeans++), or null for a file. */
    static StartMethod initMethod(String in) {
        for (StartMethod i : StartMethod.values()) {
            if (i != StartMethod.GIVEN && (i.label().equalsIgnoreCase(in)
                    || (i == StartMethod.KMEANS_PLUS_PLUS && in.equalsIgnoreCase("kmeans++")))) {
                return i;
            }
        }
        return null;
    }

    /** A CSV file of numbers (no header needed), for a prior given by file; {@code keyword} is the default's name. */
    static double[][] readNumbers(String file, String option, String keyword) {
        Path f = Path.of(file);
        if (!Files.exists(f)) {
            throw new InputException(option + ": '" + file + "' is neither " + keyword + " nor an existing CSV file");
        }
        return CsvDatasetReader.read(f, CsvOptions.defaults()).dataset().toRows();
    }

    /** K-means' --init FILE: k rows of centres with as many columns as the data. */
    static double[][] readCentres(Path file, Dataset ds) {
        if (!Files.exists(file)) {
            throw new InputException("--init: '" + file + "' is neither k-means++, random, nor an existing file of centres");
        }
        Dataset c = CsvDatasetReader.read(file, CsvOptions.defaults()).dataset();
        if (c.d() != ds.d()) {
            throw new InputException("--init: " + file + " has " + c.d() + " numeric column(s), the data have " + ds.d());
        }
        return c.toRows();
    }
}
