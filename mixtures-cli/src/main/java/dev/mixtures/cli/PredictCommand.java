package dev.mixtures.cli;

import dev.mixtures.io.AtomicFiles;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import dev.mixtures.kmeans.KMeansModel;
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
        description = "Label the rows of FILE (default: the bundled Old Faithful data) with a saved model: one 0-based cluster per row, as CSV.",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit -k 2 --standardize --out faithful.json && mixtures predict --model faithful.json",
                "  mixtures predict --model model.json new.csv --out labels.csv",
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

    @Override
    public Integer call() {
        KMeansModel m = ModelFiles.read(modelFile);
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
        DataOptions.Loaded loaded = loadMatching(m);
        if (loaded.data.d() != m.d()) {
            throw new InputException(loaded.source + ": " + loaded.data.d() + " numeric column(s) (" + String.join(", ",
                    loaded.data.columnNames()) + ") but the model was fitted on " + m.d() + " (" + String.join(", ", m.columnNames())
                    + "); choose them with --columns");
        }
        int[] labels = m.predict(loaded.data);
        if (out != null) {
            AtomicFiles.write(out, w -> write(labels, w));
        } else {
            PrintWriter o = spec.commandLine().getOut();
            try {
                write(labels, o);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            o.flush();
        }
        return 0;
    }

    private DataOptions.Loaded loadMatching(KMeansModel m) {
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

    /** Writes one 0-based cluster per row under the header "label"; {@code mixtures fit --labels} writes the same. */
    static void write(int[] labels, java.io.Writer w) throws java.io.IOException {
        w.write("label\n");
        for (int v : labels) {
            w.write(Integer.toString(v));
            w.write('\n');
        }
    }
}
