package dev.mixtures.gaussian;

import static dev.mixtures.gaussian.GaussianKernel.GROUP;
import static dev.mixtures.gaussian.GaussianKernel.LANES;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.RowWindow;
import dev.mixtures.em.EStep;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;

/**
 * One pass of the Gaussian E-step over a range of rows, block by block of {@link GaussianKernel#LANES}
 * rows: transposes each block, has the kernel compute log-densities and responsibilities (or takes
 * responsibilities from a {@link Source}), adds the block to per-lane partial statistics, and at
 * the end of the range sums the lanes, in lane order, into the range's statistics. Optional
 * outputs per row: ℓ_n, responsibilities, labels. The fit's E-step, the initialisation and every
 * model method (predict, scores) go through here, so they agree bit for bit.
 */
final class GaussianPass {

    /** Responsibilities given from outside (initialisation): fills r_c for one row. */
    interface Source {
        /** Writes r_c of {@code row} to {@code r[at + c·stride]}. */
        void fill(int row, double[] r, int stride, int at);
    }

    /**
     * How a pass gets its responsibilities: from parameters {@code p} (log-densities, then
     * normalised), or from {@code source} when it is not null (a start); statistics are taken
     * about {@code shift} (k·d, usually p's means). {@code off}: whether they keep off-diagonal terms.
     */
    record Pass(GaussianKernel kern, int k, boolean off, GaussianParams p, Source source, double[] shift) {
        /** The E-step of parameters p: responsibilities from p, statistics about p's means. */
        static Pass of(GaussianKernel kern, GaussianParams p) {
            return new Pass(kern, p.k, p.structure.offDiagonal(), p, null, p.means);
        }
    }

    /**
     * The rows a pass reads: a dataset's (read by windows), or one row-major array of width d with
     * optional weights (null: all 1) when {@code data} is null.
     */
    record Rows(Dataset data, double[] values, double[] weights, int d) {
        static Rows of(Dataset data) {
            return new Rows(data, null, null, data.d());
        }

        /** Points {@code w} at rows from..to. */
        void window(int from, int to, RowWindow w) {
            if (data != null) {
                data.window(from, to, w);
            } else {
                w.set(values, weights, 0);
            }
        }
    }

    /**
     * Per-row outputs of a pass, each null or indexed from {@code offset} at the pass's first row:
     * ln p(x_n), responsibilities (row-major n×k), the most probable component (ties: the lowest).
     */
    record Outputs(double[] rowLogLik, double[] resp, int[] labels, int offset) {
        static final Outputs NONE = new Outputs(null, null, null, 0);
    }

    /** Per-thread working space for one (k, d). */
    static final class Scratch {
        final double[] xt;
        final double[] w = new double[GROUP * LANES];
        final double[] a;
        final double[] r;
        final double[] ll = new double[GROUP * LANES];
        final double[] inv = new double[GROUP * LANES];
        final double[] wInv = new double[GROUP * LANES];
        final double[] work;
        final double[] pn;
        final double[] ps;
        final double[] pss;
        final double[] pll = new double[LANES];
        final RowWindow window = new RowWindow();
        /** A chunk with missing cells: its rows with those cells 0 and those rows weighing 0, for the kernel. */
        double[] clean = new double[0];
        double[] cleanWeights = new double[0];
        int[] incomplete = new int[0];
        /** The missing-cell algebra of the parameters last seen. */
        MissingRows missing;
        /** Rows with missing cells, a group at a time, transposed: their missing cells those of one component. */
        double[] xtm;
        double[] ac;
        double[] adj;
        int[] mis;
        int[] nmis;
        /** Per slot: where its completed cells start (×k) in fill, and its missing pattern's shared values. */
        int[] fillAt;
        double[][] entry;
        double[] fill = new double[0];
        double[] rc;
        double[] shiftC;
        double[] tpn;
        double[] tps;
        double[] tpss;

        /** Makes the space for rows with missing cells (once per thread). */
        void missingSpace(int k, int d, int sLen) {
            if (xtm != null) {
                return;
            }
            xtm = new double[(GROUP + 1) * d * LANES];
            ac = new double[(GROUP + 1) * LANES];
            adj = new double[GROUP * LANES * k];
            fillAt = new int[GROUP * LANES + 1];
            entry = new double[GROUP * LANES][];
            mis = new int[GROUP * LANES * d];
            nmis = new int[GROUP * LANES];
            rc = new double[GROUP * LANES];
            shiftC = new double[d];
            tpn = new double[LANES];
            tps = new double[d * LANES];
            tpss = new double[sLen * LANES];
        }

