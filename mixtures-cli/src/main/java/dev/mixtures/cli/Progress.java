package dev.mixtures.cli;

import dev.mixtures.ProgressListener;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on standard error for fits that take more than about a second, shown
 * only when standard error is a terminal (never in pipes, files or tests).
 */
final class Progress implements ProgressListener, AutoCloseable {
    private final PrintWriter err;
    private final boolean enabled;
    private final int restarts;
    private final long start = System.nanoTime();
    private final AtomicLong iterations = new AtomicLong();
    private volatile int maxIter = 1;
    private volatile boolean drawn;
    private final Thread ticker;

    Progress(PrintWriter err, int restarts, boolean enabled) {
        this.err = err;
        this.restarts = restarts;
        this.enabled = enabled;
        this.ticker = enabled ? new Thread(this::tick, "mixtures-progress") : null;
        if (ticker != null) {
            ticker.setDaemon(true);
            ticker.start();
        }
    }

    /**
     * Whether standard error is a terminal: as the launcher found it (mixtures.stderr.tty; the
     * JVM's own stderr is then a pipe), else whether the JVM has a console. Never under CI.
     */
    static boolean terminal() {
        return terminal(System.getProperty("mixtures.stderr.tty"), System.console() != null, System.getenv("CI") != null);
    }

    static boolean terminal(String launcherSays, boolean console, boolean ci) {
        if (ci) {
            return false;
        }
        return launcherSays != null ? launcherSays.equals("true") : console;
    }

    @Override
    public void iteration(int restart, int iteration, int maxIterations, double objective) {
        iterations.incrementAndGet();
        maxIter = maxIterations;
    }

    private void tick() {
        try {
            Thread.sleep(1000);
            while (!Thread.currentThread().isInterrupted()) {
                long it = iterations.get();
                double secs = (System.nanoTime() - start) / 1e9;
                int width = 30;
                double frac = Math.min(1.0, it / (double) Math.max(1, (long) restarts * Math.min(maxIter, 50)));
                int fill = (int) (frac * width);
                err.print(String.format("\r[%s%s] %d iterations, %.1f s ", "#".repeat(fill), " ".repeat(width - fill), it, secs));
                err.flush();
                drawn = true;
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (drawn) {
                err.print("\r" + " ".repeat(60) + "\r");
                err.flush();
            }
        }
    }
}
