package dev.mixtures.io;

import dev.mixtures.BadInputException;
import dev.mixtures.kmeans.KMeansBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.data.Standardizer;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.util.List;

/** The K-means model file: its settings, centres, sizes, cost and trace. */
final class KMeansFile {
    private KMeansFile() {
    }

    /** The model as a JSON tree. */
    static ObjectNode write(KMeansModel m) {
        ObjectNode root = JsonFields.header("kmeans");
        KMeans s = m.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("k", s.k());
        settings.put("init", s.init().label());
        if (s.initialCentres() != null) {
            settings.set("initialCentres", JsonFields.matrix(s.initialCentres()));
        }
        settings.put("nInit", s.nInit());
        settings.put("maxIter", s.maxIter());
        settings.put("tol", s.tol());
        settings.put("seed", s.seed());
        settings.put("algorithm", s.algorithm().label());
        settings.put("batchSize", s.batchSize());
        settings.put("standardize", s.standardize());
        JsonFields.data(root, m, m.trainingRows());
        ObjectNode p = root.putObject("parameters");
        p.put("space", m.standardizer() != null ? "standardized" : "original");
        p.set("centres", JsonFields.matrix(m.centres()));
        p.set("sizes", JsonFields.vector(m.sizes()));
        p.put("inertia", m.inertia());
        p.put("algorithm", m.algorithm());
        JsonFields.trace(root, m.trace());
        return root;
    }

    /** Rebuilds a K-means model from its file's tree. */
    static KMeansModel read(String name, JsonNode root, JsonFields.Reader r) {
        try {
            JsonNode s = r.object(root, "settings");
            KMeansBuilder b = KMeans.builder().k(r.integer(s, "k")).nInit(r.integer(s, "nInit"))
                    .maxIter(r.integer(s, "maxIter")).tol(r.number(s, "tol")).seed(r.longValue(s, "seed"))
                    .algorithm(KMeans.Algorithm.parse(r.text(s, "algorithm"))).batchSize(r.integer(s, "batchSize"))
                    .standardize(r.bool(s, "standardize")).init(KMeans.Init.parse(r.text(s, "init")));
            if (s.has("initialCentres")) {
                b.initialCentres(r.matrix(s, "initialCentres"));
            }
            KMeans settings = b.build();
            int rows = r.integer(r.object(root, "data"), "rows");
            List<String> names = JsonFields.columnNames(root, r);
            Standardizer st = JsonFields.standardizer(root, r);
            JsonNode p = r.object(root, "parameters");
            double[][] centres = r.matrix(p, "centres");
            double[] sizes = r.vector(p, "sizes");
            double inertia = r.number(p, "inertia");
            String alg = r.text(p, "algorithm");
            return KMeansModel.restore(settings, centres, sizes, inertia, JsonFields.trace(root, r), st, names, rows, alg);
        } catch (BadInputException e) {
            throw new InputException(name + ": damaged model file: " + e.getMessage(), e);
        }
    }
}
