package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.em.Settings;

/**
 * Fluent, validating builder of {@link BayesianGaussianMixture} settings: every value is checked in
 * {@link #build}; the settings keep a frozen copy of it and read its fields.
 */
public final class BayesianGaussianMixtureBuilder implements Cloneable {
    int k = 10;
    CovarianceType covariance = CovarianceType.FULL;
    WeightPrior weightPrior = WeightPrior.DIRICHLET;
    double concentration = Double.NaN;
    double beta0 = 1;
    double nu0 = Double.NaN;
    double[] meanPrior;
    double[][] covariancePrior;
    double regCovar = 0;
    StartMethod init = StartMethod.KMEANS;
    double[][] initialResponsibilities;
    BayesianGaussianMixtureModel warm;
    int nInit = 1;
    int maxIter = 1000;
    double tol = 1e-8;
    long seed = 1;
    int threads = Runtime.getRuntime().availableProcessors();
    boolean standardize;
    GaussianKernel kernel;
    java.util.Set<Move> moves = java.util.EnumSet.allOf(Move.class);

    BayesianGaussianMixtureBuilder() {
    }

    /** A copy; the arrays are shared, as neither side ever changes them (setters copy what they are given). */
    BayesianGaussianMixtureBuilder copy() {
        try {
            return (BayesianGaussianMixtureBuilder) clone();
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    /** The largest number of components (K); those the data do not need switch off. 10 by default. */
    public BayesianGaussianMixtureBuilder k(int v) {
        k = v;
        return this;
    }

    /** Covariance structure; full by default. */
    public BayesianGaussianMixtureBuilder covariance(CovarianceType v) {
        covariance = v;
        return this;
    }

    /** Dirichlet (PRML, the default) or Dirichlet process (stick-breaking). */
    public BayesianGaussianMixtureBuilder weightPrior(WeightPrior v) {
        weightPrior = v;
        return this;
    }

    /** The weight prior's concentration, α0 (Dirichlet) or γ0 (Dirichlet process), &gt; 0; 1/K by default. */
    public BayesianGaussianMixtureBuilder concentration(double v) {
        concentration = v;
        return this;
    }

    /** β0 &gt; 0, the prior's precision of the means in units of Λ (PRML 10.40); 1 by default. */
    public BayesianGaussianMixtureBuilder beta0(double v) {
        beta0 = v;
        return this;
    }

    /** ν0, the Wishart's degrees of freedom: &gt; D − 1 (full, tied) or &gt; 0 (diag, spherical); D by default. */
    public BayesianGaussianMixtureBuilder nu0(double v) {
        nu0 = v;
        return this;
    }

    /** m0 (d numbers, original units); the data mean by default. */
    public BayesianGaussianMixtureBuilder meanPrior(double[] v) {
        meanPrior = v == null ? null : v.clone();
        return this;
    }

    /**
     * W0⁻¹ as a d×d symmetric positive definite matrix in original units (so that the prior
     * expects Λ near ν0·W0); the data covariance by default. Diag uses its diagonal, spherical the
     * mean of its diagonal.
     */
    public BayesianGaussianMixtureBuilder covariancePrior(double[][] v) {
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
    public BayesianGaussianMixtureBuilder regCovar(double v) {
        regCovar = v;
        return this;
    }

    /** How the starting responsibilities are made: k-means (default), k-means++, random, random rows. */
    public BayesianGaussianMixtureBuilder init(StartMethod v) {
        init = v;
        return this;
    }

    /** Starting responsibilities, n rows of k, each non-negative and summing to 1. */
    public BayesianGaussianMixtureBuilder initialResponsibilities(double[][] r) {
        initialResponsibilities = r == null ? null : Matrices.copy2(r);
        init = StartMethod.GIVEN;
        warm = null;
        return this;
    }

    /** Starts from a fitted (or loaded) model's posterior; k and structure are taken from it. */
    public BayesianGaussianMixtureBuilder warmStart(BayesianGaussianMixtureModel model) {
        warm = model;
        // K of the model's prior: the start has the components its moves left, the rest idle.
        k = model.settings().k();
        covariance = model.covarianceType();
        init = StartMethod.GIVEN;
        initialResponsibilities = null;
        return this;
    }

    /** Number of starts, at least 1; the one with the highest bound is kept. */
    public BayesianGaussianMixtureBuilder nInit(int v) {
        nInit = v;
        return this;
    }

    /** Iteration limit per start, at least 1. */
    public BayesianGaussianMixtureBuilder maxIter(int v) {
        maxIter = v;
        return this;
    }

    /** Stop when the bound per unit of row weight changes by less than this (≥ 0). */
    public BayesianGaussianMixtureBuilder tol(double v) {
        tol = v;
        return this;
    }

    /** Seed of all randomness. */
    public BayesianGaussianMixtureBuilder seed(long v) {
        seed = v;
        return this;
    }

    /** Worker threads, at least 1. Results do not depend on it. */
    public BayesianGaussianMixtureBuilder threads(int v) {
        threads = v;
        return this;
    }

    /**
     * The moves a fit may make between iterations ({@link Move}; docs/MATH.md §4.9): all by
     * default, so that one start finds the number of components; none gives the plain coordinate
     * ascent of PRML §10.2 (and scikit-learn's).
     */
    public BayesianGaussianMixtureBuilder moves(java.util.Set<Move> v) {
        if (v == null) {
            throw new BadInputException("moves must be a set (empty for none)");
        }
        moves = v.isEmpty() ? java.util.EnumSet.noneOf(Move.class) : java.util.EnumSet.copyOf(v);
        return this;
    }

    /** Fit on standardised columns; priors given are in original units and are carried over. */
    public BayesianGaussianMixtureBuilder standardize(boolean v) {
        standardize = v;
        return this;
    }

    /** For tests and benchmarks: "scalar" or "vector" arithmetic; the fastest available by default. */
    public BayesianGaussianMixtureBuilder kernel(String name) {
        kernel = GaussianKernels.named(name);
        return this;
    }

    /** Validates and builds; a bad value fails here, naming the setting. */
    public BayesianGaussianMixture build() {
        Settings.checkFit(k, nInit, maxIter, tol, threads);
        if (covariance == null || weightPrior == null || init == null) {
            throw new BadInputException("covariance, weight prior and init must be set");
        }
        if (!covariance.hasConjugatePrior()) {
            throw new BadInputException("covariance: the Bayesian mixture has conjugate priors for full (VVV), tied"
                    + " (EEE), diag (VVI) and spherical (VII) only, not " + covariance.mclustName()
                    + "; fit the Gaussian mixture for it");
        }
        String cname = weightPrior == WeightPrior.DIRICHLET ? "alpha0" : "gamma0";
        if (!Double.isNaN(concentration) && !(concentration > 0 && concentration < Double.POSITIVE_INFINITY)) {
            throw new BadInputException(cname + " (the weight concentration) must be a finite number > 0, got "
                    + concentration);
        }
        if (!(beta0 > 0 && beta0 < Double.POSITIVE_INFINITY)) {
            throw new BadInputException("beta0 must be a finite number > 0, got " + beta0);
        }
        if (!Double.isNaN(nu0) && !(nu0 > 0 && nu0 < Double.POSITIVE_INFINITY)) {
            throw new BadInputException("nu0 must be a finite number > 0 (and > d − 1 for full and tied), got "
                    + nu0);
        }
        Settings.finiteNonNegative("reg-covar", regCovar);
        if (meanPrior != null) {
            for (int i = 0; i < meanPrior.length; i++) {
                if (!Double.isFinite(meanPrior[i])) {
                    throw new BadInputException("mean-prior: coordinate " + (i + 1) + " is " + meanPrior[i]);
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
                throw new BadInputException("init: given starts need responsibilities or a model to warm-start from");
            }
            for (int r = 0; r < initialResponsibilities.length; r++) {
                double[] row = initialResponsibilities[r];
                if (row == null || row.length != k) {
                    throw new BadInputException("init: responsibilities of row " + (r + 1) + " have "
                            + (row == null ? 0 : row.length) + " entries, k = " + k);
                }
                double s = 0;
                for (double v : row) {
                    if (!(v >= 0) || v > 1) {
                        throw new BadInputException("init: responsibility " + v + " in row " + (r + 1)
                                + " is not in [0, 1]");
                    }
                    s += v;
                }
                if (Math.abs(s - 1) > 1e-6) {
                    throw new BadInputException("init: responsibilities of row " + (r + 1) + " sum to " + s
                            + ", not 1");
                }
            }
        }
        return new BayesianGaussianMixture(this);
    }
}
