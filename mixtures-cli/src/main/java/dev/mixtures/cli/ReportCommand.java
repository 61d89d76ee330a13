package dev.mixtures.cli;

import picocli.CommandLine.Command;

/** {@code mixtures report}: a fit (or a choice of K) and all its figures in one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a model to FILE (default: the bundled Old Faithful data) as 'mixtures fit' does, with the same"
                + " options, and write one self-contained HTML file (--out report.html): the settings and summary, the"
                + " selection table when K was chosen, and every figure as inline SVG. It needs no network and opens"
                + " offline.",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures report --out faithful.html                   (K and structure chosen by BIC, all figures)",
                "  mixtures report -k 2 --model kmeans --standardize --out kmeans.html",
                "  mixtures report data.csv --model vb -k 8 --out vb.html",
                "",
                "Here --out names the HTML file (the model can be saved with mixtures fit --out).",
                "Exit status: 0 on success, 2 on bad input."})
final class ReportCommand extends FitCommand {
    @Override
    boolean reportMode() {
        return true;
    }
}
