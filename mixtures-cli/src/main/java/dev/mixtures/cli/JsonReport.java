package dev.mixtures.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;

/** The one JSON object {@code mixtures fit --json} prints, for each kind of model. */
final class JsonReport {
    private JsonReport() {
    }

    static String kmeans(KMeansModel m, DataOptions.Loaded loaded) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        o.put("model", "kmeans");
        o.put("source", loaded.source);
        o.put("k", m.k());
        o.put("n", m.trainingRows());
        o.put("d", m.d());
        ArrayNode cols = o.putArray("columns");
        m.columnNames().forEach(cols::add);
        o.put("standardized", m.standardizer() != null);
        o.put("algorithm", m.algorithm());
        o.put("iterations", m.trace().iterations());
        o.put("converged", m.trace().converged());
        o.put("inertia", m.inertia());
        o.put("inertiaSpace", m.standardizer() != null ? "standardized" : "original");
        ArrayNode h = o.putArray("history");
        for (double v : m.trace().history()) {
            h.add(v);
        }
        o.set("centers", matrix(om, m.centresInOriginalUnits()));
        if (m.standardizer() != null) {
            o.set("centersStandardized", matrix(om, m.centres()));
        }
        ArrayNode sizes = o.putArray("sizes");
        for (double s : m.sizes()) {
            sizes.add(s);
        }
        o.put("seed", m.trace().seed());
        o.put("restart", m.trace().restart());
        o.put("restarts", m.settings().init() == KMeans.Init.GIVEN ? 1 : m.settings().nInit());
        o.put("seconds", m.trace().nanos() / 1e9);
        return o.toString();
    }

    static String gmm(GaussianMixtureModel m, DataOptions.Loaded loaded) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        GaussianMixture s = m.settings();
        o.put("model", "gmm");
        o.put("source", loaded.source);
        o.put("k", m.k());
        o.put("covariance", m.covarianceType().label());
        o.put("n", m.trainingRows());
        o.put("d", m.d());
        ArrayNode cols = o.putArray("columns");
        m.columnNames().forEach(cols::add);
        o.put("weighted", loaded.data.hasWeights());
        o.put("totalWeight", m.trainingWeight());
        o.put("standardized", m.standardizer() != null);
        o.put("logLikelihood", m.logLikelihood());
        o.put("meanLogLikelihood", m.meanLogLikelihood());
        o.put("bic", m.bic());
        o.put("aic", m.aic());
        o.put("criteriaConvention", "lower is better: bic = -2 lnL + p ln N, aic = -2 lnL + 2p");
        o.put("parameters", m.parameterCount());
        ArrayNode w = o.putArray("weights");
        for (double v : m.weights()) {
            w.add(v);
        }
        o.set("means", matrix(om, m.means()));
        ArrayNode cov = o.putArray("covariances");
        for (double[][] c : m.covariances()) {
            cov.add(matrix(om, c));
        }
        ArrayNode sizes = o.putArray("sizes");
        for (double v : m.sizes()) {
            sizes.add(v);
        }
        ArrayNode h = o.putArray("history");
        for (double v : m.trace().history()) {
            h.add(v);
        }
        o.put("iterations", m.trace().iterations());
        o.put("converged", m.converged());
        o.put("init", s.init().label());
        o.put("regCovar", s.regCovar());
        o.put("tol", s.tol());
        o.put("seed", m.trace().seed());
        o.put("restart", m.trace().restart());
        o.put("restarts", s.init() == GaussianMixture.Init.GIVEN ? 1 : s.nInit());
        ArrayNode notes = o.putArray("notes");
        m.notes().forEach(notes::add);
        o.put("seconds", m.trace().nanos() / 1e9);
        return o.toString();
    }

    private static ArrayNode matrix(ObjectMapper om, double[][] rows) {
        ArrayNode a = om.createArrayNode();
        for (double[] r : rows) {
            ArrayNode row = a.addArray();
            for (double v : r) {
                row.add(v);
            }
        }
        return a;
    }
}
