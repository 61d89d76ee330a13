package dev.mixtures.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.Version;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.FitTrace;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Model files: versioned JSON ({@code formatVersion}) holding the settings, the data's shape and
 * column names, the standardisation, the parameters and the fit trace. Doubles are written in
 * shortest round-trip form, so a saved model predicts exactly as the fitted one. A damaged file,
 * a missing field or another format version gets an error naming the file and the field.
 */
public final class ModelFiles {
    /** The format version this library writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ModelFiles() {
    }

    /** The model as a JSON tree. */
    public static ObjectNode toJson(KMeansModel m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("library", "mixtures " + Version.VERSION);
        root.put("model", "kmeans");
        KMeans s = m.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("k", s.k());
        settings.put("init", s.init().label());
        if (s.initialCentres() != null) {
            settings.set("initialCentres", matrix(s.initialCentres()));
        }
        settings.put("nInit", s.nInit());
        settings.put("maxIter", s.maxIter());
        settings.put("tol", s.tol());
        settings.put("seed", s.seed());
        settings.put("algorithm", s.algorithm().label());
        settings.put("batchSize", s.batchSize());
        settings.put("standardize", s.standardize());
        ObjectNode data = root.putObject("data");
        data.put("rows", m.trainingRows());
        data.put("columns", m.d());
        ArrayNode names = data.putArray("columnNames");
        m.columnNames().forEach(names::add);
        if (m.standardizer() != null) {
            ObjectNode st = root.putObject("standardization");
            st.put("convention", "population standard deviation (ddof = 0)");
            st.set("mean", vector(m.standardizer().mean()));
            st.set("sd", vector(m.standardizer().sd()));
        } else {
            root.putNull("standardization");
        }
        ObjectNode p = root.putObject("parameters");
        p.put("space", m.standardizer() != null ? "standardized" : "original");
        p.set("centres", matrix(m.centres()));
        p.set("sizes", vector(m.sizes()));
        p.put("inertia", m.inertia());
        p.put("algorithm", m.algorithm());
        ObjectNode t = root.putObject("trace");
        t.set("history", vector(m.trace().history()));
        t.put("iterations", m.trace().iterations());
        t.put("converged", m.trace().converged());
        t.put("seed", m.trace().seed());
        t.put("restart", m.trace().restart());
        t.put("seconds", m.trace().nanos() / 1e9);
        return root;
    }

    /** Writes the model to {@code file}, whole or not at all. */
    public static void write(KMeansModel m, Path file) {
        String text;
        try {
            text = JSON.writeValueAsString(toJson(m)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        AtomicFiles.write(file, w -> w.write(text));
    }

    /** Reads a model file. */
    public static KMeansModel read(Path file) {
        String name = file.toString();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such model file");
        } catch (JsonProcessingException e) {
            throw new InputException(name + ": not a valid model file: JSON syntax error at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage(), e);
        }
        return fromJson(name, root);
    }

    /** Rebuilds a model from its JSON tree; {@code name} is used in messages. */
    public static KMeansModel fromJson(String name, JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InputException(name + ": not a valid model file: the top level is not a JSON object");
        }
        Reader r = new Reader(name);
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isInt()) {
            throw new InputException(name + ": not a mixtures model file (no formatVersion)");
        }
        if (version.asInt() != FORMAT_VERSION) {
            throw new InputException(name + ": model format version " + version.asInt()
                    + " is not supported; this mixtures (" + Version.VERSION + ") reads version " + FORMAT_VERSION);
        }
        String model = r.text(root, "model");
        if (!"kmeans".equals(model)) {
            throw new InputException(name + ": model '" + model + "' is not known to this version (it reads: kmeans)");
        }
        try {
            JsonNode s = r.object(root, "settings");
            KMeans.Builder b = KMeans.builder().k(r.integer(s, "k")).nInit(r.integer(s, "nInit"))
                    .maxIter(r.integer(s, "maxIter")).tol(r.number(s, "tol")).seed(r.longValue(s, "seed"))
                    .algorithm(KMeans.Algorithm.parse(r.text(s, "algorithm"))).batchSize(r.integer(s, "batchSize"))
                    .standardize(r.bool(s, "standardize")).init(KMeans.Init.parse(r.text(s, "init")));
            if (s.has("initialCentres")) {
                b.initialCentres(r.matrix(s, "initialCentres"));
            }
            KMeans settings = b.build();
            JsonNode data = r.object(root, "data");
            int rows = r.integer(data, "rows");
            List<String> names = new ArrayList<>();
            JsonNode cn = data.get("columnNames");
            if (cn == null || !cn.isArray()) {
                throw r.missing("data.columnNames", "an array of names");
            }
            cn.forEach(x -> names.add(x.asText()));
            Standardizer st = null;
            JsonNode stn = root.get("standardization");
            if (stn != null && !stn.isNull()) {
                st = new Standardizer(r.vector(stn, "mean"), r.vector(stn, "sd"));
            }
            JsonNode p = r.object(root, "parameters");
            double[][] centres = r.matrix(p, "centres");
            double[] sizes = r.vector(p, "sizes");
            double inertia = r.number(p, "inertia");
            String alg = r.text(p, "algorithm");
            JsonNode t = r.object(root, "trace");
            FitTrace trace = new FitTrace(r.vector(t, "history"), r.bool(t, "converged"), r.longValue(t, "seed"),
                    r.integer(t, "restart"), Math.round(r.number(t, "seconds") * 1e9));
            return KMeansModel.restore(settings, centres, sizes, inertia, trace, st, names, rows, alg);
        } catch (IllegalArgumentException e) {
            throw new InputException(name + ": damaged model file: " + e.getMessage(), e);
        }
    }

    private static ArrayNode vector(double[] v) {
        ArrayNode a = JSON.createArrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    private static ArrayNode matrix(double[][] m) {
        ArrayNode a = JSON.createArrayNode();
        for (double[] row : m) {
            a.add(vector(row));
        }
        return a;
    }

    /** Field readers that name the missing or malformed field. */
    private static final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        InputException missing(String field, String what) {
            return new InputException(file + ": damaged model file: field '" + field + "' is missing or not " + what);
        }

        JsonNode object(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isObject()) {
                throw missing(f, "an object");
            }
            return v;
        }

        String text(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isTextual()) {
                throw missing(f, "a string");
            }
            return v.asText();
        }

        int integer(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isInt()) {
                throw missing(f, "an integer");
            }
            return v.asInt();
        }

        long longValue(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isIntegralNumber()) {
                throw missing(f, "an integer");
            }
            return v.asLong();
        }

        double number(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isNumber()) {
                throw missing(f, "a number");
            }
            return v.asDouble();
        }

        boolean bool(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isBoolean()) {
                throw missing(f, "true or false");
            }
            return v.asBoolean();
        }

        double[] vector(JsonNode n, String f) {
            return numbers(n.get(f), f);
        }

        double[] numbers(JsonNode v, String f) {
            if (v == null || !v.isArray()) {
                throw missing(f, "an array of numbers");
            }
            double[] out = new double[v.size()];
            for (int i = 0; i < out.length; i++) {
                if (!v.get(i).isNumber()) {
                    throw missing(f + "[" + i + "]", "a number");
                }
                out[i] = v.get(i).asDouble();
            }
            return out;
        }

        double[][] matrix(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null || !v.isArray() || v.size() == 0) {
                throw missing(f, "a non-empty array of rows");
            }
            double[][] out = new double[v.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = numbers(v.get(i), f + "[" + i + "]");
            }
            return out;
        }
    }
}
