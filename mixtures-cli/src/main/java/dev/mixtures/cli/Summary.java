package dev.mixtures.cli;

import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The readable summary of a fit that {@code mixtures fit} prints. */
final class Summary {
    private Summary() {
    }

    static String kmeans(KMeansModel m, DataOptions.Loaded loaded, Path out, Path labels) {
        StringBuilder s = new StringBuilder();
        KMeans st = m.settings();
        List<String> cols = m.columnNames();
        s.append(String.format(Locale.ROOT, "K-means, k = %d, on %s: %d rows × %d columns (%s)%s%n", m.k(), loaded.source,
                m.trainingRows(), m.d(), String.join(", ", cols), loaded.data.hasWeights() ? ", weighted" : ""));
        if (loaded.csv != null && !loaded.csv.ignoredColumns().isEmpty()) {
            s.append("  skipped non-numeric column(s): ").append(String.join(", ", loaded.csv.ignoredColumns())).append('\n');
        }
        int restarts = st.init() == KMeans.Init.GIVEN ? 1 : st.nInit();
        s.append(String.format(Locale.ROOT, "  %s seeding, %d restart%s, seed %d, %s algorithm, %s kernel, %d thread%s%s%n",
                st.init().label(), restarts, restarts == 1 ? "" : "s", st.seed(), m.algorithm(), m.kernelName(), st.threads(),
                st.threads() == 1 ? "" : "s", st.standardize() ? ", standardized (population SD)" : ""));
        s.append('\n');
        s.append(String.format(Locale.ROOT, "%s after %d iteration%s (best restart: #%d of %d) in %.3f s%n",
                m.trace().converged() ? "Converged" : "Stopped at the iteration limit, not converged,", m.trace().iterations(),
                m.trace().iterations() == 1 ? "" : "s", m.trace().restart() + 1, restarts, m.trace().nanos() / 1e9));
        s.append(String.format(Locale.ROOT, "Cost J = %.7g (sum of squared distances to the centres%s)%n%n", m.inertia(),
                st.standardize() ? ", standardized units" : ""));

        double[][] orig = m.centresInOriginalUnits();
        double[] sizes = m.sizes();
        double total = 0;
        for (double v : sizes) {
            total += v;
        }
        int w = 10;
        for (String c : cols) {
            w = Math.max(w, Math.min(24, c.length() + 1));
        }
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-8s %10s %7s", "cluster", "size", "share"));
        for (String c : cols) {
            head.append(String.format(Locale.ROOT, " %" + w + "s", abbreviate(c, w)));
        }
        s.append("Centres").append(st.standardize() ? " in original units" : "").append(":\n");
        s.append(head).append('\n');
        for (int c = 0; c < m.k(); c++) {
            s.append(String.format(Locale.ROOT, "%-8d %10s %6.1f%%", c, number(sizes[c]), 100 * sizes[c] / total));
            for (double v : orig[c]) {
                s.append(String.format(Locale.ROOT, " %" + w + "s", FitCommand.fmt(v)));
            }
            s.append('\n');
        }
        if (st.standardize()) {
            double[][] z = m.centres();
            s.append("\nCentres in standardized units:\n");
            StringBuilder h2 = new StringBuilder(String.format(Locale.ROOT, "%-8s", "cluster"));
            for (String c : cols) {
                h2.append(String.format(Locale.ROOT, " %" + w + "s", abbreviate(c, w)));
            }
            s.append(h2).append('\n');
            for (int c = 0; c < m.k(); c++) {
                s.append(String.format(Locale.ROOT, "%-8d", c));
                for (double v : z[c]) {
                    s.append(String.format(Locale.ROOT, " %" + w + ".4f", v));
                }
                s.append('\n');
            }
        }
        double[] h = m.trace().history();
        if (h.length > 0) {
            s.append("\nJ per iteration: ");
            int shown = Math.min(h.length, 8);
            for (int i = 0; i < shown; i++) {
                s.append(i > 0 ? ", " : "").append(FitCommand.fmt(h[i]));
            }
            if (h.length > shown) {
                s.append(", … ").append(FitCommand.fmt(h[h.length - 1]));
            }
            s.append('\n');
        }
        if (out != null) {
            s.append("Model saved to ").append(out).append('\n');
        }
        if (labels != null) {
            s.append("Labels written to ").append(labels).append('\n');
        }
        return s.toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String abbreviate(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "…";
    }
}
