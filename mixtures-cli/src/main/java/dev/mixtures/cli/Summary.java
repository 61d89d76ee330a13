package dev.mixtures.cli;

import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.gaussian.Move;
import dev.mixtures.gaussian.MoveEvent;
import dev.mixtures.gaussian.WeightPrior;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.metrics.Agreement;
import dev.mixtures.metrics.Contingency;
import dev.mixtures.selection.Candidate;
import dev.mixtures.selection.Criterion;
import dev.mixtures.selection.ModelSelection;
import dev.mixtures.selection.SelectionResult;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The readable summary of a fit that {@code mixtures fit} prints, for each kind of model. */
final class Summary {
    private Summary() {
    }

    static String kmeans(KMeansModel m, DataOptions.Loaded loaded, Path out, Path labels) {
        StringBuilder s = new StringBuilder();
        KMeans st = m.settings();
        List<String> cols = m.columnNames();
        s.append(String.format(Locale.ROOT, "K-means, k = %d, on %s: %d rows × %d columns (%s)%s%n", m.k(), loaded.source,
                m.trainingRows(), m.d(), columnList(cols), loaded.data.hasWeights() ? ", weighted" : ""));
        if (loaded.csv != null && !loaded.csv.ignoredColumns().isEmpty()) {
            s.append("  skipped non-numeric column(s): ").append(columnList(loaded.csv.ignoredColumns())).append('\n');
        }
        boolean miniBatch = st.algorithm() == KMeans.Algorithm.MINIBATCH;
        int restarts = st.init() == KMeans.Init.GIVEN ? 1 : st.nInit();
        String starts = miniBatch && st.init() != KMeans.Init.GIVEN
                ? String.format(Locale.ROOT, "best of %d on samples of %d rows", restarts, st.seedSampleRows(m.trainingRows()))
                : restarts + " restart" + (restarts == 1 ? "" : "s");
        s.append(String.format(Locale.ROOT, "  %s seeding, %s, seed %d, %s algorithm%s, %s kernel, %d thread%s%s%n",
                st.init().label(), starts, st.seed(), m.algorithm(), miniBatch ? " (batches of " + st.batchSize() + ")" : "",
                m.kernelName(), st.threads(), st.threads() == 1 ? "" : "s",
                st.standardize() ? ", standardized (population SD)" : ""));
        s.append('\n');
        s.append(String.format(Locale.ROOT, "%s after %d %s%s%s in %.3f s%n",
                m.trace().converged() ? "Converged" : "Stopped at the iteration limit, not converged,", m.trace().iterations(),
                miniBatch ? "batch" : "iteration", m.trace().iterations() == 1 ? "" : (miniBatch ? "es" : "s"),
                miniBatch ? "" : String.format(Locale.ROOT, " (best restart: #%d of %d)", m.trace().restart() + 1, restarts),
                m.trace().nanos() / 1e9));
        s.append(String.format(Locale.ROOT, "Cost J = %.7g (sum of squared distances to the centres%s)%n%n", m.inertia(),
                st.standardize() ? ", standardized units" : ""));

        double[][] orig = m.centresInOriginalUnits();
        double[] sizes = m.sizes();
        double total = 0;
        for (double v : sizes) {
            total += v;
        }
        int w = columnWidth(cols);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s %10s %7s", "cluster", "size", "share"));
        columnHeads(head, cols, w);
        s.append("Centres").append(st.standardize() ? " in original units" : "").append(":\n");
        s.append(head).append('\n');
        for (int c = 0; c < m.k(); c++) {
            s.append(String.format(Locale.ROOT, "%-8d %10s %6.1f%%", c, number(sizes[c]), 100 * sizes[c] / total));
            for (double v : orig[c]) {
                s.append(String.format(Locale.ROOT, " %" + w + "s", fmt(v)));
            }
            s.append('\n');
        }
        if (st.standardize()) {
            double[][] z = m.centres();
            s.append("\nCentres in standardized units:\n");
            StringBuilder h2 = new StringBuilder(String.format(Locale.ROOT, "%-8s", "cluster"));
            columnHeads(h2, cols, w);
            s.append(h2).append('\n');
            for (int c = 0; c < m.k(); c++) {
                s.append(String.format(Locale.ROOT, "%-8d", c));
                for (double v : z[c]) {
                    s.append(String.format(Locale.ROOT, " %" + w + ".4f", v));
                }
                s.append('\n');
            }
        }
        history(s, "J", m.trace().history(), 8, Summary::fmt);
        s.append('\n');
        outputs(s, out, labels, null);
        return s.toString();
    }

