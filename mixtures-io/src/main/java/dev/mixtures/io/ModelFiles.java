package dev.mixtures.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.FittedModel;
import dev.mixtures.Version;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.FitTrace;
import dev.mixtures.em.Training;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.WeightPrior;
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
    private static ObjectNode tree(KMeansModel m) {
        ObjectNode root = header("kmeans");
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
        data(root, m, m.trainingRows());
        ObjectNode p = root.putObject("parameters");
        p.put("space", m.standardizer() != null ? "standardized" : "original");
        p.set("centres", matrix(m.centres()));
        p.set("sizes", vector(m.sizes()));
        p.put("inertia", m.inertia());
        p.put("algorithm", m.algorithm());
        trace(root, m.trace());
        return root;
    }

    /** The Gaussian mixture as a JSON tree; parameters in the fitted space, exactly. */
    private static ObjectNode tree(GaussianMixtureModel m) {
        ObjectNode root = header("gmm");
        GaussianMixture s = m.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("k", s.k());
        settings.put("covariance", s.covariance().label());
        settings.put("regCovar", s.regCovar());
        settings.put("init", s.init().label());
        if (s.init() == StartMethod.GIVEN) {
            ObjectNode g = settings.putObject("initialParameters");
            g.set("weights", vector(s.initialWeights()));
            g.set("means", matrix(s.initialMeans()));
            ArrayNode gc = g.putArray("covariances");
            for (double[][] c : s.initialCovariances()) {
                gc.add(matrix(c));
            }
        }
        settings.put("nInit", s.nInit());
        settings.put("maxIter", s.maxIter());
        settings.put("tol", s.tol());
        settings.put("seed", s.seed());
        settings.put("standardize", s.standardize());
        settings.put("reseedCollapsed", s.reseedCollapsed());
        settings.put("shortRuns", s.shortRuns());
        data(root, m, m.trainingRows());
        ObjectNode p = root.putObject("parameters");
        p.put("space", m.standardizer() != null ? "standardized" : "original");
        p.set("weights", vector(m.weights()));
        p.set("means", matrix(m.fittedMeans()));
        ArrayNode cov = p.putArray("covariances");
        for (double[][] c : m.fittedCovariances()) {
            cov.add(matrix(c));
        }
        p.set("sizes", vector(m.sizes()));
        p.put("trainingWeight", m.trainingWeight());
        p.put("logLikelihood", m.logLikelihood());
        trace(root, m.trace());
        ArrayNode notes = root.putArray("notes");
        m.notes().forEach(notes::add);
        return root;
    }

    /**
     * The Bayesian mixture as a JSON tree: the priors as used and the posterior, in the fitted
     * space, exactly. A start given as responsibilities or a warm start is recorded as "given" but
     * not stored (it is as large as the data).
     */
    private static ObjectNode tree(BayesianGaussianMixtureModel m) {
        ObjectNode root = header("vb");
        BayesianGaussianMixture s = m.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("k", s.k());
        settings.put("covariance", s.covariance().label());
        settings.put("weightPrior", s.weightPrior().label());
        putOrNull(settings, "concentration", s.concentration());
        settings.put("beta0", s.beta0());
        putOrNull(settings, "nu0", s.nu0());
        if (s.meanPrior() != null) {
            settings.set("meanPrior", vector(s.meanPrior()));
        }
        if (s.covariancePrior() != null) {
            settings.set("covariancePrior", matrix(s.covariancePrior()));
        }
        settings.put("regCovar", s.regCovar());
        settings.put("init", s.init().label());
        settings.put("nInit", s.nInit());
        settings.put("maxIter", s.maxIter());
        settings.put("tol", s.tol());
        settings.put("seed", s.seed());
        settings.put("standardize", s.standardize());
        data(root, m, m.trainingRows());
        ObjectNode p = root.putObject("parameters");
        p.put("space", m.standardizer() != null ? "standardized" : "original");
        ObjectNode prior = p.putObject("prior");
        prior.put("concentration", m.priorConcentration());
        prior.put("beta0", m.priorBeta());
        prior.put("nu0", m.priorDegreesOfFreedom());
        prior.set("meanPrior", vector(m.fittedMeanPrior()));
        prior.set("covariancePrior", matrix(m.fittedCovariancePrior()));
        ObjectNode post = p.putObject("posterior");
        post.set("concentration", vector(m.concentrations()));
        if (m.stickConcentrations() != null) {
            post.set("stickConcentration", vector(m.stickConcentrations()));
        }
        post.set("beta", vector(m.beta()));
        post.set("nu", vector(m.degreesOfFreedom()));
        post.set("means", matrix(m.fittedMeans()));
        ArrayNode w = post.putArray("scaleInverses");
        for (double[][] c : m.fittedScaleInverses()) {
            w.add(matrix(c));
        }
        p.set("weights", vector(m.weights()));
        p.put("effectiveComponents", m.effectiveComponents());
        p.put("trainingWeight", m.trainingWeight());
        p.put("lowerBound", m.lowerBound());
        trace(root, m.trace());
        ArrayNode notes = root.putArray("notes");
        m.notes().forEach(notes::add);
        return root;
    }

    private static void putOrNull(ObjectNode o, String f, double v) {
        if (Double.isNaN(v)) {
            o.putNull(f);
        } else {
            o.put(f, v);
        }
    }

    private static ObjectNode header(String kind) {
        ObjectNode root = JSON.createObjectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("library", "mixtures " + Version.VERSION);
        root.put("model", kind);
        return root;
    }

    private static void data(ObjectNode root, FittedModel m, int rows) {
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

    private static void trace(ObjectNode root, FitTrace tr) {
        ObjectNode t = root.putObject("trace");
        t.set("history", vector(tr.history()));
        t.put("iterations", tr.iterations());
        t.put("converged", tr.converged());
        t.put("seed", tr.seed());
        t.put("restart", tr.restart());
        t.put("seconds", tr.nanos() / 1e9);
    }

    /** The model as the JSON text of a model file (what {@link #write} writes, without the final line end). */
    public static String toJson(FittedModel m) {
        ObjectNode tree;
        if (m instanceof KMeansModel k) {
            tree = tree(k);
        } else if (m instanceof GaussianMixtureModel g) {
            tree = tree(g);
        } else if (m instanceof BayesianGaussianMixtureModel b) {
            tree = tree(b);
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
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such model file");
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage(), e);
        }
        return fromJson(text, name);
    }

    /**
     * Rebuilds a model from the JSON text of a model file; {@code name} (a file name, say) is used in messages.
     *
     * @throws InputException naming {@code name} and what is wrong
     */
    public static FittedModel fromJson(String json, String name) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InputException(name + ": not a valid model file: JSON syntax error at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        }
        return fromTree(name, root);
    }

    /** Rebuilds a model from its JSON tree; {@code name} is used in messages. */
    private static FittedModel fromTree(String name, JsonNode root) {
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
        if ("gmm".equals(model)) {
            return gmmFromJson(name, root, r);
        }
        if ("vb".equals(model)) {
            return vbFromJson(name, root, r);
        }
        if (!"kmeans".equals(model)) {
            throw new InputException(name + ": model '" + model
                    + "' is not known to this version (it reads: kmeans, gmm, vb)");
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
            int rows = r.integer(r.object(root, "data"), "rows");
            List<String> names = columnNames(root, r);
            Standardizer st = standardizer(root, r);
            JsonNode p = r.object(root, "parameters");
            double[][] centres = r.matrix(p, "centres");
            double[] sizes = r.vector(p, "sizes");
            double inertia = r.number(p, "inertia");
            String alg = r.text(p, "algorithm");
            return KMeansModel.restore(settings, centres, sizes, inertia, trace(root, r), st, names, rows, alg);
        } catch (IllegalArgumentException e) {
            throw new InputException(name + ": damaged model file: " + e.getMessage(), e);
        }
    }

    private static GaussianMixtureModel gmmFromJson(String name, JsonNode root, Reader r) {
        try {
            JsonNode s = r.object(root, "settings");
            GaussianMixture.Builder b = GaussianMixture.builder().k(r.integer(s, "k"))
                    .covariance(CovarianceType.parse(r.text(s, "covariance"))).regCovar(r.number(s, "regCovar"))
                    .init(StartMethod.parse(r.text(s, "init"))).nInit(r.integer(s, "nInit"))
                    .maxIter(r.integer(s, "maxIter")).tol(r.number(s, "tol")).seed(r.longValue(s, "seed"))
                    .standardize(r.bool(s, "standardize")).reseedCollapsed(r.bool(s, "reseedCollapsed"))
                    .shortRuns(s.has("shortRuns") ? r.integer(s, "shortRuns") : 0);
            JsonNode g = s.get("initialParameters");
            if (g != null && g.isObject()) {
                JsonNode gc = g.get("covariances");
                if (gc == null || !gc.isArray()) {
                    throw r.missing("settings.initialParameters.covariances", "an array of matrices");
                }
                double[][][] c0 = new double[gc.size()][][];
                for (int c = 0; c < c0.length; c++) {
                    c0[c] = r.matrix(gc, c, "settings.initialParameters.covariances[" + c + "]");
                }
                b.initialParameters(r.vector(g, "weights"), r.matrix(g, "means"), c0);
            }
            GaussianMixture settings = b.build();
            int rows = r.integer(r.object(root, "data"), "rows");
            List<String> names = columnNames(root, r);
            Standardizer st = standardizer(root, r);
            JsonNode p = r.object(root, "parameters");
            double[] weights = r.vector(p, "weights");
            double[][] means = r.matrix(p, "means");
            JsonNode cv = p.get("covariances");
            if (cv == null || !cv.isArray() || cv.size() != weights.length) {
                throw r.missing("parameters.covariances", "an array of " + weights.length + " matrices");
            }
            double[][][] cov = new double[cv.size()][][];
            for (int c = 0; c < cov.length; c++) {
                cov[c] = r.matrix(cv, c, "parameters.covariances[" + c + "]");
            }
            List<String> notes = new ArrayList<>();
            JsonNode nn = root.get("notes");
            if (nn != null && nn.isArray()) {
                nn.forEach(x -> notes.add(x.asText()));
            }
            return GaussianMixtureModel.restore(settings, weights, means, cov, r.vector(p, "sizes"),
                    r.number(p, "logLikelihood"),
                    new Training(st, names, rows, r.number(p, "trainingWeight"), trace(root, r), notes));
        } catch (IllegalArgumentException e) {
            throw new InputException(name + ": damaged model file: " + e.getMessage(), e);
        }
    }

    private static BayesianGaussianMixtureModel vbFromJson(String name, JsonNode root, Reader r) {
        try {
            JsonNode s = r.object(root, "settings");
            BayesianGaussianMixture.Builder b = BayesianGaussianMixture.builder().k(r.integer(s, "k"))
                    .covariance(CovarianceType.parse(r.text(s, "covariance")))
                    .weightPrior(WeightPrior.parse(r.text(s, "weightPrior"))).beta0(r.number(s, "beta0"))
                    .regCovar(r.number(s, "regCovar")).nInit(r.integer(s, "nInit")).maxIter(r.integer(s, "maxIter"))
                    .tol(r.number(s, "tol")).seed(r.longValue(s, "seed")).standardize(r.bool(s, "standardize"));
            StartMethod init = StartMethod.parse(r.text(s, "init"));
            if (init != StartMethod.GIVEN) {
                b.init(init);
            }
            if (r.nullable(s, "concentration")) {
                b.concentration(r.number(s, "concentration"));
            }
            if (r.nullable(s, "nu0")) {
                b.nu0(r.number(s, "nu0"));
            }
            if (s.has("meanPrior")) {
                b.meanPrior(r.vector(s, "meanPrior"));
            }
            if (s.has("covariancePrior")) {
                b.covariancePrior(r.matrix(s, "covariancePrior"));
            }
            BayesianGaussianMixture settings = b.build();
            int rows = r.integer(r.object(root, "data"), "rows");
            List<String> names = columnNames(root, r);
            Standardizer st = standardizer(root, r);
            JsonNode p = r.object(root, "parameters");
            JsonNode prior = r.in("parameters").object(p, "prior");
            JsonNode post = r.in("parameters").object(p, "posterior");
            Reader rpr = r.in("parameters.prior");
            Reader rpo = r.in("parameters.posterior");
            double[][] means = rpo.matrix(post, "means");
            JsonNode wv = post.get("scaleInverses");
            if (wv == null || !wv.isArray() || wv.size() != means.length) {
                throw rpo.missing("scaleInverses", "an array of " + means.length + " matrices");
            }
            double[][][] winv = new double[wv.size()][][];
            for (int c = 0; c < winv.length; c++) {
                winv[c] = rpo.matrix(wv, c, "scaleInverses[" + c + "]");
            }
            double[] stick = post.has("stickConcentration") ? rpo.vector(post, "stickConcentration") : null;
            List<String> notes = new ArrayList<>();
            JsonNode nn = root.get("notes");
            if (nn != null && nn.isArray()) {
                nn.forEach(x -> notes.add(x.asText()));
            }
            BayesianGaussianMixtureModel.Prior pr = new BayesianGaussianMixtureModel.Prior(
                    rpr.number(prior, "concentration"), rpr.number(prior, "beta0"), rpr.number(prior, "nu0"),
                    rpr.vector(prior, "meanPrior"), rpr.matrix(prior, "covariancePrior"));
            BayesianGaussianMixtureModel.Posterior po = new BayesianGaussianMixtureModel.Posterior(
                    rpo.vector(post, "concentration"), stick, rpo.vector(post, "beta"), rpo.vector(post, "nu"), means,
                    winv);
            Training training = new Training(st, names, rows, r.number(p, "trainingWeight"), trace(root, r), notes);
            return BayesianGaussianMixtureModel.restore(settings, pr, po, training, r.number(p, "lowerBound"));
        } catch (IllegalArgumentException e) {
            throw new InputException(name + ": damaged model file: " + e.getMessage(), e);
        }
    }

    private static List<String> columnNames(JsonNode root, Reader r) {
        List<String> names = new ArrayList<>();
        JsonNode cn = r.object(root, "data").get("columnNames");
        if (cn == null || !cn.isArray()) {
            throw r.missing("data.columnNames", "an array of names");
        }
        cn.forEach(x -> names.add(x.asText()));
        return names;
    }

    private static Standardizer standardizer(JsonNode root, Reader r) {
        JsonNode stn = root.get("standardization");
        if (stn != null && !stn.isNull()) {
            return new Standardizer(r.vector(stn, "mean"), r.vector(stn, "sd"));
        }
        return null;
    }

    private static FitTrace trace(JsonNode root, Reader r) {
        JsonNode t = r.object(root, "trace");
        return new FitTrace(r.vector(t, "history"), r.bool(t, "converged"), r.longValue(t, "seed"),
                r.integer(t, "restart"), Math.round(r.number(t, "seconds") * 1e9));
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
