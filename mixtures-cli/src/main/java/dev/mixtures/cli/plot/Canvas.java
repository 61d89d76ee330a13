package dev.mixtures.cli.plot;

import java.awt.Color;

/**
 * The few drawing primitives the figures need, in pixels with y downwards, behind two
 * implementations that draw the same picture: {@link SvgCanvas} (vector, for SVG files and the
 * HTML report) and {@link RasterCanvas} (PNG). Our own, because the charting libraries that
 * export SVG depend on (L)GPL code (XChart through VectorGraphics2D, JFreeChart itself), which this
 * project does not take on; what a figure needs here is small: points, lines, filled polygons,
 * rectangles and text.
 */
interface Canvas {
    /** Width in pixels. */
    int width();

    /** Height in pixels. */
    int height();

    /** A filled disc (a data point), drawn in the order given. */
    void point(double x, double y, double radius, Color fill);

    /** An open polyline. */
    void polyline(double[] xs, double[] ys, int count, Color stroke, double width, boolean dashed);

    /** A closed polygon, filled and/or stroked (null for none). */
    void polygon(double[] xs, double[] ys, int count, Color fill, Color stroke, double width);

    /** An image stretched over the rectangle (x, y, w, h), pixels unsmoothed (a map of grid cells). */
    void image(double x, double y, double w, double h, java.awt.image.BufferedImage img);

    /** A filled rectangle. */
    void rect(double x, double y, double w, double h, Color fill);

    /** Text; anchor −1 left, 0 centre, 1 right; rotated 90° anticlockwise when {@code vertical}. */
    void text(double x, double y, String s, double size, int anchor, Color color, boolean vertical, boolean bold);

    /** Starts a named group (an SVG {@code <g class>}; nothing in a raster). */
    void begin(String cssClass);

    /** Ends the group started last. */
    void end();
}
