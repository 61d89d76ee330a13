package dev.mixtures.cli;

import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.io.AtomicFiles;
import dev.mixtures.io.CsvDatasetReader;
import dev.mixtures.io.CsvOptions;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Files;
import java.nio.file.Path;
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
        footer = {"  mixtures fit -k 2",
                "      Gaussian mixture (full covariances) on Old Faithful: ln L = -1130.264, as mclust.",
                "  mixtures fit data.csv -k 4 --covariance diag --n-init 5 --out model.json --proba resp.csv",
                "  mixtures fit data.csv -k 6 --on-collapse reseed     (re-seed collapsing components instead of stopping)",
                "  mixtures fit data.csv -k 3 --init start.json        (given weights, means, covariances; or a saved model)",
                "  mixtures fit --model kmeans -k 2 --standardize",
                "      K-means on Old Faithful, re-scaled as in the lecture (J = 79.57596 at the optimum).",
                "  mixtures fit data.csv --model kmeans -k 8 --columns x,y,z --n-init 20 --labels labels.csv",
                "  mixtures fit big.csv --model kmeans -k 50 --algorithm minibatch --threads 2",
                "  mixtures fit data.csv --model kmeans -k 3 --init centres.csv   (k rows, one per centre)",
                "",
                "Exit status: 0 on success, 2 on bad input or settings (the message names the setting or FILE:ROW:COLUMN)",
                "or a fit that collapsed (the message names the component and what to try)."})
