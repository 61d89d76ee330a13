package dev.mixtures.gaussian;

/**
 * The arithmetic of the Gaussian E-step and statistics over a group of up to {@link #GROUP} blocks
 * of {@link #LANES} rows each, held transposed (rows across lanes:
 * {@code xt[(b·d + i)·LANES + l]} is coordinate i of row l of block b), so that every step is the
 * same operation on every lane and needs no horizontal sums. Two implementations exist, plain Java
 * and Vector API; they perform the same operations per lane in the same order and so give the same
 * bits.
 */
interface GaussianKernel {
    /** Rows per block. Fixed, not taken from the hardware, so results do not depend on it. */
    int LANES = 8;
    /** Blocks per group: the statistics of a group are summed from zero, then added to the running sums. */
    int GROUP = 16;

    /** A name for summaries and benchmarks. */
    String name();

    /**
     * {@code a[(b·k + c)·LANES + l]} = ln π_c + ln N(x | μ_c, Σ_c) for blocks b &lt; nb:
     * cst_c − ½ ‖(x − μ_c)ᵀ P_c‖², the sum over j ascending, each y_j summed over i ascending.
     * {@code work} has at least max(d, 2)·LANES doubles.
     */
    void logDensities(GaussianParams p, double[] xt, int nb, double[] a, double[] work);

    /**
     * As {@link #logDensities} for component {@code c} alone: {@code a[b·LANES + l]} for blocks
     * b &lt; nb, the same bits as that component's entry there. {@code xt} and {@code a} have room
     * for one block more than nb (finite values), which a kernel may compute and not use.
     */
    void logDensity(GaussianParams p, int c, double[] xt, int nb, double[] a, double[] work);

    /**
     * Log-sum-exp over the k components of each row of blocks b &lt; nb: e = e^{a − max} (laid out
     * as a), ll = max + ln Σ_c e and inv = 1 / Σ_c e per row, so that the responsibilities are
     * e·inv; e and ln are those of {@link dev.mixtures.linalg.LaneMath}. The maximum and the sum
     * are each taken as four partials, over c ≡ 0, 1, 2, 3 (mod 4) below 4⌊k/4⌋ and the rest in
     * the first, each in ascending c (sums from +0), then combined as (p0 ∘ p1) ∘ (p2 ∘ p3).
     */
    void normalise(int k, int nb, double[] a, double[] e, double[] ll, double[] inv);

    /**
     * Adds blocks b &lt; nb into per-lane partial statistics about {@code shift} (k·d), with row
     * weights w·r (r from {@code r}, w from {@code w}: the caller folds 1/Σe into w): for each
     * component, each sum over the group's blocks is formed from zero in block order (n and s by
     * additions, the products of S by fused multiply-adds) and then added to pn, ps, pss:
     * Σ w r, Σ w r (x − c), Σ (w r (x − c)_i)(x − c)_j for j ≤ i (packed, when {@code offDiagonal})
     * or j = i. {@code work} has at least (2·GROUP·d + GROUP)·LANES doubles.
     */
    default void accumulate(int k, int d, boolean offDiagonal, double[] shift, double[] xt, double[] w, double[] r,
            int nb, double[] pn, double[] ps, double[] pss, double[] work) {
        accumulate(0, k, k, d, offDiagonal, shift, xt, w, r, nb, pn, ps, pss, work);
    }

    /** {@link #accumulate} for the components from ≤ c &lt; to alone (of k in r's layout), the same bits. */
    void accumulate(int from, int to, int k, int d, boolean offDiagonal, double[] shift, double[] xt, double[] w,
            double[] r, int nb, double[] pn, double[] ps, double[] pss, double[] work);

    /**
     * For each u &lt; nr and c &lt; k, the rows {@code rows[rowsAt + u]} of a d×d matrix per component,
     * side by side ({@code a[(i·d + j)·k + c]}), times the row x completed per component:
     * {@code y[u·k + c]} plus, in this order, a_j·x_j over j &lt; d ascending with the missing (NaN)
     * x_j taken as 0, then a_j·{@code fill[j·k + c]} over the missing j = {@code rows[rowsAt + v]},
     * v &lt; nr ascending; each term a product then a sum (no fused multiply-add), so that every
     * kernel and vector width gives the same bits. The missing-cell algebra of {@link MissingRows},
     * whose short loops over k the JIT leaves scalar.
     */
    void addRowProducts(double[] y, double[] a, int[] rows, int rowsAt, int nr, double[] x, int at, double[] fill, int d,
            int k);

    /**
     * For each u &lt; n and c &lt; k: {@code y[u·k + c]} plus {@code e[eo + (u·n + v)·k + c]·b[v·k + c]}
     * over v &lt; n ascending, products then sums: an n×n matrix per component, side by side, times
     * a vector per component.
     */
    void addBlockProducts(double[] y, double[] e, int eo, double[] b, int n, int k);

    /** {@code y[yo + i] += x[xo + i]·z[zo + i]} for i &lt; n, each a product then a sum. */
    void addProducts(double[] y, int yo, double[] x, int xo, double[] z, int zo, int n);
}
