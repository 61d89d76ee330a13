package dev.mixtures.cli;

import dev.mixtures.BadInputException;
import dev.mixtures.FittedModel;
import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.OldFaithful;
import dev.mixtures.io.CsvData;
import dev.mixtures.io.CsvDatasetReader;
import dev.mixtures.io.CsvOptions;
import dev.mixtures.io.InputException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options shared by commands that read a data file. */
final class DataOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "CSV file (comma, semicolon or tab; header detected); '-' reads standard input. "
                    + "Default: the bundled Old Faithful data.")
    Path file;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Columns to use, by name or 1-based number, comma-separated. Default: every numeric column.")
    List<String> columns;

    @Option(names = "--weights", paramLabel = "COL",
            description = "Column of non-negative row weights (a weight w counts as the row repeated w times).")
    String weights;

    @Option(names = "--delimiter", paramLabel = "C", description = "Field delimiter (',', ';', 'tab'). Default: detected.")
    String delimiter;

    @Option(names = "--drop-constant", description = "Leave out columns whose every value is the same (named on"
            + " standard error); the Gaussian models need spread in every column.")
    boolean dropConstant;

    @Option(names = "--missing", paramLabel = "HOW", description = "Missing cells (empty, NA, N/A, NaN, null; NaN in a"
            + " .npy): error (default), drop (leave out the rows that have one; fit, select, plot) or model (the Gaussian"
            + " and the Bayesian mixture treat them as latent; predict and score answer such rows from their observed"
            + " cells).")
    String missing;

    /** How missing cells are taken. */
    enum Missing {
        ERROR, DROP, MODEL
    }

    Missing missingMode() {
        if (missing == null) {
            return Missing.ERROR;
        }
        switch (missing.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "error":
                return Missing.ERROR;
            case "drop":
                return Missing.DROP;
            case "model":
                return Missing.MODEL;
            default:
                throw new InputException("--missing: expected error, drop or model, got '" + missing + "'");
        }
    }

    /** Fails when --missing model is asked of a command that cannot model missing cells. */
    void refuseMissingModel(String command) {
        if (missingMode() == Missing.MODEL) {
            throw new InputException("--missing model: " + command + " does not model missing cells; --missing drop"
                    + " leaves out the rows that have them");
        }
    }

    /** A column of known classes to read beside the data and keep out of it (set by fit --truth), or null. */
    String truthColumn;

    /** What was read and from where. */
    static final class Loaded {
        final Dataset data;
        final String source;
        final CsvData csv;

        /** Constant columns left out (--drop-constant). */
        final List<String> dropped;

        Loaded(Dataset data, String source, CsvData csv) {
            this(data, source, csv, List.of());
        }

        Loaded(Dataset data, String source, CsvData csv, List<String> dropped) {
            this.data = data;
            this.source = source;
            this.csv = csv;
            this.dropped = List.copyOf(dropped);
        }
    }

    /**
     * The data to fit: as read, less its constant columns when --drop-constant (their names told
     * on {@code err}).
     *
     * @throws InputException when every column is constant
     */
    Loaded loadToFit(java.io.PrintWriter err) {
        Loaded loaded = load(null);
        if (missingMode() == Missing.DROP && loaded.data.hasMissing()) {
            Dataset complete;
            try {
                complete = loaded.data.completeRows();
            } catch (BadInputException e) {
                throw new InputException(loaded.source + ": --missing drop: " + e.getMessage());
            }
            err.println("mixtures: left out " + (loaded.data.n() - complete.n()) + " of " + loaded.data.n()
                    + " rows with missing cells (" + loaded.data.missingCells() + " cells)");
            err.flush();
            loaded = new Loaded(complete, loaded.source, loaded.csv, loaded.dropped);
        }
        if (!dropConstant) {
            return loaded;
        }
        Dataset ds = loaded.data;
        int d = ds.d();
        List<Integer> keep = new java.util.ArrayList<>();
        List<String> dropped = new java.util.ArrayList<>();
        for (int j = 0; j < d; j++) {
            boolean constant = true;
            double first = ds.get(0, j);
            for (int i = 1; i < ds.n() && constant; i++) {
                constant = ds.get(i, j) == first;
            }
            if (constant) {
                dropped.add(ds.columnNames().get(j));
            } else {
                keep.add(j);
            }
        }
        if (dropped.isEmpty()) {
            return loaded;
        }
        if (keep.isEmpty()) {
            throw new InputException(loaded.source + ": every column is constant; nothing is left to fit");
        }
        err.println("mixtures: left out " + dropped.size() + " constant column" + (dropped.size() == 1 ? "" : "s") + ": "
                + String.join(", ", dropped));
        err.flush();
        Dataset kept = ds.columns(keep.stream().mapToInt(Integer::intValue).toArray());
        return new Loaded(kept, loaded.source, loaded.csv, dropped);
    }

    Loaded load(List<String> defaultColumns) {
        if (file == null && truthColumn != null) {
            throw new InputException("--truth: the bundled Old Faithful data have no column of known classes; give a FILE"
                    + " with one");
        }
        if (file == null) {
            if (columns != null || weights != null) {
                CsvData c = CsvDatasetReader.read("faithful.csv", OldFaithful.csvText(), options(columns));
                return new Loaded(c.dataset(), OldFaithful.NAME, c);
            }
            return new Loaded(OldFaithful.load(), OldFaithful.NAME, null);
        }
        if (!file.toString().equals("-") && java.nio.file.Files.isRegularFile(file) && dev.mixtures.io.NpyFiles.isNpy(file)) {
            if (weights != null || truthColumn != null) {
                throw new InputException((weights != null ? "--weights" : "--truth") + ": " + file
                        + " is a .npy file, one array of numbers; keep weights and classes in the CSV you convert from");
            }
            Dataset all = dev.mixtures.io.NpyFiles.read(file, missingMode() != Missing.ERROR);
            List<String> wanted = columns != null ? columns : defaultColumns;
            return new Loaded(wanted == null ? all : select(all, wanted, file.toString()), file.toString(), null);
        }
        List<String> cols = columns != null ? columns : defaultColumns;
        CsvData c;
        if (file.toString().equals("-")) {
            // Strict, as for files: a replacement character would pass silently into column names and cells.
            c = CsvDatasetReader.read("<stdin>", new InputStreamReader(System.in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)), options(cols));
        } else {
            c = CsvDatasetReader.read(file, options(cols));
        }
        return new Loaded(c.dataset(), file.toString(), c);
    }

    /** The columns of {@code all} named (or numbered from 1) in {@code wanted}, in that order. */
    private static Dataset select(Dataset all, List<String> wanted, String source) {
        List<String> names = all.columnNames();
        int[] idx = new int[wanted.size()];
        for (int t = 0; t < idx.length; t++) {
            String w = wanted.get(t).trim();
            int j = names.indexOf(w);
            if (j < 0) {
                try {
                    j = Integer.parseInt(w) - 1;
                } catch (NumberFormatException e) {
                    j = -1;
                }
                if (j < 0 || j >= names.size()) {
                    throw new InputException("--columns: no column named '" + w + "' in " + source + " (columns: "
                            + String.join(", ", names) + ")");
                }
            }
            for (int u = 0; u < t; u++) {
                if (idx[u] == j) {
                    throw new InputException("--columns: column '" + names.get(j) + "' is named twice");
                }
            }
            idx[t] = j;
        }
        return all.columns(idx);
    }

    /**
     * The data for a saved model: its columns by name when the file has a header with them
     * (else every numeric column), and exactly as many as the model has.
     */
    Loaded loadFor(FittedModel m) {
        if (dropConstant) {
            throw new InputException("--drop-constant: the model's own columns are used");
        }
        if (missingMode() == Missing.DROP) {
            throw new InputException("--missing drop: this command gives one answer per row; use --missing model"
                    + " (a Gaussian mixture's model) or leave the rows out of the file");
        }
        if (missingMode() == Missing.MODEL && m instanceof dev.mixtures.kmeans.KMeansModel) {
            throw new InputException("--missing model: a K-means model does not answer rows with missing cells;"
                    + " a Gaussian or Bayesian mixture's does");
        }
        Loaded loaded = loadNamed(m);
        if (loaded.data.d() != m.d()) {
            throw new InputException(loaded.source + ": " + loaded.data.d() + " numeric column(s) (" + String.join(", ",
                    loaded.data.columnNames()) + ") but the model was fitted on " + m.d() + " (" + String.join(", ", m.columnNames())
                    + "); choose them with --columns");
        }
        return loaded;
    }

    private Loaded loadNamed(FittedModel m) {
        if (columns != null || file == null) {
            return load(null);
        }
        try {
            return load(m.columnNames());
        } catch (InputException e) {
            // A file without the model's column names (no header, say): fall back to its numeric columns.
            if (e.getMessage().startsWith("--columns: no column named")) {
                return load(null);
            }
            throw e;
        }
    }

    private CsvOptions options(List<String> cols) {
        Character delim = null;
        if (delimiter != null) {
            switch (delimiter) {
                case "tab":
                case "\\t":
                case "\t":
                    delim = '\t';
                    break;
                default:
                    if (delimiter.length() != 1) {
                        throw new InputException("--delimiter: expected one character or 'tab', got '" + delimiter + "'");
                    }
                    delim = delimiter.charAt(0);
            }
            CsvOptions.checkDelimiter(delim, "--delimiter");
        }
        return new CsvOptions(cols, weights, delim, null).withLabels(truthColumn).withMissing(missingMode() != Missing.ERROR);
    }

    /**
     * Fails when an output cannot be written where it is asked for (its folder missing or not
     * writable, a folder in its place) or would overwrite the input file.
     */
    void checkOutput(Path output, String option) {
        if (output == null) {
            return;
        }
        // Before any fit: a bad location must cost no fit and leave no other output written.
        dev.mixtures.io.AtomicFiles.checkTarget(output, option);
        if (file == null || file.toString().equals("-")) {
            return;
        }
        try {
            if (Files.exists(output) && Files.exists(file) && Files.isSameFile(output, file)) {
                throw new InputException(option + ": " + output + " is the input file; it would be overwritten");
            }
        } catch (java.io.IOException e) {
            throw new InputException(option + ": " + output + ": " + e.getMessage(), e);
        }
    }
}