final class FitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "gmm",
            description = "gmm (Gaussian mixture by EM, the default) or kmeans.")
    String model;

    @Option(names = {"-k", "--k"}, paramLabel = "K", defaultValue = "2", description = "Number of clusters or components (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--covariance", paramLabel = "C", description = "gmm: full (default), diag, spherical or tied (mclust VVV, VVI, VII, EEE).")
    String covariance;

    @Option(names = "--reg-covar", paramLabel = "R", description = "gmm: added to every variance, in the fitted units (default: 1e-6).")
    Double regCovar;

    @Option(names = "--on-collapse", paramLabel = "WHAT", description = "gmm: stop (default) or reseed a component that collapses or loses its weight.")
    String onCollapse;

    @Option(names = "--standardize", description = "Fit on columns scaled to zero mean and unit (population) SD; results are also shown in original units.")
    boolean standardize;

    @Option(names = "--init", paramLabel = "METHOD|FILE",
            description = "gmm: kmeans (default), k-means++, random, random-from-data, or a JSON file of weights, means and "
                    + "covariances (or precisions), or a saved gmm model (warm start). "
                    + "kmeans: k-means++ (default), random, or a CSV file of k starting centres in original units.")
    String init;

    @Option(names = "--n-init", paramLabel = "N", description = "Starts; the best wins (default: 1 for gmm, 10 for kmeans).")
    Integer nInit;

    @Option(names = "--max-iter", paramLabel = "M", description = "Iteration limit per start (default: 1000 for gmm, 300 for kmeans).")
    Integer maxIter;

    @Option(names = "--tol", paramLabel = "T",
            description = "gmm: stop when ln L per row changes by less than T (default: 1e-8). "
                    + "kmeans: when J changes by at most T relative (default: 1e-6; 0: until no label changes).")
    Double tol;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all processors). Results do not depend on it.")
    Integer threads;

    @Option(names = "--algorithm", paramLabel = "A",
            description = "kmeans: auto (default: Hamerly, exact), lloyd, hamerly, or minibatch (approximate, for very large data).")
    String algorithm;

    @Option(names = "--batch-size", paramLabel = "B", description = "kmeans: rows per mini-batch (default: 1024).")
    Integer batchSize;

    @Option(names = "--out", paramLabel = "FILE", description = "Save the model as JSON.")
    Path out;

    @Option(names = "--labels", paramLabel = "FILE", description = "Write each row's cluster or most probable component (0-based) as CSV.")
    Path labels;

    @Option(names = "--proba", paramLabel = "FILE", description = "gmm: write each row's responsibilities (columns p0 … p{k-1}) as CSV.")
    Path proba;

    @Option(names = "--json", description = "Print one JSON object instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        boolean gmm;
        if ("gmm".equals(model)) {
            gmm = true;
            notFor("kmeans", "--algorithm", algorithm, "--batch-size", batchSize);
        } else if ("kmeans".equals(model)) {
            gmm = false;
            notFor("gmm", "--covariance", covariance, "--reg-covar", regCovar, "--on-collapse", onCollapse, "--proba", proba);
        } else {
            throw new InputException("--model: unknown model '" + model + "' (gmm or kmeans)");
        }
        java.util.List<Path> outputs = new java.util.ArrayList<>();
        for (Object[] o : new Object[][] {{out, "--out"}, {labels, "--labels"}, {proba, "--proba"}}) {
            Path f = (Path) o[0];
            if (f == null) {
                continue;
            }
            data.checkNotInput(f, (String) o[1]);
            for (Path g : outputs) {
                if (g.toAbsolutePath().normalize().equals(f.toAbsolutePath().normalize())) {
                    throw new InputException((String) o[1] + " names a file already given to another output: " + f);
                }
            }
            outputs.add(f);
        }
        DataOptions.Loaded loaded = data.load(null);
        return gmm ? fitGmm(loaded) : fitKMeans(loaded);
    }

    private void notFor(String other, Object... optionValuePairs) {
        for (int i = 0; i < optionValuePairs.length; i += 2) {
            if (optionValuePairs[i + 1] != null) {
                throw new InputException(optionValuePairs[i] + " applies to --model " + other + " only");
            }
        }
    }

    private int fitKMeans(DataOptions.Loaded loaded) {
        Dataset ds = loaded.data;
        KMeans.Builder b = KMeans.builder().k(k).standardize(standardize).seed(seed)
                .nInit(nInit != null ? nInit : 10).maxIter(maxIter != null ? maxIter : 300).tol(tol != null ? tol : 1e-6)
                .algorithm(KMeans.Algorithm.parse(algorithm != null ? algorithm : "auto"))
                .batchSize(batchSize != null ? batchSize : 1024);
        if (threads != null) {
            b.threads(threads);
        }
        String in = init != null ? init : "k-means++";
        if ("k-means++".equalsIgnoreCase(in) || "kmeans++".equalsIgnoreCase(in)) {
            b.init(KMeans.Init.KMEANS_PLUS_PLUS);
        } else if ("random".equalsIgnoreCase(in)) {
            b.init(KMeans.Init.RANDOM);
        } else {
            b.initialCentres(readCentres(Path.of(in), ds));
        }
        KMeans km = b.build();
        KMeansModel m;
        try (Progress p = new Progress(spec.commandLine().getErr(), km.init() == KMeans.Init.GIVEN ? 1 : km.nInit(), Progress.terminal())) {
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
            o.println(JsonReport.kmeans(m, loaded));
        } else {
            o.print(Summary.kmeans(m, loaded, out, labels));
        }
        o.flush();
        return 0;
    }

    private int fitGmm(DataOptions.Loaded loaded) {
        Dataset ds = loaded.data;
        GaussianMixture.Builder b = GaussianMixture.builder().k(k).standardize(standardize).seed(seed)
                .covariance(CovarianceType.parse(covariance != null ? covariance : "full"))
                .regCovar(regCovar != null ? regCovar : 1e-6).nInit(nInit != null ? nInit : 1)
                .maxIter(maxIter != null ? maxIter : 1000).tol(tol != null ? tol : 1e-8);
        if (threads != null) {
            b.threads(threads);
        }
        if (onCollapse != null) {
            if (!onCollapse.equals("stop") && !onCollapse.equals("reseed")) {
                throw new InputException("--on-collapse: unknown value '" + onCollapse + "' (stop or reseed)");
            }
            b.reseedCollapsed(onCollapse.equals("reseed"));
        }
        String in = init != null ? init : "kmeans";
        GaussianMixture.Init method = null;
        for (GaussianMixture.Init i : GaussianMixture.Init.values()) {
            if (i != GaussianMixture.Init.GIVEN && (i.label().equalsIgnoreCase(in) || (i == GaussianMixture.Init.KMEANS_PLUS_PLUS
                    && in.equalsIgnoreCase("kmeans++")))) {
                method = i;
            }
        }
        if (method != null) {
            b.init(method);
        } else {
            picocli.CommandLine.ParseResult pr = spec.commandLine().getParseResult();
            StartFile.apply(Path.of(in), ds.d(), b, pr.hasMatchedOption("-k"), k, covariance != null,
                    covariance);
        }
        GaussianMixture gm = b.build();
        GaussianMixtureModel m;
        try (Progress p = new Progress(spec.commandLine().getErr(), gm.init() == GaussianMixture.Init.GIVEN ? 1 : gm.nInit(),
                Progress.terminal())) {
            m = gm.fit(ds, p, () -> false);
        }
        if (out != null) {
            ModelFiles.write(m, out);
        }
        if (labels != null) {
            int[] l = m.predict(ds);
            AtomicFiles.write(labels, w -> PredictCommand.write(l, w));
        }
        if (proba != null) {
            double[][] r = m.predictProba(ds);
            AtomicFiles.write(proba, w -> PredictCommand.writeProba(r, w));
        }
        java.io.PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(JsonReport.gmm(m, loaded));
        } else {
            o.print(Summary.gmm(m, loaded, out, labels, proba));
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


}
