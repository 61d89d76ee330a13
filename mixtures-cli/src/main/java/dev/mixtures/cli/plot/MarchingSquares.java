package dev.mixtures.cli.plot;

import java.awt.Color;

/**
 * Contour lines of a function sampled on a g×g grid of cell centres (row a from the bottom,
 * column b from the left), by marching squares: each square of four neighbouring samples
 * contributes the segments where the level crosses its edges, the crossing placed by linear
 * interpolation. Saddle squares are resolved by the square's mean value. Segments that meet are
 * joined into polylines (the crossing on an edge is the same point for both squares that share
 * it), so a contour is drawn as a few paths rather than thousands of pieces.
 */
final class MarchingSquares {
    private MarchingSquares() {
    }

    /** Draws the level set {@code level} of {@code f} on panel {@code p}; returns the number of segments. */
    static int draw(Canvas c, Panel p, double[] f, int g, double level, Color colour, double width) {
        java.util.List<double[]> segs = new java.util.ArrayList<>();
        int segments = collect(p, f, g, level, segs);
        for (double[][] line : join(segs)) {
            c.polyline(line[0], line[1], line[0].length, colour, width, false);
        }
        return segments;
    }

    /** Chains segments {x0, y0, x1, y1} (pixels) that share end points into polylines {xs, ys}. */
    static java.util.List<double[][]> join(java.util.List<double[]> segs) {
        java.util.Map<Long, java.util.List<Integer>> at = new java.util.HashMap<>();
        for (int i = 0; i < segs.size(); i++) {
            double[] s = segs.get(i);
            at.computeIfAbsent(key(s[0], s[1]), x -> new java.util.ArrayList<>()).add(i);
            at.computeIfAbsent(key(s[2], s[3]), x -> new java.util.ArrayList<>()).add(i);
        }
        boolean[] used = new boolean[segs.size()];
        java.util.List<double[][]> lines = new java.util.ArrayList<>();
        for (int i = 0; i < segs.size(); i++) {
            if (used[i]) {
                continue;
            }
            used[i] = true;
            java.util.ArrayDeque<double[]> pts = new java.util.ArrayDeque<>();
            double[] s = segs.get(i);
            pts.add(new double[] {s[0], s[1]});
            pts.add(new double[] {s[2], s[3]});
            for (int dir = 0; dir < 2; dir++) {
                while (true) {
                    double[] end = dir == 0 ? pts.peekLast() : pts.peekFirst();
                    int next = -1;
                    for (int j : at.getOrDefault(key(end[0], end[1]), java.util.List.of())) {
                        if (!used[j]) {
                            next = j;
                            break;
                        }
                    }
                    if (next < 0) {
                        break;
                    }
                    used[next] = true;
                    double[] t = segs.get(next);
                    boolean fromStart = key(t[0], t[1]) == key(end[0], end[1]);
                    double[] other = fromStart ? new double[] {t[2], t[3]} : new double[] {t[0], t[1]};
                    if (dir == 0) {
                        pts.addLast(other);
                    } else {
                        pts.addFirst(other);
                    }
                }
            }
            double[] xs = new double[pts.size()];
            double[] ys = new double[pts.size()];
            int q = 0;
            for (double[] pt : pts) {
                xs[q] = pt[0];
                ys[q++] = pt[1];
            }
            lines.add(new double[][] {xs, ys});
        }
        return lines;
    }

    /** End points are compared at 1/1000 pixel: the same edge crossing computed twice gives the same key. */
    private static long key(double x, double y) {
        return Math.round(x * 1000) * 4_000_037L + Math.round(y * 1000);
    }

    private static int collect(Panel p, double[] f, int g, double level, java.util.List<double[]> out) {
        int segments = 0;
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
                    out.add(new double[] {p.px(ex[e[0]]), p.py(ey[e[0]]), p.px(ex[e[1]]), p.py(ey[e[1]])});
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
