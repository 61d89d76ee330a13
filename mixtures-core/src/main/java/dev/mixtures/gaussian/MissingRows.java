package dev.mixtures.gaussian;

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
    /** Working space of {@link #patternValues}: L and L⁻¹ of a pattern, the components side by side. */
    private double[] batchL = new double[0];
    private double[] batchInv = new double[0];
    /**
     * Full structures: Λ_c[m][j] at (m·d + j)·k + c, the components side by side, so that g of
     * every component is one kernel call per row ({@link #completeRow}).
     */
    private final double[] lambdaByComponent;
    /**
     * Full structures, the components side by side (m·k + c): a_m (the {@link #anchor}),
     * −(Λ_c μ_c)_m, 1/Λ_c,mm, and ½ ln 2π − ½ ln Λ_c,mm (the correction of a row whose one missing
     * cell is m).
     */
    private final double[] anchorByComponent;
    private final double[] negLambdaMean;
    private final double[] invDiagByComponent;
    private final double[] oneCellCorrection;
    /**
     * What a missing cell holds while the kernel takes all components at once (the mixture's mean,
     * near every component's, so that the corrections stay small).
     */
    final double[] anchor;
    /** g of the row being completed, for each of its missing cells u and component c at u·k + c. */
    private final double[] bk;
    /** (A⁻¹ b)_u of the row being completed, at u·k + c. */
    private final double[] deltaK;
    /**
     * {@link #pattern}s met so far, by the bit mask of their missing columns (an open-addressing
     * table: a boxed key and a map lookup per row cost as much as the row's arithmetic).
     */
    private long[] patternKeys = new long[64];
    private Pattern[] patternTable = new Pattern[64];
    private int patternCount;
    /**
     * Diagonal structures: per missing column m and component c at m·k + c, what a missing cell at
     * the anchor adds to the kernel's log-density to make it the marginal one:
     * ½ λ_m (a_m − μ_m)² − ½ ln λ_m + ½ ln 2π.
     */
    private final double[] anchorCorrection;
    /**
     * The M-step's weight sums Σ w·r_c of rows whose conditional covariance is priced per column
     * (one missing cell, or no correlations): per missing column m and component c at m·k + c; and
     * the patterns whose {@link Pattern#weight} holds some. Added into the statistics by {@link #flush}.
     */
    private final double[] columnWeight;
    private final boolean[] columnTouched;
    /** Whether {@link #conditional} holds anything since the last {@link #flush}. */
    private boolean conditionalTouched;
    /** A row's w·r_c, the components side by side. */
    private final double[] rowWeight;

    /**
     * What rows with the same two or more missing columns share in a structure with correlations
     * (MATH.md §2.10): {@code values} holds ln |A_c| at c and (A_c⁻¹)_uv at k + (u·nm + v)·k + c
     * (A = Λ_MM; the components side by side, as {@link #completeRow} takes them).
     */
    static final class Pattern {
        final int[] cols;
        final double[] values;

        Pattern(int[] cols, double[] values) {
            this.cols = cols;
            this.values = values;
        }
    }

    /** For the loops over the components in {@link #patternValues}. */
    private final GaussianKernel kern;
    /** Pattern values shared by the threads of a pass (null: this instance's own). */
    private final java.util.concurrent.ConcurrentHashMap<Long, double[]> shared;
    /** Full structures: the chunk's Σ W·A⁻¹ over its patterns, packed entry q and component c at q·k + c. */
    private final double[] conditional;

    MissingRows(GaussianParams p, GaussianKernel kern, java.util.concurrent.ConcurrentHashMap<Long, double[]> shared) {
        this.p = p;
        this.kern = kern;
        this.shared = shared;
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
        deltaK = new double[d * k];
        columnWeight = new double[d * k];
        conditional = full ? new double[d * (d + 1) / 2 * k] : null;
        columnTouched = new boolean[d];
        rowWeight = new double[k];
        anchor = new double[d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                anchor[j] += p.weights[c] * p.means[c * d + j];
            }
        }
        if (full) {
            anchorCorrection = null;
        } else {
            anchorCorrection = new double[d * k];
            for (int m = 0; m < d; m++) {
                for (int c = 0; c < k; c++) {
                    double e = anchor[m] - p.means[c * d + m];
                    anchorCorrection[m * k + c] = 0.5 * lambda[c * d + m] * e * e - 0.5 * logDiag[c * d + m]
                            + 0.5 * GaussianParams.LN_2PI;
                }
            }
        }
        if (full) {
            lambdaByComponent = new double[d * d * k];
            anchorByComponent = new double[d * k];
            negLambdaMean = new double[d * k];
            invDiagByComponent = new double[d * k];
            oneCellCorrection = new double[d * k];
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    anchorByComponent[j * k + c] = anchor[j];
                    invDiagByComponent[j * k + c] = invDiag[c * d + j];
                    oneCellCorrection[j * k + c] = 0.5 * GaussianParams.LN_2PI - 0.5 * logDiag[c * d + j];
                }
                for (int m = 0; m < d; m++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double v = lambda[c * d * d + m * d + j];
                        lambdaByComponent[(m * d + j) * k + c] = v;
                        s += v * p.means[c * d + j];
                    }
                    negLambdaMean[m * k + c] = -s;
                }
            }
        } else {
            lambdaByComponent = null;
            anchorByComponent = null;
            negLambdaMean = null;
            invDiagByComponent = null;
            oneCellCorrection = null;
        }
    }

    /**
     * Diagonal structures, all components at once: adds to the kernel's log-densities of a row with
     * its missing cells {@code mis[misAt..+nm)} at the {@link #anchor} ({@code a[ao + c·stride]})
     * what turns them into each component's marginal density of the observed cells:
     * Σ_m ½ λ_m (a_m − μ_m)² + ½ ln 2π − ½ ln λ_m, added cell by cell.
     */
    void addAnchorCorrections(int[] mis, int misAt, int nm, double[] a, int ao, int stride) {
        int k = p.k;
        for (int u = 0; u < nm; u++) {
            int mk = mis[misAt + u] * k;
            for (int c = 0; c < k; c++) {
                a[ao + c * stride] += anchorCorrection[mk + c];
            }
        }
    }

    /**
     * Adds a row's part of the M-step's terms that depend on its missing columns alone, with weights
     * w·r_c (r_c at {@code r[ro + c·rStride]}): its conditional covariances w·r_c·A_c⁻¹ (with a
     * {@code pattern}: into the chunk's sums, the components side by side, while the pattern is
     * still in cache); for one missing cell or the diagonal structures, the weights alone, per
     * column, priced by {@link #flush}.
     */
    void addWeights(GaussianKernel kern, int[] mis, int misAt, int nm, Pattern pattern, double w, double[] r, int ro,
            int rStride) {
        int k = p.k;
        if (pattern != null) {
            for (int c = 0; c < k; c++) {
                rowWeight[c] = w * r[ro + c * rStride];
            }
            for (int u = 0; u < nm; u++) {
                int i = pattern.cols[u];
                for (int v = 0; v <= u; v++) {
                    // Missing columns ascend, so i ≥ j: the packed lower-triangle entry (i, j).
                    int q = i * (i + 1) / 2 + pattern.cols[v];
                    kern.addProducts(conditional, q * k, rowWeight, 0, pattern.values, k + (u * nm + v) * k, k);
                }
            }
            conditionalTouched = true;
            return;
        }
        for (int u = 0; u < nm; u++) {
            int m = mis[misAt + u];
            for (int c = 0; c < k; c++) {
                columnWeight[m * k + c] += w * r[ro + c * rStride];
            }
            columnTouched[m] = true;
        }
    }

    /**
     * Adds what {@link #addWeights} gathered into lane 0 of the partial sums (per component c:
     * ps at (c·d + i)·LANES, pss at (c·sLen + q)·LANES, q the packed entry) and clears it. Full
     * structures: the conditional covariances, and W/Λ_mm for the rows with one missing cell m. Diagonal structures, whose rows the kernel took with their
     * missing cells at the anchor a, about {@code shift} s: the rows completed by μ_c instead, so
     * s_m += W (μ_m − a_m) and S_mm += W ((μ_m − s_m)² − (a_m − s_m)² + 1/λ_m).
     */
    void flush(double[] shift, double[] ps, double[] pss, int sLen) {
        int k = p.k;
        final int lanes = GaussianKernel.LANES;
        for (int m = 0; m < d; m++) {
            if (!columnTouched[m]) {
                continue;
            }
            columnTouched[m] = false;
            for (int c = 0; c < k; c++) {
                double w = columnWeight[m * k + c];
                columnWeight[m * k + c] = 0;
                int cm = c * d + m;
                if (full) {
                    pss[(c * sLen + m * (m + 1) / 2 + m) * lanes] += w * invDiag[cm];
                } else {
                    double mu = p.means[cm];
                    double ea = anchor[m] - shift[cm];
                    double em = mu - shift[cm];
                    ps[cm * lanes] += w * (mu - anchor[m]);
                    pss[(c * sLen + m) * lanes] += w * (em * em - ea * ea + invDiag[cm]);
                }
            }
        }
        if (!conditionalTouched) {
            return;
        }
        conditionalTouched = false;
        for (int q = 0; q < sLen; q++) {
            for (int c = 0; c < k; c++) {
                pss[(c * sLen + q) * lanes] += conditional[q * k + c];
            }
        }
        java.util.Arrays.fill(conditional, 0.0);
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
     * The {@link Pattern} of rows with the missing columns {@code mis[misAt..misAt+nm)} (two or more,
     * in a structure with correlations). Computed once per pattern and parameters (a pass meets
     * few patterns: one per subset of columns).
     */
    Pattern pattern(int[] mis, int misAt, int nm) {
        long key = 0;
        boolean cacheable = d <= 63;
        for (int u = 0; u < nm && cacheable; u++) {
            key |= 1L << mis[misAt + u];
        }
        int slot = -1;
        if (cacheable) {
            // Found here, or else in the pass's shared values, or else computed.
            int mask = patternKeys.length - 1;
            // Spread the bits: masks of a few columns share their low bits.
            slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            while (patternKeys[slot] != 0) {
                if (patternKeys[slot] == key) {
                    return patternTable[slot];
                }
                slot = (slot + 1) & mask;
            }
        }
        int[] cols = java.util.Arrays.copyOfRange(mis, misAt, misAt + nm);
        double[] e = shared != null && cacheable ? shared.computeIfAbsent(key, any -> patternValues(cols))
                : patternValues(cols);
        Pattern made = new Pattern(cols, e);
        if (cacheable) {
            // Key 0 (no missing column) never occurs: it marks a free slot.
            patternKeys[slot] = key;
            patternTable[slot] = made;
            if (++patternCount * 2 > patternKeys.length) {
                rehash();
            }
        }
        return made;
    }

    /**
     * The row's missing cells for every component at once, for rows whose log-density the kernel
     * takes with their missing cells at the {@link #anchor} a (x̃: x completed by a). The quadratic
     * form Q_c(z) = (x − μ_c)ᵀ Λ_c (x − μ_c) with z in the missing cells is least at the conditional
     * mean x̂_M = a_M − A⁻¹ g, g = (Λ_c (x̃ − μ_c))_M, where it is the marginal one
     * (x_O − μ_O)ᵀ Σ_OO⁻¹ (x_O − μ_O) = Q_c(a) − gᵀ A⁻¹ g. So component c's marginal log-density is
     * the kernel's of x̃ plus ½ gᵀ A⁻¹ g + ½|M| ln 2π − ½ ln |A|, written to {@code adj[adjAt + c]};
     * the conditional mean of the row's u-th missing cell goes to {@code fill[(fillAt + u)·k + c]}.
     * g is formed for all components together by the kernel. Structures with correlations only.
     */
    void completeRow(GaussianKernel kern, double[] x, int at, int[] mis, int misAt, int nm, double[] entry,
            double[] fill, int fillAt, double[] adj, int adjAt) {
        int k = p.k;
        for (int u = 0; u < nm; u++) {
            System.arraycopy(negLambdaMean, mis[misAt + u] * k, bk, u * k, k);
        }
        kern.addRowProducts(bk, lambdaByComponent, mis, misAt, nm, x, at, anchorByComponent, d, k);
        if (nm == 1) {
            int mk = mis[misAt] * k;
            int f = fillAt * k;
            for (int c = 0; c < k; c++) {
                double g = bk[c];
                double delta = g * invDiagByComponent[mk + c];
                fill[f + c] = anchorByComponent[mk + c] - delta;
                adj[adjAt + c] = oneCellCorrection[mk + c] + 0.5 * (g * delta);
            }
            return;
        }
        java.util.Arrays.fill(deltaK, 0, nm * k, 0.0);
        kern.addBlockProducts(deltaK, entry, k, bk, nm, k);
        double half = 0.5 * nm * GaussianParams.LN_2PI;
        for (int c = 0; c < k; c++) {
            adj[adjAt + c] = half - 0.5 * entry[c];
        }
        for (int u = 0; u < nm; u++) {
            int mk = mis[misAt + u] * k;
            int f = (fillAt + u) * k;
            for (int c = 0; c < k; c++) {
                double delta = deltaK[u * k + c];
                fill[f + c] = anchorByComponent[mk + c] - delta;
                adj[adjAt + c] += 0.5 * (bk[u * k + c] * delta);
            }
        }
    }

    /** Components. */
    int k() {
        return p.k;
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
        int k = p.k;
        for (int u = 0; u < nm; u++) {
            double delta = 0;
            for (int v = 0; v < nm; v++) {
                delta += entry[k + (u * nm + v) * k + c] * b[v];
            }
            fill[fillAt + u] = mu[mo + mis[misAt + u]] - delta;
        }
        return 0.5 * nm * GaussianParams.LN_2PI - 0.5 * entry[c];
    }

    /**
     * ln |A_c| and A_c⁻¹ of the missing columns {@code cols}, laid out as {@link Pattern#values}:
     * the Cholesky factor A = L Lᵀ, L⁻¹ by forward substitution and A⁻¹ = L⁻ᵀ L⁻¹, each step taken
     * for all components at once (their entries side by side, as Λ is held), so that a pattern of
     * two or three cells costs a few loops over k rather than k small factorisations.
     */
    private double[] patternValues(int[] cols) {
        int k = p.k;
        int nm = cols.length;
        if (batchL.length < nm * nm * k) {
            batchL = new double[nm * nm * k];
            batchInv = new double[nm * nm * k];
        }
        double[] lf = batchL;
        double[] li = batchInv;
        double[] sum = deltaK;
        double[] e = new double[k * (1 + nm * nm)];
        // e[0..k) gathers Σ_j ln L_jj.
        for (int j = 0; j < nm; j++) {
            for (int i = j; i < nm; i++) {
                int to = (i * nm + j) * k;
                java.util.Arrays.fill(sum, 0, k, 0.0);
                for (int w = 0; w < j; w++) {
                    kern.addProducts(sum, 0, lf, (i * nm + w) * k, lf, (j * nm + w) * k, k);
                }
                int from = (cols[i] * d + cols[j]) * k;
                if (i == j) {
                    for (int c = 0; c < k; c++) {
                        double v = lambdaByComponent[from + c] - sum[c];
                        if (!(v > 0)) {
                            throw new IllegalStateException(
                                    "component " + (c + 1) + ": a block of the precision is not positive definite");
                        }
                        lf[to + c] = Math.sqrt(v);
                        e[c] += Math.log(lf[to + c]);
                    }
                } else {
                    int jj = (j * nm + j) * k;
                    for (int c = 0; c < k; c++) {
                        lf[to + c] = (lambdaByComponent[from + c] - sum[c]) / lf[jj + c];
                    }
                }
            }
        }
        for (int c = 0; c < k; c++) {
            e[c] *= 2;
        }
        // L⁻¹ (lower), column v by forward substitution.
        for (int v = 0; v < nm; v++) {
            for (int u = v; u < nm; u++) {
                int to = (u * nm + v) * k;
                java.util.Arrays.fill(sum, 0, k, 0.0);
                for (int w = v; w < u; w++) {
                    kern.addProducts(sum, 0, lf, (u * nm + w) * k, li, (w * nm + v) * k, k);
                }
                int uu = (u * nm + u) * k;
                double delta = u == v ? 1.0 : 0.0;
                for (int c = 0; c < k; c++) {
                    li[to + c] = (delta - sum[c]) / lf[uu + c];
                }
            }
        }
        // A⁻¹_uv = Σ_{w ≥ u} (L⁻¹)_wu (L⁻¹)_wv for v ≤ u, mirrored.
        for (int u = 0; u < nm; u++) {
            for (int v = 0; v <= u; v++) {
                int to = k + (u * nm + v) * k;
                for (int w = u; w < nm; w++) {
                    kern.addProducts(e, to, li, (w * nm + u) * k, li, (w * nm + v) * k, k);
                }
                if (u != v) {
                    System.arraycopy(e, to, e, k + (v * nm + u) * k, k);
                }
            }
        }
        return e;
    }

    private void rehash() {
        long[] keys = patternKeys;
        Pattern[] values = patternTable;
        patternKeys = new long[keys.length * 2];
        patternTable = new Pattern[keys.length * 2];
        int mask = patternKeys.length - 1;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0) {
                int slot = (int) ((keys[i] * 0x9E3779B97F4A7C15L) >>> 40) & mask;
                while (patternKeys[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                patternKeys[slot] = keys[i];
                patternTable[slot] = values[i];
            }
        }
    }
}
