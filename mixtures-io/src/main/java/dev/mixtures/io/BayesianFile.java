package dev.mixtures.io;

import dev.mixtures.BadInputException;
import dev.mixtures.gaussian.BayesianGaussianMixtureBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.data.Standardizer;
import dev.mixtures.Training;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.gaussian.Move;
import dev.mixtures.gaussian.MoveEvent;
import dev.mixtures.gaussian.WeightPrior;
import java.util.ArrayList;
import java.util.List;

/** The Bayesian mixture model file: its settings, prior, posterior in the fitted space, and trace. */
final class BayesianFile {
    private BayesianFile() {
    }

    /**
     * The Bayesian mixture as a JSON tree: the priors as used and the posterior, in the fitted
     * space, exactly. A start given as responsibilities or a warm start is recorded as "given" but
     * not stored (it is as large as the data).
     */
    static ObjectNode write(BayesianGaussianMixtureModel m) {
        ObjectNode root = JsonFields.header("vb");
        BayesianGaussianMixture s = m.settings();
        ObjectNode settings = root.putObject("settings");
        settings.put("k", s.k());
        settings.put("covariance", s.covariance().label());
        settings.put("weightPrior", s.weightPrior().label());
        settings.put("moves", Move.labels(s.moves()));
        JsonFields.putOrNull(settings, "concentration", s.concentration());
        settings.put("beta0", s.beta0());
        JsonFields.putOrNull(settings, "nu0", s.nu0());
        if (s.meanPrior() != null) {
            settings.set("meanPrior", JsonFields.vector(s.meanPrior()));
        }
        if (s.covariancePrior() != null) {
            settings.set("covariancePrior", JsonFields.matrix(s.covariancePrior()));
        }
        settings.put("regCovar", s.regCovar());
        settings.put("init", s.init().label());
        settings.put("nInit", s.nInit());
        settings.put("maxIter", s.maxIter());
        settings.put("tol", s.tol());
        settings.put("seed", s.seed());
        settings.put("standardize", s.standardize());
        JsonFields.data(root, m, m.trainingRows());
        ObjectNode p = root.putObject("parameters");
        p.put("space", m.standardizer() != null ? "standardized" : "original");
        ObjectNode prior = p.putObject("prior");
        prior.put("concentration", m.priorConcentration());
        prior.put("beta0", m.priorBeta());
        prior.put("nu0", m.priorDegreesOfFreedom());
        prior.set("meanPrior", JsonFields.vector(m.fittedMeanPrior()));
        prior.set("covariancePrior", JsonFields.matrix(m.fittedCovariancePrior()));
        ObjectNode post = p.putObject("posterior");
        post.set("concentration", JsonFields.vector(m.concentrations()));
        if (m.stickConcentrations() != null) {
            post.set("stickConcentration", JsonFields.vector(m.stickConcentrations()));
        }
        post.set("beta", JsonFields.vector(m.beta()));
        post.set("nu", JsonFields.vector(m.degreesOfFreedom()));
        post.set("means", JsonFields.matrix(m.fittedMeans()));
        ArrayNode w = post.putArray("scaleInverses");
        for (double[][] c : m.fittedScaleInverses()) {
            w.add(JsonFields.matrix(c));
        }
        p.set("weights", JsonFields.vector(m.weights()));
        p.put("componentsInUse", m.k());
        p.set("movesMade", moves(m.moves()));
        p.put("reorders", m.reorders());
        p.put("effectiveComponents", m.effectiveComponents());
        p.put("trainingWeight", m.trainingWeight());
        p.put("lowerBound", m.lowerBound());
        JsonFields.trace(root, m.trace());
        ArrayNode notes = root.putArray("notes");
        m.notes().forEach(notes::add);
        return root;
    }

    /** The merges and deletes of a fit as the file holds them, one object each (read back by {@link #read}). */
    static ArrayNode moves(List<MoveEvent> moves) {
        ArrayNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (MoveEvent e : moves) {
            ObjectNode me = a.addObject();
            me.put("iteration", e.iteration());
            me.put("kind", e.kind().label());
            me.put("kept", e.kept());
            me.put("removed", e.removed());
            me.put("gain", e.gain());
            me.put("inUse", e.inUse());
        }
        return a;
    }

    static BayesianGaussianMixtureModel read(String name, JsonNode root, JsonFields.Reader r) {
        try {
            JsonNode s = r.object(root, "settings");
            BayesianGaussianMixtureBuilder b = BayesianGaussianMixture.builder().k(r.integer(s, "k"))
                    .covariance(CovarianceType.parse(r.text(s, "covariance")))
                    .weightPrior(WeightPrior.parse(r.text(s, "weightPrior"))).beta0(r.number(s, "beta0"))
                    .regCovar(r.number(s, "regCovar")).nInit(r.integer(s, "nInit")).maxIter(r.integer(s, "maxIter"))
                    .tol(r.number(s, "tol")).seed(r.longValue(s, "seed")).standardize(r.bool(s, "standardize"));
            // Files written before the moves existed were fitted without them.
            b.moves(s.has("moves") ? Move.parseSet(r.text(s, "moves")) : java.util.EnumSet.noneOf(Move.class));
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
            List<String> names = JsonFields.columnNames(root, r);
            Standardizer st = JsonFields.standardizer(root, r);
            JsonNode p = r.object(root, "parameters");
            JsonNode prior = r.in("parameters").object(p, "prior");
            JsonNode post = r.in("parameters").object(p, "posterior");
            JsonFields.Reader rpr = r.in("parameters.prior");
            JsonFields.Reader rpo = r.in("parameters.posterior");
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
            Training training = new Training(st, names, rows, r.number(p, "trainingWeight"), JsonFields.trace(root, r), notes);
            // Files written before the moves existed have none.
            List<MoveEvent> moves = new ArrayList<>();
            JsonNode mv = p.get("movesMade");
            if (mv != null) {
                if (!mv.isArray()) {
                    throw r.in("parameters").missing("movesMade", "an array of moves");
                }
                JsonFields.Reader rm = r.in("parameters.movesMade");
                for (JsonNode e : mv) {
                    moves.add(new MoveEvent(rm.integer(e, "iteration"), Move.parse(rm.text(e, "kind")),
                            rm.number(e, "kept"), rm.number(e, "removed"), rm.number(e, "gain"), rm.integer(e, "inUse")));
                }
            }
            int reorders = p.has("reorders") ? r.integer(p, "reorders") : 0;
            return BayesianGaussianMixtureModel.restore(settings, pr, po, training, r.number(p, "lowerBound"), moves,
                    reorders);
        } catch (BadInputException e) {
            throw new InputException(name + ": damaged model file: " + e.getMessage(), e);
        }
    }
}
