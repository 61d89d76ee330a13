package dev.mixtures.cli.plot;

import dev.mixtures.FittedModel;
import dev.mixtures.data.Dataset;
import dev.mixtures.io.AtomicFiles;
import dev.mixtures.io.InputException;
import dev.mixtures.selection.SelectionResult;
import java.nio.file.Path;
import java.util.Locale;

/** Writes a figure to an SVG or PNG file (by its extension), whole or not at all; or returns SVG text. */
public final class Plots {
    private Plots() {
    }

    /** Size in pixels of a figure of this kind unless given. */
    public static int[] defaultSize(Figures.Kind kind) {
        switch (kind) {
            case PROGRESS:
                return new int[] {1200, 760};
            case SAMPLES:
                return new int[] {1100, 560};
            default:
                return new int[] {800, 600};
        }
    }

    /** Checks that {@code out} names a .svg or .png file; fails naming the option otherwise. */
    public static void checkFile(Path out, String option) {
        String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new InputException(option + ": " + out + " should end in .svg or .png (the format is taken from it)");
        }
    }

    /**
     * Draws figure {@code kind} and writes it to {@code out} (.svg or .png); {@code rescaled} shows
     * two columns in standardised units (as the lecture's figures).
     */
    public static void write(Path out, Figures.Kind kind, FittedModel model, Dataset data, String x, String y,
            boolean rescaled, SelectionResult selection, int width, int height, String option) {
        checkFile(out, option);
        if (width < 200 || height < 150 || width > 10_000 || height > 10_000) {
            throw new InputException("--size: " + width + "x" + height + " is outside 200x150 .. 10000x10000 pixels");
        }
        Projection pr = kind == Figures.Kind.SELECTION ? null : Projection.of(data, x, y, rescaled);
        if (out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            SvgCanvas c = new SvgCanvas(width, height);
            Figures.draw(c, kind, model, data, pr, selection);
            String svg = c.svg();
            AtomicFiles.write(out, w -> w.write(svg));
        } else {
            RasterCanvas c = new RasterCanvas(width, height);
            Figures.draw(c, kind, model, data, pr, selection);
            java.awt.image.BufferedImage img = c.image();
            AtomicFiles.writeBinary(out, o -> javax.imageio.ImageIO.write(img, "png", o));
        }
    }

    /** The figures as SVG text, each at its default size, for inline use; the projection is made once for all. */
    public static java.util.List<String> svgs(java.util.List<Figures.Kind> kinds, FittedModel model, Dataset data,
            SelectionResult selection) {
        Projection pr = Projection.of(data, null, null);
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Figures.Kind kind : kinds) {
            int[] wh = defaultSize(kind);
            SvgCanvas c = new SvgCanvas(wh[0], wh[1]);
            Figures.draw(c, kind, model, data, pr, selection);
            out.add(c.svg());
        }
        return out;
    }
}
