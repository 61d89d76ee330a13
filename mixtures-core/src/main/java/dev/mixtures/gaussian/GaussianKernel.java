package dev.mixtures.gaussian;

/**
 * The arithmetic of the Gaussian E-step and statistics over a block of {@link #LANES} rows held
 * transposed (rows across lanes, {@code xt[i·LANES + l]} = coordinate i of the block's row l), so
 * that every step is the same operation on every lane and needs no horizontal sums. Two
 * implementations exist, plain Java and Vector API; they perform the same operations per lane in
 * the same order and so give the same bits.
 */
interface GaussianKernel {
    /** Rows per block. Fixed, not taken from the hardware, so results do not depend on it. */
    int LANES = 8;

    /** A name for summaries and benchmarks. */
    String name();

    /**
     * a[c·LANES + l] = ln π_c + ln N(x_l | μ_c, Σ_c) for every component c:
     * cst_c − ½ ‖(x − μ_c)ᵀ P_c‖², the sum over j ascending, each y_j summed over i ascending.
     * {@code work} has at least d·LANES doubles.
     */
    void logDensities(GaussianParams p, double[] xt, double[] a, double[] work);

    /**
     * Log-sum-exp over the k components of each lane: ll[l] = max + ln Σ_c e^{a − max}, and
     * r[c·LANES + l] = e^{a − max} / Σ (the responsibilities).
     */
    void normalise(int k, double[] a, double[] r, double[] ll);

    /**
     * Adds the block into per-lane partial statistics about the shift {@code shift} (k·d):
     * pn += w r, ps += w r (x − c), pss += (w r (x − c)_i)(x − c)_j for j ≤ i (packed, when
     * {@code offDiagonal}) or for j = i. {@code work} has at least 2·d·LANES doubles.
     */
    void accumulate(int k, int d, boolean offDiagonal, double[] shift, double[] xt, double[] w, double[] r,
            double[] pn, double[] ps, double[] pss, double[] work);
}
