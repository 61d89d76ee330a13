package dev.mixtures.datasets;

import dev.mixtures.data.Dataset;
import java.util.SplittableRandom;

/**
 * Synthetic data: isotropic Gaussian blobs around random centres, generated from a seed (for
 * tests and benchmarks). Centres are uniform in [−spread, spread]^d; each blob has unit SD.
 */
public final class Blobs {
    private Blobs() {
    }

    /** n rows in d dimensions from {@code blobs} blobs, row i belonging to blob i mod blobs. */
    public static Dataset generate(int n, int d, int blobs, double spread, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] centres = new double[blobs * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (2 * rnd.nextDouble() - 1) * spread;
        }
        return around(centres, n, d, blobs, rnd);
    }

    /**
     * As {@link #generate}, with centres at least {@code separation} apart (in units of the blobs'
     * SD): drawn uniformly in a cube just large enough for that, each redrawn until it is; so the
     * number of blobs is a well-defined answer (tests and benchmarks of choosing K).
     */
    public static Dataset separated(int n, int d, int blobs, double separation, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] centres = new double[blobs * d];
        // Room for the blobs' separation balls, with slack so that drawing ends soon.
        double half = separation * Math.max(1, Math.pow(blobs, 1.0 / d)) * 1.5;
        for (int b = 0; b < blobs; b++) {
            boolean ok;
            do {
                for (int j = 0; j < d; j++) {
                    centres[b * d + j] = (2 * rnd.nextDouble() - 1) * half;
                }
                ok = true;
                for (int o = 0; o < b && ok; o++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        double t = centres[b * d + j] - centres[o * d + j];
                        s += t * t;
                    }
                    ok = s >= separation * separation;
                }
            } while (!ok);
        }
        return around(centres, n, d, blobs, rnd);
    }

    private static Dataset around(double[] centres, int n, int d, int blobs, SplittableRandom rnd) {
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            int b = i % blobs;
            for (int j = 0; j < d; j++) {
                x[i * d + j] = centres[b * d + j] + gaussian(rnd);
            }
        }
        return Dataset.wrap(x, n, d, java.util.stream.IntStream.rangeClosed(1, d).mapToObj(j -> "x" + j).collect(java.util.stream.Collectors.toList()), null);
    }

    /** Blob labels of the rows {@link #generate} and {@link #separated} make. */
    public static int[] labels(int n, int blobs) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % blobs;
        }
        return l;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller; one value per call keeps the stream simple to reproduce.
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
