package dev.mixtures.cli;

import dev.mixtures.FittedModel;
import dev.mixtures.Version;
import dev.mixtures.cli.plot.Figures;
import dev.mixtures.cli.plot.Plots;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.selection.Candidate;
import dev.mixtures.selection.SelectionResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTML report of a fit: one self-contained file (inline SVG and CSS, no script, nothing
 * fetched), with the settings and summary, the selection table when K was chosen, and the figures.
 */
final class Report {
    private Report() {
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The figures a model has: all seven for mixtures with a density, three for K-means. */
    static List<Figures.Kind> kinds(FittedModel m, boolean selection) {
        List<Figures.Kind> k = new ArrayList<>();
        k.add(Figures.Kind.DATA);
        k.add(Figures.Kind.CLUSTERS);
        if (m instanceof MixtureDensity) {
            k.add(Figures.Kind.RESPONSIBILITIES);
            k.add(Figures.Kind.DENSITY);
            k.add(Figures.Kind.POSTERIOR);
        }
        k.add(Figures.Kind.PROGRESS);
        if (m instanceof MixtureDensity) {
            k.add(Figures.Kind.SAMPLES);
        }
        if (selection) {
            k.add(Figures.Kind.SELECTION);
        }
        return k;
    }

    private static String caption(Figures.Kind k) {
        switch (k) {
            case DATA:
                return "The data.";
            case CLUSTERS:
                return "Hard assignments in colour, with the prototypes (K-means) or 1- and 2-σ covariance ellipses.";
            case RESPONSIBILITIES:
                return "Responsibilities as a colour mix: each point is coloured Σ_k r_nk · colour_k.";
            case DENSITY:
                return "Contours of the fitted density (for the Bayesian mixture, of its predictive density).";
            case POSTERIOR:
                return "The posterior probability of each component over the plane, as a colour mix.";
            case PROGRESS:
                return "The fit after 1, 2, 5 and 20 iterations from the same start, and the objective per iteration.";
            case SAMPLES:
                return "As many points drawn from the model as there are rows, beside the data.";
            default:
                return "The selection criterion against K, one line per covariance structure.";
        }
    }

    static String html(FittedModel m, DataOptions.Loaded loaded, String summary, SelectionResult selection) {
        StringBuilder h = new StringBuilder();
        String title = "mixtures report: " + m.kind() + ", k = " + m.k() + ", " + loaded.source;
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title))
                .append("</title>\n<style>\n")
                .append("body{font-family:'DejaVu Sans',Helvetica,Arial,sans-serif;margin:2em auto;max-width:1240px;color:#222}\n")
                .append("pre{background:#f6f6f6;padding:1em;overflow-x:auto;font-size:13px}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;"
                        + "text-align:right;font-variant-numeric:tabular-nums}th{background:#f0f0f0}\n")
                .append("td.best{font-weight:bold;background:#eaf2fa}td.none{color:#999}\n")
                .append("figure{margin:1.5em 0}figcaption{color:#555;font-size:14px}svg{max-width:100%;height:auto}\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(esc(title)).append("</h1>\n");
        h.append("<p>Made by mixtures ").append(esc(Version.VERSION)).append(": ").append(loaded.data.n()).append(" rows × ")
                .append(loaded.data.d()).append(" columns (").append(esc(String.join(", ", loaded.data.columnNames())))
                .append(").</p>\n");
        h.append("<h2>Settings and summary</h2>\n<pre class=\"summary\">").append(esc(summary)).append("</pre>\n");
        if (selection != null) {
            h.append("<h2>Model selection</h2>\n").append(table(selection));
        }
        h.append("<h2>Figures</h2>\n");
        List<Figures.Kind> kinds = kinds(m, selection != null);
        List<String> svgs = Plots.svgs(kinds, m, loaded.data, selection);
        for (int i = 0; i < kinds.size(); i++) {
            Figures.Kind k = kinds.get(i);
            String svg = svgs.get(i);
            h.append("<figure id=\"figure-").append(k.label()).append("\">\n").append(svg).append("<figcaption>")
                    .append(esc(caption(k))).append("</figcaption>\n</figure>\n");
        }
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static String table(SelectionResult r) {
        List<CovarianceType> types = new ArrayList<>();
        for (Candidate c : r.table()) {
            if (!types.contains(c.covariance())) {
                types.add(c.covariance());
            }
        }
        List<Candidate> ranked = r.ranked();
        StringBuilder t = new StringBuilder("<table class=\"selection\">\n<tr><th>K</th>");
        for (CovarianceType c : types) {
            t.append("<th>").append(c.label()).append(" (").append(c.mclustName()).append(")</th>");
        }
        t.append("</tr>\n");
        for (int i = 0; i < r.table().size(); i += types.size()) {
            t.append("<tr><th>").append(r.table().get(i).k()).append("</th>");
            for (int j = 0; j < types.size(); j++) {
                Candidate c = r.table().get(i + j);
                if (c.scored()) {
                    int rank = ranked.indexOf(c);
                    t.append(rank == 0 ? "<td class=\"best\">" : "<td>").append(String.format(Locale.ROOT, "%.3f",
                            c.score(r.criterion()))).append(rank < 3 ? " [" + (rank + 1) + "]" : "").append("</td>");
                } else {
                    t.append("<td class=\"none\" title=\"").append(esc(c.reason())).append("\">").append(c.status().label())
                            .append("</td>");
                }
            }
            t.append("</tr>\n");
        }
        return t.append("</table>\n<p>").append(r.criterion().name())
                .append(", lower is better; [1]–[3] mark the best three; hover a cell without a score for the reason.</p>\n")
                .toString();
    }
}
