package dev.mixtures.spark;

import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianParams;
import dev.mixtures.gaussian.GaussianStatistics;
import dev.mixtures.gaussian.GaussianSteps;
import dev.mixtures.kmeans.Centres;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansStatistics;
import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;

/**
 * The Gaussian mixture fitted on Spark as the library fits it locally from its default start:
 * K-means first (k-means++ seeds drawn on a seeded sample of at most {@link #SAMPLE} rows on the
 * driver, then Lloyd iterations over all rows on Spark), its hard clusters giving the first
 * M-step (two passes: the means, then the scatter about them), then EM, one Spark job per
 * iteration ({@link SparkFit}). The settings cross to the executors as a {@link Spec}.
 */
public final class SparkGaussianMixture {
    /** The most rows the k-means++ seeds are drawn from. */
    public static final int SAMPLE = 100_000;

    private SparkGaussianMixture() {
    }

    /** The settings a fit on Spark needs, serialisable: they rebuild the library's settings where they run. */
    public record Spec(int k, CovarianceType covariance, double regCovar, double tol, int maxIter, long seed)
            implements Serializable {
        /** The library's settings of this spec. */
        public GaussianMixture settings() {
            return GaussianMixture.builder().k(k).covariance(covariance).regCovar(regCovar).tol(tol).maxIter(maxIter)
                    .seed(seed).build();
        }

        KMeans kmeans() {
            return KMeans.builder().k(k).maxIter(maxIter).seed(seed).build();
        }
    }

    /**
     * Fits {@code spec} to {@code blocks} (rows of {@code d} values each, as {@link SparkFit#blocks}
     * makes them).
     *
     * @throws IllegalArgumentException when the settings are invalid or there are fewer rows than k
     */
    public static SparkFit.Result<GaussianParams> fit(JavaRDD<SparkFit.Block> blocks, int d, Spec spec) {
        spec.settings(); // checks the settings before any job
        int k = spec.k();
        double[][] seeds = seeds(blocks, d, spec);
        SparkFit.StepsFactory<Centres, KMeansStatistics> kmSteps = () -> spec.kmeans().steps(d);
        Centres centres = SparkFit.fit(blocks, kmSteps, spec.kmeans().steps(d).start(seeds), spec.maxIter()).params();
        double[] flat = new double[k * d];
        double[][] c = centres.centres();
        for (int j = 0; j < k; j++) {
            System.arraycopy(c[j], 0, flat, j * d, d);
        }
        SparkFit.StepsFactory<GaussianParams, GaussianStatistics> steps = () -> spec.settings().steps(d);
        GaussianSteps driver = spec.settings().steps(d);
        double[][] zero = new double[k][d];
        double[][] means = driver.startMeans(startPass(blocks, steps, flat, zero, k, d));
        GaussianParams start = driver.start(startPass(blocks, steps, flat, means, k, d), means);
        return SparkFit.fit(blocks, steps, start, spec.maxIter());
    }

    /** k-means++ seeds drawn on the driver from a seeded sample of the rows (every row when there are few). */
    private static double[][] seeds(JavaRDD<SparkFit.Block> blocks, int d, Spec spec) {
        long n = blocks.map(SparkFit.Block::rows).fold(0, Integer::sum);
        if (n < spec.k()) {
            throw new IllegalArgumentException("k: " + spec.k() + " components for " + n + " rows");
        }
        double fraction = Math.min(1.0, (double) SAMPLE / n);
        long seed = spec.seed();
        // Each block draws its rows with a stream of its own partition's, so the sample is the
        // same whatever the task timing.
        List<double[]> parts = SparkFit.inOrder(blocks, (index, b) -> {
            SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
            double[] kept = new double[b.values().length];
            int m = 0;
            for (int i = 0; i < b.rows(); i++) {
                if (fraction >= 1 || rnd.nextDouble() < fraction) {
                    System.arraycopy(b.values(), i * d, kept, m++ * d, d);
                }
            }
            return java.util.Arrays.copyOf(kept, m * d);
        });
        int rows = 0;
        for (double[] p : parts) {
            rows += p.length / d;
        }
        if (rows < spec.k()) {
            throw new IllegalArgumentException("k: the sample of " + rows + " rows is smaller than k = " + spec.k());
        }
        double[] sample = new double[rows * d];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, sample, at, p.length);
            at += p.length;
        }
        double[] flat = KMeans.seedCentres(Dataset.of(sample, rows, d), spec.k(), KMeans.Init.KMEANS_PLUS_PLUS,
                new SplittableRandom(seed), 1);
        double[][] seeds = new double[spec.k()][];
        for (int j = 0; j < spec.k(); j++) {
            seeds[j] = java.util.Arrays.copyOfRange(flat, j * d, (j + 1) * d);
        }
        return seeds;
    }

    /** One pass of the start: statistics about {@code shift} with every row given to its nearest centre. */
    private static GaussianStatistics startPass(JavaRDD<SparkFit.Block> blocks,
            SparkFit.StepsFactory<GaussianParams, GaussianStatistics> factory, double[] centres, double[][] shift, int k,
            int d) {
        return SparkFit.merge(SparkFit.inOrder(blocks, (index, b) -> {
            int[] labels = KMeans.nearest(Dataset.of(b.values(), b.rows(), d), centres, k);
            double[] resp = new double[b.rows() * k];
            for (int i = 0; i < b.rows(); i++) {
                resp[i * k + labels[i]] = 1;
            }
            return ((GaussianSteps) factory.create()).startStatistics(shift, b.values(), b.weights(), resp, b.rows());
        }), factory.create().newStatistics());
    }
}
