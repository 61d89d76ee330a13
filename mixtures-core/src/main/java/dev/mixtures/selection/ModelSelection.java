package dev.mixtures.selection;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.Moments;
import dev.mixtures.em.Restarts;
import dev.mixtures.em.Settings;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.DegenerateComponentException;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureBuilder;
import dev.mixtures.gaussian.Hierarchy;
import dev.mixtures.gaussian.SharedStarts;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.linalg.Cholesky;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the number of components and the covariance structure of a Gaussian mixture the way
 * mclust does: fits every cell of a grid (K from kMin to kMax × structures), in parallel, each
 * with its restarts, and ranks the cells by an information {@link Criterion}. A cell whose fit
 * fails gets no score and a reason, as mclust's NA; the sweep always finishes.
 *
 * <p><b>Spurious maxima.</b> A component that has settled on a few rows or on a thin slice of the
 * data (Old Faithful has duplicated rows and integer waiting times) gives a likelihood that grows
 * without meaning and must never win. A fitted cell is marked spurious, and gets no score, when
 * some component explains fewer rows' worth of responsibility than the covariance terms it has
 * alone need ({@link CovarianceType#rowsNeeded}: d + 1 with its own orientation, 2 with its own
 * volume or shape only, none when all are shared, where mclust too scores a component of one
 * row), or when some component's variance of a column given the columns before it (a Cholesky
 * pivot of its covariance) is below {@code spread} (default 1e-3) times the data's own. The Bayesian mixture's effective number of components, fitted with
 * K = kMax and full covariances (or the first structure asked for that has a conjugate prior, when
 * full is not asked for; full when none has), is reported beside the choice.
 *
 * <p>Each cell runs EM from mclust's hierarchical start (model-based agglomeration on the
 * SVD-transformed rows, {@link Hierarchy}, one tree for the whole grid), as mclust does, and
 * separately from {@code nInit} starts of the start method (k-means by default), whose starts run
 * {@value #SHORT_RUNS} iterations before the best alone continues to convergence (Biernacki,
 * Celeux and Govaert's emEM); the fit with the higher ln L stands, so no cell ends below where
 * mclust's start alone would take it (for VVE and VEE, whose mclust steps differ from the guarded
 * ones here, the hierarchical start runs mclust's own steps first: MATH.md §2.8).
 */
public final class ModelSelection {
    /** Iterations of every start of a cell before its best start alone continues (GaussianMixture.shortRuns). */
    public static final int SHORT_RUNS = 20;
    /**
     * Iteration limit of the Bayesian mixture fitted beside the grid: components that are not
     * needed switch off slowly on large data, and the grid must not wait for them.
     */
    public static final int BAYESIAN_MAX_ITER = 300;

    private final int kMin;
    private final int kMax;
    private final List<CovarianceType> structures;
    private final Criterion criterion;
    private final int nInit;
    private final long seed;
    private final int threads;
    private final double regCovar;
    private final int maxIter;
    private final double tol;
    private final double finalTol;
    private final boolean standardize;
    private final double spread;
    private final boolean bayesian;
    private final StartMethod init;
    private final int shortRuns;
    private final boolean hierarchical;
    private final boolean defaultPrior;

    private ModelSelection(Builder b) {
        defaultPrior = b.defaultPrior;
        hierarchical = b.hierarchical;
        init = b.init;
        shortRuns = b.shortRuns;
        kMin = b.kMin;
        kMax = b.kMax;
        structures = List.copyOf(b.structures);
        criterion = b.criterion;
        nInit = b.nInit;
        seed = b.seed;
        threads = b.threads;
        regCovar = b.regCovar;
        maxIter = b.maxIter;
        tol = b.tol;
        finalTol = b.finalTol;
        standardize = b.standardize;
        spread = b.spread;
        bayesian = b.bayesian;
    }

    /** A builder with the defaults: K = 1..9, mclust's fourteen models, BIC, five starts per cell. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ModelSelection} settings; checked in {@link #build}. */
    public static final class Builder {
        private int kMin = 1;
        private int kMax = 9;
        private List<CovarianceType> structures = List.of(CovarianceType.values());
        private Criterion criterion = Criterion.BIC;
        private int nInit = 5;
        private long seed = 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private double regCovar = 0;
        private int maxIter = 1000;
        private double tol = 1e-6;
        private double finalTol = 1e-8;
        private boolean standardize;
        private double spread = 1e-3;
        private boolean bayesian = true;
        private StartMethod init = StartMethod.KMEANS;
        private int shortRuns = SHORT_RUNS;
        private boolean hierarchical = true;
        private boolean defaultPrior;

        private Builder() {
        }

        /**
         * Every cell fits the posterior mode under mclust's default conjugate prior (as mclust's
         * {@code Mclust(prior = priorControl())}; BIC then uses ln L at that mode). The four models
         * the prior is not defined for (VEE, EVE, VVE, EVV) get no score, with the reason. Off by default.
         */
        public Builder defaultPrior(boolean v) {
            defaultPrior = v;
            return this;
        }

        /**
         * Whether every cell also runs EM from mclust's hierarchical start ({@link Hierarchy}, built
         * once for the grid) beside its {@code nInit} starts; true by default.
         */
        public Builder hierarchical(boolean v) {
            hierarchical = v;
            return this;
        }

        /** Iterations of each start before the cell's best start alone continues; 0 runs every start to the end. */
        public Builder shortRuns(int v) {
            shortRuns = v;
            return this;
        }

        /** How every cell's starts are made (not given parameters); k-means by default. */
        public Builder init(StartMethod v) {
            init = v;
            return this;
        }

        /** The range of K, kMin ≤ kMax, both at least 1. */
        public Builder k(int min, int max) {
            kMin = min;
            kMax = max;
            return this;
        }

        /** The structures to try (at least one). */
        public Builder structures(List<CovarianceType> v) {
            structures = v == null ? null : List.copyOf(v);
            return this;
        }

        /** The criterion that ranks the cells; BIC by default. */
        public Builder criterion(Criterion v) {
            criterion = v;
            return this;
        }

        /** Starts per cell, at least 1. */
        public Builder nInit(int v) {
            nInit = v;
            return this;
        }

        /** Seed of every cell's starts. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Worker threads, at least 1; results do not depend on it. */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /**
         * The Gaussian mixture's reg-covar (≥ 0); 0 by default, as mclust fits its grid: an absolute
         * 1e-6 (a single fit's default) lowers ln L where a column's variance is small (on R's rock
         * data by 2e-6 relative, below mclust's), and a cell whose covariance collapses fails
         * with its reason, as mclust's gives NA.
         */
        public Builder regCovar(double v) {
            regCovar = v;
            return this;
        }

        /** Iteration limit per start. */
        public Builder maxIter(int v) {
            maxIter = v;
            return this;
        }

        /**
         * Tolerance on ln L per row of every cell's fit (default 1e-6: ranking needs less than a
         * final model; mclust's default is looser still).
         */
        public Builder tol(double v) {
            tol = v;
            return this;
        }

        /** The best cell's fit is continued from where it stopped until ln L per row changes by less than this (default 1e-8). */
        public Builder finalTol(double v) {
            finalTol = v;
            return this;
        }

        /** Fit on standardised columns (criteria are in original units either way). */
        public Builder standardize(boolean v) {
            standardize = v;
            return this;
        }

        /** The thinnest spread a component may have against the data's before it counts as spurious (≥ 0). */
        public Builder spuriousSpread(double v) {
            spread = v;
            return this;
        }

        /** Whether to fit the Bayesian mixture beside the grid (default true). */
        public Builder bayesian(boolean v) {
            bayesian = v;
            return this;
        }

        /** Validates and builds. */
        public ModelSelection build() {
            if (kMin < 1 || kMax < kMin) {
                throw new BadInputException("k: the range " + kMin + ".." + kMax + " is "
                        + (kMax < kMin ? "reversed or empty" : "not at least 1") + "; give K as MIN..MAX with 1 ≤ MIN ≤ MAX");
            }
            if (structures == null || structures.isEmpty()) {
                throw new BadInputException("covariance: no structure to try");
            }
            if (init == null || init == StartMethod.GIVEN) {
                throw new BadInputException("init: a selection needs a start method, not given parameters");
            }
            if (criterion == null) {
                throw new BadInputException("criterion must be set");
            }
            Settings.checkFit(kMin, nInit, maxIter, tol, threads);
            Settings.finiteNonNegative("reg-covar", regCovar);
            Settings.finiteNonNegative("spurious spread", spread);
            Settings.finiteNonNegative("tol", finalTol);
            return new ModelSelection(this);
        }
    }

    /**
     * Fits the grid to {@code data}. A cell the data cannot hold (K above the number of rows or of
     * distinct rows) gets its reason in the table, as any cell that cannot be fitted.
     *
     * @throws IllegalArgumentException when even the smallest K is above the number of rows
     */
    public SelectionResult select(Dataset data) {
        long start = System.nanoTime();
        if (kMin > data.n()) {
            throw new BadInputException("k: the range " + kMin + ".." + kMax + " starts above the number of rows ("
                    + data.n() + ")");
        }
        // The data's variance of each column given the ones before it (weighted, population).
        double[] dataPivots = Cholesky.conditionalVariances(Moments.covariance(data, Moments.mean(data), 0), data.d());
        // One tree for every cell's hierarchical start (mclust's hc, on a seeded subset above Hierarchy.SUBSET rows),
        // and the K-means partitions of the cells of one K, which differ only in their structure.
        SharedStarts shared = SharedStarts.of(data, seed, 2 * nInit);
        List<int[]> cells = new ArrayList<>();
        for (int k = kMin; k <= kMax; k++) {
            for (int s = 0; s < structures.size(); s++) {
                cells.add(new int[] {k, s});
            }
        }
        // The Bayesian mixture is one more task beside the cells, so that it runs while they do.
        CovarianceType vbType = structures.contains(CovarianceType.FULL) ? CovarianceType.FULL
                : structures.stream().filter(CovarianceType::hasConjugatePrior).findFirst().orElse(CovarianceType.FULL);
        // It goes first: the longest single task, it would otherwise run alone at the end.
        int first = bayesian ? 1 : 0;
        List<Task> done = Restarts.run(threads, cells.size() + first, (i, workers) -> {
            if (i < first) {
                return bayesian(data, vbType, workers.threads());
            }
            // The largest K first: the longest cells, so that none of them runs alone at the end.
            int[] cell = cells.get(cells.size() - 1 - (i - first));
            int k = cell[0];
            CovarianceType t = structures.get(cell[1]);
            return new Cell(fitCell(data, k, t, workers.threads(), dataPivots, shared));
        });
        List<Candidate> table = new ArrayList<>();
        BayesianGaussianMixtureModel vb = null;
        String vbFailure = null;
        for (Task task : done) {
            if (task instanceof Cell c) {
                table.add(c.candidate());
            } else if (task instanceof Bayesian b) {
                vb = b.model();
                vbFailure = b.failure();
            }
        }
        java.util.Collections.reverse(table);
        Candidate best = null;
        for (Candidate c : table) {
            if (c.scored() && (best == null || better(c, best))) {
                best = c;
            }
        }
        if (best != null && finalTol < tol) {
            Candidate polished = polish(data, best, dataPivots);
            table.set(table.indexOf(best), polished);
            best = polished;
        }
        return new SelectionResult(table, criterion, best, vb, vbFailure, System.nanoTime() - start);
    }

    /** What one task of the grid gives: a cell of the table, or the Bayesian mixture's answer. */
    private sealed interface Task permits Cell, Bayesian {
    }

    /** A cell of the table: scored, spurious or failed, with its reason ({@link Candidate#status}). */
    private record Cell(Candidate candidate) implements Task {
    }

    /** The Bayesian mixture beside the table: its model, or why it could not be fitted. */
    private record Bayesian(BayesianGaussianMixtureModel model, String failure) implements Task {
    }

    /** The Bayesian mixture with K = kMax and default priors, or why it could not be fitted. */
    private Bayesian bayesian(Dataset data, CovarianceType type, int vbThreads) {
        try {
            return new Bayesian(BayesianGaussianMixture.builder().k(Math.min(kMax, Math.max(1, data.distinctRows(kMax))))
                    .covariance(type).standardize(standardize).seed(seed).nInit(1)
                    .maxIter(Math.min(maxIter, BAYESIAN_MAX_ITER)).tol(tol)
                    .threads(vbThreads).build().fit(data), null);
        } catch (BadInputException | DegenerateComponentException e) {
            return new Bayesian(null, e.getMessage());
        }
    }

    /** Lower score wins; on a tie, fewer parameters, then the earlier cell. */
    private boolean better(Candidate a, Candidate b) {
        double sa = a.score(criterion);
        double sb = b.score(criterion);
        return sa < sb || (sa == sb && a.parameters() < b.parameters());
    }

    /**
     * A cell: EM from the hierarchical start (as mclust) and from {@code nInit} starts of
     * {@code init} (emEM); the higher ln L of the two stands, the other's failure is noted only if
     * both fail.
     */
    private Candidate fitCell(Dataset data, int k, CovarianceType t, int cellThreads, double[] dataPivots,
            SharedStarts shared) {
        GaussianMixtureBuilder b = GaussianMixture.builder().k(k).covariance(t).regCovar(regCovar).seed(seed)
                .maxIter(maxIter).tol(tol).standardize(standardize).threads(cellThreads).sharedStarts(shared)
                .defaultPrior(defaultPrior);
        GaussianMixtureModel best = null;
        String failure = null;
        GaussianMixture base;
        try {
            base = b.build();
        } catch (BadInputException e) {
            return failed(k, t, e.getMessage()); // a model the settings exclude (the prior's four)
        }
        List<GaussianMixtureBuilder> starts = new ArrayList<>();
        if (hierarchical && k <= shared.hierarchy().maxClusters()) {
            starts.add(base.toBuilder().init(StartMethod.HC).nInit(1));
        }
        if (init != StartMethod.HC || !hierarchical) {
            starts.add(base.toBuilder().init(init).nInit(nInit).shortRuns(shortRuns));
        }
        for (GaussianMixtureBuilder s : starts) {
            try {
                GaussianMixtureModel m = s.build().fit(data);
                if (best == null || m.logLikelihood() > best.logLikelihood()) {
                    best = m;
                }
            } catch (DegenerateComponentException e) {
                failure = "every start collapsed: " + e.getMessage();
            } catch (BadInputException e) {
                failure = e.getMessage();
            }
        }
        return best == null ? failed(k, t, failure) : score(data, best, dataPivots);
    }

    /**
     * The best cell's fit continued to {@code finalTol} from where it stopped; if
     * that fails or turns spurious, the screened fit stands.
     */
    private Candidate polish(Dataset data, Candidate best, double[] dataPivots) {
        try {
            GaussianMixtureModel m = best.model().refine(data, finalTol);
            Candidate c = score(data, m, dataPivots);
            return c.scored() && c.logLikelihood() >= best.logLikelihood() ? c : best;
        } catch (DegenerateComponentException | IllegalArgumentException e) {
            return best;
        }
    }

    /** Criteria and the spurious checks of a fitted cell. */
    private Candidate score(Dataset data, GaussianMixtureModel m, double[] dataPivots) {
        int k = m.k();
        CovarianceType t = m.covarianceType();
        int d = data.d();
        double smallest = Double.POSITIVE_INFINITY;
        for (double s : m.sizes()) {
            smallest = Math.min(smallest, s);
        }
        double thinnest = Double.POSITIVE_INFINITY;
        int thinComponent = -1;
        int thinColumn = -1;
        double[][][] cov = m.covariances();
        for (int c = 0; c < k; c++) {
            double[] a = new double[d * d];
            for (int i = 0; i < d; i++) {
                System.arraycopy(cov[c][i], 0, a, i * d, d);
            }
            double[] v = Cholesky.conditionalVariances(a, d);
            for (int i = 0; i < d; i++) {
                double r = v[i] / dataPivots[i];
                if (r < thinnest) {
                    thinnest = r;
                    thinComponent = c;
                    thinColumn = i;
                }
            }
        }
        double ll = m.logLikelihood();
        long p = m.parameterCount();
        String why = null;
        int needed = t.rowsNeeded(d);
        if (smallest < needed) {
            why = String.format(java.util.Locale.ROOT, "spurious: a component explains %.3g rows' worth, fewer than the %d"
                    + " its own covariance terms need in %s", smallest, needed, t.mclustName());
        } else if (thinnest < spread) {
            why = String.format(java.util.Locale.ROOT, "spurious: component %d's spread in column %d (given the ones"
                    + " before it) is %.3g of the data's, below %s", thinComponent, thinColumn + 1, thinnest, spread);
        }
        if (why != null) {
            return new Candidate(k, t, Candidate.Status.SPURIOUS, why, m, ll, p, Double.NaN, Double.NaN, Double.NaN,
                    smallest, thinnest);
        }
        double[][] r = m.predictProba(data);
        double hard = 0;
        for (int i = 0; i < r.length; i++) {
            double mx = 0;
            for (double v : r[i]) {
                mx = Math.max(mx, v);
            }
            hard += data.weight(i) * Math.log(mx);
        }
        double bic = m.bic();
        return new Candidate(k, t, Candidate.Status.OK, null, m, ll, p, bic, m.aic(), bic - 2 * hard, smallest, thinnest);
    }

    private static Candidate failed(int k, CovarianceType t, String why) {
        return new Candidate(k, t, Candidate.Status.FAILED, why, null, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }

    /** The K range. */
    public int kMin() {
        return kMin;
    }

    /** The K range. */
    public int kMax() {
        return kMax;
    }

    /** The structures tried. */
    public List<CovarianceType> structures() {
        return structures;
    }

    /** The ranking criterion. */
    public Criterion criterion() {
        return criterion;
    }

    /** Starts per cell. */
    public int nInit() {
        return nInit;
    }

    /** Seed. */
    public long seed() {
        return seed;
    }

    /** Whether the cells fit the posterior mode under mclust's default prior. */
    public boolean defaultPrior() {
        return defaultPrior;
    }

    /** Whether every cell also runs EM from the hierarchical start. */
    public boolean hierarchical() {
        return hierarchical;
    }

    /** Start method of every cell. */
    public StartMethod init() {
        return init;
    }

    /** Whether the columns are standardised for fitting. */
    public boolean standardize() {
        return standardize;
    }

    /** reg-covar of every cell. */
    public double regCovar() {
        return regCovar;
    }
}
