package dev.mixtures.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.FittedModel;
import dev.mixtures.Version;
import dev.mixtures.data.Standardizer;
import dev.mixtures.FitTrace;
import java.util.ArrayList;
import java.util.List;

/** What every model file has (header, data shape, standardisation, trace), and field readers that name what is wrong. */
final class JsonFields {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonFields() {
    }

    static void putOrNull(ObjectNode o, String f, double v) {
        if (Double.isNaN(v)) {
            o.putNull(f);
        } else {
            o.put(f, v);
        }
    }

    static ObjectNode header(String kind) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", ModelFiles.FORMAT_VERSION);
        root.put("library", "mixtures " + Version.VERSION);
        root.put("model", kind);
        return root;
    }

    static void data(ObjectNode root, FittedModel m, int rows) {
        ObjectNode data = root.putObject("data");
        data.put("rows", rows);
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
    }

    static void trace(ObjectNode root, FitTrace tr) {
        ObjectNode t = root.putObject("trace");
        t.set("history", vector(tr.history()));
        t.put("iterations", tr.iterations());
        t.put("converged", tr.converged());
        t.put("seed", tr.seed());
        t.put("restart", tr.restart());
        t.put("seconds", tr.nanos() / 1e9);
    }

    static List<String> columnNames(JsonNode root, Reader r) {
        List<String> names = new ArrayList<>();
        JsonNode cn = r.object(root, "data").get("columnNames");
        if (cn == null || !cn.isArray()) {
            throw r.missing("data.columnNames", "an array of names");
        }
        cn.forEach(x -> names.add(x.asText()));
        return names;
    }

    static Standardizer standardizer(JsonNode root, Reader r) {
        JsonNode stn = root.get("standardization");
        if (stn != null && !stn.isNull()) {
            return new Standardizer(r.vector(stn, "mean"), r.vector(stn, "sd"));
        }
        return null;
    }

    static FitTrace trace(JsonNode root, Reader r) {
        JsonNode t = r.object(root, "trace");
        return new FitTrace(r.vector(t, "history"), r.bool(t, "converged"), r.longValue(t, "seed"),
                r.integer(t, "restart"), Math.round(r.number(t, "seconds") * 1e9));
    }

    static ArrayNode vector(double[] v) {
        ArrayNode a = JSON.createArrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
    }

    static ArrayNode matrix(double[][] m) {
        ArrayNode a = JSON.createArrayNode();
        for (double[] row : m) {
            a.add(vector(row));
        }
        return a;
    }

    /** Field readers that name the missing or malformed field. */
    static final class Reader {
        private final String file;
        private final String prefix;

        Reader(String file) {
            this(file, "");
        }

        private Reader(String file, String prefix) {
            this.file = file;
            this.prefix = prefix;
        }

        /** A reader for the object at {@code path}, naming fields by their full path. */
        Reader in(String path) {
            return new Reader(file, prefix + path + ".");
        }

        InputException missing(String field, String what) {
            return new InputException(file + ": damaged model file: field '" + prefix + field + "' is missing or not "
                    + what);
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

        /** Whether field f holds a value (false when it is null); missing altogether is an error. */
        boolean nullable(JsonNode n, String f) {
            JsonNode v = n.get(f);
            if (v == null) {
                throw missing(f, "a number or null");
            }
            return !v.isNull();
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

        double[][] matrix(JsonNode n, int index, String f) {
            return matrixOf(n.get(index), f);
        }

        double[][] matrix(JsonNode n, String f) {
            return matrixOf(n.get(f), f);
        }

        double[][] matrixOf(JsonNode v, String f) {
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
