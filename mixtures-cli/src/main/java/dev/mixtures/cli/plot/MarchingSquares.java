package dev.mixtures.cli.plot;

import java.awt.Color;

/**
 * Contour lines of a function sampled on a g×g grid of cell centres (row a from the bottom,
 * column b from the left), by marching squares: each square of four neighbouring samples
 * contributes the segments where the level crosses its edges, the crossing placed by linear
 * interpolation. Saddle squares are resolved by the square's mean value.
 */
final class MarchingSquares {
    private MarchingSquares() {
    }

    /** Draws the level set {@code level} of {@code f} on panel {@code p}; returns the number of segments. */
    static int draw(Canvas c, Panel p, double[] f, int g, double level, Color colour, double width) {
        int segments = 0;
        double[] xs = new double[2];
        double[] ys = new double[2];
        double[] ex = new double[4];
        double[] ey = new double[4];
        for (int a = 0; a + 1 < g; a++) {
            for (int b = 0; b + 1 < g; b++) {
                double v00 = f[a * g + b];
                double v01 = f[a * g + b + 1];
                double v10 = f[(a + 1) * g + b];
                double v11 = f[(a + 1) * g + b + 1];
                int code = (v00 > level ? 1 : 0) | (v01 > level ? 2 : 0) | (v11 > level ? 4 : 0) | (v10 > level ? 8 : 0);
                if (code == 0 || code == 15) {
                    continue;
                }
                double u0 = p.x0 + (b + 0.5) * (p.x1 - p.x0) / g;
                double u1 = p.x0 + (b + 1.5) * (p.x1 - p.x0) / g;
                double w0 = p.y0 + (a + 0.5) * (p.y1 - p.y0) / g;
                double w1 = p.y0 + (a + 1.5) * (p.y1 - p.y0) / g;
                // Crossings on the edges: 0 bottom, 1 right, 2 top, 3 left.
                ex[0] = u0 + (u1 - u0) * t(v00, v01, level);
                ey[0] = w0;
                ex[1] = u1;
                ey[1] = w0 + (w1 - w0) * t(v01, v11, level);
                ex[2] = u0 + (u1 - u0) * t(v10, v11, level);
                ey[2] = w1;
                ex[3] = u0;
                ey[3] = w0 + (w1 - w0) * t(v00, v10, level);
                int[][] pairs = PAIRS[code];
                if (code == 5 || code == 10) {
                    boolean high = (v00 + v01 + v10 + v11) / 4 > level;
                    pairs = (code == 5) == high ? new int[][] {{3, 2}, {0, 1}} : new int[][] {{3, 0}, {1, 2}};
                }
                for (int[] e : pairs) {
                    xs[0] = p.px(ex[e[0]]);
                    ys[0] = p.py(ey[e[0]]);
                    xs[1] = p.px(ex[e[1]]);
                    ys[1] = p.py(ey[e[1]]);
                    c.polyline(xs, ys, 2, colour, width, false);
                    segments++;
                }
            }
        }
        return segments;
    }

    private static double t(double a, double b, double level) {
        return a == b ? 0.5 : Math.max(0, Math.min(1, (level - a) / (b - a)));
    }

    /** The edges joined for each corner code (bit 1 bottom-left, 2 bottom-right, 4 top-right, 8 top-left). */
    private static final int[][][] PAIRS = {
        {}, {{3, 0}}, {{0, 1}}, {{3, 1}}, {{1, 2}}, {}, {{0, 2}}, {{3, 2}},
        {{3, 2}}, {{0, 2}}, {}, {{1, 2}}, {{3, 1}}, {{0, 1}}, {{3, 0}}, {}};
}
