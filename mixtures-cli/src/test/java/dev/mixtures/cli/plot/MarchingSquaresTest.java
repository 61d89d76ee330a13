package dev.mixtures.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Marching squares on a function with a known level set, and the joining of its segments. */
class MarchingSquaresTest {

    @Test
    void theLevelSetOfAConeIsOneClosedCircle() {
        int g = 101;
        SvgCanvas c = new SvgCanvas(400, 400);
        Panel p = new Panel(c, 0, 0, 400, 400, -2, 2, -2, 2);
        double[] f = new double[g * g];
        for (int a = 0; a < g; a++) {
            for (int b = 0; b < g; b++) {
                double x = -2 + (b + 0.5) * 4.0 / g;
                double y = -2 + (a + 0.5) * 4.0 / g;
                f[a * g + b] = -Math.hypot(x, y);
            }
        }
        List<double[]> segs = new ArrayList<>();
        // The level −1 of −r is the unit circle; drawn through the panel, so in pixels of 100 per unit.
        int n = MarchingSquares.draw(c, p, f, g, -1.0, java.awt.Color.BLACK, 1);
        assertTrue(n > 50, "segments: " + n);
        String svg = c.svg();
        assertEquals(1, svg.split("<polyline").length - 1, "the segments join into one line");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
        assertTrue(m.find());
        String[] pts = m.group(1).split(" ");
        assertEquals(pts[0], pts[pts.length - 1], "closed: it ends where it starts");
        for (String pt : pts) {
            String[] xy = pt.split(",");
            double x = (Double.parseDouble(xy[0]) - 200) / 100;
            double y = (200 - Double.parseDouble(xy[1])) / 100;
            assertEquals(1.0, Math.hypot(x, y), 2e-3, "on the unit circle");
        }
        segs.add(new double[] {0, 0, 1, 1});
        segs.add(new double[] {2, 2, 1, 1});
        segs.add(new double[] {5, 5, 6, 6});
        assertEquals(2, MarchingSquares.join(segs).size(), "two chains: one of two segments, one alone");
    }
}
