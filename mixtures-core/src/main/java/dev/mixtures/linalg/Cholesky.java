package dev.mixtures.linalg;

/**
 * Cholesky factors of small symmetric positive definite matrices (d×d, row-major), and the
 * "precision factor" the Gaussian log-density uses instead of an inverse (MATH.md §2.3, item 2):
 * with Σ = L Lᵀ, P = L⁻ᵀ is upper triangular, (x−μ)ᵀ Σ⁻¹ (x−μ) = ‖(x−μ)ᵀ P‖² and
 * ln |Σ|^{−1/2} = Σ_i ln P_ii. No explicit inverse of Σ is ever formed.
 */
public final class Cholesky {
    private Cholesky() {
    }

    /**
     * Factors {@code a} (d×d, row-major, only the lower triangle is read) into the lower triangular
     * {@code l} with a = l lᵀ; the upper triangle of {@code l} is set to 0.
     *
     * @return −1 on success, or the index of the first pivot that was not positive (the matrix is
     *         not positive definite in the leading block of that size + 1)
     */
    public static int factor(double[] a, int d, double[] l) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * d + j];
                for (int m = 0; m < j; m++) {
                    s -= l[i * d + m] * l[j * d + m];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
                        return i;
                    }
                    l[i * d + i] = Math.sqrt(s);
                } else {
                    l[i * d + j] = s / l[j * d + j];
                }
            }
            for (int j = i + 1; j < d; j++) {
                l[i * d + j] = 0;
            }
        }
        return -1;
    }

    /**
     * The precision factor P = L⁻ᵀ (upper triangular, row-major) of the lower triangular {@code l}:
     * row i of P is column i of L⁻¹, found by forward substitution.
     */
    public static double[] precisionFactor(double[] l, int d) {
        double[] p = new double[d * d];
        double[] col = new double[d];
        for (int c = 0; c < d; c++) {
            // Solve L y = e_c; y is column c of L⁻¹, whose non-zeros are rows c..d−1.
            for (int i = 0; i < d; i++) {
                double s = i == c ? 1.0 : 0.0;
                for (int m = c; m < i; m++) {
                    s -= l[i * d + m] * col[m];
                }
                col[i] = i < c ? 0.0 : s / l[i * d + i];
            }
            for (int i = 0; i < d; i++) {
                p[c * d + i] = col[i]; // Pᵀ = L⁻¹, so P[c][i] = L⁻¹[i][c]
            }
        }
        return p;
    }

    /**
     * The Cholesky pivots squared of a symmetric d×d matrix (left as it is): the variance of each
     * column given the ones before it; 0 from the first pivot that fails on.
     */
    public static double[] conditionalVariances(double[] a, int d) {
        double[] l = new double[d * d];
        int bad = factor(a.clone(), d, l);
        double[] v = new double[d];
        for (int i = 0; i < (bad < 0 ? d : bad); i++) {
            v[i] = l[i * d + i] * l[i * d + i];
        }
        return v;
    }

    /** Σ_i ln of the diagonal of a triangular d×d factor. */
    public static double logDiagonal(double[] t, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += Math.log(t[i * d + i]);
        }
        return s;
    }

    /**
     * The inverse of a symmetric positive definite matrix: with A = L Lᵀ and U = L⁻ᵀ, A⁻¹ = U Uᵀ.
     *
     * @return null when {@code a} is not positive definite
     */
    public static double[] inverseSpd(double[] a, int d) {
        double[] l = new double[d * d];
        if (factor(a, d, l) >= 0) {
            return null;
        }
        return inverseFromFactor(l, d);
    }

    /** A⁻¹ = U Uᵀ (U = L⁻ᵀ) from the lower Cholesky factor {@code l} of A, for callers that factored A already. */
    public static double[] inverseFromFactor(double[] l, int d) {
        double[] u = precisionFactor(l, d);
        double[] inv = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int m = i; m < d; m++) {
                    s += u[i * d + m] * u[j * d + m];
                }
                inv[i * d + j] = s;
                inv[j * d + i] = s;
            }
        }
        return inv;
    }
}
