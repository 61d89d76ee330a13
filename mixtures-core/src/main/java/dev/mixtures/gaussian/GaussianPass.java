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
     * {@code patterns}: what rows with the same missing columns share under p, made once for all
     * the pass's threads ({@link MissingRows#pattern}); null without p. {@code pairs}: the
     * components (a, b, a, b, …) whose merge terms the statistics gather ({@link GaussianStatistics#mergeTerms}),
     * or null.
     */
    record Pass(GaussianKernel kern, int k, boolean off, GaussianParams p, Source source, double[] shift,
            java.util.concurrent.ConcurrentHashMap<Long, double[]> patterns, int[] pairs) {
        Pass {
            // No pairs and an empty list are the same: nothing to gather.
            pairs = pairs == null || pairs.length == 0 ? null : pairs;
        }

        Pass(GaussianKernel kern, int k, boolean off, GaussianParams p, Source source, double[] shift,
                java.util.concurrent.ConcurrentHashMap<Long, double[]> patterns) {
            this(kern, k, off, p, source, shift, patterns, null);
        }

        /** The E-step of parameters p: responsibilities from p, statistics about p's means. */
        static Pass of(GaussianKernel kern, GaussianParams p) {
            return of(kern, p, null);
        }

        /** The E-step of parameters p that also gathers the merge terms of {@code pairs} (null: none). */
        static Pass of(GaussianKernel kern, GaussianParams p, int[] pairs) {
            return new Pass(kern, p.k, p.structure.offDiagonal(), p, null, p.means,
                    new java.util.concurrent.ConcurrentHashMap<>(), pairs);
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
        /** Per-lane merge terms, k pairs at most. */
        final double[] pd;
        final RowWindow window = new RowWindow();
        /** The pass over rows with missing cells, made when a chunk first has one. */
        MissingPass missing;

        Scratch(int k, int d, boolean offDiagonal) {
            int sLen = offDiagonal ? d * (d + 1) / 2 : d;
            xt = new double[GROUP * d * LANES];
            a = new double[GROUP * k * LANES];
            r = new double[GROUP * k * LANES];
            work = new double[(2 * GROUP * d + GROUP) * LANES];
            pn = new double[k * LANES];
            ps = new double[k * d * LANES];
            pss = new double[k * sLen * LANES];
            pd = new double[k * LANES];
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
                // As many components as the shift has (a warm start may have fewer than the statistics hold).
                run(new Pass(kern, c.length / data.d(), off, null, source, c, null), rows, from, to, stats, Outputs.NONE,
                        scratch[worker]);
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
        long t0 = System.nanoTime();
        try (Workers workers = new Workers(threads)) {
            workers.forEachChunk(chunks, (c, w) -> {
                int from = c * EmLoop.CHUNK_ROWS;
                // Outputs indexed by row: a chunk's first row writes at its own index.
                run(pass, rows, from, Math.min(n, from + EmLoop.CHUNK_ROWS), null,
                        new Outputs(rowLogLik, resp, labels, from), scratch[w]);
            });
        }
        AdaptiveGaussianKernel.afterPass(kern, System.nanoTime() - t0);
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
        int end = to;
        if (rows.data() != null && rows.data().hasMissing()) {
            if (sc.missing == null) {
                sc.missing = new MissingPass();
            }
            // Without per-row outputs or worst rows, the rows with missing cells can be left out of
            // the kernel's pass rather than weigh 0 in it.
            boolean compact = pass.source() == null && out.rowLogLik() == null && out.resp() == null
                    && out.labels() == null && (stats == null || !stats.keepsWorst());
            incomplete = sc.missing.sanitise(x, wv, shift, d, from, to, compact);
            if (incomplete > 0) {
                x = sc.missing.clean;
                wv = sc.missing.cleanWeights;
                shift = -from;
                end = from + sc.missing.completeRows;
            }
        }
        if (stats != null) {
            java.util.Arrays.fill(sc.pn, 0);
            java.util.Arrays.fill(sc.ps, 0);
            java.util.Arrays.fill(sc.pss, 0);
            java.util.Arrays.fill(sc.pll, 0);
            if (pass.pairs() != null) {
                java.util.Arrays.fill(sc.pd, 0);
            }
        }
        final int groupRows = GROUP * LANES;
        for (int g = from; g < end; g += groupRows) {
            group(pass, x, wv, shift, d, g, Math.min(groupRows, end - g), from, stats, out, sc);
        }
        // Rows with missing cells (weighing 0 above) after the others, into the same partial sums;
        // sc.window still holds them as they are (the sanitised copy is elsewhere).
        double incompleteWeight = incomplete > 0 ? sc.missing.rows(pass, sc.window, d, incomplete, from, stats, out, sc) : 0;
        if (stats != null) {
            double wsum = 0;
            for (int i = from; i < end; i++) {
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
            if (pass.pairs() != null) {
                for (int i = 0; i < pass.pairs().length / 2; i++) {
                    stats.mergeTerms[i] += sumLanes(sc.pd, i);
                }
            }
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
                if (pass.pairs() != null) {
                    mergeTerms(pass.pairs(), k, sc.w, sc.a, sc.r, sc.inv, rows, sc.pd);
                }
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

    static void multiply(double[] a, double[] b, double[] to, int n) {
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
    static void logLikelihood(double[] w, double[] ll, int rows, double[] pll) {
        for (int q = 0; q < rows; q++) {
            int l = q % LANES;
            pll[l] = Math.fma(w[q], ll[q], pll[l]);
        }
    }

    /**
     * Per lane, Σ w [s ln s − r_a ln r_a − r_b ln r_b] with s = r_a + r_b for each pair (a, b): the
     * entropy the merge of a and b would lose (MATH.md §4.9). With r_a ≥ r_b and x = r_b/r_a ≤ 1 the
     * term is s·ln(1 + x) − r_b ln x, and ln x is the difference of the log-terms, so a row costs
     * at most one logarithm, none when x &lt; 10^-4 (a series then) or when s &lt; 10^-16 (the row
     * adds less than the rounding of the sum; rows far from both components).
     */
    static void mergeTerms(int[] pairs, int k, double[] w, double[] a, double[] r, double[] inv, int rows, double[] pd) {
        for (int i = 0; i < pairs.length / 2; i++) {
            int ca = pairs[2 * i];
            int cb = pairs[2 * i + 1];
            for (int q = 0; q < rows; q++) {
                int l = q % LANES;
                int ao = (q / LANES) * k * LANES + l;
                double ra = r[ao + ca * LANES] * inv[q];
                double rb = r[ao + cb * LANES] * inv[q];
                double s = ra + rb;
                if (s < 1e-16) {
                    continue;
                }
                double big = Math.max(ra, rb);
                double small = Math.min(ra, rb);
                double lnx = -Math.abs(a[ao + cb * LANES] - a[ao + ca * LANES]);
                double x = small / big;
                double ln1px = x < 1e-4 ? x * (1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x))) : Math.log(1 + x);
                double t = s * ln1px - small * lnx;
                pd[i * LANES + l] = Math.fma(w[q], t, pd[i * LANES + l]);
            }
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
