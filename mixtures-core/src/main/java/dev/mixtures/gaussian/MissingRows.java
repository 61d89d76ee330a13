package dev.mixtures.gaussian;

import dev.mixtures.linalg.Cholesky;

/**
 * The per-row algebra of rows with missing cells (Ghahramani and Jordan 1994; MATH.md §2.10): the
 * missing coordinates are latent. For component c, with O the observed and M the missing
 * coordinates, Λ = Σ_c⁻¹, b = Λ_MO (x_O − μ_O) and A = Λ_MM, the missing cells given the observed
 * ones are Gaussian with mean x̂_M = μ_M − A⁻¹ b and covariance A⁻¹, and the row completed by x̂_M
 * has (x̂ − μ)ᵀ Λ (x̂ − μ) = (x_O − μ_O)ᵀ Σ_OO⁻¹ (x_O − μ_O) (the Schur complement). So the marginal
 * log-density of x_O is the full log-density of the completed row, which the vector kernel
 * computes ({@link GaussianKernel#logDensity}), plus ½|M| ln 2π − ½ ln |A|; and the M-step takes
 * the completed row's statistics plus A⁻¹ in the scatter. Only the |M|×|M| block A is factored;
 * for one missing cell it is a number, and for the diagonal structures b = 0.
 *
 * <p>One instance per thread and parameters: it holds Λ_c for every component (k·d·d, or k·d for
 * the diagonal structures), ln Λ_ii, and working space.
 */
final class MissingRows {
    private final GaussianParams p;
    private final int d;
    private final boolean full;
    /** Λ_c row-major (full), or its diagonal (k·d). */
    private final double[] lambda;
    /** ln Λ_c,ii and 1/Λ_c,ii (k·d each). */
    private final double[] logDiag;
    private final double[] invDiag;
    private final double[] b;
    private final double[] a;
    private final double[] l;
    /**
     * Full structures: Λ_c[m][j] at (m·d + j)·k + c, and (Λ_c μ_c)_m at m·k + c: the components side
     * by side, so that b of every component is one loop over k (which the JIT vectorises).
     */
    private final double[] lambdaByComponent;
    private final double[] lambdaMean;
    /**
     * Diagonal structures: what a missing cell holds while the kernel takes all components at once
     * (the mixture's mean, near every component's, so that the corrections stay small).
     */
    final double[] anchor;
    /** b of the row being completed, for each of its missing cells u and component c at u·k + c. */
    private final double[] bk;
    /** {@link #pattern}s met so far, by the bit mask of their missing columns. */
    private final java.util.HashMap<Long, double[]> patterns = new java.util.HashMap<>();

