package dev.mixtures.cli.plot;

import dev.mixtures.FittedModel;
import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.io.InputException;
import dev.mixtures.kmeans.KMeansModel;
import dev.mixtures.selection.SelectionResult;
import java.awt.Color;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The lecture's figures of a fitted model and its data (issue 6): the data, hard assignments
 * with prototypes or 1- and 2-σ ellipses, responsibilities as a colour mix, density contours
 * (marching squares), the posterior probability map, progress of the fit, samples beside the data,
 * and the selection criteria against K. At most {@value #MAX_POINTS} points are drawn (a seeded
 * random sample, said on the figure); everything computed uses every row.
 */
public final class Figures {
    /** Points drawn at most; the others are left out of the drawing only. */
    static final int MAX_POINTS = 20_000;

    /** Tableau 10: colours that stay apart in print and for most colour-blind readers. */
    static final Color[] PALETTE = {new Color(0x4e79a7), new Color(0xf28e2b), new Color(0xe15759), new Color(0x76b7b2),
        new Color(0x59a14f), new Color(0xedc948), new Color(0xb07aa1), new Color(0xff9da7), new Color(0x9c755f),
        new Color(0xbab0ac)};

    /** The figures there are. */
    public enum Kind {
        DATA, CLUSTERS, RESPONSIBILITIES, DENSITY, POSTERIOR, PROGRESS, SAMPLES, SELECTION;

        /** Lower-case name, as on the command line. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a name (case-insensitive). */
        public static Kind parse(String s) {
            for (Kind k : values()) {
                if (k.label().equalsIgnoreCase(s.trim())) {
                    return k;
                }
            }
            StringBuilder all = new StringBuilder();
            for (Kind k : values()) {
                all.append(all.length() > 0 ? ", " : "").append(k.label());
            }
            throw new InputException("--kind: unknown figure '" + s + "' (" + all + ")");
        }
    }

    private Figures() {
    }

    static Color colour(int k) {
        return PALETTE[k % PALETTE.length];
    }

    /**
     * Draws figure {@code kind} on a new canvas of the given size. {@code model} may be null for
     * the data alone; {@code selection} is needed for the selection figure.
     */
    static void draw(Canvas c, Kind kind, FittedModel model, Dataset data, Projection pr, SelectionResult selection) {
        switch (kind) {
            case DATA:
                data(c, data, pr);
                return;
            case SELECTION:
                if (selection == null) {
                    throw new InputException("--kind selection: the selection figure comes from mixtures select --plot");
                }
                SelectionFigure.draw(c, selection);
                return;
            default:
        }
        if (model == null) {
            throw new InputException("--kind " + kind.label() + ": needs a model");
        }
        if (model.d() != data.d()) {
            throw new InputException("the model was fitted on " + model.d() + " columns, the data have " + data.d());
        }
        switch (kind) {
            case CLUSTERS:
                clusters(c, model, data, pr);
                return;
            case RESPONSIBILITIES:
                responsibilities(c, density(model, kind), data, pr);
                return;
            case DENSITY:
                contours(c, density(model, kind), data, pr);
                return;
            case POSTERIOR:
                posterior(c, density(model, kind), data, pr);
                return;
            case PROGRESS:
                progress(c, model, data, pr);
                return;
            default:
                samples(c, density(model, kind), data, pr);
        }
    }

    private static MixtureDensity density(FittedModel m, Kind kind) {
        if (m instanceof MixtureDensity d) {
            return d;
        }
        throw new InputException("--kind " + kind.label() + ": a " + m.kind() + " model has no "
                + (kind == Kind.SAMPLES ? "density to sample" : "responsibilities or density") + "; use a gmm or vb model");
    }

    // ---- layout and points ----------------------------------------------------------------

    /** Projected rows and the bounds of the figure (a 5% margin). */
    private static final class Cloud {
        final double[] u;
        final double[] v;
        final int[] drawn;
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;

