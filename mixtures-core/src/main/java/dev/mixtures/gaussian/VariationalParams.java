package dev.mixtures.gaussian;

import dev.mixtures.linalg.Special;

/**
 * The variational posterior of the Bayesian mixture in the fitted space (docs/MATH.md §4.2; what the
 * {@link VariationalSteps} of a fit by blocks work on): weight
 * concentrations (α_k, or the stick parameters a_k, b_k), β_k, ν_k, m_k and the inverse scale
 * W_k⁻¹, with what the E-step and the bound need derived once: E[ln π_k] (10.66 or §4.8),
 * E[ln |Λ_k|] (10.65), ln B(W_k, ν_k) (B.79) and the E-step's Gaussian parameters, whose
 * covariance is E[Λ_k]⁻¹ and whose constants are those of (10.46). Immutable.
 *
 * <p>Each covariance structure is a product of independent Wishart "blocks" (one D-dimensional
 * block for full and tied, D one-dimensional blocks for diag, one one-dimensional block acting on
 * every coordinate for spherical), so one set of formulas gives the E-step, the bound and the
 * predictive density of all four. Layout of {@code winv}: k·d·d (full), d·d (tied), k·d (diag),
 * k (spherical: the scalar t_k of a Gamma(ν_k D/2, D t_k/2) common precision, so E[λ_k] = ν_k/t_k).
 */
public final class VariationalParams implements java.io.Serializable {
    private static final long serialVersionUID = 2L;
    static final double LN_2 = Math.log(2);
    static final double LN_PI = Math.log(Math.PI);

    final VbPrior prior;
    final int k;
    final int d;
    final CovarianceType type;
    /** α_k (Dirichlet) or a_k (stick-breaking). */
    final double[] conc1;
    /** b_k (stick-breaking) or null. */
    final double[] conc2;
    final double[] beta;
    /** ν_k; all equal for tied. */
    final double[] nu;
    final double[] means;
    final double[] winv;
    final double[] elnPi;
    /** E[ln |Λ_k|] over all d coordinates. */
    final double[] elnDet;
    /** Σ over its blocks of ln B(W, ν) per component (tied: the shared block, in every entry). */
    final double[] lnB;
    /** ln |W_k⁻¹| summed over blocks, per component. */
    final double[] lnDetWinv;
    /** The E-step's parameters: means m_k, covariances E[Λ_k]⁻¹, constants of (10.46). */
    final GaussianParams estep;
    /**
     * Components of the prior's K that moves took out (K − k): under the Dirichlet each keeps α0
     * and no rows (its responsibilities are held at 0, a member of the variational family), so it
     * enters Σα and nothing else; under the Dirichlet process it is a stick at its prior after the
     * last one, which adds nothing at all (MATH.md §4.9).
     */
    final int idle;
    /** What the moves made and plan: the next E-step's merge candidates, history (never null). */
    final VbMoves.State moves;

    VariationalParams(VbPrior prior, double[] conc1, double[] conc2, double[] beta, double[] nu, double[] means,
            double[] winv) {
        this.prior = prior;
        this.k = beta.length;
        this.d = prior.d;
        this.type = prior.type;
        this.conc1 = conc1;
        this.conc2 = conc2;
        this.beta = beta;
        this.nu = nu;
        this.means = means;
        this.winv = winv;
        this.idle = prior.k - k;
        this.moves = VbMoves.State.NONE;
        this.elnPi = expectedLogWeights(conc1, conc2, idle * prior.concentration);
        double[] eff = effectiveCovariances();
        GaussianParams g;
        try {
            g = GaussianParams.of(k, d, type, uniform(k), means, eff);
        } catch (GaussianParams.NotPositiveDefinite e) {
            throw new DegenerateComponentException(e.component, 0,
                    "has a posterior scale matrix that is not positive definite (pivot " + (e.pivot + 1) + ")",
                    VbPrior.ADVICE);
        }
        this.lnDetWinv = new double[k];
        this.elnDet = new double[k];
        this.lnB = new double[k];
        double[] cst = new double[k];
        for (int c = 0; c < k; c++) {
            lnDetWinv[c] = logDetWinv(c, g);
            elnDet[c] = expectedLogDet(c);
            lnB[c] = logWishartNorm(blockDof(nu[c]), lnDetWinv[c]);
            cst[c] = elnPi[c] + 0.5 * elnDet[c] - 0.5 * d / beta[c] - 0.5 * d * GaussianParams.LN_2PI;
        }
        this.estep = g.withConstants(cst);
    }

    /** The same posterior with the moves' state {@code m}. */
    private VariationalParams(VariationalParams p, VbMoves.State m) {
        this.prior = p.prior;
        this.k = p.k;
        this.d = p.d;
        this.type = p.type;
        this.conc1 = p.conc1;
        this.conc2 = p.conc2;
        this.beta = p.beta;
        this.nu = p.nu;
        this.means = p.means;
        this.winv = p.winv;
        this.idle = p.idle;
        this.moves = m;
        this.elnPi = p.elnPi;
        this.elnDet = p.elnDet;
        this.lnB = p.lnB;
        this.lnDetWinv = p.lnDetWinv;
        this.estep = p.estep;
    }

