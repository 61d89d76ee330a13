package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.Moments;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.FitTemplate;
import dev.mixtures.ProgressListener;
import dev.mixtures.em.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Settings of the Bayesian mixture of Gaussians fitted by variational inference (PRML §10.2,
 * MATH.md §3–4): a Dirichlet (or stick-breaking) prior on the weights and a Gaussian–Wishart
 * prior on each component, so that components the data do not need switch themselves off and
 * none can collapse. {@link #fit} runs on the shared EM loop and returns an immutable
 * {@link BayesianGaussianMixtureModel}.
 *
 * <p>Defaults (scikit-learn's, in the fitted space): concentration α0 = 1/K, β0 = 1, ν0 = D,
 * m0 = the data mean, W0⁻¹ = the data covariance (weighted, divided by W − 1). The covariance
 * structures are exact conjugate models, one Wishart "block" each: full (PRML), tied (one Wishart
 * for the shared precision, ν = ν0 + N), diag (an independent Gamma(ν/2, (W⁻¹)_ii/2) per
 * coordinate) and spherical (one Gamma(νD/2, D·t/2) for the common precision λ, so E[λ] = ν/t, with
 * t0 the mean of the covariance prior's diagonal). Only full matches scikit-learn's model; its other three use Wishart
 * formulas on structures that are not Wishart (MATH.md §5).
 */
public final class BayesianGaussianMixture {
    /** The settings, a frozen copy of the builder that made them. */
    private final BayesianGaussianMixtureBuilder s;

    BayesianGaussianMixture(BayesianGaussianMixtureBuilder b) {
        this.s = b.copy();
    }

    /** A builder with the defaults. */
    public static BayesianGaussianMixtureBuilder builder() {
        return new BayesianGaussianMixtureBuilder();
    }

    /** A builder holding these settings, the start included. */
    public BayesianGaussianMixtureBuilder toBuilder() {
        return s.copy();
    }

    /** Fits to {@code data} with no progress reports. */
    public BayesianGaussianMixtureModel fit(Dataset data) {
        return fit(data, ProgressListener.NONE, () -> false);
    }

    /**
     * Fits to {@code data}: every start (in parallel, each with its own random stream split from the
     * seed) runs the variational EM until the bound per unit of weight changes by less than tol;
     * the start with the highest bound is kept.
     *
     * @throws IllegalArgumentException when the data or the priors do not fit (a constant column,
     *         k above the number of distinct rows, a prior of the wrong dimension, ν0 ≤ d − 1)
     */
    public BayesianGaussianMixtureModel fit(Dataset data, ProgressListener listener, BooleanSupplier cancel) {
        FitTemplate.Options o = new FitTemplate.Options(s.seed, s.threads, s.init == StartMethod.GIVEN ? 1 : s.nInit,
                s.maxIter, 0, true, s.standardize);
        FitTemplate.Outcome<VariationalParams, GaussianStatistics> r = FitTemplate.fit(data, o, this::checkData,
                (z, st) -> new VariationalFit(this, z, st, s.warm != null ? s.warm.startOn(data) : null), listener, cancel);
        List<String> notes = new ArrayList<>(r.notes());
        String moves = movesNote(r.params().moves);
        if (moves != null) {
            notes.add(moves);
        }
        if (!r.trace().converged()) {
            notes.add("the bound did not settle within " + s.maxIter + " iterations");
        }
        return new BayesianGaussianMixtureModel(this, r.params(), r.standardizer(), data.columnNames(), data.n(),
                r.statistics().weight, r.objective(), r.trace(), notes);
    }

    /** One line on the moves a fit made, or null when it made none. */
    private static String movesNote(VbMoves.State m) {
        long merges = m.history().stream().filter(e -> e.kind() == Move.MERGE).count();
        long deletes = m.history().size() - merges;
        if (merges + deletes + m.reorders() == 0) {
            return null;
        }
        StringBuilder b = new StringBuilder("moves: ");
        b.append(merges).append(merges == 1 ? " merge, " : " merges, ").append(deletes)
                .append(deletes == 1 ? " delete" : " deletes");
        if (!m.history().isEmpty()) {
            b.append(" (iterations ").append(m.history().get(0).iteration()).append("–")
                    .append(m.history().get(m.history().size() - 1).iteration()).append(')');
        }
        if (m.reorders() > 0) {
            b.append(", sticks put in order of size ").append(m.reorders()).append(m.reorders() == 1 ? " time" : " times");
        }
        return b.toString();
    }

    private void checkData(Dataset data) {
        int d = data.d();
        GaussianFit.checkSpread(data);
        // With missing cells the start is made from the complete rows: they must give K.
        Settings.checkRows(data.completeRows(), s.k);
        checkPriors(d);
        if (s.init == StartMethod.GIVEN && s.warm == null && s.initialResponsibilities.length != data.n()) {
            throw new BadInputException("init: responsibilities for " + s.initialResponsibilities.length
                    + " rows given, the data have " + data.n());
        }
        if (s.warm != null && s.warm.k() > s.k) {
            throw new BadInputException("init: the model to warm-start from has " + s.warm.k()
                    + " components in use, more than k = " + s.k);
        }
        if (s.warm != null && s.warm.d() != d) {
            throw new BadInputException("init: the model to warm-start from has " + s.warm.d()
                    + " columns, the data have " + d);
        }
    }

    /** Fails unless the priors fit data of d columns. */
    private void checkPriors(int d) {
        if (!Double.isNaN(s.nu0) && s.covariance.hasOffDiagonal() && !(s.nu0 > d - 1)) {
            throw new BadInputException("nu0 must be greater than d − 1 = " + (d - 1) + " for " + s.covariance.label()
                    + " covariances (a Wishart needs it), got " + s.nu0);
        }
        if (s.meanPrior != null && s.meanPrior.length != d) {
            throw new BadInputException("mean-prior has " + s.meanPrior.length + " coordinates but the data have "
                    + d + " columns");
        }
        if (s.covariancePrior != null && s.covariancePrior.length != d) {
            throw new BadInputException("covariance-prior is " + s.covariancePrior.length + "×"
                    + s.covariancePrior.length + " but the data have " + d + " columns");
        }
    }

    /**
     * The variational E- and M-step over blocks of rows held anywhere ({@link VariationalSteps}),
     * with these settings' priors: those not given are taken from the data's {@code mean} and
     * {@code dataCovariance} (divisor W − 1, as numpy.cov; as {@link dev.mixtures.data.Moments} computes
     * them). Standardising is the caller's (these settings must not ask for it).
     */
    public VariationalSteps steps(double[] mean, double[][] dataCovariance) {
        return steps(mean, dataCovariance, null);
    }

    /**
     * The steps over blocks standardised by the caller with {@code st}: as {@link #steps(double[], double[][])},
     * with {@code mean} and {@code dataCovariance} those of the standardised rows, and given priors
     * (in original units) carried into standardised units as a fit carries them.
     */
    public VariationalSteps steps(double[] mean, double[][] dataCovariance, Standardizer st) {
        if (st == null) {
            Settings.checkBlockSteps(s.standardize);
        }
        int d = mean.length;
        Settings.atLeast("d", d, 1);
        checkPriors(d);
        double[] cov = Matrices.flatten(dataCovariance, "covariance");
        if (cov.length != d * d) {
            throw new BadInputException("the data's covariance is " + dataCovariance.length + "×" + dataCovariance.length
                    + " but its mean has " + d + " coordinates");
        }
        VbPrior prior = VbPrior.of(this, mean.clone(), () -> cov, d, st);
        return new VariationalSteps(prior, moves(prior, false), s.tol);
    }

    /** The priors in the fitted space: given ones carried into it, defaults taken from {@code z}. */
    VbPrior prior(Dataset z, Standardizer st) {
        double[] mean = Moments.mean(z);
        return VbPrior.of(this, mean, () -> Moments.covariance(z, mean, 1), z.d(), st);
    }

    /** The moves of these settings for {@code prior}, over rows with missing cells or not. */
    VbMoves moves(VbPrior prior, boolean missingCells) {
        return new VbMoves(prior, s.moves, missingCells);
    }

    /** The moves a fit may make (a copy). */
    public java.util.Set<Move> moves() {
        return s.moves.isEmpty() ? java.util.EnumSet.noneOf(Move.class) : java.util.EnumSet.copyOf(s.moves);
    }

    /** The kernel set for tests and benchmarks, or null for the one the problem's size calls for. */
    GaussianKernel kernel() {
        return s.kernel;
    }

    /** The given starting responsibilities (not a copy: for the fit only), or null. */
    double[][] givenResponsibilities() {
        return s.initialResponsibilities;
    }

    /** The model this fit warm-starts from ({@link BayesianGaussianMixtureBuilder#warmStart}), or null. */
    public BayesianGaussianMixtureModel warmStart() {
        return s.warm;
    }

    /** The largest number of components. */
    public int k() {
        return s.k;
    }

    /** Covariance structure. */
    public CovarianceType covariance() {
        return s.covariance;
    }

    /** The weight prior. */
    public WeightPrior weightPrior() {
        return s.weightPrior;
    }

    /** The concentration as set, or NaN for the default 1/K. */
    public double concentration() {
        return s.concentration;
    }

    /** β0. */
    public double beta0() {
        return s.beta0;
    }

    /** ν0 as set, or NaN for the default d. */
    public double nu0() {
        return s.nu0;
    }

    /** m0 as set (original units), or null for the data mean. */
    public double[] meanPrior() {
        return s.meanPrior == null ? null : s.meanPrior.clone();
    }

    /** W0⁻¹ as set (original units), or null for the data covariance. */
    public double[][] covariancePrior() {
        return s.covariancePrior == null ? null : Matrices.copy2(s.covariancePrior);
    }

    /** reg-covar. */
    public double regCovar() {
        return s.regCovar;
    }

    /** Start method. */
    public StartMethod init() {
        return s.init;
    }

    /** Number of starts. */
    public int nInit() {
        return s.nInit;
    }

    /** Iteration limit. */
    public int maxIter() {
        return s.maxIter;
    }

    /** Tolerance on the bound per unit of weight. */
    public double tol() {
        return s.tol;
    }

    /** Seed. */
    public long seed() {
        return s.seed;
    }

    /** Threads. */
    public int threads() {
        return s.threads;
    }

    /** Whether the columns are standardised for fitting. */
    public boolean standardize() {
        return s.standardize;
    }
}
