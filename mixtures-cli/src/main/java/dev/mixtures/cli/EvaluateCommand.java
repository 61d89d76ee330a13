package dev.mixtures.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mixtures.io.CsvDatasetReader;
import dev.mixtures.io.CsvOptions;
import dev.mixtures.io.InputException;
import dev.mixtures.metrics.Agreement;
import dev.mixtures.metrics.Contingency;
import dev.mixtures.metrics.Silhouette;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixtures evaluate}: how well predicted labels agree with known classes. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare predicted labels with known classes: adjusted Rand index, normalised mutual information,"
                + " Rand index, and the contingency table. Labels are any text; only equality matters.",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit data.csv -k 3 --labels pred.csv && mixtures evaluate --truth classes.csv --pred pred.csv",
                "  mixtures evaluate --truth iris.csv --truth-column species --pred pred.csv --average geometric",
                "  mixtures evaluate --truth t.csv --pred pred.csv --data data.csv     (adds the silhouette)",
                "",
                "A label file is one column (or the column named 'label', or the one given); its first line is a",
                "header when it reads label, class, cluster, truth, ..., or when it is text above numbers.",
                "",
                "Exit status: 0 on success, 2 on bad input (files of different lengths, a missing column, an empty label)."})
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "The known classes, one per row.")
    Path truth;

    @Option(names = "--truth-column", paramLabel = "COL", description = "Column of --truth, by name or 1-based number.")
    String truthColumn;

    @Option(names = "--pred", required = true, paramLabel = "FILE", description = "The predicted labels, one per row (as fit --labels writes them).")
    Path pred;

    @Option(names = "--pred-column", paramLabel = "COL", description = "Column of --pred, by name or 1-based number.")
    String predColumn;

    @Option(names = "--average", paramLabel = "MEAN", description = "The mean of the entropies that normalises the mutual"
            + " information: arithmetic (default, as scikit-learn), geometric, min or max.")
    String average;

    @Option(names = "--data", paramLabel = "FILE", description = "The rows the labels belong to (CSV): adds the silhouette"
            + " of the predicted labels (Euclidean; exact up to 10,000 rows, else estimated from a sample).")
    Path dataFile;

    @Option(names = "--columns", split = ",", paramLabel = "COL", description = "Columns of --data to use (default: every numeric one).")
    java.util.List<String> columns;

    @Option(names = "--silhouette-sample", paramLabel = "N", defaultValue = "10000",
            description = "Rows above which the silhouette is estimated from a random sample of N rows (default: ${DEFAULT-VALUE}).")
    int silhouetteSample;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() {
        Agreement.Average av = Agreement.Average.parse(average != null ? average : "arithmetic");
        String[] t = CsvDatasetReader.readLabels(truth, truthColumn);
        String[] p = CsvDatasetReader.readLabels(pred, predColumn);
        if (t.length != p.length) {
            throw new InputException("--truth " + truth + " has " + t.length + " labels and --pred " + pred + " has "
                    + p.length + "; they must label the same rows");
        }
        Contingency c = Contingency.of(t, p);
        Silhouette.Estimate sil = null;
        if (dataFile != null) {
            if (silhouetteSample < 2) {
                throw new InputException("--silhouette-sample must be at least 2, got " + silhouetteSample);
            }
            dev.mixtures.data.Dataset ds = CsvDatasetReader.read(dataFile, new CsvOptions(columns, null, null, null))
                    .dataset();
            if (ds.n() != p.length) {
                throw new InputException("--data " + dataFile + " has " + ds.n() + " rows and --pred " + pred + " has "
                        + p.length + " labels");
            }
            int[] lab = new int[p.length];
            java.util.Map<String, Integer> ids = new java.util.HashMap<>();
            for (int i = 0; i < p.length; i++) {
                lab[i] = ids.computeIfAbsent(p[i], x -> ids.size());
            }
            sil = Silhouette.estimate(ds, lab, silhouetteSample, 1);
        }
        java.io.PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ObjectMapper om = new ObjectMapper();
            com.fasterxml.jackson.databind.node.ObjectNode j = JsonReport.agreement(om, c);
            j.put("n", c.n());
            j.put("average", av.name().toLowerCase(Locale.ROOT));
            j.put("nmi", Agreement.normalizedMutualInformation(c, av));
            if (sil != null) {
                j.put("silhouette", sil.mean());
                j.put("silhouetteStandardError", sil.standardError());
                j.put("silhouetteRows", sil.rows());
            }
            o.println(j.toString());
        } else {
            o.printf(Locale.ROOT, "%d rows, %d classes, %d clusters%n", c.n(), c.classes().length, c.clusters().length);
            o.printf(Locale.ROOT, "Adjusted Rand index           %.6f%n", Agreement.adjustedRand(c));
            o.printf(Locale.ROOT, "Normalised mutual information %.6f (%s mean)%n", Agreement.normalizedMutualInformation(c, av),
                    av.name().toLowerCase(Locale.ROOT));
            o.printf(Locale.ROOT, "Rand index                    %.6f%n", Agreement.randIndex(c));
            o.printf(Locale.ROOT, "Mutual information            %.6f nats%n", Agreement.mutualInformation(c));
            if (sil != null) {
                o.printf(Locale.ROOT, "Silhouette of the prediction  %.6f%s%n", sil.mean(), sil.exact() ? " (exact)"
                        : String.format(Locale.ROOT, " ± %.6f (standard error; %,d sampled rows)", sil.standardError(),
                                sil.rows()));
            }
            o.println();
            o.print(Summary.contingency(c));
        }
        o.flush();
        return 0;
    }
}
