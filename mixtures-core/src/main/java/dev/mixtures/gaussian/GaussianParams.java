package dev.mixtures.gaussian;

import dev.mixtures.linalg.Cholesky;

/**
 * Parameters of a Gaussian mixture in the space that is fitted, with what the E-step needs
 * precomputed: the precision factors P_k = L_k⁻ᵀ (Σ_k = L_k L_kᵀ) and the constants
 * ln π_k + ln|P_k| − (d/2) ln 2π of each component's log-density (MATH.md §2.3). Immutable.
 *
 * <p>Layout by structure: {@code cov} holds k·d·d (full), d·d (tied), k·d (diag) or k (spherical)
 * numbers; {@code prec} holds k·d·d upper triangular factors (full), one d·d factor (tied), or k·d
 * reciprocal standard deviations (diag and spherical, the spherical value repeated d times).
 */
final class GaussianParams {
    static final double LN_2PI = Math.log(2 * Math.PI);

    final int k;
    final int d;
    final CovarianceType type;
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

    private GaussianParams(int k, int d, CovarianceType type, double[] weights, double[] means, double[] cov,
            double[] prec, double[] logDet, double[] cst) {
        this.k = k;
        this.d = d;
        this.type = type;
        this.weights = weights;
        this.means = means;
        this.cov = cov;
        this.prec = prec;
        this.logDet = logDet;
        this.cst = cst;
        if (type.hasOffDiagonal()) {
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
        return new GaussianParams(k, d, type, weights, means, cov, prec, logDet, constants.clone());
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
        double[] prec;
        double[] logDet = new double[k]; // ln |P_k| = −½ ln |Σ_k|
        switch (type) {
            case FULL:
            case TIED: {
                int blocks = type == CovarianceType.TIED ? 1 : k;
                prec = new double[blocks * d * d];
                double[] a = new double[d * d];
                double[] l = new double[d * d];
                for (int c = 0; c < blocks; c++) {
                    System.arraycopy(cov, c * d * d, a, 0, d * d);
                    int bad = Cholesky.factor(a, d, l);
                    if (bad >= 0) {
                        throw new NotPositiveDefinite(c, bad);
                    }
                    double[] p = Cholesky.precisionFactor(l, d);
                    System.arraycopy(p, 0, prec, c * d * d, d * d);
                    double ld = Cholesky.logDiagonal(p, d);
                    if (type == CovarianceType.TIED) {
                        java.util.Arrays.fill(logDet, ld);
                    } else {
                        logDet[c] = ld;
                    }
                }
                break;
            }
            case DIAG:
            case SPHERICAL: {
                prec = new double[k * d];
                for (int c = 0; c < k; c++) {
                    double ld = 0;
                    for (int i = 0; i < d; i++) {
                        double v = type == CovarianceType.DIAG ? cov[c * d + i] : cov[c];
                        if (!(v > 0) || !Double.isFinite(v)) {
                            throw new NotPositiveDefinite(c, type == CovarianceType.DIAG ? i : 0);
                        }
                        double p = 1.0 / Math.sqrt(v);
                        prec[c * d + i] = p;
                        ld += Math.log(p);
                    }
                    logDet[c] = ld;
                }
                break;
            }
            default:
                throw new AssertionError(type);
        }
        double[] cst = new double[k];
        for (int c = 0; c < k; c++) {
            cst[c] = Math.log(weights[c]) + logDet[c] - 0.5 * d * LN_2PI;
        }
        return new GaussianParams(k, d, type, weights, means, cov, prec, logDet, cst);
    }

    /** Offset of component c's precision factor in {@link #prec}. */
    int precOffset(int c) {
        switch (type) {
            case FULL:
                return c * d * d;
            case TIED:
                return 0;
            default:
                return c * d;
        }
    }

    /** Component c's covariance as a full d×d row-major matrix. */
    double[] fullCovariance(int c) {
        double[] m = new double[d * d];
        switch (type) {
            case FULL:
                System.arraycopy(cov, c * d * d, m, 0, d * d);
                break;
            case TIED:
                System.arraycopy(cov, 0, m, 0, d * d);
                break;
            case DIAG:
                for (int i = 0; i < d; i++) {
                    m[i * d + i] = cov[c * d + i];
                }
                break;
            default:
                for (int i = 0; i < d; i++) {
                    m[i * d + i] = cov[c];
                }
        }
        return m;
    }
}
