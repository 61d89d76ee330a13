package dev.mixtures.gaussian;

/**
 * A covariance structure: everything about the Gaussian and the Bayesian mixture that depends on
 * how the covariances are constrained, so that the rest of the package never branches on it (as
 * ELKI has one model class per structure). {@link CovarianceType} names the structures; each of
 * its constants holds one of these.
 *
 * <p>Storage ("layout"): a structure keeps its covariances in a flat array of
 * {@link #covLength} numbers and its precision factors in {@link #factor}'s layout. Structures
 * with off-diagonal terms store d×d blocks and upper triangular precision factors P = L⁻ᵀ;
 * the others store per-coordinate variances and 1/σ. The E-step kernels read only that
 * distinction ({@link #offDiagonal}).
 *
 * <p>The fourteen structures are mclust's parameterisations Σ_k = λ_k D_k A_k D_kᵀ (volume,
 * orientation, shape; docs/MATH.md §2.6 and §2.7). Those whose M-step has no closed form iterate
 * from a decomposition that the previous M-step ended at ({@link Estimate#state}), so that every
 * M-step starts where the last one stopped and cannot lower the expected complete-data
 * log-likelihood.
 *
 * <p>For the Bayesian mixture (docs/MATH.md §4.2, §4.8) the four structures with a conjugate
 * prior ({@link #conjugate}: full, tied, diag, spherical) see their precision as a product of
 * independent Wishart (or Gamma) "blocks": {@link #blocks} per component of dimension
 * {@link #blockDim}, each acting on {@link #replicas} copies of its coordinates (the spherical
 * precision is one scalar acting on all d coordinates). The others have no conjugate prior; the
 * Bayesian mixture refuses them before any of its methods is reached.
 */
abstract sealed class Structure implements java.io.Serializable permits TriangularStructure, ScaleStructure {
    private static final long serialVersionUID = 1L;

    /** Whether the covariances have off-diagonal terms (d×d blocks, triangular precision factors). */
    abstract boolean offDiagonal();

    /** Whether all components share one covariance. */
    boolean shared() {
        return false;
    }

    /** Free covariance parameters for k components in d dimensions (mclust's count). */
    abstract long parameters(int k, int d);

    /** Length of the covariance storage for k components. */
    abstract int covLength(int k, int d);

    /**
     * The precision factors of covariances {@code cov} (this structure's layout), filling
     * {@code logDet} with ln |P_c| = −½ ln |Σ_c| per component.
     *
     * @throws GaussianParams.NotPositiveDefinite naming the first component that cannot be factored
     */
    abstract double[] factor(int k, int d, double[] cov, double[] logDet);

    /** Offset of component c's precision factor. */
    abstract int precOffset(int c, int d);

    /** Component c's covariance (or any matrix in this layout) as a full d×d row-major matrix. */
    abstract double[] expand(double[] cov, int c, int d);

    /** Full d×d matrices, k of them, reduced to this layout (the first of each component's entries that it keeps). */
    abstract double[] compact(double[] full, int k, int d);

    /** Whether entry (i, j) of a given covariance {@code m} fits the structure ({@code first}: component 1's). */
    abstract boolean holds(double[] m, double[] first, int d, int i, int j);

    /**
     * What an M-step estimates: covariances in this layout (before regularisation) and, for the
     * structures whose M-step iterates, the decomposition it ended at (the next M-step's start),
     * else null; {@code partial}: the iteration was cut before it settled (a generalised M-step:
     * the fit must not stop on it, the next M-step goes on).
     */
    record Estimate(double[] cov, double[] state, boolean partial) {
        Estimate(double[] cov, double[] state) {
            this(cov, state, false);
        }
    }

    /**
     * The maximum-likelihood M-step's covariances before regularisation (docs/MATH.md §2.2, §2.7)
     * from statistics taken about a shift, δ_k = s_k/N_k (the scatter about the new means is
     * W_k = S_k − N_k δ_k δ_kᵀ), in this layout. {@code state} is the previous M-step's
     * {@link Estimate#state} (or {@link #stateOf} the previous parameters), or null for a first
     * M-step, which starts as mclust's does.
     */
    abstract Estimate mStep(GaussianStatistics st, double[] nk, double[] delta, double nSum, int k, int d,
            double[] state);

    /**
     * The decomposition an iterative M-step would start from, recovered from covariances in this
     * layout (parameters given or loaded, which carry no state); null for structures whose M-step
     * is closed form.
     */
    double[] stateOf(double[] cov, int k, int d) {
        return null;
    }

    /**
     * This structure with mclust's own M-step where that differs from this one's: VVE and VEE,
     * whose mclust steps can lower ln L and are guarded here, give their unguarded versions
     * (mclust's exactly); the rest give themselves. Used only by {@link MclustPath}.
     */
    Structure mclustSteps() {
        return this;
    }

