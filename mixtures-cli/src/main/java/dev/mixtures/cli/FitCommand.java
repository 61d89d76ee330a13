package dev.mixtures.cli;

import dev.mixtures.kmeans.KMeansBuilder;
import dev.mixtures.gaussian.BayesianGaussianMixtureBuilder;
import dev.mixtures.gaussian.GaussianMixtureBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.FittedModel;
import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.gaussian.Move;
import dev.mixtures.gaussian.WeightPrior;
import dev.mixtures.io.AtomicFiles;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import dev.mixtures.metrics.Contingency;
import dev.mixtures.selection.ModelSelection;
import dev.mixtures.selection.SelectionResult;
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
        description = "Fit a model to FILE (default: the bundled Old Faithful data) and print a summary: a Gaussian"
                + " mixture by EM (the default; without -k, K and the structure are chosen by BIC), a Bayesian mixture"
                + " (--model vb) or K-means (--model kmeans).",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit",
                "      Gaussian mixtures with K = 1..9 and mclust's fourteen models on Old Faithful; BIC keeps EEE (tied), K = 3.",
                "  mixtures fit -k 2",
                "      Gaussian mixture (full covariances) on Old Faithful: ln L = -1130.264, as mclust.",
                "  mixtures fit data.csv --truth species --plot clusters.png   (compare with known classes, draw the fit)",
                "  mixtures fit data.csv -k 4 --covariance diag --n-init 5 --out model.json --proba resp.csv",
                "  mixtures fit data.csv -k 6 --on-collapse reseed     (re-seed collapsing components instead of stopping)",
                "  mixtures fit data.csv -k 3 --init start.json        (given weights, means, covariances; or a saved model)",
                "  mixtures fit --model vb -k 6 --alpha0 0.001 --standardize",
                "      Bayesian mixture on Old Faithful (PRML Fig. 10.6): 2 of the 6 components stay in use.",
                "  mixtures fit data.csv --model vb -k 10 --weight-prior dirichlet-process --covariance diag --out vb.json",
                "  mixtures fit --model kmeans -k 2 --standardize",
                "      K-means on Old Faithful, re-scaled as in the lecture (J = 79.57596 at the optimum).",
                "  mixtures fit data.csv --model kmeans -k 8 --columns x,y,z --n-init 20 --labels labels.csv",
                "  mixtures fit big.csv --model kmeans -k 50 --algorithm minibatch --threads 2",
                "  mixtures fit data.csv --model kmeans -k 3 --init centres.csv   (k rows, one per centre)",
                "",
                "Exit status: 0 on success, 2 on bad input or settings (the message names the setting or FILE:ROW:COLUMN)",
                "or a fit that collapsed (the message names the component and what to try)."})
class FitCommand implements Callable<Integer> {
    /** The selection behind the model when fit chose K (for the report), or null. */
    SelectionResult selection;

    /** The model file written, or null (none asked for, or --out is the report). */
    Path savedModel() {
        return reportMode() ? null : out;
    }

