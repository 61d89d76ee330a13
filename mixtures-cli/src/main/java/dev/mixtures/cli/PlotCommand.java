package dev.mixtures.cli;

import dev.mixtures.FittedModel;
import dev.mixtures.cli.plot.Figures;
import dev.mixtures.cli.plot.Plots;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixtures plot}: one figure of a saved model and its data, as SVG or PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw a figure of a saved model with FILE (default: the bundled Old Faithful data) as SVG or PNG"
                + " (by the extension of --out). Kinds: data, clusters (hard assignments with prototypes or 1- and 2-σ"
                + " ellipses), responsibilities (colour mix), density (contours; for vb the predictive density),"
                + " posterior (probability map), progress (after 1, 2, 5, 20 iterations, and the objective),"
                + " samples (drawn from the model beside the data).",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit -k 2 --out faithful.json && mixtures plot --model faithful.json --kind density --out d.svg",
                "  mixtures plot --kind data --out faithful.png                 (the data alone need no model)",
                "  mixtures plot --model m.json data.csv --kind clusters --x height --y weight --out c.png",
                "",
                "For d > 2 the figure shows two columns (--x, --y) or else the first two principal components.",
                "At most 20,000 points are drawn (a random sample, said on the figure); all rows are used.",
                "",
                "Exit status: 0 on success, 2 on bad input (an unknown kind, a missing column, a model of another"
                        + " dimension); nothing is written then."})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--model", paramLabel = "MODEL.json", description = "A model file written by 'mixtures fit --out' (not needed for --kind data).")
    Path modelFile;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "The figure (see above).")
    String kind;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The figure file, .svg or .png.")
    Path out;

    @Option(names = "--x", paramLabel = "COL", description = "Column on the horizontal axis (name or 1-based number).")
    String x;

    @Option(names = "--y", paramLabel = "COL", description = "Column on the vertical axis.")
    String y;

    @Option(names = "--rescaled", description = "Show the two columns re-scaled (zero mean, unit SD), as in the lecture.")
    boolean rescaled;

    @Option(names = "--size", paramLabel = "WxH", description = "Size in pixels (default: 800x600; progress 1200x760, samples 1100x560).")
    String size;

    @Override
    public Integer call() {
        Figures.Kind k = Figures.Kind.parse(kind);
        if (k == Figures.Kind.SELECTION) {
            throw new InputException("--kind selection: drawn by 'mixtures select --plot FILE'");
        }
        Plots.checkFile(out, "--out");
        data.checkOutput(out, "--out");
        FittedModel m = null;
        if (modelFile != null) {
            m = ModelFiles.read(modelFile);
        } else if (k != Figures.Kind.DATA) {
            throw new InputException("--kind " + k.label() + ": needs --model MODEL.json");
        }
        data.refuseMissingModel("plot");
        DataOptions.Loaded loaded = m == null ? data.loadToFit(spec.commandLine().getErr()) : data.loadFor(m);
        int[] wh = size(size, k);
        Plots.write(out, k, m, loaded.data, x, y, rescaled, null, wh[0], wh[1], "--out");
        spec.commandLine().getOut().println("Figure written to " + out);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** "WxH", or the kind's default size. */
    static int[] size(String s, Figures.Kind k) {
        if (s == null) {
            return Plots.defaultSize(k);
        }
        String[] p = s.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                return new int[] {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim())};
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new InputException("--size: '" + s + "' is not WIDTHxHEIGHT in pixels (for example 800x600)");
    }
}
