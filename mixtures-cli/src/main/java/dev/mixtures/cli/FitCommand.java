package dev.mixtures.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.data.Dataset;
import dev.mixtures.io.AtomicFiles;
import dev.mixtures.io.CsvDatasetReader;
import dev.mixtures.io.CsvOptions;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixtures fit}: fits a model to a CSV file (or Old Faithful) and reports it. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit a model to FILE (default: the bundled Old Faithful data) and print a summary.",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit -k 2 --standardize",
                "      K-means on Old Faithful, re-scaled as in the lecture (J = 79.57596 at the optimum).",
                "  mixtures fit data.csv -k 8 --columns x,y,z --n-init 20 --out model.json --labels labels.csv",
                "  mixtures fit data.csv -k 3 --weights count --json > fit.json",
                "  mixtures fit big.csv -k 50 --algorithm minibatch --threads 2",
                "  mixtures fit data.csv -k 3 --init centres.csv   (start from given centres: k rows, one per centre)",
                "",
                "Exit status: 0 on success, 2 on bad input or settings (the message names the setting or FILE:ROW:COLUMN)."})
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "kmeans", description = "Model: kmeans (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "2", description = "Number of clusters (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--standardize", description = "Fit on columns scaled to zero mean and unit (population) SD; centres are also shown in original units.")
    boolean standardize;

    @Option(names = "--init", paramLabel = "METHOD|FILE", defaultValue = "k-means++",
            description = "k-means++ (default), random, or a CSV file of k starting centres in original units.")
    String init;

    @Option(names = "--n-init", paramLabel = "N", defaultValue = "10", description = "Restarts; the lowest cost wins (default: ${DEFAULT-VALUE}).")
    int nInit;

    @Option(names = "--max-iter", paramLabel = "M", defaultValue = "300", description = "Iteration limit per restart (default: ${DEFAULT-VALUE}).")
    int maxIter;

    @Option(names = "--tol", paramLabel = "T", defaultValue = "1e-6",
            description = "Stop when the cost changes by at most T relative (default: ${DEFAULT-VALUE}; 0: until no label changes).")
    double tol;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--algorithm", paramLabel = "A", defaultValue = "auto",
            description = "auto (default: Hamerly, exact), lloyd, hamerly, or minibatch (approximate, for very large data).")
    String algorithm;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "1024", description = "Rows per mini-batch (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the model as JSON.")
    Path out;

    @Option(names = "--labels", paramLabel = "FILE", description = "Write each row's cluster (0-based) as CSV.")
    Path labels;

    @Option(names = "--json", description = "Print one JSON object instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        if (!"kmeans".equals(model)) {
            throw new InputException("--model: '" + model + "' is not available yet (available: kmeans)");
        }
        data.checkNotInput(out, "--out");
        data.checkNotInput(labels, "--labels");
        if (out != null && labels != null && out.toAbsolutePath().normalize().equals(labels.toAbsolutePath().normalize())) {
            throw new InputException("--out and --labels name the same file: " + out);
        }
        DataOptions.Loaded loaded = data.load(null);
        Dataset ds = loaded.data;
        KMeans.Builder b = KMeans.builder().k(k).standardize(standardize).nInit(nInit).maxIter(maxIter).tol(tol).seed(seed)
                .algorithm(KMeans.Algorithm.parse(algorithm)).batchSize(batchSize);
        if (threads != null) {
            b.threads(threads);
        }
        if ("k-means++".equalsIgnoreCase(init) || "kmeans++".equalsIgnoreCase(init)) {
            b.init(KMeans.Init.KMEANS_PLUS_PLUS);
        } else if ("random".equalsIgnoreCase(init)) {
            b.init(KMeans.Init.RANDOM);
        } else {
            b.initialCentres(readCentres(Path.of(init), ds));
        }
        KMeans km = b.build();
        KMeansModel m;
        try (Progress p = new Progress(spec.commandLine().getErr(), km.init() == KMeans.Init.GIVEN ? 1 : nInit, Progress.terminal())) {
            m = km.fit(ds, p, () -> false);
        }
        if (out != null) {
            ModelFiles.write(m, out);
        }
        if (labels != null) {
            int[] l = m.predict(ds);
            AtomicFiles.write(labels, w -> PredictCommand.write(l, w));
        }
        java.io.PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(toJson(m, loaded));
        } else {
            o.print(Summary.kmeans(m, loaded, out, labels));
        }
        o.flush();
        return 0;
    }

    private static double[][] readCentres(Path file, Dataset ds) {
        if (!Files.exists(file)) {
            throw new InputException("--init: '" + file + "' is neither k-means++, random, nor an existing file of centres");
        }
        Dataset c = CsvDatasetReader.read(file, CsvOptions.defaults()).dataset();
        if (c.d() != ds.d()) {
            throw new InputException("--init: " + file + " has " + c.d() + " numeric column(s), the data have " + ds.d());
        }
        return c.toRows();
    }

    static String toJson(KMeansModel m, DataOptions.Loaded loaded) {
        ObjectMapper om = new ObjectMapper();
        ObjectNode o = om.createObjectNode();
        o.put("model", "kmeans");
        o.put("source", loaded.source);
        o.put("k", m.k());
        o.put("n", m.trainingRows());
        o.put("d", m.d());
        ArrayNode cols = o.putArray("columns");
        m.columnNames().forEach(cols::add);
        o.put("standardized", m.standardizer() != null);
        o.put("algorithm", m.algorithm());
        o.put("iterations", m.trace().iterations());
        o.put("converged", m.trace().converged());
        o.put("inertia", m.inertia());
        o.put("inertiaSpace", m.standardizer() != null ? "standardized" : "original");
        ArrayNode h = o.putArray("history");
        for (double v : m.trace().history()) {
            h.add(v);
        }
        o.set("centers", matrix(om, m.centresInOriginalUnits()));
        if (m.standardizer() != null) {
            o.set("centersStandardized", matrix(om, m.centres()));
        }
        ArrayNode sizes = o.putArray("sizes");
        for (double s : m.sizes()) {
            sizes.add(s);
        }
        o.put("seed", m.trace().seed());
        o.put("restart", m.trace().restart());
        o.put("restarts", m.settings().init() == KMeans.Init.GIVEN ? 1 : m.settings().nInit());
        o.put("seconds", m.trace().nanos() / 1e9);
        return o.toString();
    }

    private static ArrayNode matrix(ObjectMapper om, double[][] rows) {
        ArrayNode a = om.createArrayNode();
        for (double[] r : rows) {
            ArrayNode row = a.addArray();
            for (double v : r) {
                row.add(v);
            }
        }
        return a;
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