    /**
     * The M-step under mclust's conjugate prior ({@link MixturePrior}; Fraley and Raftery 2007, as
     * mclust's me*p routines compute it): the posterior mode of the covariances from
     * {@code w}, k row-major d×d matrices W_k + κN_k/(N_k + κ)(x̄_k − μ_P)(x̄_k − μ_P)ᵀ (only
     * their diagonals for the diagonal structures), component weights {@code nk} and their sum
     * {@code n}. Defined for the ten models {@link MixturePrior#supports}; the builders refuse
     * the others before this is reached.
     */
    Estimate mapStep(double[][] w, double[] nk, double n, int d, double[] state, MixturePrior prior) {
        throw new IllegalStateException("no conjugate prior for " + getClass().getSimpleName());
    }

    /** Whether the posterior mode's means shrink towards the prior mean (all but EEI, whose mclust routine leaves them). */
    boolean priorShrinksMeans() {
        return true;
    }

    /** Whether the Bayesian mixture has a conjugate prior for this structure (full, tied, diag, spherical). */
    boolean conjugate() {
        return false;
    }

    /** The failure of a Bayesian-mixture method on a structure without a conjugate prior (never reached: the builders refuse them). */
    final IllegalStateException noConjugatePrior() {
        return new IllegalStateException("no conjugate prior for " + getClass().getSimpleName());
    }

    /** Adds {@code reg} to every variance in {@code cov}. */
    abstract void regularise(double[] cov, int d, double reg);

    /**
     * Why covariance {@code c} of an unregularised M-step counts as collapsed, or null: its spread in
     * some direction is at most the regularisation, below 1e-10 of the data's own, or not positive.
     */
    abstract String collapsed(double[] raw, int c, int d, double reg, GaussianFamily.DataScale scale);

    /** Sets covariance c in {@code raw} to the data's, as this structure can hold it (a re-seed). */
    abstract void setDataCovariance(double[] raw, int c, int d, double[] dataCov);

    // The Bayesian mixture's conjugate prior and posterior.

    /** Dimension of one precision block. */
    int blockDim(int d) {
        throw noConjugatePrior();
    }

    /** Precision blocks per component. */
    int blocks(int d) {
        return 1;
    }

    /** How many copies of its coordinates one block acts on. */
    int replicas(int d) {
        return 1;
    }

    /** The prior's inverse scale W0⁻¹ in this layout, from a full d×d covariance (the data's, or one given). */
    double[] priorScale(double[] full, int d) {
        throw noConjugatePrior();
    }

    /** Σ over one component's blocks of ln |W0⁻¹|; fails naming the covariance prior if it is not positive definite. */
    double priorLogDet(double[] w0inv, int d) {
        throw noConjugatePrior();
    }

    /**
     * The variational M-step's W_k⁻¹ (PRML 10.62 and its analogues, docs/MATH.md §4.2): the prior's
     * W0⁻¹ plus N_k S_k (from statistics about a shift) plus the pull of x̄_k towards m0, with
     * N_k·reg added to every variance.
     */
    double[] posteriorScale(GaussianStatistics st, double[] nk, double[] xbar, double[] beta, VbPrior prior) {
        throw noConjugatePrior();
    }

    /** Σ over component c's blocks of ln |W_c⁻¹|; {@code g} holds the factors of E[Λ]⁻¹ = W⁻¹/ν. */
    double posteriorLogDet(double[] winv, double[] nu, int c, int d, GaussianParams g) {
        throw noConjugatePrior();
    }

    /** E[Λ_c] = ν_c W_c as a full d×d matrix. */
    double[] expectedPrecision(double[] winv, double[] nu, int c, int d) {
        throw noConjugatePrior();
    }

    /** Σ over component c's blocks of Tr(W0⁻¹ W_c) (PRML 10.74). */
    double traceW0invW(double[] w0inv, double[] winv, double[] nu, int c, int d) {
        throw noConjugatePrior();
    }

    // The predictive density's Student-t factors (docs/MATH.md §4.6): dof t, and f with
    // Δ² = f·‖Pᵀ(x − m)‖² for the E-step's precision factor P.

    /** The lower Cholesky factor of component c's t scale matrix, for sampling; null where P serves. */
    double[] studentCholesky(double[] winv, int c, int d, double beta, double t) {
        return null;
    }

    /** Σ over component c's t factors of −(t + dim)/2 · ln(1 + Δ²/t), at y = x − m_c. */
    double studentLogKernel(double[] prec, int po, double[] y, int d, double f, double t) {
        throw noConjugatePrior();
    }

    /**
     * A draw from component c's predictive t into x: the mean at {@code means[mo..]}, standard
     * normals in {@code e}; each t factor draws its χ²(t) from {@code rnd} in coordinate order.
     */
    void studentDraw(double[] means, int mo, double[] e, double t, double f, double[] prec, int po,
            double[] chol, java.util.SplittableRandom rnd, double[] x) {
        throw noConjugatePrior();
    }
}
