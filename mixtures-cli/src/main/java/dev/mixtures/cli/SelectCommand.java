package dev.mixtures.cli;

import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import dev.mixtures.selection.Criterion;
import dev.mixtures.selection.ModelSelection;
import dev.mixtures.selection.SelectionResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixtures select}: a grid of Gaussian mixtures ranked by an information criterion. */
@Command(name = "select", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Fit Gaussian mixtures for every K in a range and every covariance structure to FILE (default:"
                + " the bundled Old Faithful data), rank them by BIC, AIC or ICL (lower is better), print the table"
                + " (rows K, columns structures, as mclust), mark the best three and save the best model.",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures select                        (Old Faithful, K = 1..9, mclust's fourteen models, BIC)",
                "  mixtures select data.csv -k 2..12 --covariance full,diag --criterion icl --n-init 5 --out best.json",
                "",
                "A cell that fails, or whose best fit is spurious (a component on fewer rows' worth than its own"
                        + " covariance terms need, or on a slice",
                "thinner than 1e-3 of the data's spread), gets no score and a reason. Beside the choice, the Bayesian"
                        + " mixture",
                "(K = the largest, the chosen structure) reports its effective number of components.",
                "",
                "Exit status: 0 on success, 2 on bad input (an empty or reversed K range, K above n, an unknown"
                        + " structure or criterion)."})
final class SelectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Mixin
    GridOptions grid = new GridOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Save the best model as JSON.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object (table, best, bayesian) instead of the table.")
    boolean json;

    @Option(names = "--plot", paramLabel = "FILE", description = "Draw the criterion against K, one line per structure, as"
            + " SVG or PNG (by the extension).")
    Path plot;

    @Override
    public Integer call() {
        if (out != null) {
            data.checkOutput(out, "--out");
        }
        if (plot != null) {
            dev.mixtures.cli.plot.Plots.checkFile(plot, "--plot");
            data.checkOutput(plot, "--plot");
        }
        ModelSelection sel = grid.selection().build();
        data.refuseMissingModel("select");
        DataOptions.Loaded loaded = data.loadToFit(spec.commandLine().getErr());
        SelectionResult r;
        try (Progress p = new Progress(spec.commandLine().getErr(), 1, Progress.terminal())) {
            r = sel.select(loaded.data);
        }
        if (out != null) {
            if (r.best() == null) {
                throw new InputException("--out: no candidate could be scored, so there is no model to save");
            }
            ModelFiles.write(r.best().model(), out);
        }
        if (plot != null) {
            dev.mixtures.cli.plot.Plots.write(plot, dev.mixtures.cli.plot.Figures.Kind.SELECTION, null, loaded.data, null,
                    null, false, r, 800, 600, "--plot");
        }
        java.io.PrintWriter o = spec.commandLine().getOut();
        o.print(json ? JsonReport.selection(r, sel, loaded) + "\n" : Summary.selection(r, sel, loaded, out));
        o.flush();
        return 0;
    }

    /** The options a grid of Gaussian mixtures takes, shared by {@code select} and {@code fit} without -k. */
    static final class GridOptions {
        @Option(names = {"-k", "--k"}, paramLabel = "MIN..MAX", description = "The range of K (default: 1..9); one number for one K.")
        String k;

        @Option(names = "--covariance", paramLabel = "LIST", description = "all (default: mclust's fourteen models) or a comma-separated list of their names: EII, VII, EEI, VEI, "
                + "EVI, VVI, EEE, VEE, EVE, VVE, EEV, VEV, EVV, VVV (spherical = VII, diag = VVI, tied = EEE, full = VVV).")
        String covariance;

        @Option(names = "--prior", paramLabel = "P", description = "none (default) or default: every cell fits the posterior"
                + " mode under mclust's default conjugate prior (priorControl()); VEE, EVE, VVE and EVV have none.")
        String prior;

        @Option(names = "--criterion", paramLabel = "C", description = "bic (default), aic or icl; lower is better.")
        String criterion;

        @Option(names = "--n-init", paramLabel = "N", description = "Starts per cell (default: 5); each runs "
                + ModelSelection.SHORT_RUNS + " iterations, then the best continues.")
        Integer nInit;

        @Option(names = "--init", paramLabel = "METHOD", description = "Start method of every cell's emEM starts, beside mclust's hierarchical start (hc), which every cell "
                + "also runs: kmeans (default), k-means++, random, random-from-data, hc (hc alone).")
        String init;

        @Option(names = "--reg-covar", paramLabel = "R", description = "Added to every variance (default: 0, as mclust fits its grid).")
        Double regCovar;

        @Option(names = "--max-iter", paramLabel = "M", description = "Iteration limit per start (default: 1000).")
        Integer maxIter;

        @Option(names = "--tol", paramLabel = "T", description = "Stop each cell's fit when ln L per row changes by less than T"
                + " (default: 1e-6); the best cell's fit then continues to 1e-8.")
        Double tol;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all processors). Results do not depend on it.")
        Integer threads;

        @Option(names = "--standardize", description = "Fit on standardised columns; criteria stay in original units.")
        boolean standardize;

        /** The selection these options describe. */
        ModelSelection.Builder selection() {
            ModelSelection.Builder b = base(seed, standardize, regCovar, maxIter, criterion, nInit, init, threads);
            if (tol != null) {
                b.tol(tol);
            }
            if (k != null) {
                int[] range = parseRange(k);
                b.k(range[0], range[1]);
            }
            b.defaultPrior(prior(prior));
            List<CovarianceType> list = structures(covariance);
            if (list != null) {
                b.structures(list);
            }
            return b;
        }

        /** --prior: true for "default", false for "none" or nothing. */
        static boolean prior(String v) {
            if (v == null || v.equals("none")) {
                return false;
            }
            if (v.equals("default")) {
                return true;
            }
            throw new InputException("--prior: unknown value '" + v + "' (none or default)");
        }

        /** The structures of --covariance: null for all (or none given), else the named ones in order, each once. */
        static List<CovarianceType> structures(String cv) {
            if (cv == null || cv.strip().equalsIgnoreCase("all")) {
                return null;
            }
            List<CovarianceType> list = new ArrayList<>();
            for (String s : cv.split(",", -1)) {
                CovarianceType t = CovarianceType.parse(s);
                if (list.contains(t)) {
                    throw new InputException("--covariance: " + t.mclustName() + " is named twice");
                }
                list.add(t);
            }
            return list;
        }

        /**
         * The settings select and fit (without -k) take alike, each null for its default:
         * reg-covar 0, 1000 iterations, BIC, ModelSelection's starts, k-means starts, all threads.
         */
        static ModelSelection.Builder base(long seed, boolean standardize, Double regCovar, Integer maxIter,
                String criterion, Integer nInit, String init, Integer threads) {
            ModelSelection.Builder b = ModelSelection.builder().seed(seed).standardize(standardize)
                    .regCovar(regCovar != null ? regCovar : 0).maxIter(maxIter != null ? maxIter : 1000)
                    .criterion(Criterion.parse(criterion != null ? criterion : "bic"));
            if (nInit != null) {
                b.nInit(nInit);
            }
            if (init != null) {
                b.init(StartFile.initMethodOrFail(init));
            }
            if (threads != null) {
                b.threads(threads);
            }
            return b;
        }

        /** "A..B" (also "A-B") or one number. */
        static int[] parseRange(String s) {
            String t = s.trim();
            String[] parts = t.contains("..") ? t.split("\\.\\.", -1) : t.split("-", -1);
            try {
                if (parts.length == 1) {
                    int v = Integer.parseInt(parts[0].trim());
                    return new int[] {v, v};
                }
                if (parts.length == 2) {
                    return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
                }
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
            throw new InputException("-k: '" + s + "' is not a range; give MIN..MAX (for example 1..9) or one number");
        }
    }
}
