package dev.mixtures.cli.plot;

import java.awt.Color;
import java.util.Locale;

/**
 * One pair of axes on a {@link Canvas}: a data rectangle mapped onto a pixel rectangle, with a
 * frame, "nice" ticks (1, 2 or 5 × 10^k), axis names and a title.
 */
final class Panel {
    static final Color INK = new Color(0x33, 0x33, 0x33);
    static final Color GRID = new Color(0xe6, 0xe6, 0xe6);

    final Canvas c;
    final double left;
    final double top;
    final double w;
    final double h;
    final double x0;
    final double x1;
    final double y0;
    final double y1;
    /** Whether x ticks are whole numbers only (an iteration or K axis). */
    boolean integerX;

    /** Axes in the pixel box (left, top, width, height) for data x in [x0, x1], y in [y0, y1]. */
    Panel(Canvas c, double left, double top, double width, double height, double x0, double x1, double y0, double y1) {
        this.c = c;
        this.left = left;
        this.top = top;
        this.w = width;
        this.h = height;
        this.x0 = x0;
        this.x1 = x1 > x0 ? x1 : x0 + 1;
        this.y0 = y0;
        this.y1 = y1 > y0 ? y1 : y0 + 1;
    }

    double px(double x) {
        return left + (x - x0) / (x1 - x0) * w;
    }

    double py(double y) {
        return top + h - (y - y0) / (y1 - y0) * h;
    }

    /** Data x of a pixel column. */
    double dataX(double px) {
        return x0 + (px - left) / w * (x1 - x0);
    }

    /** Data y of a pixel row. */
    double dataY(double py) {
        return y0 + (top + h - py) / h * (y1 - y0);
    }

    /** Grid lines, frame, ticks, axis names and title. */
    void axes(String xName, String yName, String title) {
        c.begin("axes");
        double[] xt = ticks(x0, x1, Math.max(3, (int) (w / 80)));
        if (integerX && (xt.length < 2 || xt[1] - xt[0] < 1)) {
            xt = ticks(Math.ceil(x0), Math.floor(x1), (int) Math.max(1, Math.floor(x1) - Math.ceil(x0)));
        }
        double[] yt = ticks(y0, y1, Math.max(3, (int) (h / 60)));
        for (double t : xt) {
            c.polyline(new double[] {px(t), px(t)}, new double[] {top, top + h}, 2, GRID, 1, false);
            c.text(px(t), top + h + 14, label(t, xt), 11, 0, INK, false, false);
        }
        for (double t : yt) {
            c.polyline(new double[] {left, left + w}, new double[] {py(t), py(t)}, 2, GRID, 1, false);
            c.text(left - 5, py(t) + 4, label(t, yt), 11, 1, INK, false, false);
        }
        c.polygon(new double[] {left, left + w, left + w, left}, new double[] {top, top, top + h, top + h}, 4, null, INK, 1);
        if (xName != null) {
            c.text(left + w / 2, top + h + 32, xName, 12, 0, INK, false, false);
        }
        if (yName != null) {
            c.text(left - 42, top + h / 2, yName, 12, 0, INK, true, false);
        }
        if (title != null) {
            c.text(left + w / 2, top - 8, title, 13, 0, INK, false, true);
        }
        c.end();
    }

    /** Tick values: multiples of a step of 1, 2 or 5 × 10^k inside [a, b], about {@code target} of them. */
    static double[] ticks(double a, double b, int target) {
        double raw = (b - a) / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double first = Math.ceil(a / step) * step;
        int n = (int) Math.floor((b - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(0, n)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    private static String label(double v, double[] all) {
        double step = all.length > 1 ? all[1] - all[0] : Math.abs(v);
        int decimals = step >= 1 || step == 0 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 8) + "f", Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
}