    /** Whether this run writes an HTML report to --out instead of a model file (mixtures report). */
    boolean reportMode() {
        return false;
    }
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "gmm",
            description = "gmm (Gaussian mixture by EM, the default), vb (Bayesian mixture by variational inference,"
                    + " which switches off the components it does not need) or kmeans.")
    String model;

    @Option(names = {"-k", "--k"}, paramLabel = "K",
            description = "Number of clusters or components (default: 2); for vb the largest number (default: 10).")
    Integer k;

    @Option(names = "--covariance", paramLabel = "C", description = "gmm: one of mclust's fourteen models EII, VII, EEI, VEI, EVI, VVI, EEE, VEE, EVE, VVE, EEV, VEV, "
            + "EVV, VVV (full = VVV, the default with -k; diag = VVI, spherical = VII, tied = EEE); without -k also a "
            + "comma-separated list or all (the default). vb: full, diag, spherical or tied.")
    String covariance;

    @Option(names = "--reg-covar", paramLabel = "R",
            description = "gmm, vb: added to every variance, in the fitted units (default: 1e-6 for gmm with -k, 0 for"
                    + " the grid without -k, as mclust, and for vb).")
    Double regCovar;

    @Option(names = "--weight-prior", paramLabel = "P", description = "vb: dirichlet (PRML, the default) or dirichlet-process (stick-breaking).")
    String weightPrior;

    @Option(names = "--moves", paramLabel = "M", description = "vb: the moves the fit may make between iterations, each"
            + " kept only if it raises the bound: all (the default), none (plain coordinate ascent, as PRML and"
            + " scikit-learn), or a list of order (dirichlet-process: sticks in order of size), merge, delete.")
    String moves;

    @Option(names = "--alpha0", paramLabel = "A", description = "vb: the weight prior's concentration α0 (γ0 for dirichlet-process), > 0 (default: 1/K).")
    Double alpha0;

    @Option(names = "--beta0", paramLabel = "B", description = "vb: β0 > 0, the prior precision of the means in units of Λ (default: 1).")
    Double beta0;

    @Option(names = "--nu0", paramLabel = "N", description = "vb: ν0, the Wishart's degrees of freedom, > d - 1 (default: d).")
    Double nu0;

    @Option(names = "--mean-prior", paramLabel = "FILE|mean", description = "vb: m0, the data mean (default) or a CSV file of one row of d numbers, original units.")
    String meanPrior;

    @Option(names = "--prior", paramLabel = "P",
            description = "gmm: none (default) or default: the posterior mode under mclust's default conjugate prior"
                    + " (priorControl()) instead of the maximum likelihood; not for VEE, EVE, VVE, EVV.")
    String prior;

    @Option(names = "--covariance-prior", paramLabel = "FILE|data",
            description = "vb: W0⁻¹, the data covariance (default) or a CSV file of d rows of d numbers, original units.")
    String covariancePrior;

    @Option(names = "--on-collapse", paramLabel = "WHAT", description = "gmm: stop (default) or reseed a component that collapses or loses its weight.")
    String onCollapse;

    @Option(names = "--standardize", description = "Fit on columns scaled to zero mean and unit (population) SD; results are also shown in original units.")
    boolean standardize;

    @Option(names = "--init", paramLabel = "METHOD|FILE",
            description = "gmm: kmeans (default), k-means++, random, random-from-data, hc (mclust's hierarchical start), or a JSON file of weights, means and "
                    + "covariances (or precisions), or a saved gmm model (warm start). "
                    + "vb: the same methods, or a saved vb model (starts from its responsibilities). "
                    + "kmeans: k-means++ (default), random, or a CSV file of k starting centres in original units.")
    String init;

    @Option(names = "--n-init", paramLabel = "N", description = "Starts; the best wins (default: 1 for gmm and vb; for kmeans"
            + " 1 with k-means++ seeding, 10 with random; 5 per K when gmm chooses K). Mini-batch: seedings tried on samples,"
            + " the best one runs.")
    Integer nInit;

    @Option(names = "--max-iter", paramLabel = "M", description = "Iteration limit per start (default: 1000 for gmm, 300 for kmeans).")
    Integer maxIter;

    @Option(names = "--tol", paramLabel = "T",
            description = "gmm: stop when ln L per row changes by less than T (default: 1e-8); vb: the same for the bound. "
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

    @Option(names = "--proba", paramLabel = "FILE", description = "gmm, vb: write each row's responsibilities (columns p0 … p{k-1}) as CSV.")
    Path proba;

    @Option(names = "--truth", paramLabel = "COL",
            description = "A column of FILE holding known classes (any text): kept out of the fit, and the labels are"
                    + " compared with it (adjusted Rand index, NMI, contingency table).")
    String truth;

    @Option(names = "--criterion", paramLabel = "C",
            description = "gmm without -k: the criterion that chooses K and the structure, bic (default), aic or icl.")
    String criterion;

    @Option(names = "--plot", paramLabel = "FILE", description = "Draw the fit as SVG or PNG (by the extension): hard"
            + " assignments with prototypes or 1- and 2-σ ellipses, or the figure --plot-kind names.")
    Path plot;

    @Option(names = "--plot-kind", paramLabel = "KIND", description = "The figure --plot draws: clusters (default), data,"
            + " responsibilities, density, posterior, progress, samples (see mixtures plot --help).")
    String plotKind;

    @Option(names = "--json", description = "Print one JSON object instead of the summary.")
    boolean json;

    @Override
    public Integer call() {
        Object[] vbOnly = {"--weight-prior", weightPrior, "--moves", moves, "--alpha0", alpha0, "--beta0", beta0, "--nu0", nu0,
            "--mean-prior", meanPrior, "--covariance-prior", covariancePrior};
        if ("gmm".equals(model)) {
            notFor("kmeans", "--algorithm", algorithm, "--batch-size", batchSize);
            notFor("vb", vbOnly);
        } else if ("vb".equals(model)) {
            notFor("kmeans", "--algorithm", algorithm, "--batch-size", batchSize);
            notFor("gmm", "--on-collapse", onCollapse, "--prior", prior);
        } else if ("kmeans".equals(model)) {
            notFor("gmm or vb", "--covariance", covariance, "--reg-covar", regCovar, "--proba", proba);
            notFor("gmm", "--on-collapse", onCollapse, "--prior", prior);
            notFor("vb", vbOnly);
        } else {
            throw new InputException("--model: unknown model '" + model + "' (gmm, vb or kmeans)");
        }
        java.util.List<Path> outputs = new java.util.ArrayList<>();
        if (plot != null) {
            dev.mixtures.cli.plot.Plots.checkFile(plot, "--plot");
        }
        if (reportMode()) {
            if (out == null || !out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".html")) {
                throw new InputException("--out: the report needs a file ending in .html");
            }
            if (json) {
                throw new InputException("--json: the report is HTML; use mixtures fit --json for JSON");
            }
        }
        if (plotKind != null && plot == null) {
            throw new InputException("--plot-kind: give --plot FILE too");
        }
        if (plotKind != null) {
            dev.mixtures.cli.plot.Figures.Kind pk = dev.mixtures.cli.plot.Figures.Kind.parse(plotKind);
            boolean needsDensity = pk == dev.mixtures.cli.plot.Figures.Kind.RESPONSIBILITIES
                    || pk == dev.mixtures.cli.plot.Figures.Kind.DENSITY || pk == dev.mixtures.cli.plot.Figures.Kind.POSTERIOR
                    || pk == dev.mixtures.cli.plot.Figures.Kind.SAMPLES;
            if ("kmeans".equals(model) && needsDensity) {
                throw new InputException("--plot-kind " + pk.label() + ": a kmeans model has no responsibilities or"
                        + " density; use --model gmm or vb");
            }
            if (pk == dev.mixtures.cli.plot.Figures.Kind.SELECTION) {
                throw new InputException("--plot-kind selection: drawn by 'mixtures select --plot FILE'");
            }
        }
        String toStdout = null;
        for (Object[] o : new Object[][] {{out, "--out"}, {labels, "--labels"}, {proba, "--proba"}, {plot, "--plot"}}) {
            Path f = (Path) o[0];
            if (f == null) {
                continue;
            }
            if (isStdout(f)) {
                String what = (String) o[1];
                if (what.equals("--plot") || reportMode()) {
                    throw new InputException(what + " -: a figure or report goes to a file");
                }
                if (toStdout != null || json) {
                    throw new InputException(what + " -: standard output already carries "
                            + (json ? "--json" : toStdout + " -") + "; only one output can go there");
                }
                toStdout = what;
                continue;
            }
            data.checkOutput(f, (String) o[1]);
            for (Path g : outputs) {
                if (g.toAbsolutePath().normalize().equals(f.toAbsolutePath().normalize())) {
                    throw new InputException((String) o[1] + " names a file already given to another output: " + f);
                }
            }
            outputs.add(f);
        }
        if (criterion != null && (!"gmm".equals(model) || k != null)) {
            throw new InputException("--criterion applies to --model gmm without -k (when K is chosen)");
        }
        data.truthColumn = truth;
        if (data.missingMode() == DataOptions.Missing.MODEL && ("kmeans".equals(model) || k == null)) {
            throw new InputException("--missing model: the Gaussian and the Bayesian mixture with a given K (--model gmm"
                    + " or vb, -k K) model missing cells; K-means and the choice of K do not yet (--missing drop leaves"
                    + " out the rows that have them)");
        }
        DataOptions.Loaded loaded = data.loadToFit(spec.commandLine().getErr());
        switch (model) {
            case "gmm":
                return fitGmm(loaded);
            case "vb":
                return fitVb(loaded);
            default:
                return fitKMeans(loaded);
        }
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
        KMeansBuilder b = KMeans.builder().k(k != null ? k : 2).standardize(standardize).seed(seed)
                .maxIter(maxIter != null ? maxIter : 300).tol(tol != null ? tol : 1e-6)
                .algorithm(KMeans.Algorithm.parse(algorithm != null ? algorithm : "auto"))
                .batchSize(batchSize != null ? batchSize : 1024);
        if (nInit != null) {
            b.nInit(nInit);
        }
        if (threads != null) {
            b.threads(threads);
        }
        String in = init != null ? init : "k-means++";
        if ("k-means++".equalsIgnoreCase(in) || "kmeans++".equalsIgnoreCase(in)) {
            b.init(KMeans.Init.KMEANS_PLUS_PLUS);
        } else if ("random".equalsIgnoreCase(in)) {
            b.init(KMeans.Init.RANDOM);
        } else {
            b.initialCentres(StartFile.readCentres(Path.of(in), ds));
        }
        KMeans km = b.build();
        KMeansModel m;
        int runs = km.init() == KMeans.Init.GIVEN || km.algorithm() == KMeans.Algorithm.MINIBATCH ? 1 : km.nInit();
        try (Progress p = new Progress(spec.commandLine().getErr(), runs, Progress.terminal())) {
            m = km.fit(ds, p, () -> false);
        }
        if (out != null && !reportMode()) {
            emit(out, w -> w.write(ModelFiles.toJson(m) + "\n"));
        }
        if (labels != null) {
            int[] l = m.predict(ds);
            emit(labels, w -> PredictCommand.write(l, w));
        }
        drawPlot(m, ds);
        report(m, loaded, () -> JsonReport.kmeans(m, loaded), Summary.kmeans(m, loaded, savedModel(), labels));
        return 0;
    }

    private int fitGmm(DataOptions.Loaded loaded) {
        Dataset ds = loaded.data;
        if (k == null && (init == null || StartFile.initMethod(init) != null)) {
            return selectGmm(loaded);
        }
        GaussianMixtureBuilder b = GaussianMixture.builder().k(k != null ? k : 2).standardize(standardize).seed(seed)
                .covariance(CovarianceType.parse(covariance != null ? covariance : "full"))
                .regCovar(regCovar != null ? regCovar : 1e-6).nInit(nInit != null ? nInit : 1)
                .maxIter(maxIter != null ? maxIter : 1000).tol(tol != null ? tol : 1e-8)
                .defaultPrior(SelectCommand.GridOptions.prior(prior));
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
        StartMethod method = StartFile.initMethod(in);
        if (method != null) {
            b.init(method);
        } else {
            StartFile.apply(Path.of(in), ds.d(), b, k != null, k != null ? k : 2, covariance != null, covariance);
        }
        GaussianMixture gm = b.build();
        GaussianMixtureModel m;
        try (Progress p = new Progress(spec.commandLine().getErr(), gm.init() == StartMethod.GIVEN ? 1 : gm.nInit(),
                Progress.terminal())) {
            m = gm.fit(ds, p, () -> false);
        }
        writeOutputs(m, ds);
        report(m, loaded, () -> JsonReport.gmm(m, loaded), Summary.gmm(m, loaded, savedModel(), labels, proba));
        return 0;
    }

    /** gmm without -k: K (and the structure, unless --covariance) chosen by a criterion over K = 1..9. */
    private int selectGmm(DataOptions.Loaded loaded) {
        Dataset ds = loaded.data;
        if (onCollapse != null) {
            throw new InputException("--on-collapse applies when -k is given; a chosen K never has a collapsed component");
        }
        ModelSelection.Builder b = SelectCommand.GridOptions.base(seed, standardize, regCovar, maxIter, criterion, nInit,
                init, threads).k(1, Math.min(9, ds.n())).finalTol(tol != null ? tol : 1e-8)
                .defaultPrior(SelectCommand.GridOptions.prior(prior));
        java.util.List<CovarianceType> structures = SelectCommand.GridOptions.structures(covariance);
        if (structures != null) {
            b.structures(structures);
        }
        ModelSelection sel = b.build();
        SelectionResult r;
        try (Progress p = new Progress(spec.commandLine().getErr(), 1, Progress.terminal())) {
            r = sel.select(ds);
        }
        selection = r;
        if (r.best() == null) {
            throw new InputException("no K in 1.." + sel.kMax() + " could be fitted: " + r.table().get(0).reason());
        }
        GaussianMixtureModel m = r.best().model();
        writeOutputs(m, ds);
        report(m, loaded, () -> JsonReport.gmm(m, loaded), Summary.chosen(r, sel) + Summary.gmm(m, loaded, savedModel(), labels, proba),
                node -> {
                    ObjectMapper om = new ObjectMapper();
                    ObjectNode s = node.putObject("selection");
                    JsonReport.selectionInto(om, s, r, sel, loaded);
                });
        return 0;
    }

    private int fitVb(DataOptions.Loaded loaded) {
        Dataset ds = loaded.data;
        BayesianGaussianMixtureBuilder b = BayesianGaussianMixture.builder().k(k != null ? k : 10)
                .standardize(standardize).seed(seed).covariance(CovarianceType.parse(covariance != null ? covariance : "full"))
                .weightPrior(WeightPrior.parse(weightPrior != null ? weightPrior : "dirichlet"))
                .regCovar(regCovar != null ? regCovar : 0).nInit(nInit != null ? nInit : 1)
                .maxIter(maxIter != null ? maxIter : 1000).tol(tol != null ? tol : 1e-8);
        if (threads != null) {
            b.threads(threads);
        }
        if (alpha0 != null) {
            b.concentration(alpha0);
        }
        if (moves != null) {
            b.moves(Move.parseSet(moves));
        }
        if (beta0 != null) {
            b.beta0(beta0);
        }
        if (nu0 != null) {
            b.nu0(nu0);
        }
        if (meanPrior != null && !meanPrior.equals("mean")) {
            double[][] rows = StartFile.readNumbers(meanPrior, "--mean-prior", "mean");
            if (rows.length != 1) {
                throw new InputException("--mean-prior: " + meanPrior + " has " + rows.length + " rows; it needs one row of "
                        + ds.d() + " numbers");
            }
            b.meanPrior(rows[0]);
        }
        if (covariancePrior != null && !covariancePrior.equals("data")) {
            b.covariancePrior(StartFile.readNumbers(covariancePrior, "--covariance-prior", "data"));
        }
        String in = init != null ? init : "kmeans";
        StartMethod method = StartFile.initMethod(in);
        if (method != null) {
            b.init(method);
        } else {
            Path f = Path.of(in);
            if (!Files.exists(f)) {
                throw new InputException("--init: '" + in + "' is neither a start method (kmeans, k-means++, random, hc,"
                        + " random-from-data) nor an existing model file");
            }
            BayesianGaussianMixtureModel start = ModelFiles.read(f, BayesianGaussianMixtureModel.class);
            if (k != null && k != start.k()) {
                throw new InputException("--init: " + f + " has " + start.k() + " components but -k is " + k);
            }
            b.warmStart(start);
            if (covariance != null) {
                b.covariance(CovarianceType.parse(covariance));
            }
        }
        BayesianGaussianMixture vb = b.build();
        BayesianGaussianMixtureModel m;
        try (Progress p = new Progress(spec.commandLine().getErr(), vb.init() == StartMethod.GIVEN ? 1 : vb.nInit(),
                Progress.terminal())) {
            m = vb.fit(ds, p, () -> false);
        }
        writeOutputs(m, ds);
        report(m, loaded, () -> JsonReport.vb(m, loaded), Summary.vb(m, loaded, savedModel(), labels, proba));
        return 0;
    }

    /** The model, labels and responsibilities, each to its file when asked, whole or not at all. */
    private void writeOutputs(MixtureDensity m, Dataset ds) {
        if (out != null && !reportMode()) {
            emit(out, w -> w.write(ModelFiles.toJson(m) + "\n"));
        }
        if (labels != null) {
            int[] l = m.predict(ds);
            emit(labels, w -> PredictCommand.write(l, w));
        }
        if (proba != null) {
            double[][] r = m.predictProba(ds);
            emit(proba, w -> PredictCommand.writeProba(r, w));
        }
        drawPlot(m, ds);
    }

    /** Whether an output option names standard output ("-"). */
    static boolean isStdout(Path f) {
        return f != null && f.toString().equals("-");
    }

    /** Writes an output to its file, whole or not at all, or to standard output for "-". */
    private void emit(Path target, AtomicFiles.Body body) {
        if (!isStdout(target)) {
            AtomicFiles.write(target, body);
            return;
        }
        java.io.PrintWriter o = spec.commandLine().getOut();
        try {
            body.write(o);
        } catch (java.io.IOException e) {
            throw new InputException("standard output: " + e.getMessage(), e);
        }
        o.flush();
    }

    /** Whether an output goes to standard output, which the summary then leaves for standard error. */
    private boolean stdoutTaken() {
        return !reportMode() && (isStdout(out) || isStdout(labels) || isStdout(proba));
    }

    /** Prints the JSON or the summary, with the agreement with --truth when asked. */
    private void report(FittedModel m, DataOptions.Loaded loaded, java.util.function.Supplier<String> jsonText,
            String summary) {
        report(m, loaded, jsonText, summary, null);
    }

    /** Draws --plot, when asked (after the model file and labels, before the summary). */
    private void drawPlot(FittedModel m, Dataset ds) {
        if (plot == null) {
            return;
        }
        // The kind was checked before the fit (call), so that a bad one writes nothing.
        dev.mixtures.cli.plot.Figures.Kind k = dev.mixtures.cli.plot.Figures.Kind.parse(plotKind != null ? plotKind
                : "clusters");
        int[] wh = dev.mixtures.cli.plot.Plots.defaultSize(k);
        // A standardised fit is drawn in re-scaled units, as the lecture draws its K-means.
        dev.mixtures.cli.plot.Plots.write(plot, k, m, ds, null, null, standardize && ds.d() == 2, null, wh[0], wh[1],
                "--plot");
    }

    // The JSON is built only when asked for: building it loads and warms the JSON library, a
    // noticeable part of a short run.
    private void report(FittedModel m, DataOptions.Loaded loaded, java.util.function.Supplier<String> jsonText, String summary,
            java.util.function.Consumer<ObjectNode> extra) {
        Contingency c = null;
        if (truth != null) {
            String[] t = loaded.csv.labels();
            int[] l = m.predict(loaded.data);
            String[] p = new String[l.length];
            for (int i = 0; i < l.length; i++) {
                p[i] = Integer.toString(l[i]);
            }
            c = Contingency.of(t, p);
        }
        java.io.PrintWriter o = spec.commandLine().getOut();
        if (reportMode()) {
            String html = Report.html(m, loaded, summary + (c != null ? Summary.agreement(c, truth) : ""), selection);
            AtomicFiles.write(out, w -> w.write(html));
            o.println("Report written to " + out);
            o.flush();
            return;
        }
        if (stdoutTaken()) {
            // Standard output carries the data the user piped on; the summary goes beside it.
            o = spec.commandLine().getErr();
        }
        if (json) {
            ObjectMapper om = new ObjectMapper();
            ObjectNode node;
            try {
                node = (ObjectNode) om.readTree(jsonText.get());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (c != null) {
                ObjectNode a = JsonReport.agreement(om, c);
                a.put("truthColumn", truth);
                node.set("agreement", a);
            }
            if (extra != null) {
                extra.accept(node);
            }
            o.println(node.toString());
        } else {
            o.print(summary);
            if (c != null) {
                o.print(Summary.agreement(c, truth));
            }
        }
        o.flush();
    }
}
