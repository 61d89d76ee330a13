package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.RowWindow;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.io.NpyFiles;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Fits a memory-mapped .npy file (made larger than the heap) and reports per-iteration time against
 * what the machine can stream (mixtures-bench/scripts/large-npy.sh): {@code LargeNpyFit FILE K ITERS}
 * maps the file, times one pass that only reads it (every value summed, all cores: the page-cache
 * bound), one pass over a heap array (the memory bound), then K-means (one k-means++ start) and a
 * diagonal Gaussian mixture (K-means start), ITERS iterations each, printing each iteration's time
 * and the bytes it streamed per second.
 */
public final class LargeNpyFit {
    private LargeNpyFit() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int k = Integer.parseInt(args[1]);
        int iters = Integer.parseInt(args[2]);
        int threads = Runtime.getRuntime().availableProcessors();
        long t0 = System.nanoTime();
        Dataset data = NpyFiles.read(file);
        double bytes = 8.0 * data.n() * data.d();
        System.out.printf(Locale.ROOT, "%s: %d rows × %d (%.1f GB), mapped and checked in %.2f s; heap max %.1f GB%n",
                file, data.n(), data.d(), bytes / 1e9, (System.nanoTime() - t0) / 1e9,
                Runtime.getRuntime().maxMemory() / 1e9);
        for (int r = 0; r < 2; r++) {
            long t = System.nanoTime();
            double s = readPass(data, threads);
            double sec = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "read-only pass %d over the mapped file: %.2f s, %.1f GB/s (sum %.3e)%n", r + 1,
                    sec, bytes / sec / 1e9, s);
        }
        heapPasses(threads);
        Timer km = new Timer("K-means", bytes);
        KMeansModel m = KMeans.builder().k(k).nInit(1).maxIter(iters).tol(0).seed(1).threads(threads).build()
                .fit(data, km, () -> false);
        km.report();
        System.out.printf(Locale.ROOT, "K-means J = %.6e after %d iterations%n", m.inertia(), m.trace().history().length);
        Timer gm = new Timer("GMM diag", bytes);
        GaussianMixtureModel g = GaussianMixture.builder().k(k).covariance(CovarianceType.parse("diag")).maxIter(iters)
                .tol(0).seed(1).threads(threads).build().fit(data, gm, () -> false);
        gm.report();
        System.out.printf(Locale.ROOT, "GMM diag ln L = %.6e after %d iterations%n", g.logLikelihood(),
                g.trace().history().length);
        System.out.printf(Locale.ROOT, "file size %.1f GB, heap used at the end %.2f GB%n", Files.size(file) / 1e9,
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1e9);
    }

    /** A 1 GB heap array summed by all threads, three times: the machine's memory bound. */
    private static void heapPasses(int threads) {
        double[] heap = new double[1 << 27];
        java.util.Arrays.fill(heap, 1.0);
        for (int r = 0; r < 3; r++) {
            long t = System.nanoTime();
            double s = IntStream.range(0, threads).parallel().mapToDouble(w -> {
                double a = 0;
                int len = heap.length / threads;
                for (int i = w * len; i < (w + 1) * len; i++) {
                    a += heap[i];
                }
                return a;
            }).sum();
            double sec = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "heap read pass %d (1 GB, %d threads): %.1f GB/s (sum %.0f)%n", r + 1, threads,
                    8.0 * heap.length / sec / 1e9, s);
        }
    }

    private static double readPass(Dataset data, int threads) {
        int n = data.n();
        int chunk = dev.mixtures.em.EmLoop.CHUNK_ROWS;
        int chunks = (n + chunk - 1) / chunk;
        return IntStream.range(0, threads).parallel().mapToDouble(w -> {
            RowWindow win = new RowWindow();
            double a = 0;
            for (int c = w; c < chunks; c += threads) {
                int from = c * chunk;
                int to = Math.min(n, from + chunk);
                data.window(from, to, win);
                double[] x = win.values();
                for (int q = (from + win.shift()) * data.d(); q < (to + win.shift()) * data.d(); q++) {
                    a += x[q];
                }
            }
            return a;
        }).sum();
    }

    /** Times between iterations (the first from the fit's start: it includes the start). */
    private static final class Timer implements dev.mixtures.ProgressListener {
        private final String name;
        private final double bytes;
        private final List<Double> times = new ArrayList<>();
        private long last = System.nanoTime();

        Timer(String name, double bytes) {
            this.name = name;
            this.bytes = bytes;
        }

        @Override
        public void iteration(int restart, int iteration, int maxIterations, double objective) {
            long now = System.nanoTime();
            times.add((now - last) / 1e9);
            last = now;
        }

        void report() {
            StringBuilder b = new StringBuilder(name + " seconds per iteration (the first includes the start):");
            for (double t : times) {
                b.append(String.format(Locale.ROOT, " %.2f", t));
            }
            System.out.println(b);
            double rest = times.stream().skip(1).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            System.out.printf(Locale.ROOT, "%s after the first: %.2f s per iteration, %.1f GB/s of rows%n", name, rest,
                    bytes / rest / 1e9);
        }
    }
}
