package dev.mixtures.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What {@code mixtures fit --model gmm} prints: a readable summary, or one JSON object. */
final class GmmReport {
    private GmmReport() {
    }

    static String json(GaussianMixtureModel m, DataOptions.Loaded loaded) {
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
        o.set("means", FitCommand.matrix(om, m.means()));
        ArrayNode cov = o.putArray("covariances");
        for (double[][] c : m.covariances()) {
            cov.add(FitCommand.matrix(om, c));
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

    static String summary(GaussianMixtureModel m, DataOptions.Loaded loaded, Path out, Path labels, Path proba) {
        StringBuilder s = new StringBuilder();
        GaussianMixture st = m.settings();
        List<String> cols = m.columnNames();
        s.append(String.format(Locale.ROOT, "Gaussian mixture, k = %d, %s covariances (mclust %s), on %s: %d rows × %d columns (%s)%s%n",
                m.k(), m.covarianceType().label(), m.covarianceType().mclustName(), loaded.source, m.trainingRows(), m.d(),
                String.join(", ", cols), loaded.data.hasWeights() ? ", weighted" : ""));
        if (loaded.csv != null && !loaded.csv.ignoredColumns().isEmpty()) {
            s.append("  skipped non-numeric column(s): ").append(String.join(", ", loaded.csv.ignoredColumns())).append('\n');
        }
        int starts = st.init() == GaussianMixture.Init.GIVEN ? 1 : st.nInit();
        s.append(String.format(Locale.ROOT, "  %s start, %d start%s, seed %d, reg-covar %s, tol %s, %s kernel, %d thread%s%s%n",
                st.init().label(), starts, starts == 1 ? "" : "s", st.seed(), compact(st.regCovar()), compact(st.tol()), m.kernelName(), st.threads(), st.threads() == 1 ? "" : "s",
                st.standardize() ? ", standardized (population SD)" : ""));
        s.append('\n');
        s.append(String.format(Locale.ROOT, "%s after %d iteration%s (best start: #%d of %d) in %.3f s%n",
                m.converged() ? "Converged" : "Stopped at the iteration limit, not converged,", m.trace().iterations(),
                m.trace().iterations() == 1 ? "" : "s", m.trace().restart() + 1, starts, m.trace().nanos() / 1e9));
        s.append(String.format(Locale.ROOT, "Log-likelihood ln L = %.4f (%.6f per %s), %d free parameters%n",
                m.logLikelihood(), m.meanLogLikelihood(), loaded.data.hasWeights() ? "unit of row weight" : "row",
                m.parameterCount()));
        s.append(String.format(Locale.ROOT, "BIC = %.4f, AIC = %.4f (lower is better; mclust reports BIC with the other sign)%n%n",
                m.bic(), m.aic()));
        int w = 10;
        for (String c : cols) {
            w = Math.max(w, Math.min(24, c.length() + 1));
        }
        double[] weights = m.weights();
        double[] sizes = m.sizes();
        double[][] means = m.means();
        double[][][] cov = m.covariances();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s %8s %10s", "component", "weight", "size"));
        for (String c : cols) {
            head.append(String.format(Locale.ROOT, " %" + w + "s", abbreviate(c, w)));
        }
        s.append("Means").append(st.standardize() ? " (original units)" : "").append(":\n").append(head).append('\n');
        for (int c = 0; c < m.k(); c++) {
            s.append(String.format(Locale.ROOT, "%-10d %8.4f %10.2f", c, weights[c], sizes[c]));
            for (double v : means[c]) {
                s.append(String.format(Locale.ROOT, " %" + w + "s", FitCommand.fmt(v)));
            }
            s.append('\n');
        }

        StringBuilder h2 = new StringBuilder(String.format(Locale.ROOT, "%-10s", "component"));
        for (String c : cols) {
            h2.append(String.format(Locale.ROOT, " %" + w + "s", abbreviate(c, w)));
        }
        boolean showCorr = m.d() > 1 && m.d() <= 4 && m.covarianceType().hasOffDiagonal();
        s.append("\nStandard deviations").append(showCorr ? " and correlations" : "").append(":\n");
        if (showCorr) {
            for (int i = 0; i < m.d(); i++) {
                for (int j = 0; j < i; j++) {
                    h2.append(String.format(Locale.ROOT, " %" + w + "s", abbreviate("corr " + (j + 1) + "," + (i + 1), w)));
                }
            }
        }
        s.append(h2).append('\n');
        for (int c = 0; c < m.k(); c++) {
            s.append(String.format(Locale.ROOT, "%-10d", c));
            for (int i = 0; i < m.d(); i++) {
                s.append(String.format(Locale.ROOT, " %" + w + "s", FitCommand.fmt(Math.sqrt(cov[c][i][i]))));
            }
            if (showCorr) {
                for (int i = 0; i < m.d(); i++) {
                    for (int j = 0; j < i; j++) {
                        double r = cov[c][i][j] / Math.sqrt(cov[c][i][i] * cov[c][j][j]);
                        s.append(String.format(Locale.ROOT, " %" + w + ".4f", r));
                    }
                }
            }
            s.append('\n');
        }
        if (m.covarianceType().hasOffDiagonal() && m.d() > 4) {
            s.append("(full covariance matrices: --json or --out)\n");
        }
        double[] h = m.trace().history();
        if (h.length > 0) {
            s.append("\nln L per iteration: ");
            int shown = Math.min(h.length, 6);
            for (int i = 0; i < shown; i++) {
                s.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, "%.4f", h[i]));
            }
            if (h.length > shown) {
                s.append(", … ").append(String.format(Locale.ROOT, "%.4f", h[h.length - 1]));
            }
            s.append(String.format(Locale.ROOT, "; final %.4f%n", m.logLikelihood()));
        }
        for (String note : m.notes()) {
            s.append("Note: ").append(note).append('\n');
        }
        if (out != null) {
            s.append("Model saved to ").append(out).append('\n');
        }
        if (labels != null) {
            s.append("Labels written to ").append(labels).append('\n');
        }
        if (proba != null) {
            s.append("Responsibilities written to ").append(proba).append('\n');
        }
        return s.toString();
    }

    private static String compact(double v) {
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toString();
    }

    private static String abbreviate(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "…";
    }
}
