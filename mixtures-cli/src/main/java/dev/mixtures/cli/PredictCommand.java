package dev.mixtures.cli;

import dev.mixtures.io.AtomicFiles;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import dev.mixtures.FittedModel;
import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.GaussianMixtureModel;
import java.io.PrintWriter;
import java.nio.file.Path;
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

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A model file written by 'mixtures fit --out'.")
    Path modelFile;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the labels here instead of standard output.")
    Path out;

    @Option(names = "--proba", description = "Gaussian mixtures: write the responsibilities instead of labels.")
    boolean proba;

    @Override
    public Integer call() {
        FittedModel m = ModelFiles.read(modelFile);
        if (proba && !(m instanceof GaussianMixtureModel)) {
            throw new InputException("--proba: " + modelFile + " holds a " + m.kind()
                    + " model, which has hard labels only; responsibilities come from a gmm model");
        }
        checkOutput(out, modelFile, data);
        Dataset ds = loadMatching(m, data).data;
        if (proba) {
            double[][] r = ((GaussianMixtureModel) m).predictProba(ds);
            emit(spec, out, w -> writeProba(r, w));
        } else {
            int[] labels = m.predict(ds);
            emit(spec, out, w -> write(labels, w));
        }
        return 0;
    }

    /** Fails when {@code out} would overwrite the input or the model file. */
    static void checkOutput(Path out, Path modelFile, DataOptions data) {
        data.checkNotInput(out, "--out");
        if (out != null && java.nio.file.Files.exists(out)) {
            try {
                if (java.nio.file.Files.isSameFile(out, modelFile)) {
                    throw new InputException("--out: " + out + " is the model file; it would be overwritten");
                }
            } catch (java.io.IOException e) {
                throw new InputException("--out: " + out + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes CSV text to {@code out} (whole or not at all) or to standard output. */
    static void emit(CommandSpec spec, Path out, AtomicFiles.Body content) {
        if (out != null) {
            AtomicFiles.write(out, content);
        } else {
            PrintWriter o = spec.commandLine().getOut();
            try {
                content.write(o);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            o.flush();
        }
    }

    /** The data for a saved model: its columns by name when the file has them, and the right count. */
    static DataOptions.Loaded loadMatching(FittedModel m, DataOptions data) {
        DataOptions.Loaded loaded = load(m, data);
        if (loaded.data.d() != m.d()) {
            throw new InputException(loaded.source + ": " + loaded.data.d() + " numeric column(s) (" + String.join(", ",
                    loaded.data.columnNames()) + ") but the model was fitted on " + m.d() + " (" + String.join(", ", m.columnNames())
                    + "); choose them with --columns");
        }
        return loaded;
    }

    private static DataOptions.Loaded load(FittedModel m, DataOptions data) {
        if (data.columns != null || data.file == null) {
            return data.load(null);
        }
        try {
            return data.load(m.columnNames());
        } catch (InputException e) {
            // A file without the model's column names (no header, say): fall back to its numeric columns.
            if (e.getMessage().startsWith("--columns: no column named")) {
                return data.load(null);
            }
            throw e;
        }
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