        Scratch(int k, int d, boolean offDiagonal) {
            int sLen = offDiagonal ? d * (d + 1) / 2 : d;
            xt = new double[GROUP * d * LANES];
            a = new double[GROUP * k * LANES];
            r = new double[GROUP * k * LANES];
            work = new double[(2 * GROUP * d + GROUP) * LANES];
            pn = new double[k * LANES];
            ps = new double[k * d * LANES];
            pss = new double[k * sLen * LANES];
        }
    }

    private GaussianPass() {
    }

    /**
     * Statistics about {@code shift} from responsibilities given by {@code source} (a start), on
     * the shared E-step loop and the caller's scratch space, so that they merge in chunk order.
     */
    static GaussianStatistics fromSource(GaussianKernel kern, boolean off, Source source, double[] shift, Dataset data,
            Workers workers, Scratch[] scratch, java.util.function.Supplier<GaussianStatistics> fresh) {
        GaussianStatistics proto = fresh.get();
        Rows rows = Rows.of(data);
        EStep<double[], GaussianStatistics> pass = new EStep<>() {
            @Override
            public GaussianStatistics newStatistics() {
                return fresh.get();
            }

            @Override
            public int[][] chunks(int rows) {
                return data.chunks(EmLoop.CHUNK_ROWS);
            }

            @Override
            public void eStep(double[] c, int from, int to, GaussianStatistics stats, int worker) {
                run(new Pass(kern, proto.k, off, null, source, c), rows, from, to, stats, Outputs.NONE, scratch[worker]);
            }
        };
        return EmLoop.eStep(pass, shift, data.n(), workers, new java.util.ArrayList<>(), proto);
    }

    /** Responsibilities of every row of {@code z}, n rows of k (a model's predictProba). */
    static double[][] responsibilities(GaussianParams p, Dataset z) {
        int k = p.k;
        double[] r = new double[z.n() * k];
        overRows(p, z, null, r, null);
        double[][] out = new double[z.n()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(r, i * k, (i + 1) * k);
        }
        return out;
    }

    /**
     * The pass over all rows of {@code z} with no statistics, for a fitted model's predict and
     * scores: rows are independent then, so chunks may run in any order on any thread.
     */
    static void overRows(GaussianParams p, Dataset z, double[] rowLogLik, double[] resp, int[] labels) {
        int n = z.n();
        int chunks = (n + EmLoop.CHUNK_ROWS - 1) / EmLoop.CHUNK_ROWS;
        int threads = Math.max(1, Math.min(chunks, Runtime.getRuntime().availableProcessors()));
        GaussianKernel kern = GaussianKernels.forSize(n, p.k, p.d);
        boolean off = p.type.hasOffDiagonal();
        Scratch[] scratch = new Scratch[threads];
        for (int t = 0; t < threads; t++) {
            scratch[t] = new Scratch(p.k, p.d, off);
        }
        Pass pass = Pass.of(kern, p);
        Rows rows = Rows.of(z);
        try (Workers workers = new Workers(threads)) {
            workers.forEachChunk(chunks, (c, w) -> {
                int from = c * EmLoop.CHUNK_ROWS;
                // Outputs indexed by row: a chunk's first row writes at its own index.
                run(pass, rows, from, Math.min(n, from + EmLoop.CHUNK_ROWS), null,
                        new Outputs(rowLogLik, resp, labels, from), scratch[w]);
            });
        }
    }

