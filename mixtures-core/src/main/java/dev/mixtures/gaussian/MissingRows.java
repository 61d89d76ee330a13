package dev.mixtures.gaussian;

import dev.mixtures.linalg.Cholesky;

/**
 * The E-step of a row with missing cells (Ghahramani and Jordan 1994; MATH.md §2.10): the missing
 * coordinates are latent. For component c, with O the observed and M the missing coordinates and
 * Λ = Σ_c⁻¹, the marginal log-density of x_O is
 * ln π_c − ½|O| ln 2π − ½ ln|Σ_c| − ½ ln|Λ_MM| − ½ q, where q = (x_O − μ_O)ᵀ Λ_OO (x_O − μ_O) − bᵀΛ_MM⁻¹b
 * and b = Λ_MO (x_O − μ_O) (ln|Σ_OO| = ln|Σ| + ln|Λ_MM| and Σ_OO⁻¹ = Λ_OO − Λ_OM Λ_MM⁻¹ Λ_MO, the
 * Schur complement): only the |M|×|M| block is factored, never Σ_OO. The missing coordinates
 * given the observed ones and the component are Gaussian with mean μ_M − Λ_MM⁻¹ b and covariance
 * Λ_MM⁻¹; the M-step's statistics take the row completed by that mean, plus that covariance in
 * the scatter. Diagonal structures have b = 0: the missing cells are the means, their variances.
 *
 * <p>One instance per thread and parameters: it holds Λ_c for every component (k·d·d, or k·d for
 * the diagonal structures) and working space.
 */
final class MissingRows {
    private final GaussianParams p;
    private final int k;
    private final int d;
    private final boolean full;
    /** Λ_c row-major (full), or its diagonal (k·d). */
    private final double[] lambda;
    /** ln Λ_c,ii (k·d): ln |A| of one missing cell, and of any for the diagonal structures. */
    private final double[] logDiag;
    private final int[] obs;
    private final int[] mis;
    private final double[] diff;
    private final double[] b;
    private final double[] a;
    private final double[] l;
    /** Per component: the completed row (d) and the conditional covariance of the missing cells (|M|²). */
    final double[] filled;
    final double[] cond;
    final double[] logDensity;
    int nMissing;

    MissingRows(GaussianParams p) {
        this.p = p;
        this.k = p.k;
        this.d = p.d;
        this.full = p.structure.offDiagonal();
        this.lambda = new double[full ? k * d * d : k * d];
        this.logDiag = new double[k * d];
        for (int c = 0; c < k; c++) {
            int po = p.precOffset(c);
            if (full) {
                // Λ = P Pᵀ with P = L⁻ᵀ upper triangular.
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j <= i; j++) {
                        double s = 0;
                        for (int m = i; m < d; m++) {
                            s += p.prec[po + i * d + m] * p.prec[po + j * d + m];
                        }
                        lambda[c * d * d + i * d + j] = s;
                        lambda[c * d * d + j * d + i] = s;
                    }
                }
            } else {
                for (int i = 0; i < d; i++) {
                    double r = p.prec[po + i];
                    lambda[c * d + i] = r * r;
                }
            }
            for (int i = 0; i < d; i++) {
                logDiag[c * d + i] = Math.log(full ? lambda[c * d * d + i * d + i] : lambda[c * d + i]);
            }
        }
        obs = new int[d];
        mis = new int[d];
        diff = new double[d];
        b = new double[d];
        a = new double[d * d];
        l = new double[d * d];
        filled = new double[k * d];
        cond = new double[k * d * d];
        logDensity = new double[k];
    }

    /** Whether these scratch values were made for {@code q}. */
    boolean isFor(GaussianParams q) {
        return q == p;
    }

    /**
     * The components' marginal log-densities of row {@code x[at..at+d)} (NaN = missing) into
     * {@link #logDensity}, the completed rows into {@link #filled} and the conditional covariances
     * of the missing cells into {@link #cond} (component c's |M|×|M| block at c·d·d). Returns the
     * number of observed cells (0: the row says nothing; its densities are those of no data, 0).
     */
    int row(double[] x, int at) {
        int no = 0;
        int nm = 0;
        for (int j = 0; j < d; j++) {
            if (Double.isNaN(x[at + j])) {
                mis[nm++] = j;
            } else {
                obs[no++] = j;
            }
        }
        nMissing = nm;
        for (int c = 0; c < k; c++) {
            double[] mu = p.means;
            int mo = c * d;
            int fo = c * d;
            for (int t = 0; t < no; t++) {
                int j = obs[t];
                diff[t] = x[at + j] - mu[mo + j];
                filled[fo + j] = x[at + j];
            }
            double q = 0;
            double logDetA = 0;
            int co = c * d * d;
            if (full) {
                int lo = c * d * d;
                for (int s = 0; s < no; s++) {
                    double row = 0;
                    int ls = lo + obs[s] * d;
                    for (int t = 0; t < no; t++) {
                        row += lambda[ls + obs[t]] * diff[t];
                    }
                    q += diff[s] * row;
                }
                for (int u = 0; u < nm; u++) {
                    double s = 0;
                    int lu = lo + mis[u] * d;
                    for (int t = 0; t < no; t++) {
                        s += lambda[lu + obs[t]] * diff[t];
                    }
                    b[u] = s;
                    for (int v = 0; v < nm; v++) {
                        a[u * nm + v] = lambda[lu + mis[v]];
                    }
                }
                if (nm == 1) {
                    // One missing cell, the common case: A is the number λ_mm.
                    int m = mis[0];
                    double inv = 1.0 / a[0];
                    double delta = inv * b[0];
                    logDetA = logDiag[c * d + m];
                    q -= b[0] * delta;
                    filled[fo + m] = mu[mo + m] - delta;
                    cond[co] = inv;
                } else if (nm > 0) {
                    // A = Λ_MM = L Lᵀ; its inverse is the conditional covariance; δ = A⁻¹ b,
                    // the completed cells μ_M − δ, and q − bᵀA⁻¹b the quadratic form of x_O.
                    if (Cholesky.factor(a, nm, l) >= 0) {
                        throw new IllegalStateException("component " + (c + 1) + ": precision block not positive definite");
                    }
                    logDetA = 2 * Cholesky.logDiagonal(l, nm);
                    double[] inv = Cholesky.inverseFromFactor(l, nm);
                    for (int u = 0; u < nm; u++) {
                        double delta = 0;
                        for (int v = 0; v < nm; v++) {
                            delta += inv[u * nm + v] * b[v];
                        }
                        q -= b[u] * delta;
                        filled[fo + mis[u]] = mu[mo + mis[u]] - delta;
                    }
                    System.arraycopy(inv, 0, cond, co, nm * nm);
                }
            } else {
                int lo = c * d;
                for (int t = 0; t < no; t++) {
                    q += diff[t] * diff[t] * lambda[lo + obs[t]];
                }
                for (int u = 0; u < nm; u++) {
                    double l = lambda[lo + mis[u]];
                    logDetA += logDiag[lo + mis[u]];
                    filled[fo + mis[u]] = mu[mo + mis[u]];
                    for (int v = 0; v < nm; v++) {
                        cond[co + u * nm + v] = u == v ? 1.0 / l : 0.0;
                    }
                }
            }
            logDensity[c] = p.cst[c] + 0.5 * nm * GaussianParams.LN_2PI - 0.5 * logDetA - 0.5 * q;
        }
        return no;
    }

    /** The index (column) of the u-th missing cell of the last row. */
    int missing(int u) {
        return mis[u];
    }
}
