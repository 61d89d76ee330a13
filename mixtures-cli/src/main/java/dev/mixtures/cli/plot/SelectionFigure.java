package dev.mixtures.cli.plot;

import dev.mixtures.selection.Candidate;
import dev.mixtures.selection.SelectionResult;
import java.awt.Color;

/** The model-selection figure: a criterion (BIC, AIC, ICL) against K for each covariance structure. */
final class SelectionFigure {
    private SelectionFigure() {
    }

    /** The criterion against K, one line per covariance structure, the best cell marked. */
    static void draw(Canvas c, SelectionResult r) {
        java.util.List<dev.mixtures.gaussian.CovarianceType> types = new java.util.ArrayList<>();
        int kMin = Integer.MAX_VALUE;
        int kMax = Integer.MIN_VALUE;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Candidate cd : r.table()) {
            if (!types.contains(cd.covariance())) {
                types.add(cd.covariance());
            }
            kMin = Math.min(kMin, cd.k());
            kMax = Math.max(kMax, cd.k());
            if (cd.scored()) {
                lo = Math.min(lo, cd.score(r.criterion()));
                hi = Math.max(hi, cd.score(r.criterion()));
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double pad = 0.05 * (hi - lo > 0 ? hi - lo : 1);
        Panel p = new Panel(c, 90, 36, c.width() - 260, c.height() - 90, kMin - 0.3, kMax + 0.3, lo - pad, hi + pad);
        String crit = r.criterion().name();
        p.integerX = true;
        p.axes("number of components K", crit + " (lower is better)", crit + " against K, one line per structure");
        for (int t = 0; t < types.size(); t++) {
            double[] xs = new double[kMax - kMin + 1];
            double[] ys = new double[xs.length];
            int n = 0;
            c.begin("criterion " + types.get(t).label());
            for (Candidate cd : r.table()) {
                if (cd.covariance() != types.get(t)) {
                    continue;
                }
                if (cd.scored()) {
                    xs[n] = p.px(cd.k());
                    ys[n] = p.py(cd.score(r.criterion()));
                    c.point(xs[n], ys[n], 3.5, Figures.colour(t));
                    n++;
                } else if (n > 0) {
                    c.polyline(xs, ys, n, Figures.colour(t), 2, false);
                    n = 0;
                }
            }
            if (n > 0) {
                c.polyline(xs, ys, n, Figures.colour(t), 2, false);
            }
            c.end();
            double ly = 50 + t * 20;
            c.rect(c.width() - 160, ly - 9, 14, 10, Figures.colour(t));
            c.text(c.width() - 140, ly, types.get(t).label() + " (" + types.get(t).mclustName() + ")", 12, -1, Panel.INK,
                    false, false);
        }
        if (r.best() != null) {
            Candidate b = r.best();
            c.point(p.px(b.k()), p.py(b.score(r.criterion())), 7, new Color(0, 0, 0, 60));
            c.text(c.width() - 160, 50 + types.size() * 20 + 10, "best: " + b.covariance().label() + ", K = " + b.k(), 12, -1,
                    Panel.INK, false, true);
        }
    }
}
