package dev.mixtures.cli;

import dev.mixtures.FittedModel;
import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.MixtureDensity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixtures predict}: labels rows with a saved model. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Label the rows of FILE (default: the bundled Old Faithful data) with a saved model: one 0-based cluster"
                + " (or most probable component) per row, as CSV; with --proba, each row's responsibilities.",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit -k 2 --out faithful.json && mixtures predict --model faithful.json",
                "  mixtures predict --model model.json new.csv --out labels.csv",
                "  mixtures predict --model gmm.json new.csv --proba     (columns p0 … p{k-1}, each row sums to 1)",
                "",
                "Columns are matched to the model's by name when FILE has a header; otherwise every numeric column is used.",
                "Exit status: 0 on success, 2 on bad input (a damaged model file, wrong columns, a bad cell)."})
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SavedModelOptions model = new SavedModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--proba", description = "gmm and vb models: write the responsibilities instead of labels.")
    boolean proba;

    @Override
    public Integer call() {
        FittedModel m = model.read();
        MixtureDensity g = proba ? model.readMixture(m, "--proba", "has hard labels only",
                "responsibilities come from a gmm or vb model") : null;
        model.checkOutput(data);
        Dataset ds = data.loadFor(m).data;
        if (proba) {
            double[][] r = g.predictProba(ds);
            model.emit(spec, w -> writeProba(r, w));
        } else {
            int[] labels = m.predict(ds);
            model.emit(spec, w -> write(labels, w));
        }
        return 0;
    }

    /** Writes responsibilities, a row per data row, columns p0 … p{k-1}; {@code mixtures fit --proba} writes the same. */
    static void writeProba(double[][] r, java.io.Writer w) throws java.io.IOException {
        int k = r.length == 0 ? 0 : r[0].length;
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < k; c++) {
            line.append(c > 0 ? "," : "").append('p').append(c);
        }
        w.write(line.append('\n').toString());
        for (double[] row : r) {
            line.setLength(0);
            for (int c = 0; c < k; c++) {
                line.append(c > 0 ? "," : "").append(row[c]);
            }
            w.write(line.append('\n').toString());
        }
    }

    /** Writes one 0-based cluster per row under the header "label"; {@code mixtures fit --labels} writes the same. */
    static void write(int[] labels, java.io.Writer w) throws java.io.IOException {
        w.write("label\n");
        for (int v : labels) {
            w.write(Integer.toString(v));
            w.write('\n');
        }
    }
}
