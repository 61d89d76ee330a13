package dev.mixtures.em;

import dev.mixtures.ProgressListener;
import dev.mixtures.BlockSteps;
import dev.mixtures.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * The one EM loop every model runs on (ARCHITECTURE.md): E-step over fixed-size row chunks in
 * parallel, statistics merged in chunk order, M-step, objective, convergence test, progress and
 * cancellation. Because the chunk size is fixed and merging is ordered, a fit gives the same bits
 * with any number of threads.
 */
public final class EmLoop {
    /** Rows per chunk. Fixed, never derived from the thread count: that is what makes results reproducible. */
    public static final int CHUNK_ROWS = 4096;
    /** Chunks whose statistics are held at once in a pass; merged in order, so it changes no bit. */
    static final int WAVE = 256;

    private EmLoop() {
    }

    /**
     * What a run of the loop ended with.
     *
     * @param params         the final parameters (after the last M-step)
     * @param lastStatistics the merged statistics of the last E-step
     * @param history        the objective per iteration
     * @param converged      whether the convergence test was met
     */
    public record Result<P, S>(P params, S lastStatistics, double[] history, boolean converged) {
    }

    /**
     * Runs up to {@code maxIterations} EM iterations from {@code initial}.
     *
     * @param restart  restart number reported to the listener
     * @param cancel   polled before every iteration; when it answers true the fit stops with a
     *                 {@link CancellationException}
     */
    public static <P, S extends Statistics<S>> Result<P, S> run(EmFamily<P, S> family, P initial, int maxIterations,
            Workers workers, ProgressListener listener, int restart, BooleanSupplier cancel) {
        P params = initial;
        List<S> perChunk = new ArrayList<>();
        S total = family.newStatistics();
        double previous = Double.NaN;
        double[] history = new double[Math.min(maxIterations, 1024)];
        int it = 0;
        boolean converged = false;
        while (it < maxIterations) {
            if (cancel.getAsBoolean()) {
                throw new CancellationException("fit cancelled after " + it + " iterations");
            }
            int iteration = it + 1;
            family.prepare(iteration, params);
            eStep(family, params, family.rows(iteration), workers, perChunk, total);
            P next = family.mStep(params, total, iteration);
            double objective = family.objective(params, next, total);
            if (it == history.length) {
                history = java.util.Arrays.copyOf(history, history.length * 2);
            }
            history[it++] = objective;
            listener.iteration(restart, iteration, maxIterations, objective);
            params = next;
            if (family.converged(previous, objective, total, iteration) && family.mayStop(next)) {
                converged = true;
                break;
            }
            previous = objective;
        }
        return new Result<>(params, total, java.util.Arrays.copyOf(history, it), converged);
    }

    /**
     * One E-step over {@code rows} rows with the given parameters, merged into {@code total}
     * (reset first). Models use it for a final pass (labels, cost) after the loop.
     */
    public static <P, S extends Statistics<S>> S eStep(EStep<P, S> family, P params, int rows, Workers workers,
            List<S> perChunk, S total) {
        int[][] blocks = family.chunks(rows);
        int nChunks = 0;
        for (int[] b : blocks) {
            nChunks += b.length - 1;
        }
        int[] from = new int[nChunks];
        int[] to = new int[nChunks];
        int at = 0;
        for (int[] b : blocks) {
            for (int c = 0; c + 1 < b.length; c++, at++) {
                from[at] = b[c];
                to[at] = b[c + 1];
            }
        }
        total.reset();
        if (nChunks == 1) {
            if (perChunk.isEmpty()) {
                perChunk.add(family.newStatistics());
            }
            family.eStep(params, from[0], to[0], total, 0);
            return total;
        }
        // Chunks run in waves of at most WAVE: the per-chunk statistics held at once stay bounded
        // (10^8 rows are 24,000 chunks), and merging each wave in chunk order keeps the bits.
        int wave = Math.min(nChunks, WAVE);
        while (perChunk.size() < wave) {
            perChunk.add(family.newStatistics());
        }
        int[] lastOfBlock = new int[nChunks];
        int c0 = 0;
        for (int[] b : blocks) {
            c0 += b.length - 1;
            if (c0 > 0) {
                lastOfBlock[c0 - 1] = 1;
            }
        }
        // Chunks merge within their block, then blocks in order: a block's statistics are those a
        // pass over that block alone gives (BlockSteps), wherever the block is held.
        S block = blocks.length > 1 ? family.newStatistics() : total;
        for (int start = 0; start < nChunks; start += wave) {
            int first = start;
            int m = Math.min(wave, nChunks - start);
            workers.forEachChunk(m, (c, w) -> {
                S s = perChunk.get(c);
                s.reset();
                family.eStep(params, from[first + c], to[first + c], s, w);
            });
            for (int c = 0; c < m; c++) {
                block.merge(perChunk.get(c));
                if (block != total && lastOfBlock[start + c] == 1) {
                    total.merge(block);
                    block.reset();
                }
            }
        }
        return total;
    }

    /** Boundaries of pieces of {@link #CHUNK_ROWS} rows over {@code rows} rows. */
    public static int[] uniformChunks(int rows) {
        return uniformChunks(rows, CHUNK_ROWS);
    }

    /** Boundaries of pieces of {@code size} rows over {@code rows} rows. */
    public static int[] uniformChunks(int rows, int size) {
        int nChunks = (rows + size - 1) / size;
        int[] b = new int[nChunks + 1];
        for (int c = 0; c < nChunks; c++) {
            b[c] = c * size;
        }
        b[nChunks] = rows;
        return b;
    }
}
