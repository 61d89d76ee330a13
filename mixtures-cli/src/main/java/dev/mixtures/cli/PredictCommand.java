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
                "  mixtures predict --model model.json new.csv --id customer --out -   (customer,label per row)",
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

    @Option(names = "--id", paramLabel = "COLUMN", description = "A column of FILE (any text, by name or 1-based"
            + " number) carried to the output as its first column, to join the labels back to the rows.")
    String id;

    @Override
    public Integer call() {
        FittedModel m = model.read();
        MixtureDensity g = proba ? model.readMixture(m, "--proba", "has hard labels only",
                "responsibilities come from a gmm or vb model") : null;
        model.checkOutput(data);
        // The identifier is read as the text column the CLI reads known classes from: kept out of the numbers.
        data.truthColumn = id;
        DataOptions.Loaded loaded = data.loadFor(m);
        Dataset ds = loaded.data;
        String[] ids = id == null ? null : loaded.csv.labels();
        String idName = id == null ? null : loaded.csv.labelColumn();
        if (proba) {
            double[][] r = g.predictProba(ds);
            model.emit(spec, w -> writeProba(r, w, idName, ids));
        } else {
            int[] labels = m.predict(ds);
            model.emit(spec, w -> write(labels, w, idName, ids));
        }
        return 0;
    }

    /** As {@link #write(int[], java.io.Writer)}, each line after its row's identifier (when {@code ids} is not null). */
    static void write(int[] labels, java.io.Writer w, String idName, String[] ids) throws java.io.IOException {
        w.write(ids == null ? "label\n" : quoted(idName) + ",label\n");
        for (int i = 0; i < labels.length; i++) {
            if (ids != null) {
                w.write(quoted(ids[i]));
                w.write(',');
            }
            w.write(Integer.toString(labels[i]));
            w.write('\n');
        }
    }

    /** As {@link #writeProba(double[][], java.io.Writer)}, each line after its row's identifier (when {@code ids} is not null). */
    static void writeProba(double[][] r, java.io.Writer w, String idName, String[] ids) throws java.io.IOException {
        if (ids == null) {
            writeProba(r, w);
            return;
        }
        int k = r.length == 0 ? 0 : r[0].length;
        StringBuilder line = new StringBuilder(quoted(idName));
        for (int c = 0; c < k; c++) {
            line.append(",p").append(c);
        }
        w.write(line.append('\n').toString());
        for (int i = 0; i < r.length; i++) {
            line.setLength(0);
            line.append(quoted(ids[i]));
            for (int c = 0; c < k; c++) {
                line.append(',').append(r[i][c]);
            }
            w.write(line.append('\n').toString());
        }
    }

    /** A CSV field: as it is, or in double quotes (quotes doubled) when it holds a comma, quote or line break. */
    static String quoted(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
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
