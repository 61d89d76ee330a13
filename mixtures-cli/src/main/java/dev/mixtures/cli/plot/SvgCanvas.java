package dev.mixtures.cli.plot;

import java.awt.Color;
import java.util.Locale;

/** A {@link Canvas} that writes SVG 1.1 text: one {@code <svg>} element, standalone or inline in HTML. */
final class SvgCanvas implements Canvas {
    private final int width;
    private final int height;
    private final StringBuilder s = new StringBuilder();

    SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\">\n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n", width, height));
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    private static String c(Color color) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", color.getRed(), color.getGreen(), color.getBlue());
    }

    private static String n(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private void paint(Color fill, Color stroke, double w) {
        s.append(" fill=\"").append(fill == null ? "none" : c(fill)).append('"');
        if (fill != null && fill.getAlpha() < 255) {
            s.append(" fill-opacity=\"").append(n(fill.getAlpha() / 255.0)).append('"');
        }
        if (stroke != null) {
            s.append(" stroke=\"").append(c(stroke)).append("\" stroke-width=\"").append(n(w)).append('"');
            if (stroke.getAlpha() < 255) {
                s.append(" stroke-opacity=\"").append(n(stroke.getAlpha() / 255.0)).append('"');
            }
        }
    }

    @Override
    public void point(double x, double y, double radius, Color fill) {
        s.append("<circle cx=\"").append(n(x)).append("\" cy=\"").append(n(y)).append("\" r=\"").append(n(radius)).append('"');
        paint(fill, null, 0);
        s.append("/>\n");
    }

    private void points(double[] xs, double[] ys, int count) {
        s.append(" points=\"");
        for (int i = 0; i < count; i++) {
            s.append(i > 0 ? " " : "").append(n(xs[i])).append(',').append(n(ys[i]));
        }
        s.append('"');
    }

    @Override
    public void polyline(double[] xs, double[] ys, int count, Color stroke, double width, boolean dashed) {
        s.append("<polyline");
        points(xs, ys, count);
        paint(null, stroke, width);
        if (dashed) {
            s.append(" stroke-dasharray=\"5,4\"");
        }
        s.append("/>\n");
    }

    @Override
    public void polygon(double[] xs, double[] ys, int count, Color fill, Color stroke, double width) {
        s.append("<polygon");
        points(xs, ys, count);
        paint(fill, stroke, width);
        s.append("/>\n");
    }

    @Override
    public void image(double x, double y, double w, double h, java.awt.image.BufferedImage img) {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(img, "png", png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        s.append("<image x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\"")
                .append(" href=\"data:image/png;base64,").append(java.util.Base64.getEncoder().encodeToString(png.toByteArray()))
                .append("\"/>\n");
    }

    @Override
    public void rect(double x, double y, double w, double h, Color fill) {
        s.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append('"');
        paint(fill, null, 0);
        s.append("/>\n");
    }

    @Override
    public void text(double x, double y, String t, double size, int anchor, Color color, boolean vertical, boolean bold) {
        s.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append("\" text-anchor=\"").append(anchor < 0 ? "start" : anchor > 0 ? "end" : "middle").append('"')
                .append(" fill=\"").append(c(color)).append('"');
        if (bold) {
            s.append(" font-weight=\"bold\"");
        }
        if (vertical) {
            s.append(" transform=\"rotate(-90 ").append(n(x)).append(' ').append(n(y)).append(")\"");
        }
        s.append('>').append(escape(t)).append("</text>\n");
    }

    @Override
    public void begin(String cssClass) {
        s.append("<g class=\"").append(escape(cssClass)).append("\">\n");
    }

    @Override
    public void end() {
        s.append("</g>\n");
    }

    static String escape(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The finished SVG document. */
    String svg() {
        return s + "</svg>\n";
    }
}