    static String gmm(GaussianMixtureModel m, DataOptions.Loaded loaded, Path out, Path labels, Path proba) {
        StringBuilder s = new StringBuilder();
        GaussianMixture st = m.settings();
        List<String> cols = m.columnNames();
        CovarianceType t = m.covarianceType();
        String structure = t.label().equals(t.mclustName()) ? t.label() + " covariances"
                : t.label() + " covariances (mclust " + t.mclustName() + ")";
        s.append(String.format(Locale.ROOT, "Gaussian mixture, k = %d, %s, on %s: %d rows × %d columns (%s)%s%n",
                m.k(), structure, loaded.source, m.trainingRows(), m.d(),
                columnList(cols), loaded.data.hasWeights() ? ", weighted" : ""));
        if (loaded.csv != null && !loaded.csv.ignoredColumns().isEmpty()) {
            s.append("  skipped non-numeric column(s): ").append(columnList(loaded.csv.ignoredColumns())).append('\n');
        }
        int starts = st.init() == StartMethod.GIVEN ? 1 : st.nInit();
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
        int[] all = new int[m.k()];
        for (int c = 0; c < all.length; c++) {
            all[c] = c;
        }
        components(s, m, all, m.sizes(), "weight", st.standardize(), "");
        java.util.function.DoubleFunction<String> f4 = v -> String.format(Locale.ROOT, "%.4f", v);
        if (history(s, "ln L", m.trace().history(), 6, f4)) {
            s.append("; final ").append(f4.apply(m.logLikelihood()));
        }
        s.append('\n');
        for (String note : m.notes()) {
            s.append("Note: ").append(note).append('\n');
        }
        outputs(s, out, labels, proba);
        return s.toString();
    }

