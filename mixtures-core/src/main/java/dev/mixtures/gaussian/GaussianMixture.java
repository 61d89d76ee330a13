package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.em.FitTemplate;
import dev.mixtures.ProgressListener;
import dev.mixtures.em.Settings;
import java.util.function.BooleanSupplier;

/**
 * Gaussian mixtures fitted by maximum likelihood with EM (PRML §9.2; MATH.md §2): immutable,
 * validated settings and {@link #fit}, which returns a {@link GaussianMixtureModel}. Runs as a
 * family on the shared EM loop.
 *
 * <pre>{@code
 * GaussianMixtureModel m = GaussianMixture.builder().k(2).covariance(CovarianceType.FULL).build().fit(data);
 * double[][] r = m.predictProba(data);
 * }</pre>
 *
 * <p>Defaults: k = 2, full covariances, reg-covar 1e-6 added to every variance (in the units that
 * are fitted: standardised ones with {@link GaussianMixtureBuilder#standardize}), start from one K-means run,
 * one start, at most 1000 iterations, stop when the log-likelihood per unit of row weight changes
 * by less than 1e-8 between iterations, seed 1, all processors. A collapsed component stops the
 * fit with a {@link DegenerateComponentException} unless {@link GaussianMixtureBuilder#reseedCollapsed} is set.
 * The same data, settings and seed give the same model, bit for bit, on any number of threads.
 */
public final class GaussianMixture {

    /** The settings, a frozen copy of the builder that made them. */
    private final GaussianMixtureBuilder s;

    GaussianMixture(GaussianMixtureBuilder b) {
        this.s = b.copy();
    }

    /** A builder with the defaults. */
    public static GaussianMixtureBuilder builder() {
        return new GaussianMixtureBuilder();
    }

    /** A builder holding these settings, to change some of them. */
    public GaussianMixtureBuilder toBuilder() {
        return s.copy();
    }

    /**
     * The E- and M-step over blocks of rows of width {@code d} held anywhere ({@link GaussianSteps}):
     * for fitting data that are not in one {@link Dataset}, with these settings' k, structure,
     * regularisation and tolerance. Standardising is the caller's (these settings must not ask for it).
     */
    public GaussianSteps steps(int d) {
        Settings.atLeast("d", d, 1);
        Settings.checkBlockSteps(s.standardize);
        return new GaussianSteps(this, d);
    }

    /** Fits to {@code data} with no progress reports. */
    public GaussianMixtureModel fit(Dataset data) {
        return fit(data, ProgressListener.NONE, () -> false);
    }

    /**
     * Fits to {@code data} on the shared {@link FitTemplate}. Starts run in parallel, each with its
     * own random stream split from the seed. A start that meets a collapsed component is dropped
     * (the model lists it); when all do, the first one's {@link DegenerateComponentException} is thrown.
     *
     * @throws IllegalArgumentException when the data cannot give k components (k &gt; n, fewer
     *         distinct rows than k, a constant column, given parameters of the wrong dimension)
     */
    public GaussianMixtureModel fit(Dataset data, ProgressListener listener, BooleanSupplier cancel) {
        GaussianFit[] spec = new GaussianFit[1];
        FitTemplate.Options o = new FitTemplate.Options(s.seed, s.threads, s.init == StartMethod.GIVEN || s.init == StartMethod.HC ? 1 : s.nInit, s.maxIter,
                s.shortRuns, true, s.standardize);
        FitTemplate.Outcome<GaussianParams, GaussianStatistics> r = FitTemplate.fit(data, o, this::checkData,
                (z, st) -> spec[0] = new GaussianFit(this, z, st), listener, cancel);
        return spec[0].model(r, data);
    }

    /** The kernel set for tests and benchmarks, or null for the one the problem's size calls for. */
    GaussianKernel kernel() {
        return s.kernel;
    }

    private void checkData(Dataset data) {
        if (s.init == StartMethod.GIVEN && s.initialMeans[0].length != data.d()) {
            throw new BadInputException("init: the given means have " + s.initialMeans[0].length
                    + " coordinates but the data have " + data.d() + " columns");
        }
        GaussianFit.checkSpread(data);
        // With missing cells the start is made from the complete rows: they must give k.
        Settings.checkRows(data.completeRows(), s.k);
    }

    /** Number of components. */
    public int k() {
        return s.k;
    }

    /** Covariance structure. */
    public CovarianceType covariance() {
        return s.covariance;
    }

    /** Regularisation added to variances. */
    public double regCovar() {
        return s.regCovar;
    }

    /** Whether the fit is the posterior mode under mclust's default conjugate prior. */
    public boolean defaultPrior() {
        return s.defaultPrior;
    }

    /** The starts shared with other fits of the same data (the tree, K-means partitions), or null. */
    public SharedStarts sharedStarts() {
        return s.sharedStarts;
    }

    /** How the fit starts. */
    public StartMethod init() {
        return s.init;
    }

    /** The given starting weights (a copy), or null. */
    public double[] initialWeights() {
        return s.initialWeights == null ? null : s.initialWeights.clone();
    }

    /** The given starting means in original units (a copy), or null. */
    public double[][] initialMeans() {
        return s.initialMeans == null ? null : Matrices.copy2(s.initialMeans);
    }

    /** The given starting covariances in original units (a copy), or null. */
    public double[][][] initialCovariances() {
        return s.initialCovariances == null ? null : Matrices.copy3(s.initialCovariances);
    }

    /** Number of starts. */
    public int nInit() {
        return s.nInit;
    }

    /** Iterations of each start before the best one alone continues; 0 when every start runs to the end. */
    public int shortRuns() {
        return s.shortRuns;
    }

    /** Iteration limit. */
    public int maxIter() {
        return s.maxIter;
    }

    /** Tolerance on the change of the log-likelihood per unit of weight. */
    public double tol() {
        return s.tol;
    }

    /** Seed. */
    public long seed() {
        return s.seed;
    }

    /** Worker threads. */
    public int threads() {
        return s.threads;
    }

    /** Whether columns are standardised before fitting. */
    public boolean standardize() {
        return s.standardize;
    }

    /** Whether collapsed components are re-seeded instead of stopping the fit. */
    public boolean reseedCollapsed() {
        return s.reseedCollapsed;
    }
}