    /**
     * Runs over rows {@code from <= i < to} of {@code rows}: responsibilities as {@code pass} says,
     * statistics added into {@code stats} (when not null; reset by the caller), per-row outputs into
     * {@code out} (row i at index i − from + out.offset).
     */
    static void run(Pass pass, Rows rows, int from, int to, GaussianStatistics stats, Outputs out, Scratch sc) {
        final int k = pass.k();
        final int d = rows.d();
        rows.window(from, to, sc.window);
        double[] x = sc.window.values();
        double[] wv = sc.window.weights();
        int shift = sc.window.shift();
        int incomplete = 0;
        if (rows.data() != null && rows.data().hasMissing()) {
            incomplete = sanitise(x, wv, shift, d, from, to, sc);
            if (incomplete > 0) {
                x = sc.clean;
                wv = sc.cleanWeights;
                shift = -from;
            }
        }
        if (stats != null) {
            java.util.Arrays.fill(sc.pn, 0);
            java.util.Arrays.fill(sc.ps, 0);
            java.util.Arrays.fill(sc.pss, 0);
            java.util.Arrays.fill(sc.pll, 0);
        }
        final int groupRows = GROUP * LANES;
        for (int g = from; g < to; g += groupRows) {
            group(pass, x, wv, shift, d, g, Math.min(groupRows, to - g), from, stats, out, sc);
        }
        // Rows with missing cells (weighing 0 above) after the others, into the same partial sums;
        // sc.window still holds them as they are (the sanitised copy is elsewhere).
        double incompleteWeight = incomplete > 0 ? incompleteRows(pass, sc.window, d, incomplete, from, stats, out, sc) : 0;
        if (stats != null) {
            double wsum = 0;
            for (int i = from; i < to; i++) {
                wsum += wv == null ? 1.0 : wv[i + shift];
            }
            stats.weight += wsum + incompleteWeight;
            stats.logLik += sumLanes(sc.pll, 0);
            for (int c = 0; c < k; c++) {
                stats.n[c] += sumLanes(sc.pn, c);
            }
            for (int q = 0; q < stats.s.length; q++) {
                stats.s[q] += sumLanes(sc.ps, q);
            }
            for (int q = 0; q < stats.ss.length; q++) {
                stats.ss[q] += sumLanes(sc.pss, q);
            }
        }
    }

    /**
     * Copies rows from..to into the scratch with each missing cell 0 and each row that has one
     * weighing 0 (so the kernel's pass adds nothing for it), listing those rows; the number of them.
     * Nothing is copied when the chunk has no missing cell.
     */
    private static int sanitise(double[] x, double[] wv, int shift, int d, int from, int to, Scratch sc) {
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
        if (sc.clean.length < rows * d) {
            sc.clean = new double[rows * d];
            sc.cleanWeights = new double[rows];
            sc.incomplete = new int[rows];
        }
        int bad = 0;
        for (int i = 0; i < rows; i++) {
            int src = (from + i + shift) * d;
            boolean complete = true;
            for (int j = 0; j < d; j++) {
                double v = x[src + j];
                if (Double.isNaN(v)) {
                    complete = false;
                    v = 0;
                }
                sc.clean[i * d + j] = v;
            }
            double w = wv == null ? 1.0 : wv[from + i + shift];
            sc.cleanWeights[i] = complete ? w : 0.0;
            if (!complete) {
                sc.incomplete[bad++] = from + i;
            }
        }
        return bad;
    }

