package dev.mixtures.gaussian;


/**
 * Parameters of a Gaussian mixture in the space that is fitted (the {@link GaussianSteps} of a fit by
 * blocks work on them), with what the E-step needs
 * precomputed: the precision factors P_k = L_k⁻ᵀ (Σ_k = L_k L_kᵀ) and the constants
 * ln π_k + ln|P_k| − (d/2) ln 2π of each component's log-density (MATH.md §2.3). Immutable.
 *
 * <p>Layout by structure ({@link Structure#covLength}): {@code cov} holds k·d·d (full and the other
 * oriented structures), d·d (tied), k·d (diag, VEI, EVI), d (EEI), k (spherical) or 1 (EII)
 * numbers; {@code prec} holds k·d·d upper triangular factors (one d·d for tied), or k·d reciprocal
 * standard deviations (the diagonal structures, repeated where they are shared).
 */
public final class GaussianParams implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    static final double LN_2PI = Math.log(2 * Math.PI);

    final int k;
    final int d;
    final CovarianceType type;
    final Structure structure;
    final double[] weights;
    final double[] means;
    final double[] cov;
    final double[] prec;
    /** ln |P_k| = −½ ln |Σ_k| per component. */
    final double[] logDet;
    final double[] cst;
    /**
     * Diag and spherical: −μ_ci·P_ci (k·d), so that y_i = x_i·P_ci − μ_ci·P_ci is one fused
     * multiply-add (MATH.md §2.3's "xᵀP − μᵀP"); null for full and tied.
     */
    final double[] negMeanPrec;
    /**
     * The decomposition an iterative M-step ended at (volumes, shapes, orientation: docs/MATH.md
     * §2.7), where the next M-step starts; null for closed-form structures and for parameters given
     * or loaded.
     */
    final double[] state;

    private GaussianParams(int k, int d, CovarianceType type, double[] weights, double[] means, double[] cov,
            double[] prec, double[] logDet, double[] cst, double[] state) {
        this.k = k;
        this.d = d;
        this.type = type;
        this.structure = type.structure();
        this.weights = weights;
        this.means = means;
        this.cov = cov;
        this.prec = prec;
        this.logDet = logDet;
        this.cst = cst;
        this.state = state;
        if (structure.offDiagonal()) {
            this.negMeanPrec = null;
        } else {
            this.negMeanPrec = new double[k * d];
            for (int q = 0; q < k * d; q++) {
                negMeanPrec[q] = -(means[q] * prec[q]);
            }
        }
    }

    /**
     * The same components with other constants in their log-densities: the variational E-step
     * (PRML 10.46) uses E[ln π_k] + ½ E[ln |Λ_k|] − D/(2β_k) − (D/2) ln 2π in place of
     * ln π_k + ln |P_k| − (D/2) ln 2π, with the quadratic form of E[Λ_k] = Σ_k⁻¹.
     */
    GaussianParams withConstants(double[] constants) {
        return new GaussianParams(k, d, type, weights, means, cov, prec, logDet, constants.clone(), state);
    }

    /** Thrown by {@link #of} when a covariance is not positive definite. */
    static final class NotPositiveDefinite extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int component;
        final int pivot;

        NotPositiveDefinite(int component, int pivot) {
            super("component " + (component + 1) + ": covariance not positive definite at pivot " + (pivot + 1), null,
                    false, false);
            this.component = component;
            this.pivot = pivot;
        }
    }

    /**
     * Builds parameters; the arrays are kept, not copied. Weights must be positive and sum to 1.
     *
     * @throws NotPositiveDefinite naming the first component whose covariance cannot be factored
     */
    static GaussianParams of(int k, int d, CovarianceType type, double[] weights, double[] means, double[] cov) {
        return of(k, d, type, weights, means, cov, null);
    }

    /** As {@link #of(int, int, CovarianceType, double[], double[], double[])}, with an M-step's {@link #state}. */
    static GaussianParams of(int k, int d, CovarianceType type, double[] weights, double[] means, double[] cov,
            double[] state) {
        double[] logDet = new double[k]; // ln |P_k| = −½ ln |Σ_k|
        double[] prec = type.structure().factor(k, d, cov, logDet);
        double[] cst = new double[k];
        for (int c = 0; c < k; c++) {
            cst[c] = Math.log(weights[c]) + logDet[c] - 0.5 * d * LN_2PI;
        }
        return new GaussianParams(k, d, type, weights, means, cov, prec, logDet, cst, state);
    }

    /** Number of components. */
    public int k() {
        return k;
    }

    /** Number of columns. */
    public int d() {
        return d;
    }

    /** The mixing weights (a copy). */
    public double[] weights() {
        return weights.clone();
    }

    /** The means, k rows of d (a copy). */
    public double[][] means() {
        double[][] m = new double[k][];
        for (int c = 0; c < k; c++) {
            m[c] = java.util.Arrays.copyOfRange(means, c * d, (c + 1) * d);
        }
        return m;
    }

    /** The covariances as full d×d matrices, whatever the structure (a copy). */
    public double[][][] covariances() {
        double[][][] m = new double[k][][];
        for (int c = 0; c < k; c++) {
            m[c] = Matrices.unflatten(fullCovariance(c), d);
        }
        return m;
    }

    /** Offset of component c's precision factor in {@link #prec}. */
    int precOffset(int c) {
        return structure.precOffset(c, d);
    }

    /** Component c's covariance as a full d×d row-major matrix. */
    double[] fullCovariance(int c) {
        return structure.expand(cov, c, d);
    }
}