    static String vb(BayesianGaussianMixtureModel m, DataOptions.Loaded loaded, Path out, Path labels, Path proba) {
        StringBuilder s = new StringBuilder();
        BayesianGaussianMixture st = m.settings();
        List<String> cols = m.columnNames();
        s.append(String.format(Locale.ROOT, "Bayesian Gaussian mixture (variational, PRML §10.2), up to K = %d components, %s"
                + " covariances, on %s: %d rows × %d columns (%s)%s%n", st.k(), m.covarianceType().label(), loaded.source,
                m.trainingRows(), m.d(), columnList(cols), loaded.data.hasWeights() ? ", weighted" : ""));
        if (loaded.csv != null && !loaded.csv.ignoredColumns().isEmpty()) {
            s.append("  skipped non-numeric column(s): ").append(columnList(loaded.csv.ignoredColumns())).append('\n');
        }
        boolean dp = m.weightPrior() == WeightPrior.DIRICHLET_PROCESS;
        s.append(String.format(Locale.ROOT, "  priors: %s weights, %s = %s; β0 = %s, ν0 = %s, m0 = %s, W0⁻¹ = %s%n",
                dp ? "Dirichlet-process (stick-breaking)" : "Dirichlet", dp ? "γ0" : "α0", compact(m.priorConcentration()),
                compact(m.priorBeta()), compact(m.priorDegreesOfFreedom()),
                st.meanPrior() == null ? "the data mean" : "given", st.covariancePrior() == null ? "the data covariance" : "given"));
        int starts = st.init() == StartMethod.GIVEN ? 1 : st.nInit();
        s.append(String.format(Locale.ROOT, "  %s start, %d start%s, moves %s, seed %d, reg-covar %s, tol %s, %d thread%s%s%n",
                st.init().label(), starts, starts == 1 ? "" : "s", Move.labels(st.moves()), st.seed(),
                compact(st.regCovar()), compact(st.tol()), st.threads(), st.threads() == 1 ? "" : "s",
                st.standardize() ? ", standardized (population SD)" : ""));
        s.append('\n');
        s.append(String.format(Locale.ROOT, "%s after %d iteration%s (best start: #%d of %d) in %.3f s%n",
                m.converged() ? "Converged" : "Stopped at the iteration limit, not converged,", m.trace().iterations(),
                m.trace().iterations() == 1 ? "" : "s", m.trace().restart() + 1, starts, m.trace().nanos() / 1e9));
        s.append(String.format(Locale.ROOT, "Lower bound L = %.4f on ln p(X) (%.6f per %s), all constants included%n",
                m.lowerBound(), m.lowerBound() / m.trainingWeight(), loaded.data.hasWeights() ? "unit of row weight" : "row"));
        boolean[] eff = m.effective();
        int ne = m.effectiveComponents();
        if (m.k() < st.k()) {
            s.append(String.format(Locale.ROOT, "Components in use: %d of K = %d (the others merged or deleted by moves)%n",
                    m.k(), st.k()));
        }
        String moves = moves(m.moves(), st.k());
        if (moves != null) {
            s.append("Moves: ").append(moves).append('\n');
        }
        s.append(String.format(Locale.ROOT, "Effective components: %d of %d (N_k ≥ 1 and E[π_k] ≥ 0.001)%n%n", ne, m.k()));
        int[] shown = new int[ne];
        StringBuilder off = new StringBuilder();
        for (int c = 0, q = 0; c < m.k(); c++) {
            if (eff[c]) {
                shown[q++] = c;
            } else {
                off.append(off.length() > 0 ? ", " : "").append(c);
            }
        }
        components(s, m, shown, m.sizes(), "E[weight]", st.standardize(), " of E[Λ]⁻¹");
        if (off.length() > 0) {
            s.append("Switched off: component").append(off.indexOf(",") >= 0 ? "s " : " ").append(off)
                    .append(" (they keep about their prior; --json lists them)\n");
        }
        java.util.function.DoubleFunction<String> f4 = v -> String.format(Locale.ROOT, "%.4f", v);
        if (history(s, "Bound", m.trace().history(), 6, f4)) {
            s.append("; final ").append(f4.apply(m.lowerBound()));
        }
        s.append('\n');
        for (String note : m.notes()) {
            s.append("Note: ").append(note).append('\n');
        }
        outputs(s, out, labels, proba);
        return s.toString();
    }

    /**
     * The Bayesian mixture's merges and deletes by iteration, with the components in use after
     * each ("iteration 6: 2 merges, 10 → 8 in use; …"), or null when it made none; at most four
     * iterations, then the last.
     */
    static String moves(List<MoveEvent> events, int k) {
        if (events.isEmpty()) {
            return null;
        }
        List<String> parts = new java.util.ArrayList<>();
        int inUse = k;
        for (int i = 0; i < events.size();) {
            int it = events.get(i).iteration();
            int merges = 0;
            int deletes = 0;
            int before = inUse;
            for (; i < events.size() && events.get(i).iteration() == it; i++) {
                if (events.get(i).kind() == Move.MERGE) {
                    merges++;
                } else {
                    deletes++;
                }
                inUse = events.get(i).inUse();
            }
            StringBuilder p = new StringBuilder("iteration ").append(it).append(": ");
            if (merges > 0) {
                p.append(merges).append(merges == 1 ? " merge" : " merges");
            }
            if (deletes > 0) {
                p.append(merges > 0 ? ", " : "").append(deletes).append(deletes == 1 ? " delete" : " deletes");
            }
            parts.add(p.append(", ").append(before).append(" → ").append(inUse).append(" in use").toString());
        }
        if (parts.size() > 5) {
            String last = parts.get(parts.size() - 1);
            int hidden = parts.size() - 5;
            parts = new java.util.ArrayList<>(parts.subList(0, 4));
            parts.add("… (" + hidden + " more) " + last);
        }
        return String.join("; ", parts);
    }