        Cloud(Dataset data, Projection pr) {
            int n = data.n();
            u = new double[n];
            v = new double[n];
            double[] row = new double[data.d()];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = data.get(i, j);
                }
                double[] q = pr.apply(row);
                u[i] = q[0];
                v[i] = q[1];
                x0 = Math.min(x0, q[0]);
                x1 = Math.max(x1, q[0]);
                y0 = Math.min(y0, q[1]);
                y1 = Math.max(y1, q[1]);
            }
            double mx = 0.05 * (x1 - x0 > 0 ? x1 - x0 : 1);
            double my = 0.05 * (y1 - y0 > 0 ? y1 - y0 : 1);
            x0 -= mx;
            x1 += mx;
            y0 -= my;
            y1 += my;
            drawn = sample(n);
        }

        private static int[] sample(int n) {
            int m = Math.min(n, MAX_POINTS);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = i;
            }
            if (m < n) {
                SplittableRandom rnd = new SplittableRandom(1);
                for (int i = 0; i < m; i++) {
                    int j = i + rnd.nextInt(n - i);
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                }
            }
            int[] out = java.util.Arrays.copyOf(idx, m);
            java.util.Arrays.sort(out);
            return out;
        }

        Panel panel(Canvas c, double left, double top, double w, double h) {
            return new Panel(c, left, top, w, h, x0, x1, y0, y1);
        }

        double radius() {
            return drawn.length > 5000 ? 1.2 : drawn.length > 1000 ? 2 : 3;
        }

        void note(Canvas c, int n) {
            if (drawn.length < n) {
                c.text(c.width() - 8, c.height() - 6, String.format(Locale.ROOT, "%,d of %,d points drawn (a random"
                        + " sample); every row was used in the fit", drawn.length, n), 10, 1, Panel.INK, false, false);
            }
        }
    }

    private static Panel single(Canvas c, Cloud cl) {
        return cl.panel(c, 70, 36, c.width() - 100, c.height() - 90);
    }

    private static void dots(Canvas c, Panel p, Cloud cl, java.util.function.IntFunction<Color> colour) {
        c.begin("points");
        double r = cl.radius();
        for (int i : cl.drawn) {
            c.point(p.px(cl.u[i]), p.py(cl.v[i]), r, colour.apply(i));
        }
        c.end();
    }

    // ---- the figures ---------------------------------------------------------------------------

    static void data(Canvas c, Dataset data, Projection pr) {
        Cloud cl = new Cloud(data, pr);
        Panel p = single(c, cl);
        p.axes(pr.xName, pr.yName, String.format(Locale.ROOT, "The data: %,d rows", data.n()));
        Color ink = new Color(0x4e, 0x79, 0xa7, 200);
        dots(c, p, cl, i -> ink);
        cl.note(c, data.n());
    }

    static void clusters(Canvas c, FittedModel m, Dataset data, Projection pr) {
        Cloud cl = new Cloud(data, pr);
        Panel p = single(c, cl);
        int[] labels = m.predict(data);
        p.axes(pr.xName, pr.yName, "Hard assignments, k = " + m.k() + (m instanceof KMeansModel ? ", with the prototypes"
                : ", with 1- and 2-σ ellipses"));
        dots(c, p, cl, i -> colour(labels[i]));
        if (m instanceof KMeansModel km) {
            double[][] centres = km.centresInOriginalUnits();
            c.begin("prototypes");
            for (int k = 0; k < centres.length; k++) {
                double[] q = pr.apply(centres[k]);
                cross(c, p.px(q[0]), p.py(q[1]), colour(k));
            }
            c.end();
        } else {
            ellipses(c, p, (MixtureDensity) m, pr);
        }
        cl.note(c, data.n());
    }

    private static void cross(Canvas c, double x, double y, Color col) {
        double s = 7;
        c.polyline(new double[] {x - s, x + s}, new double[] {y - s, y + s}, 2, Color.BLACK, 4, false);
        c.polyline(new double[] {x - s, x + s}, new double[] {y + s, y - s}, 2, Color.BLACK, 4, false);
        c.polyline(new double[] {x - s, x + s}, new double[] {y - s, y + s}, 2, col, 2, false);
        c.polyline(new double[] {x - s, x + s}, new double[] {y + s, y - s}, 2, col, 2, false);
    }

    /** Components drawn: all of a Gaussian mixture, the effective ones of a Bayesian one. */
    private static boolean shown(MixtureDensity m, int k) {
        return !(m instanceof BayesianGaussianMixtureModel vb) || vb.effective()[k];
    }

    private static void ellipses(Canvas c, Panel p, MixtureDensity m, Projection pr) {
        double[][] means = m.means();
        double[][][] cov = m.covariances();
        c.begin("ellipses");
        for (int k = 0; k < m.k(); k++) {
            if (!shown(m, k)) {
                continue;
            }
            double[] mu = pr.apply(means[k]);
            double[] s = pr.covariance(cov[k]);
            // Eigen-decomposition of the 2×2 covariance: the ellipse's axes.
            double tr = s[0] + s[2];
            double det = s[0] * s[2] - s[1] * s[1];
            double disc = Math.sqrt(Math.max(0, tr * tr / 4 - det));
            double l1 = tr / 2 + disc;
            double l2 = Math.max(0, tr / 2 - disc);
            double angle = Math.abs(s[1]) < 1e-300 ? (s[0] >= s[2] ? 0 : Math.PI / 2) : Math.atan2(l1 - s[0], s[1]);
            for (int sigma = 1; sigma <= 2; sigma++) {
                int n = 72;
                double[] xs = new double[n];
                double[] ys = new double[n];
                for (int i = 0; i < n; i++) {
                    double t = 2 * Math.PI * i / n;
                    double a = sigma * Math.sqrt(l1) * Math.cos(t);
                    double b = sigma * Math.sqrt(l2) * Math.sin(t);
                    xs[i] = p.px(mu[0] + a * Math.cos(angle) - b * Math.sin(angle));
                    ys[i] = p.py(mu[1] + a * Math.sin(angle) + b * Math.cos(angle));
                }
                c.begin("ellipse sigma" + sigma);
                c.polygon(xs, ys, n, null, sigma == 1 ? Color.BLACK : colour(k).darker(), sigma == 1 ? 2 : 1.5);
                c.end();
            }
            cross(c, p.px(mu[0]), p.py(mu[1]), colour(k));
        }
        c.end();
    }

    private static Color mix(double[] r) {
        double red = 0;
        double green = 0;
        double blue = 0;
        for (int k = 0; k < r.length; k++) {
            Color col = colour(k);
            red += r[k] * col.getRed();
            green += r[k] * col.getGreen();
            blue += r[k] * col.getBlue();
        }
        return new Color(clamp(red), clamp(green), clamp(blue));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    static void responsibilities(Canvas c, MixtureDensity m, Dataset data, Projection pr) {
        Cloud cl = new Cloud(data, pr);
        Panel p = single(c, cl);
        double[][] r = m.predictProba(data);
        p.axes(pr.xName, pr.yName, "Responsibilities: each point coloured Σ_k r_nk · colour_k");
        dots(c, p, cl, i -> mix(r[i]));
        cl.note(c, data.n());
    }

    /** Grid of the figure's plane: g×g cell centres lifted to d dimensions through the data mean. */
    private static Dataset grid(Panel p, Projection pr, Dataset data, int g) {
        double[] base = dev.mixtures.data.Moments.mean(data);
        double[] rows = new double[g * g * data.d()];
        for (int a = 0; a < g; a++) {
            for (int b = 0; b < g; b++) {
                double u = p.x0 + (b + 0.5) * (p.x1 - p.x0) / g;
                double v = p.y0 + (a + 0.5) * (p.y1 - p.y0) / g;
                double[] x = pr.lift(u, v, base);
                System.arraycopy(x, 0, rows, (a * g + b) * data.d(), data.d());
            }
        }
        return Dataset.wrap(rows, g * g, data.d(), data.columnNames(), null);
    }

    static void contours(Canvas c, MixtureDensity m, Dataset data, Projection pr) {
        Cloud cl = new Cloud(data, pr);
        Panel p = single(c, cl);
        int g = 120;
        double[] ll = Marginal.logDensity(m, pr, grid(p, pr, data, g), g, p);
        p.axes(pr.xName, pr.yName, (m instanceof BayesianGaussianMixtureModel ? "Predictive density" : "Density")
                + " of the fitted mixture" + (pr.columns && pr.d == 2 ? "" : " (of the projection)"));
        Color light = new Color(0x99, 0x99, 0x99, 160);
        dots(c, p, cl, i -> light);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : ll) {
            max = Math.max(max, v);
        }
        // Levels at e^−0.5, e^−1, … of the peak: equally spaced in ln p, as far as the data reach.
        c.begin("contours");
        int levels = 8;
        for (int l = 0; l < levels; l++) {
            double level = max - 0.75 * (l + 0.5);
            MarchingSquares.draw(c, p, ll, g, level, colour(0).darker(), 1.2);
        }
        c.end();
        cl.note(c, data.n());
    }

    static void posterior(Canvas c, MixtureDensity m, Dataset data, Projection pr) {
        Cloud cl = new Cloud(data, pr);
        Panel p = single(c, cl);
        int g = 70;
        double[][] r = Marginal.responsibilities(m, pr, grid(p, pr, data, g), g, p);
        // One image of g×g cells (row a counts from the bottom): small in SVG, and the same in PNG.
        java.awt.image.BufferedImage map = new java.awt.image.BufferedImage(g, g, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int a = 0; a < g; a++) {
            for (int b = 0; b < g; b++) {
                Color col = mix(r[a * g + b]);
                // 60% of the colour over white, so that the points stay visible on it.
                map.setRGB(b, g - 1 - a, new Color(clamp(0.6 * col.getRed() + 102), clamp(0.6 * col.getGreen() + 102),
                        clamp(0.6 * col.getBlue() + 102)).getRGB());
            }
        }
        c.begin("posterior-map");
        c.image(p.left, p.top, p.w, p.h, map);
        c.end();
        p.axes(pr.xName, pr.yName, "Posterior probability map: Σ_k p(k | x) · colour_k");
        Color ink = new Color(0x22, 0x22, 0x22, 180);
        dots(c, p, cl, i -> ink);
        cl.note(c, data.n());
    }

    static void samples(Canvas c, MixtureDensity m, Dataset data, Projection pr) {
        Cloud cl = new Cloud(data, pr);
        GaussianMixtureModel.Sample s = m.sample(data.n(), 1);
        Dataset drawn = Dataset.of(s.points());
        Cloud sc = new Cloud(drawn, pr);
        // One frame for both, so that the eye compares like with like (samples may reach past the data).
        double x0 = Math.min(cl.x0, sc.x0);
        double x1 = Math.max(cl.x1, sc.x1);
        double y0 = Math.min(cl.y0, sc.y0);
        double y1 = Math.max(cl.y1, sc.y1);
        double w = (c.width() - 150) / 2.0;
        Panel left = new Panel(c, 70, 36, w, c.height() - 90, x0, x1, y0, y1);
        Panel right = new Panel(c, 70 + w + 60, 36, w, c.height() - 90, x0, x1, y0, y1);
        left.axes(pr.xName, pr.yName, "The data");
        right.axes(pr.xName, null, (m instanceof BayesianGaussianMixtureModel ? "Drawn from the predictive density"
                : "Drawn from the model") + " (same number, seed 1)");
        Color ink = new Color(0x4e, 0x79, 0xa7, 200);
        dots(c, left, cl, i -> ink);
        int[] comp = s.components();
        dots(c, right, sc, i -> colour(comp[i]));
        cl.note(c, data.n());
    }

    static void progress(Canvas c, FittedModel m, Dataset data, Projection pr) {
        int[] at = {1, 2, 5, 20};
        Cloud cl = new Cloud(data, pr);
        double pw = (c.width() - 80 - 3 * 30) / 4.0;
        double ph = (c.height() - 120) * 0.55;
        for (int i = 0; i < at.length; i++) {
            FittedModel f = refit(m, data, at[i]);
            Panel p = cl.panel(c, 60 + i * (pw + 30), 36, pw, ph);
            p.axes(null, null, "after " + at[i] + (at[i] == 1 ? " iteration" : " iterations"));
            int[] labels = f.predict(data);
            dots(c, p, cl, q -> colour(labels[q]));
            if (f instanceof MixtureDensity md) {
                ellipses(c, p, md, pr);
            } else if (f instanceof KMeansModel km) {
                double[][] centres = km.centresInOriginalUnits();
                for (int k = 0; k < centres.length; k++) {
                    double[] q = pr.apply(centres[k]);
                    cross(c, p.px(q[0]), p.py(q[1]), colour(k));
                }
            }
        }
        double[] h = m.trace().history();
        String name = m.objectiveName();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : h) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double pad = 0.05 * (hi - lo > 0 ? hi - lo : 1);
        Panel obj = new Panel(c, 80, 36 + ph + 60, c.width() - 110, c.height() - ph - 150, 1, Math.max(2, h.length), lo - pad,
                hi + pad);
        obj.integerX = true;
        obj.axes("iteration", name, name + " per iteration (" + h.length + " iterations)");
        double[] xs = new double[h.length];
        double[] ys = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            xs[i] = obj.px(i + 1);
            ys[i] = obj.py(h[i]);
        }
        c.begin("objective");
        c.polyline(xs, ys, h.length, colour(0), 2, false);
        c.end();
        if (m instanceof BayesianGaussianMixtureModel vb && !vb.moves().isEmpty()) {
            moves(c, obj, vb);
        }
    }

    /**
     * The Bayesian mixture's moves on the bound's panel: a dashed line at each iteration that
     * merged or deleted components, labelled with the components in use after it.
     */
    private static void moves(Canvas c, Panel obj, BayesianGaussianMixtureModel m) {
        int[] inUse = m.componentsInUseHistory();
        c.begin("moves");
        int before = m.settings().k();
        for (int it = 1; it <= inUse.length; it++) {
            if (inUse[it - 1] == before) {
                continue;
            }
            double x = obj.px(it);
            c.polyline(new double[] {x, x}, new double[] {obj.top, obj.top + obj.h}, 2, Panel.INK, 1, true);
            c.text(x + 3, obj.top + 12, before + " → " + inUse[it - 1] + " in use", 10, -1, Panel.INK, false, false);
            before = inUse[it - 1];
        }
        c.end();
    }

    /** The same fit stopped after {@code iterations} iterations (same settings, seed and start). */
    private static FittedModel refit(FittedModel m, Dataset data, int iterations) {
        if (m instanceof KMeansModel km) {
            return km.settings().toBuilder().maxIter(iterations).tol(0).build().fit(data);
        }
        if (m instanceof GaussianMixtureModel gm) {
            return gm.settings().toBuilder().maxIter(iterations).tol(0).shortRuns(0).build().fit(data);
        }
        BayesianGaussianMixture s = ((BayesianGaussianMixtureModel) m).settings();
        return s.toBuilder().maxIter(iterations).tol(0).build().fit(data);
    }
}
