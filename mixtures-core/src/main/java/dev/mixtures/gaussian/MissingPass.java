package dev.mixtures.gaussian;

import static dev.mixtures.gaussian.GaussianKernel.GROUP;
import static dev.mixtures.gaussian.GaussianKernel.LANES;

import dev.mixtures.data.RowWindow;

/**
 * The part of a {@link GaussianPass} that takes the rows with missing cells (MATH.md §2.10), for one
 * thread: a chunk that has such rows is first copied with them weighing 0 (and their missing cells
 * 0) for the ordinary pass; then {@link #rows} takes them a group at a time, completed component by
 * component through {@link MissingRows}, on the same kernel and into the same partial sums.
 */
final class MissingPass {
    /**
     * The chunk's rows with missing cells 0 and the rows that have one weighing 0 (or, compacted,
     * left out, when the pass writes no per-row output: they need not cost the kernel a second
     * time); the numbers of the rows with missing cells.
     */
    double[] clean = new double[0];
    double[] cleanWeights = new double[0];
    /** Rows of {@link #clean}: the chunk's, or only its complete ones when compacted. */
    int completeRows;
    private int[] incomplete = new int[0];
    /** The missing-cell algebra of the parameters last seen. */
    private MissingRows algebra;
    /** A group's rows, transposed, their missing cells those of one component at a time. */
    private double[] xtm;
    private double[] adj;
    private int[] mis;
    private int[] nmis;
    /**
     * Per slot: where its missing cells start in the group's list of them (whose q-th holds
     * component c's conditional mean at fill[q·k + c]), and its missing pattern; per missing cell
     * of the group, its place in xtm.
     */
    private int[] fillAt;
    private int[] fillPos;
    private MissingRows.Pattern[] entry;
    private double[] fill = new double[0];

    private void space(int k, int d) {
        if (xtm != null) {
            return;
        }
        xtm = new double[(GROUP + 1) * d * LANES];
        adj = new double[GROUP * LANES * k];
        fillAt = new int[GROUP * LANES + 1];
        entry = new MissingRows.Pattern[GROUP * LANES];
        mis = new int[GROUP * LANES * d];
        fillPos = new int[GROUP * LANES * d];
        nmis = new int[GROUP * LANES];
    }

    /**
     * Copies rows from..to into the scratch with each missing cell 0 and each row that has one
     * weighing 0 (so the kernel's pass adds nothing for it), listing those rows; the number of them.
     * Nothing is copied when the chunk has no missing cell.
     */
    int sanitise(double[] x, double[] wv, int shift, int d, int from, int to, boolean compact) {
        int count = 0;
        for (int q = (from + shift) * d; q < (to + shift) * d; q++) {
            if (Double.isNaN(x[q])) {
                count++;
                break;
            }
        }
        if (count == 0) {
            return 0;
        }
        int rows = to - from;
        if (clean.length < rows * d) {
            clean = new double[rows * d];
            cleanWeights = new double[rows];
            incomplete = new int[rows];
        }
        int bad = 0;
        int kept = 0;
        for (int i = 0; i < rows; i++) {
            int src = (from + i + shift) * d;
            boolean complete = true;
            for (int j = 0; j < d; j++) {
                complete &= x[src + j] == x[src + j];
            }
            if (complete) {
                System.arraycopy(x, src, clean, kept * d, d);
            } else if (!compact) {
                for (int j = 0; j < d; j++) {
                    double v = x[src + j];
                    clean[kept * d + j] = v == v ? v : 0.0;
                }
            }
            double w = wv == null ? 1.0 : wv[from + i + shift];
            cleanWeights[kept] = complete ? w : 0.0;
            if (!complete) {
                incomplete[bad++] = from + i;
            }
            if (complete || !compact) {
                kept++;
            }
        }
        completeRows = kept;
        return bad;
    }