    /**
     * The tables of means (with weights and sizes) and of standard deviations (with correlations
     * for d ≤ 4) of the components {@code shown}, in original units.
     */
    private static void components(StringBuilder s, MixtureDensity m, int[] shown, double[] sizes, String weightHead,
            boolean standardized, String sdOf) {
        List<String> cols = m.columnNames();
        int w = columnWidth(cols);
        double[] weights = m.weights();
        double[][] means = m.means();
        double[][][] cov = m.covariances();
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s %9s %10s", "component", weightHead, "size"));
        columnHeads(head, cols, w);
        s.append("Means").append(standardized ? " (original units)" : "").append(":\n").append(head).append('\n');
        for (int c : shown) {
            s.append(String.format(Locale.ROOT, "%-10d %9.4f %10.2f", c, weights[c], sizes[c]));
            for (double v : means[c]) {
                s.append(String.format(Locale.ROOT, " %" + w + "s", fmt(v)));
            }
            s.append('\n');
        }
        StringBuilder h2 = new StringBuilder(String.format(Locale.ROOT, "%-10s", "component"));
        columnHeads(h2, cols, w);
        CovarianceType type = m.covarianceType();
        boolean showCorr = m.d() > 1 && m.d() <= 4 && type.hasOffDiagonal();
        s.append("\nStandard deviations").append(showCorr ? " and correlations" : "").append(sdOf).append(":\n");
        if (showCorr) {
            for (int i = 0; i < m.d(); i++) {
                for (int j = 0; j < i; j++) {
                    h2.append(String.format(Locale.ROOT, " %" + w + "s", abbreviate("corr " + (j + 1) + "," + (i + 1), w)));
                }
            }
        }
        s.append(h2).append('\n');
        for (int c : shown) {
            s.append(String.format(Locale.ROOT, "%-10d", c));
            for (int i = 0; i < m.d(); i++) {
                s.append(String.format(Locale.ROOT, " %" + w + "s", fmt(Math.sqrt(cov[c][i][i]))));
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
        if (type.hasOffDiagonal() && m.d() > 4) {
            s.append("(full covariance matrices: --json or --out)\n");
        }
    }

    /** The selection table as mclust prints it: rows K, columns structures; the best three marked. */
    static String selection(SelectionResult r, ModelSelection sel, DataOptions.Loaded loaded, Path out) {
        StringBuilder s = new StringBuilder();
        Criterion crit = r.criterion();
        String name = crit.name();
        s.append(String.format(Locale.ROOT, "Gaussian mixtures ranked by %s (lower is better; mclust reports %s with the other"
                + " sign), K = %d..%d × %d model%s, %s%d start%s each, on %s: %d rows × %d columns%s%n", name,
                crit == Criterion.AIC ? "no AIC, and BIC" : name, sel.kMin(), sel.kMax(), sel.structures().size(),
                sel.structures().size() == 1 ? "" : "s", sel.hierarchical() ? "hc + " : "", sel.nInit(),
                sel.nInit() == 1 ? "" : "s", loaded.source,
                loaded.data.n(), loaded.data.d(), sel.standardize() ? ", standardized" : ""));
        s.append('\n');
        List<Candidate> ranked = r.ranked();
        // mclust's names as columns, in blocks of seven so that a line stays short; as wide as the widest score.
        int perRow = sel.structures().size();
        List<Candidate> table = r.table();
        int w = 12;
        for (Candidate x : table) {
            w = Math.max(w, (x.scored() ? String.format(Locale.ROOT, "%.3f", x.score(crit)) : x.status().label()).length() + 4);
        }
        for (int from = 0; from < perRow; from += 7) {
            int to = Math.min(perRow, from + 7);
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%4s", "K"));
            for (CovarianceType t : sel.structures().subList(from, to)) {
                head.append(String.format(Locale.ROOT, " %" + w + "s", t.mclustName() + "    "));
            }
            s.append(from > 0 ? "\n" : "").append(head).append('\n');
            for (int row = 0; row < table.size() / perRow; row++) {
                s.append(String.format(Locale.ROOT, "%4d", table.get(row * perRow).k()));
                for (int c = from; c < to; c++) {
                    Candidate x = table.get(row * perRow + c);
                    String cell;
                    if (x.scored()) {
                        int rank = ranked.indexOf(x);
                        cell = String.format(Locale.ROOT, "%.3f", x.score(crit)) + (rank < 3 ? " [" + (rank + 1) + "]" : "    ");
                    } else {
                        cell = x.status().label() + "    ";
                    }
                    s.append(String.format(Locale.ROOT, " %" + w + "s", cell));
                }
                s.append('\n');
            }
        }
        s.append('\n');
        Candidate best = r.best();
        if (best == null) {
            s.append("No candidate could be scored.\n");
        } else {
            s.append(String.format(Locale.ROOT, "Best by %s: %s (%s), K = %d: %s = %.3f, ln L = %.4f, %d free parameters%n",
                    name, best.covariance().label(), best.covariance().mclustName(), best.k(), name, best.score(crit),
                    best.logLikelihood(), best.parameters()));
            StringBuilder top = new StringBuilder();
            for (int i = 0; i < Math.min(3, ranked.size()); i++) {
                Candidate x = ranked.get(i);
                top.append(i > 0 ? "; " : "").append(String.format(Locale.ROOT, "%s,%d %.3f", x.covariance().mclustName(),
                        x.k(), x.score(crit)));
            }
            s.append("Top three: ").append(top).append('\n');
        }
        if (r.bayesian() != null) {
            s.append(String.format(Locale.ROOT, "Bayesian mixture beside it (K = %d, %s covariances, α0 = 1/K): %d effective"
                    + " component%s%s%n", r.bayesian().settings().k(), r.bayesian().covarianceType().label(),
                    r.bayesian().effectiveComponents(), r.bayesian().effectiveComponents() == 1 ? "" : "s",
                    r.bayesian().converged() ? "" : " (its bound was still rising after " + r.bayesian().trace().iterations()
                            + " iterations)"));
        } else if (r.bayesianFailure() != null) {
            s.append("Bayesian mixture beside it: could not be fitted (").append(r.bayesianFailure()).append(")\n");
        }
        boolean any = false;
        for (Candidate x : table) {
            if (!x.scored()) {
                if (!any) {
                    s.append("\nWithout a score:\n");
                    any = true;
                }
                s.append(String.format(Locale.ROOT, "  %s, K = %d: %s%n", x.covariance().mclustName(), x.k(), x.reason()));
            }
        }
        s.append(String.format(Locale.ROOT, "%nTime: %.2f s%n", r.nanos() / 1e9));
        if (out != null) {
            s.append("Best model saved to ").append(out).append('\n');
        }
        return s.toString();
    }

    /** One line saying how fit chose K and the structure, and what came next. */
    static String chosen(SelectionResult r, ModelSelection sel) {
        Candidate best = r.best();
        List<Candidate> ranked = r.ranked();
        String next = ranked.size() > 1 ? String.format(Locale.ROOT, "; next: %s, K = %d (%.3f)",
                ranked.get(1).covariance().mclustName(), ranked.get(1).k(), ranked.get(1).score(r.criterion())) : "";
        String vb = r.bayesian() != null ? String.format(Locale.ROOT, "%nThe Bayesian mixture (K = %d, %s) keeps %d effective"
                + " component%s.", r.bayesian().k(), r.bayesian().covarianceType().label(),
                r.bayesian().effectiveComponents(), r.bayesian().effectiveComponents() == 1 ? "" : "s") : "";
        return String.format(Locale.ROOT, "K and covariance chosen by %s among K = %d..%d × %s: %s, K = %d (%s %.3f)%s."
                + " Table: mixtures select.%s%n%n", r.criterion().name(), sel.kMin(), sel.kMax(),
                sel.structures().size() == CovarianceType.values().length ? "mclust's fourteen models"
                        : sel.structures().stream().map(CovarianceType::mclustName).toList().toString(),
                best.covariance().mclustName(), best.k(), r.criterion().name(), best.score(r.criterion()), next, vb);
    }

    /** The agreement of the labels with known classes: ARI, NMI and the contingency table. */
    static String agreement(Contingency c, String truthName) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%nAgainst the known classes (%s): adjusted Rand index %.4f, NMI %.4f"
                + " (arithmetic mean), Rand index %.4f%n", truthName, Agreement.adjustedRand(c),
                Agreement.normalizedMutualInformation(c), Agreement.randIndex(c)));
        s.append(contingency(c));
        return s.toString();
    }

    /** The contingency table: classes by rows, clusters by columns. */
    static String contingency(Contingency c) {
        StringBuilder s = new StringBuilder();
        String[] cls = c.classes();
        String[] clu = c.clusters();
        long[][] t = c.counts();
        int w0 = 8;
        for (String x : cls) {
            w0 = Math.max(w0, Math.min(24, x.length()));
        }
        int w = 6;
        for (String x : clu) {
            w = Math.max(w, Math.min(16, x.length()));
        }
        for (long[] row : t) {
            for (long v : row) {
                w = Math.max(w, Long.toString(v).length());
            }
        }
        s.append(String.format(Locale.ROOT, "%-" + w0 + "s", "class"));
        for (String x : clu) {
            s.append(String.format(Locale.ROOT, " %" + w + "s", abbreviate(x, w)));
        }
        s.append('\n');
        for (int i = 0; i < cls.length; i++) {
            s.append(String.format(Locale.ROOT, "%-" + w0 + "s", abbreviate(cls[i], w0)));
            for (long v : t[i]) {
                s.append(String.format(Locale.ROOT, " %" + w + "d", v));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** Width of a column of numbers headed by column names (10 to 24 characters). */
    private static int columnWidth(List<String> cols) {
        int w = 10;
        for (String c : cols) {
            w = Math.max(w, Math.min(24, c.length() + 1));
        }
        return w;
    }

    private static void columnHeads(StringBuilder head, List<String> cols, int w) {
        for (String c : cols) {
            head.append(String.format(Locale.ROOT, " %" + w + "s", abbreviate(c, w)));
        }
    }

    /** "\nNAME per iteration: first few, … last" (no line end); false when there is no history. */
    private static boolean history(StringBuilder s, String name, double[] h, int shown,
            java.util.function.DoubleFunction<String> format) {
        if (h.length == 0) {
            return false;
        }
        s.append('\n').append(name).append(" per iteration: ");
        int first = Math.min(h.length, shown);
        for (int i = 0; i < first; i++) {
            s.append(i > 0 ? ", " : "").append(format.apply(h[i]));
        }
        if (h.length > first) {
            s.append(", … ").append(format.apply(h[h.length - 1]));
        }
        return true;
    }

    /** The most column names a summary's first line lists. */
    static final int LISTED_COLUMNS = 8;

    /**
     * Column names for a summary's first line: all of them when there are few, else the first six,
     * an ellipsis and the last ("p0, p1, …, p63").
     */
    static String columnList(List<String> cols) {
        if (cols.size() <= LISTED_COLUMNS) {
            return String.join(", ", cols);
        }
        return String.join(", ", cols.subList(0, LISTED_COLUMNS - 2)) + ", …, " + cols.get(cols.size() - 1);
    }

    private static void outputs(StringBuilder s, Path out, Path labels, Path proba) {
        if (out != null) {
            s.append("Model saved to ").append(where(out)).append('\n');
        }
        if (labels != null) {
            s.append("Labels written to ").append(where(labels)).append('\n');
        }
        if (proba != null) {
            s.append("Responsibilities written to ").append(where(proba)).append('\n');
        }
    }

    private static String where(Path p) {
        return FitCommand.isStdout(p) ? "standard output" : p.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }

    /** Shortest exact form: plain between 1e-4 and 1e7, else like 1e-8. */
    private static String compact(double v) {
        java.math.BigDecimal b = new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros();
        double a = Math.abs(v);
        if (a == 0 || (a >= 1e-4 && a < 1e7)) {
            return b.toPlainString();
        }
        return b.toString().replace("E+", "e").replace("E", "e");
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String abbreviate(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "…";
    }
}
