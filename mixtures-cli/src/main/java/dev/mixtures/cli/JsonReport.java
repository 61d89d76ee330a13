package dev.mixtures.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.FitTrace;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.gaussian.Move;
import dev.mixtures.gaussian.WeightPrior;
import dev.mixtures.metrics.Agreement;
import dev.mixtures.metrics.Contingency;
import dev.mixtures.selection.Candidate;
import dev.mixtures.selection.ModelSelection;
import dev.mixtures.selection.SelectionResult;
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
        o.set("centres", matrix(om, m.centresInOriginalUnits()));
        if (m.standardizer() != null) {
            o.set("centresStandardized", matrix(om, m.centres()));
        }
        o.set("sizes", vector(om, m.sizes()));
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
        mixtureHead(o, m, loaded, m.trainingRows(), m.trainingWeight());
        o.put("logLikelihood", m.logLikelihood());
        o.put("meanLogLikelihood", m.meanLogLikelihood());
        o.put("bic", m.bic());
        o.put("aic", m.aic());
        o.put("criteriaConvention", "lower is better: bic = -2 lnL + p ln N, aic = -2 lnL + 2p");
        o.put("parameters", m.parameterCount());
        o.set("weights", vector(om, m.weights()));
        o.set("means", matrix(om, m.means()));
        ArrayNode cov = o.putArray("covariances");
        for (double[][] c : m.covariances()) {
            cov.add(matrix(om, c));
        }
        o.set("sizes", vector(om, m.sizes()));
        mixtureTail(o, m.trace(), s.init(), s.regCovar(), s.tol(), s.nInit(), m.notes());
        return o.toString();
    }

    static String vb(BayesianGaussianMixtureModel m, DataOptions.Loaded loaded) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        BayesianGaussianMixture s = m.settings();
        mixtureHead(o, m, loaded, m.trainingRows(), m.trainingWeight());
        o.put("weightPrior", m.weightPrior().label());
        o.put("lowerBound", m.lowerBound());
        o.put("boundConvention", "PRML (10.70) with every constant; scikit-learn's lower_bound_ drops the prior-only ones");
        o.put("kMax", s.k());
        o.put("componentsInUse", m.k());
        o.put("moves", Move.labels(s.moves()));
        o.set("movesMade", dev.mixtures.io.ModelFiles.moves(m.moves()));
        o.put("reorders", m.reorders());
        o.set("componentsInUseHistory", om.valueToTree(m.componentsInUseHistory()));
        o.put("effectiveComponents", m.effectiveComponents());
        o.put("effectiveRule", "N_k >= 1 and E[pi_k] >= 0.001");
        ArrayNode eff = o.putArray("effective");
        for (boolean b : m.effective()) {
            eff.add(b);
        }
        o.set("weights", vector(om, m.weights()));
        o.set("means", matrix(om, m.means()));
        ArrayNode cov = o.putArray("covariances");
        for (double[][] c : m.covariances()) {
            cov.add(matrix(om, c));
        }
        o.put("covariancesConvention", "expected covariance E[Lambda_k]^-1 = W_k^-1 / nu_k, original units");
        o.set("sizes", vector(om, m.sizes()));
        ObjectNode prior = o.putObject("prior");
        prior.put(m.weightPrior() == WeightPrior.DIRICHLET ? "alpha0" : "gamma0", m.priorConcentration());
        prior.put("beta0", m.priorBeta());
        prior.put("nu0", m.priorDegreesOfFreedom());
        prior.set("meanPrior", vector(om, m.meanPrior()));
        prior.set("covariancePrior", matrix(om, m.covariancePrior()));
        ObjectNode post = o.putObject("posterior");
        if (m.weightPrior() == WeightPrior.DIRICHLET) {
            post.set("alpha", vector(om, m.concentrations()));
        } else {
            post.set("stickA", vector(om, m.concentrations()));
            post.set("stickB", vector(om, m.stickConcentrations()));
        }
        post.set("beta", vector(om, m.beta()));
        post.set("nu", vector(om, m.degreesOfFreedom()));
        post.set("m", matrix(om, m.means()));
        ArrayNode winv = post.putArray("Winv");
        for (double[][] c : m.scaleInverses()) {
            winv.add(matrix(om, c));
        }
        mixtureTail(o, m.trace(), s.init(), s.regCovar(), s.tol(), s.nInit(), m.notes());
        return o.toString();
    }

    static String selection(SelectionResult r, ModelSelection sel, DataOptions.Loaded loaded) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        selectionInto(om, o, r, sel, loaded);
        return o.toString();
    }

    /** The selection's fields: criterion and convention, the table, the best cell, the Bayesian answer. */
    static void selectionInto(ObjectMapper om, ObjectNode o, SelectionResult r, ModelSelection sel,
            DataOptions.Loaded loaded) {
        o.put("source", loaded.source);
        o.put("n", loaded.data.n());
        o.put("d", loaded.data.d());
        o.put("criterion", r.criterion().label());
        o.put("criteriaConvention", "lower is better: bic = -2 lnL + p ln N, aic = -2 lnL + 2p, icl = bic - 2 sum ln max_k r_nk");
        o.put("kMin", sel.kMin());
        o.put("kMax", sel.kMax());
        o.put("nInit", sel.nInit());
        ArrayNode t = o.putArray("table");
        for (Candidate c : r.table()) {
            ObjectNode e = t.addObject();
            e.put("k", c.k());
            e.put("covariance", c.covariance().label());
            number(e, "logLikelihood", c.logLikelihood());
            e.put("parameters", c.parameters());
            number(e, "bic", c.bic());
            number(e, "aic", c.aic());
            number(e, "icl", c.icl());
            e.put("status", c.status().label());
            if (c.reason() != null) {
                e.put("reason", c.reason());
            }
        }
        if (r.best() == null) {
            o.putNull("best");
        } else {
            ObjectNode b = o.putObject("best");
            b.put("k", r.best().k());
            b.put("covariance", r.best().covariance().label());
            b.put(r.criterion().label(), r.best().score(r.criterion()));
            b.put("logLikelihood", r.best().logLikelihood());
            b.put("parameters", r.best().parameters());
        }
        if (r.bayesian() != null) {
            ObjectNode v = o.putObject("bayesian");
            v.put("k", r.bayesian().settings().k());
            v.put("componentsInUse", r.bayesian().k());
            v.put("covariance", r.bayesian().covarianceType().label());
            v.put("effectiveComponents", r.bayesian().effectiveComponents());
            v.put("converged", r.bayesian().converged());
            v.put("lowerBound", r.bayesian().lowerBound());
        }
        o.put("seconds", r.nanos() / 1e9);
    }

    private static void number(ObjectNode o, String f, double v) {
        if (Double.isNaN(v)) {
            o.putNull(f);
        } else {
            o.put(f, v);
        }
    }

    /** The agreement with known classes as a JSON object. */
    static ObjectNode agreement(ObjectMapper om, Contingency c) {
        ObjectNode a = om.createObjectNode();
        a.put("adjustedRandIndex", Agreement.adjustedRand(c));
        a.put("randIndex", Agreement.randIndex(c));
        a.put("mutualInformation", Agreement.mutualInformation(c));
        for (Agreement.Average av : Agreement.Average.values()) {
            a.put("nmi" + av.name().charAt(0) + av.name().substring(1).toLowerCase(java.util.Locale.ROOT),
                    Agreement.normalizedMutualInformation(c, av));
        }
        ArrayNode cls = a.putArray("classes");
        for (String x : c.classes()) {
            cls.add(x);
        }
        ArrayNode clu = a.putArray("clusters");
        for (String x : c.clusters()) {
            clu.add(x);
        }
        ArrayNode t = a.putArray("contingency");
        for (long[] row : c.counts()) {
            ArrayNode rr = t.addArray();
            for (long v : row) {
                rr.add(v);
            }
        }
        return a;
    }

    /** The fields every mixture's report starts with. */
    private static void mixtureHead(ObjectNode o, MixtureDensity m, DataOptions.Loaded loaded, int n, double weight) {
        o.put("model", m.kind());
        o.put("source", loaded.source);
        o.put("k", m.k());
        o.put("covariance", m.covarianceType().label());
        o.put("n", n);
        o.put("d", m.d());
        ArrayNode cols = o.putArray("columns");
        m.columnNames().forEach(cols::add);
        o.put("weighted", loaded.data.hasWeights());
        o.put("totalWeight", weight);
        o.put("standardized", m.standardizer() != null);
    }

    /** The fields every mixture's report ends with: the trace and the settings of the fit. */
    private static void mixtureTail(ObjectNode o, FitTrace t, StartMethod init, double regCovar, double tol,
            int nInit, java.util.List<String> notes) {
        ArrayNode h = o.putArray("history");
        for (double v : t.history()) {
            h.add(v);
        }
        o.put("iterations", t.iterations());
        o.put("converged", t.converged());
        o.put("init", init.label());
        o.put("regCovar", regCovar);
        o.put("tol", tol);
        o.put("seed", t.seed());
        o.put("restart", t.restart());
        o.put("restarts", init == StartMethod.GIVEN ? 1 : nInit);
        ArrayNode a = o.putArray("notes");
        notes.forEach(a::add);
        o.put("seconds", t.nanos() / 1e9);
    }

    private static ArrayNode vector(ObjectMapper om, double[] v) {
        ArrayNode a = om.createArrayNode();
        for (double x : v) {
            a.add(x);
        }
        return a;
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
