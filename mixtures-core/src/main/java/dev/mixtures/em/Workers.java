package dev.mixtures.em;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small pool that runs tasks over numbered chunks with a fixed number of threads (the caller's
 * thread is worker 0). Which worker runs which chunk varies; results must therefore be kept per
 * chunk and merged in chunk order by the caller.
 */
public final class Workers implements AutoCloseable {
    /** A task over one chunk, told which worker runs it. */
    @FunctionalInterface
    public interface ChunkTask {
        /** Processes chunk {@code chunk} on worker {@code worker}. */
        void run(int chunk, int worker);
    }

    private final int threads;
    private final ExecutorService pool;

    /**
     * The most workers a pool takes: far beyond any machine's use for these passes, and far below
     * what a JVM can start (a million threads ran for 20 s and then out of memory).
     */
    public static final int MAX_THREADS = 1024;

    /** A pool of {@code threads} workers (1 to {@link #MAX_THREADS}). */
    public Workers(int threads) {
        Settings.threads(threads);
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "mixtures-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Number of workers. */
    public int threads() {
        return threads;
    }

    /** Runs {@code task} on chunks 0..nChunks−1 and returns when all are done. */
    public void forEachChunk(int nChunks, ChunkTask task) {
        int useThreads = Math.min(threads, nChunks);
        if (useThreads <= 1) {
            for (int c = 0; c < nChunks; c++) {
                task.run(c, 0);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[useThreads - 1];
        for (int w = 1; w < useThreads; w++) {
            final int worker = w;
            futures[w - 1] = pool.submit(() -> drain(next, nChunks, task, worker));
        }
        RuntimeException failure = null;
        try {
            drain(next, nChunks, task, 0);
        } catch (RuntimeException e) {
            failure = e;
            next.set(nChunks);
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) {
                    failure = new java.util.concurrent.CancellationException("interrupted");
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void drain(AtomicInteger next, int nChunks, ChunkTask task, int worker) {
        for (int c = next.getAndIncrement(); c < nChunks; c = next.getAndIncrement()) {
            task.run(c, worker);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
