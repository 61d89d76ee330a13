package dev.mixtures.io;

import dev.mixtures.BadInputException;
import dev.mixtures.gaussian.GaussianMixtureBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.data.Standardizer;
import dev.mixtures.Training;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.StartMethod;
import java.util.ArrayList;
import java.util.List;

/** The Gaussian mixture model file: its settings, parameters in the fitted space, and trace. */
final class GaussianFile {
    private GaussianFile() {
    }

    /** The Gaussian mixture as a JSON tree; parameters in the fitted space, exactly. */
    static ObjectNode write(GaussianMixtureModel m) {
        ObjectNode root = JsonFields.header("gmm");
        GaussianMixture s = m.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("k", s.k());
        settings.put("covariance", s.covariance().label());
        settings.put("regCovar", s.regCovar());
        settings.put("init", s.init().label());
        if (s.init() == StartMethod.GIVEN) {
            ObjectNode g = settings.putObject("initialParameters");
            g.set("weights", JsonFields.vector(s.initialWeights()));
            g.set("means", JsonFields.matrix(s.initialMeans()));
            ArrayNode gc = g.putArray("covariances");
            for (double[][] c : s.initialCovariances()) {
                gc.add(JsonFields.matrix(c));
            }
        }
        settings.put("nInit", s.nInit());
        settings.put("maxIter", s.maxIter());
        settings.put("tol", s.tol());
        settings.put("seed", s.seed());
        settings.put("standardize", s.standardize());
        settings.put("reseedCollapsed", s.reseedCollapsed());
        if (s.defaultPrior()) {
            settings.put("prior", "default");
        }
        settings.put("shortRuns", s.shortRuns());
        JsonFields.data(root, m, m.trainingRows());
        ObjectNode p = root.putObject("parameters");
        p.put("space", m.standardizer() != null ? "standardized" : "original");
        p.set("weights", JsonFields.vector(m.weights()));
        p.set("means", JsonFields.matrix(m.fittedMeans()));
        ArrayNode cov = p.putArray("covariances");
        for (double[][] c : m.fittedCovariances()) {
            cov.add(JsonFields.matrix(c));
        }
        p.set("sizes", JsonFields.vector(m.sizes()));
        p.put("trainingWeight", m.trainingWeight());
        p.put("logLikelihood", m.logLikelihood());
        JsonFields.trace(root, m.trace());
        ArrayNode notes = root.putArray("notes");
        m.notes().forEach(notes::add);
        return root;
    }

    static GaussianMixtureModel read(String name, JsonNode root, JsonFields.Reader r) {
        try {
            JsonNode s = r.object(root, "settings");
            GaussianMixtureBuilder b = GaussianMixture.builder().k(r.integer(s, "k"))
                    .covariance(CovarianceType.parse(r.text(s, "covariance"))).regCovar(r.number(s, "regCovar"))
                    .init(StartMethod.parse(r.text(s, "init"))).nInit(r.integer(s, "nInit"))
                    .maxIter(r.integer(s, "maxIter")).tol(r.number(s, "tol")).seed(r.longValue(s, "seed"))
                    .standardize(r.bool(s, "standardize")).reseedCollapsed(r.bool(s, "reseedCollapsed"))
                    .shortRuns(s.has("shortRuns") ? r.integer(s, "shortRuns") : 0);
            if (s.has("prior")) {
                String prior = r.text(s, "prior");
                if (!prior.equals("default")) {
                    throw new InputException(name + ": settings.prior is '" + prior + "'; the one known is 'default'");
                }
                b.defaultPrior(true);
            }
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
            List<String> names = JsonFields.columnNames(root, r);
            Standardizer st = JsonFields.standardizer(root, r);
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
                    new Training(st, names, rows, r.number(p, "trainingWeight"), JsonFields.trace(root, r), notes));
        } catch (BadInputException e) {
            throw new InputException(name + ": damaged model file: " + e.getMessage(), e);
        }
    }
}
