package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import dev.mixtures.io.NpyFiles;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times mini-batch K-means on a .npy file as scikit-learn's MiniBatchKMeans is timed beside it
 * (mixtures-bench/scripts/compare-minibatch.sh): {@code MiniBatchRun FILE K BATCH SEEDS...} fits
 * once per seed in this JVM (the first fit of a fresh JVM, the JIT still compiling, is the first
 * line) and prints the fit's wall time, the batches it took and J over all rows. Also one exact
 * (Hamerly) fit with one k-means++ start, for the ratio to the full algorithm on the same data.
 */
public final class MiniBatchRun {
    private MiniBatchRun() {
    }

    public static void main(String[] args) {
        Dataset data = NpyFiles.read(Path.of(args[0]));
        int k = Integer.parseInt(args[1]);
        int batch = Integer.parseInt(args[2]);
        int threads = Runtime.getRuntime().availableProcessors();
        for (int a = 3; a < args.length; a++) {
            long seed = Long.parseLong(args[a]);
            KMeans mb = KMeans.builder().k(k).algorithm(KMeans.Algorithm.MINIBATCH).batchSize(batch).nInit(3)
                    .seed(seed).threads(threads).build();
            long t = System.nanoTime();
            KMeansModel m = mb.fit(data);
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "mixtures minibatch seed %d: %.3f s, %d batches, J = %.6e%n", seed, s,
                    m.trace().history().length, m.inertia());
        }
        KMeans full = KMeans.builder().k(k).nInit(1).seed(Long.parseLong(args[3])).threads(threads).build();
        long t = System.nanoTime();
        KMeansModel m = full.fit(data);
        double s = (System.nanoTime() - t) / 1e9;
        System.out.printf(Locale.ROOT, "mixtures full K-means (Hamerly, 1 start) seed %s: %.3f s, %d iterations, J = %.6e%n",
                args[3], s, m.trace().history().length, m.inertia());
    }
}
