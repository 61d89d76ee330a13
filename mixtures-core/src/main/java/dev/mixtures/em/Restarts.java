package dev.mixtures.em;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the restarts of a fit, in parallel when there are threads to spare: the threads are split
 * between restarts (outer) and the row chunks of each restart (inner). Each restart must draw only
 * from its own random stream, so the results do not depend on the split or on the order.
 */
public final class Restarts {
    private Restarts() {
    }

    /** One random stream per restart, each split from one seeded stream in restart order. */
    public static java.util.SplittableRandom[] streams(long seed, int runs) {
        java.util.SplittableRandom master = new java.util.SplittableRandom(seed);
        java.util.SplittableRandom[] s = new java.util.SplittableRandom[runs];
        for (int r = 0; r < runs; r++) {
            s[r] = master.split();
        }
        return s;
    }

    /** One restart, run with its own pool of chunk workers. */
    @FunctionalInterface
    public interface Task<R> {
        R run(int restart, Workers workers);
    }

    /**
     * Runs restarts 0..runs−1 with {@code threads} threads in all and returns their results in
     * restart order. The first failure (a runtime exception) is rethrown once all have stopped.
     */
    public static <R> List<R> run(int threads, int runs, Task<R> task) {
        int outer = Math.max(1, Math.min(threads, runs));
        int inner = Math.max(1, threads / outer);
        List<R> results = new ArrayList<>(runs);
        if (outer == 1) {
            try (Workers workers = new Workers(inner)) {
                for (int r = 0; r < runs; r++) {
                    results.add(task.run(r, workers));
                }
            }
            return results;
        }
        ExecutorService pool = Executors.newFixedThreadPool(outer, rn -> {
            Thread t = new Thread(rn, "mixtures-restart");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                final int rr = r;
                futures.add(pool.submit(() -> {
                    try (Workers workers = new Workers(inner)) {
                        return task.run(rr, workers);
                    }
                }));
            }
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
    }
}
