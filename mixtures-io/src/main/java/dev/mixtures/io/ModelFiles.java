package dev.mixtures.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.FittedModel;
import dev.mixtures.Version;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Path;

/**
 * Model files: versioned JSON ({@code formatVersion}) holding the settings, the data's shape and
 * column names, the standardisation, the parameters and the fit trace. Doubles are written in
 * shortest round-trip form, so a saved model predicts exactly as the fitted one. A damaged file,
 * a missing field or another format version gets an error naming the file and the field.
 */
public final class ModelFiles {
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = JsonFields.JSON;

    private ModelFiles() {
    }

    /**
     * A Bayesian mixture's merges and deletes as its model file holds them (iteration, kind, kept,
     * removed, gain, inUse per move), so that other JSON (the CLI's report) says them the same way.
     */
    public static com.fasterxml.jackson.databind.JsonNode moves(java.util.List<dev.mixtures.gaussian.MoveEvent> moves) {
        return BayesianFile.moves(moves);
    }

    /** The model as the JSON text of a model file (what {@link #write} writes, without the final line end). */
    public static String toJson(FittedModel m) {
        ObjectNode tree;
        if (m instanceof KMeansModel k) {
            tree = KMeansFile.write(k);
        } else if (m instanceof GaussianMixtureModel g) {
            tree = GaussianFile.write(g);
        } else if (m instanceof BayesianGaussianMixtureModel b) {
            tree = BayesianFile.write(b);
        } else {
            throw new IllegalArgumentException("no file format for " + m.kind() + " models");
        }
        try {
            return JSON.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the model to {@code file}, whole or not at all. */
    public static void write(FittedModel m, Path file) {
        String text = toJson(m) + "\n";
        AtomicFiles.write(file, w -> w.write(text));
    }

    /**
     * Reads a model file that must hold a model of the given kind.
     *
     * @throws InputException naming the file when it holds another kind
     */
    public static <T extends FittedModel> T read(Path file, Class<T> kind) {
        FittedModel m = read(file);
        if (!kind.isInstance(m)) {
            throw new InputException(file + ": holds a " + m.kind() + " model, not the kind asked for");
        }
        return kind.cast(m);
    }

    /** Reads a model file of any kind. */
    public static FittedModel read(Path file) {
        return fromTree(file.toString(), JsonInput.read(file, "model file"));
    }

    /**
     * Rebuilds a model from the JSON text of a model file; {@code name} (a file name, say) is used in messages.
     *
     * @throws InputException naming {@code name} and what is wrong
     */
    public static FittedModel fromJson(String json, String name) {
        return fromTree(name, JsonInput.read(json, name, "model file"));
    }

    /** Rebuilds a model from its JSON tree; {@code name} is used in messages. */
    private static FittedModel fromTree(String name, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InputException(name + ": not a valid model file: the top level is not a JSON object");
        }
        JsonFields.Reader r = new JsonFields.Reader(name);
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isInt()) {
            throw new InputException(name + ": not a mixtures model file (no formatVersion)");
        }
        if (version.asInt() != FORMAT_VERSION) {
            throw new InputException(name + ": model format version " + version.asInt()
                    + " is not supported; this mixtures (" + Version.VERSION + ") reads version " + FORMAT_VERSION);
        }
        String model = r.text(root, "model");
        if ("gmm".equals(model)) {
            return GaussianFile.read(name, root, r);
        }
        if ("vb".equals(model)) {
            return BayesianFile.read(name, root, r);
        }
        if (!"kmeans".equals(model)) {
            throw new InputException(name + ": model '" + model
                    + "' is not known to this version (it reads: kmeans, gmm, vb)");
        }
            return KMeansFile.read(name, root, r);
    }
}