    MissingRows(GaussianParams p) {
        this.p = p;
        int k = p.k;
        this.d = p.d;
        this.full = p.structure.offDiagonal();
        this.lambda = new double[full ? k * d * d : k * d];
        this.logDiag = new double[k * d];
        this.invDiag = new double[k * d];
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
                double li = full ? lambda[c * d * d + i * d + i] : lambda[c * d + i];
                logDiag[c * d + i] = Math.log(li);
                invDiag[c * d + i] = 1.0 / li;
            }
        }
        b = new double[d];
        bk = new double[d * k];
        anchor = new double[d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                anchor[j] += p.weights[c] * p.means[c * d + j];
            }
        }
        if (full) {
            lambdaByComponent = new double[d * d * k];
            lambdaMean = new double[d * k];
            for (int c = 0; c < k; c++) {
                for (int m = 0; m < d; m++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double v = lambda[c * d * d + m * d + j];
                        lambdaByComponent[(m * d + j) * k + c] = v;
                        s += v * p.means[c * d + j];
                    }
                    lambdaMean[m * k + c] = s;
                }
            }
        } else {
            lambdaByComponent = null;
            lambdaMean = null;
        }
        a = new double[d * d];
        l = new double[d * d];
    }

    /**
     * Diagonal structures, all components at once: what turns the kernel's log-density of the row
     * with its missing cells {@code mis[misAt..+nm)} at the {@link #anchor} into component c's
     * marginal density of the observed cells: ½ Σ_m λ_m (a_m − μ_m)² + ½|M| ln 2π − ½ Σ_m ln λ_m.
     */
    double anchorCorrection(int[] mis, int misAt, int nm, int c) {
        double s = 0.5 * nm * GaussianParams.LN_2PI;
        for (int u = 0; u < nm; u++) {
            int m = mis[misAt + u];
            double e = anchor[m] - p.means[c * d + m];
            s += 0.5 * lambda[c * d + m] * e * e - 0.5 * logDiag[c * d + m];
        }
        return s;
    }

    /**
     * Diagonal structures: turns the kernel's statistics of the row (missing cells at the anchor),
     * added with weight {@code wr} for component c about {@code shift}, into those of the row
     * completed by μ_c: s_m += wr (μ_m − a_m), S_mm += wr ((μ_m − s_m)² − (a_m − s_m)² + 1/λ_m), in
     * lane {@code lane} of the partial sums.
     */
    void correctDiagonal(int[] mis, int misAt, int nm, int c, double wr, double[] shift, double[] ps, double[] pss,
            int lane) {
        for (int u = 0; u < nm; u++) {
            int m = mis[misAt + u];
            double mu = p.means[c * d + m];
            double sm = shift[c * d + m];
            double ea = anchor[m] - sm;
            double em = mu - sm;
            ps[(c * d + m) * GaussianKernel.LANES + lane] += wr * (mu - anchor[m]);
            pss[(c * d + m) * GaussianKernel.LANES + lane] += wr * (em * em - ea * ea + invDiag[c * d + m]);
        }
    }

    /** Whether these values were made for {@code q}. */
    boolean isFor(GaussianParams q) {
        return q == p;
    }

    /** The missing columns of row {@code x[at..at+d)} into {@code mis[misAt..]}; their number. */
    int parse(double[] x, int at, int[] mis, int misAt) {
        int nm = 0;
        for (int j = 0; j < d; j++) {
            if (Double.isNaN(x[at + j])) {
                mis[misAt + nm++] = j;
            }
        }
        return nm;
    }

    /**
     * What rows with the missing columns {@code mis[misAt..misAt+nm)} (two or more, in a structure
     * with correlations) share, per component c at c·(1 + nm²): ln |A| and A⁻¹, A = Λ_MM. Computed
     * once per pattern and parameters (a pass meets few patterns: one per subset of columns).
     */
    double[] pattern(int[] mis, int misAt, int nm) {
        long key = 0;
        boolean cacheable = d <= 63;
        for (int u = 0; u < nm && cacheable; u++) {
            key |= 1L << mis[misAt + u];
        }
        // Spread the bits (a bijection): masks of a few columns share their low bits, which would
        // pile them into few of the map's buckets.
        key *= 0x9E3779B97F4A7C15L;
        double[] e = cacheable ? patterns.get(key) : null;
        if (e != null) {
            return e;
        }
        int stride = 1 + nm * nm;
        e = new double[p.k * stride];
        for (int c = 0; c < p.k; c++) {
            factor(mis, misAt, nm, c);
            e[c * stride] = 2 * Cholesky.logDiagonal(l, nm);
            // L⁻¹ by forward substitution (lower, into a), then A⁻¹ = L⁻ᵀ L⁻¹.
            for (int v = 0; v < nm; v++) {
                for (int u = 0; u < nm; u++) {
                    double s = u == v ? 1.0 : 0.0;
                    for (int w = v; w < u; w++) {
                        s -= l[u * nm + w] * a[w * nm + v];
                    }
                    a[u * nm + v] = u < v ? 0.0 : s / l[u * nm + u];
                }
            }
            for (int u = 0; u < nm; u++) {
                for (int v = 0; v <= u; v++) {
                    double s = 0;
                    for (int w = u; w < nm; w++) {
                        s += a[w * nm + u] * a[w * nm + v];
                    }
                    e[c * stride + 1 + u * nm + v] = s;
                    e[c * stride + 1 + v * nm + u] = s;
                }
            }
        }
        if (cacheable) {
            patterns.put(key, e);
        }
        return e;
    }

    /**
     * {@link #complete} for every component at once: the conditional means of component c at
     * {@code fill[fillAt + c·nm + u]}, its correction at {@code adj[adjAt + c]}. For the full
     * structures b = Λ_MO (x_O − μ_O) = (Λ x₀)_M − (Λμ)_M + Λ_MM μ_M (x₀: x with its missing cells 0)
     * is formed for all components together.
     */
    void completeRow(double[] x, int at, int[] mis, int misAt, int nm, double[] entry, double[] fill, int fillAt,
            double[] adj, int adjAt) {
        int k = p.k;
        if (!full || nm == 0) {
            for (int c = 0; c < k; c++) {
                adj[adjAt + c] = complete(x, at, mis, misAt, nm, c, entry, fill, fillAt + c * nm);
            }
            return;
        }
        double[] mu = p.means;
        for (int u = 0; u < nm; u++) {
            int m = mis[misAt + u];
            int bo = u * k;
            for (int c = 0; c < k; c++) {
                bk[bo + c] = -lambdaMean[m * k + c];
            }
            for (int v = 0; v < nm; v++) {
                int j = mis[misAt + v];
                int lo = (m * d + j) * k;
                for (int c = 0; c < k; c++) {
                    bk[bo + c] += lambdaByComponent[lo + c] * mu[c * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                double xj = x[at + j];
                if (xj == xj) {
                    int lo = (m * d + j) * k;
                    for (int c = 0; c < k; c++) {
                        bk[bo + c] += lambdaByComponent[lo + c] * xj;
                    }
                }
            }
        }
        for (int c = 0; c < k; c++) {
            int f = fillAt + c * nm;
            if (nm == 1) {
                int m = mis[misAt];
                fill[f] = mu[c * d + m] - bk[c] * invDiag[c * d + m];
                adj[adjAt + c] = 0.5 * GaussianParams.LN_2PI - 0.5 * logDiag[c * d + m];
                continue;
            }
            int e = c * (1 + nm * nm);
            for (int u = 0; u < nm; u++) {
                double delta = 0;
                for (int v = 0; v < nm; v++) {
                    delta += entry[e + 1 + u * nm + v] * bk[v * k + c];
                }
                fill[f + u] = mu[c * d + mis[misAt + u]] - delta;
            }
            adj[adjAt + c] = 0.5 * nm * GaussianParams.LN_2PI - 0.5 * entry[e];
        }
    }

    /**
     * Row {@code x[at..at+d)}, whose missing columns are {@code mis[misAt..misAt+nm)}, completed for
     * component c: the conditional means of its missing cells into {@code fill[fillAt..+nm)}
     * ({@code entry}: the row's {@link #pattern} when nm ≥ 2 in a structure with correlations).
     * Returns what turns the completed row's log-density into that of its observed cells:
     * ½|M| ln 2π − ½ ln |A|.
     */
    double complete(double[] x, int at, int[] mis, int misAt, int nm, int c, double[] entry, double[] fill, int fillAt) {
        double[] mu = p.means;
        int mo = c * d;
        if (!full) {
            double logDetA = 0;
            for (int u = 0; u < nm; u++) {
                int m = mis[misAt + u];
                fill[fillAt + u] = mu[mo + m];
                logDetA += logDiag[c * d + m];
            }
            return 0.5 * nm * GaussianParams.LN_2PI - 0.5 * logDetA;
        }
        int lo = c * d * d;
        for (int u = 0; u < nm; u++) {
            int lu = lo + mis[misAt + u] * d;
            double s = 0;
            for (int j = 0; j < d; j++) {
                double v = x[at + j];
                if (v == v) {
                    s += lambda[lu + j] * (v - mu[mo + j]);
                }
            }
            b[u] = s;
        }
        if (nm == 1) {
            int m = mis[misAt];
            fill[fillAt] = mu[mo + m] - b[0] * invDiag[c * d + m];
            return 0.5 * GaussianParams.LN_2PI - 0.5 * logDiag[c * d + m];
        }
        int e = c * (1 + nm * nm);
        for (int u = 0; u < nm; u++) {
            double delta = 0;
            for (int v = 0; v < nm; v++) {
                delta += entry[e + 1 + u * nm + v] * b[v];
            }
            fill[fillAt + u] = mu[mo + mis[misAt + u]] - delta;
        }
        return 0.5 * nm * GaussianParams.LN_2PI - 0.5 * entry[e];
    }

    /** A = Λ_MM of component c into {@link #l} as its lower Cholesky factor. */
    private void factor(int[] mis, int misAt, int nm, int c) {
        int lo = c * d * d;
        for (int u = 0; u < nm; u++) {
            for (int v = 0; v < nm; v++) {
                a[u * nm + v] = lambda[lo + mis[misAt + u] * d + mis[misAt + v]];
            }
        }
        if (Cholesky.factor(a, nm, l) >= 0) {
            throw new IllegalStateException("component " + (c + 1) + ": a block of the precision is not positive definite");
        }
    }

    /**
     * Adds {@code wr}·A⁻¹ (component c's conditional covariance of the row's missing cells: from
     * the row's {@link #pattern} {@code entry}, or 1/Λ_mm for one cell or no correlations) into
     * lane {@code lane} of the scatter's partial sums {@code pss} (slot q·LANES + lane for the
     * packed entry q of component c; {@code sLen} entries per component: the lower triangle when
     * {@code off}, else the diagonal).
     */
    void addConditional(int[] mis, int misAt, int nm, int c, double wr, double[] entry, double[] pss, int sLen,
            boolean off, int lane) {
        int base = c * sLen;
        if (!full || nm == 1) {
            for (int u = 0; u < nm; u++) {
                int m = mis[misAt + u];
                int q = off ? m * (m + 1) / 2 + m : m;
                pss[(base + q) * GaussianKernel.LANES + lane] += wr * invDiag[c * d + m];
            }
            return;
        }
        int e = c * (1 + nm * nm) + 1;
        for (int u = 0; u < nm; u++) {
            int i = mis[misAt + u];
            for (int v = 0; v <= u; v++) {
                // Missing columns ascend, so i ≥ j: the packed lower-triangle entry (i, j).
                int q = i * (i + 1) / 2 + mis[misAt + v];
                pss[(base + q) * GaussianKernel.LANES + lane] += wr * entry[e + u * nm + v];
            }
        }
    }
}
