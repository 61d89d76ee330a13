package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What missing cells cost an EM iteration (issue 17): {@code MissingCost [ROWS] [FRACTION] [TYPES]} fits
 * the Gaussian mixture (k = 16, full and diag, tolerance 0, 12 iterations) to 16 blobs in 16
 * columns, once complete and once with each cell missing with probability FRACTION (default 0.1),
 * in the same JVM, seven rounds; it prints the mean time of iterations 3–12 of each, their ratio,
 * and the median ratio of rounds 2–7.
 * TYPES: the structures, comma-separated (default full,diag).
 */
public final class MissingCost {
    /** Rounds; the first, in which the JIT compiles both paths, is left out of the median. */
    private static final int ROUNDS = 7;

    private MissingCost() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        double p = args.length > 1 ? Double.parseDouble(args[1]) : 0.1;
        int d = 16;
        Dataset base = Blobs.generate(n, d, 16, 3.0, 1);
        double[] x = base.contiguous().valuesView().clone();
        double[] xm = x.clone();
        SplittableRandom r = new SplittableRandom(2);
        for (int q = 0; q < xm.length; q++) {
            if (r.nextDouble() < p) {
                xm[q] = Double.NaN;
            }
        }
        Dataset full = Dataset.ofBlocks(List.of(x), new int[] {n}, d, base.columnNames(), null, true);
        Dataset miss = Dataset.ofBlocks(List.of(xm), new int[] {n}, d, base.columnNames(), null, true);
        System.out.printf(Locale.ROOT, "%d rows × %d, k = 16, %.0f%% of cells missing (%d rows incomplete)%n", n, d, 100 * p,
                n - miss.completeRows().n());
        for (String type : (args.length > 2 ? args[2] : "full,diag").split(",")) {
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                double a = perIteration(full, type);
                double b = perIteration(miss, type);
                System.out.printf(Locale.ROOT, "%s, round %d: complete %.4f s per iteration, with missing cells %.4f s: %.2fx%n",
                        type, round, a, b, b / a);
                if (round > 1) {
                    ratios.add(b / a);
                }
            }
            ratios.sort(null);
            System.out.printf(Locale.ROOT, "%s: median of rounds 2-%d %.2fx (range %.2f-%.2f)%n", type, ROUNDS,
                    (ratios.get((ratios.size() - 1) / 2) + ratios.get(ratios.size() / 2)) / 2, ratios.get(0),
                    ratios.get(ratios.size() - 1));
        }
    }

    private static double perIteration(Dataset data, String type) {
        List<Double> times = new ArrayList<>();
        long[] last = {System.nanoTime()};
        GaussianMixture.builder().k(16).covariance(CovarianceType.parse(type)).maxIter(12).tol(0).build()
                .fit(data, (restart, it, max, objective) -> {
                    long now = System.nanoTime();
                    times.add((now - last[0]) / 1e9);
                    last[0] = now;
                }, () -> false);
        return times.stream().skip(2).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