    /**
     * The rows of the chunk with missing cells ({@link MissingRows}), a group of GROUP·LANES at a
     * time: each row completed by each component's conditional mean, the kernel's log-density of
     * the completed rows component by component, corrected to the marginal density of the observed
     * cells; log-sum-exp; then each component's statistics of its completed rows by the kernel, plus
     * the conditional covariances; per-row outputs. Returns the rows' total weight.
     */
    double rows(GaussianPass.Pass pass, RowWindow win, int d, int count, int from, GaussianStatistics stats,
            GaussianPass.Outputs out, GaussianPass.Scratch sc) {
        if (pass.source() != null) {
            throw new IllegalStateException("a start from given responsibilities over rows with missing cells");
        }
        final GaussianParams p = pass.p();
        final GaussianKernel kern = pass.kern();
        final int k = pass.k();
        final boolean off = pass.off();
        final int sLen = off ? d * (d + 1) / 2 : d;
        if (algebra == null || !algebra.isFor(p)) {
            algebra = new MissingRows(p, pass.kern(), pass.patterns());
        }
        space(k, d);
        final MissingRows mr = algebra;
        final double[] x = win.values();
        final double[] wv = win.weights();
        final int sh = win.shift();
        double total = 0;
        final int groupRows = GROUP * LANES;
        for (int g = 0; g < count; g += groupRows) {
            int m = Math.min(groupRows, count - g);
            int nb = (m + LANES - 1) / LANES;
            int slots = nb * LANES;
            for (int t = 0; t < slots; t++) {
                // Padding slots repeat the group's last row with weight 0, as in the complete path.
                int row = incomplete[g + Math.min(t, m - 1)];
                int xo = (row + sh) * d;
                int nm = mr.parse(x, xo, mis, t * d);
                nmis[t] = nm;
                fillAt[t + 1] = fillAt[t] + nm;
                entry[t] = off && nm >= 2 ? mr.pattern(mis, t * d, nm) : null;
                sc.w[t] = t < m ? (wv == null ? 1.0 : wv[row + sh]) : 0.0;
                int to = (t / LANES) * d * LANES + t % LANES;
                for (int j = 0; j < d; j++) {
                    double v = x[xo + j];
                    xtm[to + j * LANES] = v == v ? v : mr.anchor[j];
                }
                for (int u = 0; u < nm; u++) {
                    fillPos[fillAt[t] + u] = to + mis[t * d + u] * LANES;
                }
            }
            java.util.Arrays.fill(xtm, nb * d * LANES, (nb + 1) * d * LANES, 0.0);
            if (fill.length < fillAt[slots] * k) {
                fill = new double[fillAt[slots] * k * 2];
            }
            if (!off) {
                diagonal(pass, mr, k, d, nb, slots, m, stats, sc);
            } else {
                correlated(pass, mr, x, sh, g, k, d, sLen, nb, slots, m, stats, sc);
            }
            if (stats != null) {
                for (int t = 0; t < m; t++) {
                    mr.addWeights(kern, mis, t * d, nmis[t], entry[t], sc.wInv[t], sc.r, (t / LANES) * k * LANES + t % LANES, LANES);
                }
                GaussianPass.logLikelihood(sc.w, sc.ll, m, sc.pll);
                for (int t = 0; t < m; t++) {
                    total += sc.w[t];
                }
            }
            if (out.rowLogLik() != null || out.resp() != null || out.labels() != null) {
                for (int t = 0; t < m; t++) {
                    int row = incomplete[g + t];
                    int o = row - from + out.offset();
                    int ao = (t / LANES) * k * LANES + t % LANES;
                    if (out.rowLogLik() != null) {
                        out.rowLogLik()[o] = sc.ll[t];
                    }
                    int best = 0;
                    for (int c = 0; c < k; c++) {
                        if (out.resp() != null) {
                            out.resp()[o * k + c] = sc.r[ao + c * LANES] * sc.inv[t];
                        }
                        if (sc.a[ao + c * LANES] > sc.a[ao + best * LANES]) {
                            best = c;
                        }
                    }
                    if (out.labels() != null) {
                        out.labels()[o] = best;
                    }
                }
            }
        }
        if (stats != null) {
            mr.flush(pass.shift(), sc.ps, sc.pss, sLen);
        }
        return total;
    }

    /**
     * Diagonal structures: the completed rows differ from those with the missing cells at the
     * anchor only in those cells, which enter the log-density and the statistics coordinate by
     * coordinate; so one kernel call over all components, then per-cell corrections.
     */
    private void diagonal(GaussianPass.Pass pass, MissingRows mr, int k, int d, int nb, int slots, int m,
            GaussianStatistics stats, GaussianPass.Scratch sc) {
        GaussianKernel kern = pass.kern();
        kern.logDensities(pass.p(), xtm, nb, sc.a, sc.work);
        for (int t = 0; t < slots; t++) {
            mr.addAnchorCorrections(mis, t * d, nmis[t], sc.a, (t / LANES) * k * LANES + t % LANES, LANES);
        }
        kern.normalise(k, nb, sc.a, sc.r, sc.ll, sc.inv);
        if (stats != null) {
            GaussianPass.multiply(sc.w, sc.inv, sc.wInv, slots);
            kern.accumulate(k, d, false, pass.shift(), xtm, sc.wInv, sc.r, nb, sc.pn, sc.ps, sc.pss, sc.work);
        }
    }

    /**
     * Structures with correlations: the kernel's log-densities of the rows with their missing cells
     * at the anchor, all components at once, corrected to the marginal ones ({@link
     * MissingRows#completeRow}); then each row completed by each component's conditional means and
     * the kernel's statistics one component at a time on those rows.
     */
    private void correlated(GaussianPass.Pass pass, MissingRows mr, double[] x, int sh, int g, int k, int d, int sLen,
            int nb, int slots, int m, GaussianStatistics stats, GaussianPass.Scratch sc) {
        GaussianKernel kern = pass.kern();
        for (int t = 0; t < slots; t++) {
            int row = incomplete[g + Math.min(t, m - 1)];
            mr.completeRow(kern, x, (row + sh) * d, mis, t * d, nmis[t], entry[t] == null ? null : entry[t].values, fill,
                    fillAt[t], adj, t * k);
        }
        // The rows with their missing cells at the anchor, all components at once, then corrected.
        kern.logDensities(pass.p(), xtm, nb, sc.a, sc.work);
        for (int t = 0; t < slots; t++) {
            int ao = (t / LANES) * k * LANES + t % LANES;
            for (int c = 0; c < k; c++) {
                sc.a[ao + c * LANES] += adj[t * k + c];
            }
        }
        kern.normalise(k, nb, sc.a, sc.r, sc.ll, sc.inv);
        if (stats != null) {
            GaussianPass.multiply(sc.w, sc.inv, sc.wInv, slots);
            for (int c = 0; c < k; c++) {
                fillMissing(c, slots);
                kern.accumulate(c, c + 1, k, d, true, pass.shift(), xtm, sc.wInv, sc.r, nb, sc.pn, sc.ps, sc.pss, sc.work);
            }
        }
    }

    /** The missing cells of the group's rows in {@code xtm} set to component c's conditional means. */
    private void fillMissing(int c, int slots) {
        int cells = fillAt[slots];
        int k = algebra.k();
        for (int q = 0; q < cells; q++) {
            xtm[fillPos[q]] = fill[q * k + c];
        }
    }
}
