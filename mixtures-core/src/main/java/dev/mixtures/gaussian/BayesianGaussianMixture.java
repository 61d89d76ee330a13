package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Moments;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.FitTemplate;
import dev.mixtures.em.ProgressListener;
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
    private final Builder s;

    private BayesianGaussianMixture(Builder b) {
        this.s = b.copy();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, the start included. */
    public Builder toBuilder() {
        return s.copy();
    }

    /** Builds {@link BayesianGaussianMixture} settings; every value is checked in {@link #build}. */
    public static final class Builder implements Cloneable {
        private int k = 10;
        private CovarianceType covariance = CovarianceType.FULL;
        private WeightPrior weightPrior = WeightPrior.DIRICHLET;
        private double concentration = Double.NaN;
        private double beta0 = 1;
        private double nu0 = Double.NaN;
        private double[] meanPrior;
        private double[][] covariancePrior;
        private double regCovar = 0;
        private StartMethod init = StartMethod.KMEANS;
        private double[][] initialResponsibilities;
        private BayesianGaussianMixtureModel warm;
        private int nInit = 1;
        private int maxIter = 1000;
        private double tol = 1e-8;
        private long seed = 1;
        private int threads = Runtime.getRuntime().availableProcessors();
        private boolean standardize;
        private GaussianKernel kernel;

        private Builder() {
        }

        /** A copy; the arrays are shared, as neither side ever changes them (setters copy what they are given). */
        private Builder copy() {
            try {
                return (Builder) clone();
            } catch (CloneNotSupportedException e) {
                throw new AssertionError(e);
            }
        }

        /** The largest number of components (K); those the data do not need switch off. 10 by default. */
        public Builder k(int v) {
            k = v;
            return this;
        }

        /** Covariance structure; full by default. */
        public Builder covariance(CovarianceType v) {
            covariance = v;
            return this;
        }

        /** Dirichlet (PRML, the default) or Dirichlet process (stick-breaking). */
        public Builder weightPrior(WeightPrior v) {
            weightPrior = v;
            return this;
        }

        /** The weight prior's concentration, α0 (Dirichlet) or γ0 (Dirichlet process), &gt; 0; 1/K by default. */
        public Builder concentration(double v) {
            concentration = v;
            return this;
        }

        /** β0 &gt; 0, the prior's precision of the means in units of Λ (PRML 10.40); 1 by default. */
        public Builder beta0(double v) {
            beta0 = v;
            return this;
        }

        /** ν0, the Wishart's degrees of freedom: &gt; D − 1 (full, tied) or &gt; 0 (diag, spherical); D by default. */
        public Builder nu0(double v) {
            nu0 = v;
            return this;
        }

        /** m0 (d numbers, original units); the data mean by default. */
        public Builder meanPrior(double[] v) {
            meanPrior = v == null ? null : v.clone();
            return this;
        }

        /**
         * W0⁻¹ as a d×d symmetric positive definite matrix in original units (so that the prior
         * expects Λ near ν0·W0); the data covariance by default. Diag uses its diagonal, spherical the
         * mean of its diagonal.
         */
        public Builder covariancePrior(double[][] v) {
            if (v == null) {
                covariancePrior = null;
            } else {
                covariancePrior = new double[v.length][];
                for (int i = 0; i < v.length; i++) {
                    covariancePrior[i] = v[i] == null ? null : v[i].clone();
                }
            }
            return this;
        }

        /** Added to every S_k's diagonal (scikit-learn's reg_covar, ≥ 0). 0 by default: the prior regularises. */
        public Builder regCovar(double v) {
            regCovar = v;
            return this;
        }

        /** How the starting responsibilities are made: k-means (default), k-means++, random, random rows. */
        public Builder init(StartMethod v) {
            init = v;
            return this;
        }

        /** Starting responsibilities, n rows of k, each non-negative and summing to 1. */
        public Builder initialResponsibilities(double[][] r) {
            initialResponsibilities = r == null ? null : Matrices.copy2(r);
            init = StartMethod.GIVEN;
            warm = null;
            return this;
        }

        /** Starts from a fitted (or loaded) model's posterior; k and structure are taken from it. */
        public Builder warmStart(BayesianGaussianMixtureModel model) {
            warm = model;
            k = model.k();
            covariance = model.covarianceType();
            init = StartMethod.GIVEN;
            initialResponsibilities = null;
            return this;
        }

        /** Number of starts, at least 1; the one with the highest bound is kept. */
        public Builder nInit(int v) {
            nInit = v;
            return this;
        }

        /** Iteration limit per start, at least 1. */
        public Builder maxIter(int v) {
            maxIter = v;
            return this;
        }

        /** Stop when the bound per unit of row weight changes by less than this (≥ 0). */
        public Builder tol(double v) {
            tol = v;
            return this;
        }

        /** Seed of all randomness. */
        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Worker threads, at least 1. Results do not depend on it. */
        public Builder threads(int v) {
            threads = v;
            return this;
        }

        /** Fit on standardised columns; priors given are in original units and are carried over. */
        public Builder standardize(boolean v) {
            standardize = v;
            return this;
        }

        /** For tests and benchmarks: "scalar" or "vector" arithmetic; the fastest available by default. */
        public Builder kernel(String name) {
            kernel = GaussianKernels.named(name);
            return this;
        }

        /** Validates and builds; a bad value fails here, naming the setting. */
        public BayesianGaussianMixture build() {
            Settings.checkFit(k, nInit, maxIter, tol, threads);
            if (covariance == null || weightPrior == null || init == null) {
                throw new IllegalArgumentException("covariance, weight prior and init must be set");
            }
            String cname = weightPrior == WeightPrior.DIRICHLET ? "alpha0" : "gamma0";
            if (!Double.isNaN(concentration) && !(concentration > 0 && concentration < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(cname + " (the weight concentration) must be a finite number > 0, got "
                        + concentration);
            }
            if (!(beta0 > 0 && beta0 < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("beta0 must be a finite number > 0, got " + beta0);
            }
            if (!Double.isNaN(nu0) && !(nu0 > 0 && nu0 < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("nu0 must be a finite number > 0 (and > d − 1 for full and tied), got "
                        + nu0);
            }
            Settings.finiteNonNegative("reg-covar", regCovar);
            if (meanPrior != null) {
                for (int i = 0; i < meanPrior.length; i++) {
                    if (!Double.isFinite(meanPrior[i])) {
                        throw new IllegalArgumentException("mean-prior: coordinate " + (i + 1) + " is " + meanPrior[i]);
                    }
                }
            }
            if (covariancePrior != null) {
                int d = covariancePrior.length;
                Matrices.checkSpd(Matrices.flatten(covariancePrior, "covariance-prior"), d,
                        "covariance-prior:");
            }
            if (init == StartMethod.GIVEN && warm == null) {
                if (initialResponsibilities == null) {
                    throw new IllegalArgumentException("init: given starts need responsibilities or a model to warm-start from");
                }
                for (int r = 0; r < initialResponsibilities.length; r++) {
                    double[] row = initialResponsibilities[r];
                    if (row == null || row.length != k) {
                        throw new IllegalArgumentException("init: responsibilities of row " + (r + 1) + " have "
                                + (row == null ? 0 : row.length) + " entries, k = " + k);
                    }
                    double s = 0;
                    for (double v : row) {
                        if (!(v >= 0) || v > 1) {
                            throw new IllegalArgumentException("init: responsibility " + v + " in row " + (r + 1)
                                    + " is not in [0, 1]");
                        }
                        s += v;
                    }
                    if (Math.abs(s - 1) > 1e-6) {
                        throw new IllegalArgumentException("init: responsibilities of row " + (r + 1) + " sum to " + s
                                + ", not 1");
                    }
                }
            }
            return new BayesianGaussianMixture(this);
        }
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
        if (!r.trace().converged()) {
            notes.add("the bound did not settle within " + s.maxIter + " iterations");
        }
        return new BayesianGaussianMixtureModel(this, r.params(), r.standardizer(), data.columnNames(), data.n(),
                r.statistics().weight, r.objective(), r.trace(), notes);
    }

    private void checkData(Dataset data) {
        int d = data.d();
        GaussianFit.checkSpread(data);
        Settings.checkRows(data, s.k);
        checkPriors(d);
        if (s.init == StartMethod.GIVEN && s.warm == null && s.initialResponsibilities.length != data.n()) {
            throw new IllegalArgumentException("init: responsibilities for " + s.initialResponsibilities.length
                    + " rows given, the data have " + data.n());
        }
        if (s.warm != null && s.warm.d() != d) {
            throw new IllegalArgumentException("init: the model to warm-start from has " + s.warm.d()
                    + " columns, the data have " + d);
        }
    }

    /** Fails unless the priors fit data of d columns. */
    private void checkPriors(int d) {
        if (!Double.isNaN(s.nu0) && s.covariance.hasOffDiagonal() && !(s.nu0 > d - 1)) {
            throw new IllegalArgumentException("nu0 must be greater than d − 1 = " + (d - 1) + " for " + s.covariance.label()
                    + " covariances (a Wishart needs it), got " + s.nu0);
        }
        if (s.meanPrior != null && s.meanPrior.length != d) {
            throw new IllegalArgumentException("mean-prior has " + s.meanPrior.length + " coordinates but the data have "
                    + d + " columns");
        }
        if (s.covariancePrior != null && s.covariancePrior.length != d) {
            throw new IllegalArgumentException("covariance-prior is " + s.covariancePrior.length + "×"
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
        Settings.checkBlockSteps(s.standardize);
        int d = mean.length;
        Settings.atLeast("d", d, 1);
        checkPriors(d);
        double[] cov = Matrices.flatten(dataCovariance, "covariance");
        if (cov.length != d * d) {
            throw new IllegalArgumentException("the data's covariance is " + dataCovariance.length + "×" + dataCovariance.length
                    + " but its mean has " + d + " coordinates");
        }
        return new VariationalSteps(VbPrior.of(this, mean.clone(), () -> cov, d, null), s.tol);
    }

    /** The priors in the fitted space: given ones carried into it, defaults taken from {@code z}. */
    VbPrior prior(Dataset z, Standardizer st) {
        double[] mean = Moments.mean(z);
        return VbPrior.of(this, mean, () -> Moments.covariance(z, mean, 1), z.d(), st);
    }

    /** The kernel set for tests and benchmarks, or null for the one the problem's size calls for. */
    GaussianKernel kernel() {
        return s.kernel;
    }

    /** The given starting responsibilities (not a copy: for the fit only), or null. */
    double[][] givenResponsibilities() {
        return s.initialResponsibilities;
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