    /** This posterior with the moves' state {@code m}. */
    VariationalParams withMoves(VbMoves.State m) {
        return new VariationalParams(this, m);
    }

    /**
     * ln C(α) of the Dirichlet over all K of the prior's components (PRML B.23): the k in use and
     * the idle ones at α0.
     */
    double logDirichletNorm() {
        double sum = idle * prior.concentration;
        double s = -idle * Special.lnGamma(prior.concentration);
        for (double a : conc1) {
            sum += a;
            s -= Special.lnGamma(a);
        }
        return s + Special.lnGamma(sum);
    }

    private static double[] uniform(int k) {
        double[] w = new double[k];
        java.util.Arrays.fill(w, 1.0 / k);
        return w;
    }

    /**
     * E[ln π_k]: ψ(α_k) − ψ(Σα) (10.66), Σα with {@code idleMass} of idle components, or the
     * stick-breaking sum of MATH.md §4.8.
     */
    static double[] expectedLogWeights(double[] c1, double[] c2, double idleMass) {
        int k = c1.length;
        double[] e = new double[k];
        if (c2 == null) {
            double sum = idleMass;
            for (double a : c1) {
                sum += a;
            }
            double ps = Special.digamma(sum);
            for (int c = 0; c < k; c++) {
                e[c] = Special.digamma(c1[c]) - ps;
            }
        } else {
            double acc = 0;
            for (int c = 0; c < k; c++) {
                double psab = Special.digamma(c1[c] + c2[c]);
                e[c] = Special.digamma(c1[c]) - psab + acc;
                acc += Special.digamma(c2[c]) - psab;
            }
        }
        return e;
    }

    /** The posterior means m_k, k rows of d (a copy). */
    public double[][] means() {
        return estep.means();
    }

    /**
     * E[π_k] of the components in use: α_k/α̂ (10.69), or the stick-breaking means, renormalised to
     * sum to 1 (as scikit-learn does for the sticks; idle components' α0/α̂ is left out likewise).
     */
    public double[] expectedWeights() {
        double[] w = new double[k];
        double sum = 0;
        if (conc2 == null) {
            for (double a : conc1) {
                sum += a;
            }
            for (int c = 0; c < k; c++) {
                w[c] = conc1[c] / sum;
            }
            return w;
        }
        double rest = 1;
        for (int c = 0; c < k; c++) {
            double ab = conc1[c] + conc2[c];
            w[c] = conc1[c] / ab * rest;
            rest *= conc2[c] / ab;
            sum += w[c];
        }
        for (int c = 0; c < k; c++) {
            w[c] /= sum;
        }
        return w;
    }

    /** E[Λ_k]⁻¹ in the layout of {@code winv}: W⁻¹/ν for every structure (t/ν for spherical). */
    double[] effectiveCovariances() {
        double[] e = new double[winv.length];
        boolean shared = prior.structure.shared();
        int per = winv.length / (shared ? 1 : k);
        for (int q = 0; q < winv.length; q++) {
            int c = shared ? 0 : q / per;
            e[q] = winv[q] / nu[c];
        }
        return e;
    }

    /** The degrees of freedom of one precision block: ν, or νD for the spherical Gamma. */
    double blockDof(double v) {
        return v * prior.structure.replicas(d);
    }

    /** Dimension of one block. */
    int blockDim() {
        return prior.structure.blockDim(d);
    }

    /** Number of blocks per component. */
    int blocks() {
        return prior.structure.blocks(d);
    }

    private double logDetWinv(int c, GaussianParams g) {
        return prior.structure.posteriorLogDet(winv, nu, c, d, g);
    }

    /** Σ over blocks of E[ln |Λ_b|] (PRML 10.65 per block), from ln |W⁻¹| summed over blocks. */
    static double blockLogDet(double v, int dim, int blocks, double lnDetWinv) {
        return blocks * (Special.digammaSum(v, dim) + dim * LN_2) - lnDetWinv;
    }

    /** E[ln |Λ_k|] over all d coordinates. */
    private double expectedLogDet(int c) {
        double b = blockLogDet(blockDof(nu[c]), blockDim(), blocks(), lnDetWinv[c]);
        return prior.structure.replicas(d) * b;
    }

    /** Σ over blocks of ln B(W, v) (PRML B.79) given Σ ln |W⁻¹| over the blocks. */
    double logWishartNorm(double v, double lnDetWinvSum) {
        int dim = blockDim();
        int blocks = blocks();
        return 0.5 * v * lnDetWinvSum
                - blocks * (0.5 * v * dim * LN_2 + 0.25 * dim * (dim - 1) * LN_PI + Special.lnGammaSum(v, dim));
    }

    /** E[Λ_k] as a full d×d matrix (for the full form of the bound). */
    double[] expectedPrecision(int c) {
        return prior.structure.expectedPrecision(winv, nu, c, d);
    }

    /** Σ over blocks of Tr(W0_b⁻¹ W_b) for component c (PRML 10.74). */
    double traceW0invW(int c) {
        return prior.structure.traceW0invW(prior.w0inv, winv, nu, c, d);
    }
}