    /**
     * The rows of the chunk with missing cells ({@link MissingRows}), a group of GROUP·LANES at a
     * time: each row completed by each component's conditional mean, the kernel's log-density of
     * the completed rows component by component, corrected to the marginal density of the observed
     * cells; log-sum-exp; then each component's statistics of its completed rows by the kernel, plus
     * the conditional covariances; per-row outputs. Returns the rows' total weight.
     */
    private static double incompleteRows(Pass pass, RowWindow win, int d, int count, int from, GaussianStatistics stats,
            Outputs out, Scratch sc) {
        if (pass.source() != null) {
            throw new IllegalStateException("a start from given responsibilities over rows with missing cells");
        }
        final GaussianParams p = pass.p();
        final GaussianKernel kern = pass.kern();
        final int k = pass.k();
        final boolean off = pass.off();
        final int sLen = off ? d * (d + 1) / 2 : d;
        if (sc.missing == null || !sc.missing.isFor(p)) {
            sc.missing = new MissingRows(p);
        }
        sc.missingSpace(k, d, sLen);
        final MissingRows mr = sc.missing;
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
                int row = sc.incomplete[g + Math.min(t, m - 1)];
                int xo = (row + sh) * d;
                int nm = mr.parse(x, xo, sc.mis, t * d);
                sc.nmis[t] = nm;
                sc.fillAt[t + 1] = sc.fillAt[t] + nm * k;
                sc.entry[t] = off && nm >= 2 ? mr.pattern(sc.mis, t * d, nm) : null;
                sc.w[t] = t < m ? (wv == null ? 1.0 : wv[row + sh]) : 0.0;
                int to = (t / LANES) * d * LANES + t % LANES;
                for (int j = 0; j < d; j++) {
                    double v = x[xo + j];
                    sc.xtm[to + j * LANES] = v == v ? v : 0.0;
                }
            }
            java.util.Arrays.fill(sc.xtm, nb * d * LANES, (nb + 1) * d * LANES, 0.0);
            if (sc.fill.length < sc.fillAt[slots]) {
                sc.fill = new double[sc.fillAt[slots] * 2];
            }
            for (int t = 0; t < slots; t++) {
                int row = sc.incomplete[g + Math.min(t, m - 1)];
                int nm = sc.nmis[t];
                for (int c = 0; c < k; c++) {
                    sc.adj[t * k + c] = mr.complete(x, (row + sh) * d, sc.mis, t * d, nm, c, sc.entry[t], sc.fill,
                            sc.fillAt[t] + c * nm);
                }
            }
            for (int c = 0; c < k; c++) {
                fillMissing(sc, c, k, d, slots);
                kern.logDensity(p, c, sc.xtm, nb, sc.ac, sc.work);
                for (int t = 0; t < slots; t++) {
                    sc.a[((t / LANES) * k + c) * LANES + t % LANES] = sc.ac[t] + sc.adj[t * k + c];
                }
            }
            kern.normalise(k, nb, sc.a, sc.r, sc.ll, sc.inv);
            if (stats != null) {
                multiply(sc.w, sc.inv, sc.wInv, slots);
                for (int c = 0; c < k; c++) {
                    fillMissing(sc, c, k, d, slots);
                    accumulateComponent(kern, c, k, d, off, sLen, pass.shift(), nb, sc);
                    for (int t = 0; t < m; t++) {
                        int nm = sc.nmis[t];
                        double wr = sc.wInv[t] * sc.r[((t / LANES) * k + c) * LANES + t % LANES];
                        mr.addConditional(sc.mis, t * d, nm, c, wr, sc.entry[t], sc.pss, sLen, off, t % LANES);
                    }
                }
                logLikelihood(sc.w, sc.ll, m, sc.pll);
                for (int t = 0; t < m; t++) {
                    total += sc.w[t];
                }
            }
            if (out.rowLogLik() != null || out.resp() != null || out.labels() != null) {
                for (int t = 0; t < m; t++) {
                    int row = sc.incomplete[g + t];
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
        return total;
    }

    /** The missing cells of the group's rows in {@code sc.xtm} set to component c's conditional means. */
    private static void fillMissing(Scratch sc, int c, int k, int d, int slots) {
        for (int t = 0; t < slots; t++) {
            int nm = sc.nmis[t];
            int to = (t / LANES) * d * LANES + t % LANES;
            int f = sc.fillAt[t] + c * nm;
            for (int u = 0; u < nm; u++) {
                sc.xtm[to + sc.mis[t * d + u] * LANES] = sc.fill[f + u];
            }
        }
    }

    /**
     * Component c's statistics of the group's completed rows, by the kernel (one component, its
     * own rows), added into the chunk's partial sums at c's slots.
     */
    private static void accumulateComponent(GaussianKernel kern, int c, int k, int d, boolean off, int sLen,
            double[] shift, int nb, Scratch sc) {
        java.util.Arrays.fill(sc.tpn, 0);
        java.util.Arrays.fill(sc.tps, 0);
        java.util.Arrays.fill(sc.tpss, 0);
        System.arraycopy(shift, c * d, sc.shiftC, 0, d);
        for (int b = 0; b < nb; b++) {
            System.arraycopy(sc.r, (b * k + c) * LANES, sc.rc, b * LANES, LANES);
        }
        kern.accumulate(1, d, off, sc.shiftC, sc.xtm, sc.wInv, sc.rc, nb, sc.tpn, sc.tps, sc.tpss, sc.work);
        for (int l = 0; l < LANES; l++) {
            sc.pn[c * LANES + l] += sc.tpn[l];
        }
        for (int q = 0; q < d * LANES; q++) {
            sc.ps[c * d * LANES + q] += sc.tps[q];
        }
        for (int q = 0; q < sLen * LANES; q++) {
            sc.pss[c * sLen * LANES + q] += sc.tpss[q];
        }
    }

    private static double sumLanes(double[] a, int slot) {
        int o = slot * LANES;
        double s = a[o];
        for (int l = 1; l < LANES; l++) {
            s += a[o + l];
        }
        return s;
    }

    /**
     * One group of up to GROUP·LANES rows starting at row g: a method of its own so that the JIT
     * compiles it by invocation counts (a pass over a small chunk calls it a few times) rather
     * than by on-stack replacement of the whole pass, which it would redo for every loop. For the
     * same reason each of its loops is a small method of its own: a method with several long
     * loops is compiled on the stack once per loop, each time whole.
     */
    private static void group(Pass pass, double[] x, double[] wv, int shift, int d, int g, int rows, int from,
            GaussianStatistics stats, Outputs out, Scratch sc) {
        final GaussianKernel kern = pass.kern();
        final int k = pass.k();
        final Source source = pass.source();
        int nb = (rows + LANES - 1) / LANES;
        transpose(x, wv, d, g + shift, rows, nb, sc);
        double[] wr = sc.w;
        if (source == null) {
            kern.logDensities(pass.p(), sc.xt, nb, sc.a, sc.work);
            kern.normalise(k, nb, sc.a, sc.r, sc.ll, sc.inv);
            // Responsibilities are e·(1/Σe); the statistics take w·r as e·(w/Σe).
            multiply(sc.w, sc.inv, sc.wInv, nb * LANES);
            wr = sc.wInv;
        } else {
            fill(source, g, rows, k, nb, sc.r);
        }
        if (stats != null) {
            kern.accumulate(k, d, pass.off(), pass.shift(), sc.xt, wr, sc.r, nb, sc.pn, sc.ps, sc.pss, sc.work);
            if (source == null) {
                logLikelihood(sc.w, sc.ll, rows, sc.pll);
                if (stats.keepsWorst()) {
                    offerWorst(stats, sc.w, sc.ll, g, rows);
                }
            }
        }
        if (out.rowLogLik() != null || out.resp() != null || out.labels() != null) {
            outputs(out, source == null, k, g, rows, from, sc);
        }
    }

    /** Rows g..g+rows of x (and wv) into the group's blocks, transposed, with their weights. */
    private static void transpose(double[] x, double[] wv, int d, int g, int rows, int nb, Scratch sc) {
        for (int b = 0; b < nb; b++) {
            for (int l = 0; l < LANES; l++) {
                // Padding lanes repeat the group's last row with weight 0: finite values that add nothing.
                int row = g + Math.min(b * LANES + l, rows - 1);
                int base = row * d;
                int xo = b * d * LANES + l;
                for (int i = 0; i < d; i++) {
                    sc.xt[xo + i * LANES] = x[base + i];
                }
                sc.w[b * LANES + l] = b * LANES + l < rows ? (wv == null ? 1.0 : wv[row]) : 0.0;
            }
        }
    }

    private static void multiply(double[] a, double[] b, double[] to, int n) {
        for (int q = 0; q < n; q++) {
            to[q] = a[q] * b[q];
        }
    }

    /** Responsibilities given by a source, into the kernel's layout. */
    private static void fill(Source source, int g, int rows, int k, int nb, double[] r) {
        for (int b = 0; b < nb; b++) {
            for (int l = 0; l < LANES; l++) {
                source.fill(g + Math.min(b * LANES + l, rows - 1), r, LANES, b * k * LANES + l);
            }
        }
    }

    /** Σ w·ℓ per lane. */
    private static void logLikelihood(double[] w, double[] ll, int rows, double[] pll) {
        for (int q = 0; q < rows; q++) {
            int l = q % LANES;
            pll[l] = Math.fma(w[q], ll[q], pll[l]);
        }
    }

    private static void offerWorst(GaussianStatistics stats, double[] w, double[] ll, int g, int rows) {
        for (int q = 0; q < rows; q++) {
            if (w[q] > 0) {
                stats.offerWorst(ll[q], g + q);
            }
        }
    }

    /** The per-row outputs of the group's rows. */
    private static void outputs(Outputs out, boolean fromParams, int k, int g, int rows, int from, Scratch sc) {
        final double[] rowLogLik = out.rowLogLik();
        final double[] resp = out.resp();
        final int[] labels = out.labels();
        for (int q = 0; q < rows; q++) {
            int o = g + q - from + out.offset();
            int ao = (q / LANES) * k * LANES + q % LANES;
            if (rowLogLik != null) {
                rowLogLik[o] = sc.ll[q];
            }
            if (resp != null) {
                double scale = fromParams ? sc.inv[q] : 1.0;
                for (int c = 0; c < k; c++) {
                    resp[o * k + c] = sc.r[ao + c * LANES] * scale;
                }
            }
            if (labels != null) {
                int best = 0;
                double m = sc.a[ao];
                for (int c = 1; c < k; c++) {
                    if (sc.a[ao + c * LANES] > m) {
                        m = sc.a[ao + c * LANES];
                        best = c;
                    }
                }
                labels[o] = best;
            }
        }
    }
}
