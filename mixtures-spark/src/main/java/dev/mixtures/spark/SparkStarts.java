package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import dev.mixtures.ProgressListener;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.RowBlock;
import dev.mixtures.gaussian.GaussianStatistics;
import dev.mixtures.gaussian.MixtureSteps;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.kmeans.Centres;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansStatistics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Starts on Spark, shared by the three models: k-means++ (or random) seeds drawn on the driver
 * from a seeded sample of at most {@link #SAMPLE} rows; Lloyd iterations over all rows, every
 * restart in the same pass; and a mixture's first parameters from responsibilities computed block
 * by block (hard labels of K-means centres, or a given model's), two passes shared by all
 * restarts, as the library starts a mixture locally (the means, then the scatter about them).
 */
final class SparkStarts {
    /** The most rows seeds are drawn from. */
    static final int SAMPLE = 100_000;

    private SparkStarts() {
    }

    /** Responsibilities of a block's rows: row-major, rows × k. */
    @FunctionalInterface
    interface Responsibilities extends Serializable {
        double[] of(RowBlock block);
    }

    /**
     * {@code starts} sets of k seeds, each drawn with its own stream split from {@code seed} (in
     * order) on one seeded sample of the rows (every row when there are few).
     *
     * @throws IllegalArgumentException when there are fewer rows (or sampled rows) than k
     */
    static List<double[][]> seeds(SparkData data, int k, KMeans.Init init, long seed, int starts) {
        if (data.n() < k) {
            throw new BadInputException("k: " + k + " clusters for " + data.n() + " rows");
        }
        int d = data.d();
        double fraction = Math.min(1.0, (double) SAMPLE / data.n());
        // Each block draws its rows with a stream of its own partition's, so the sample is the
        // same whatever the task timing; weights come along (k-means++ draws by weight).
        List<double[]> parts = SparkFit.inOrder(data.blocks(), (index, b) -> {
            SplittableRandom rnd = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (index + 1)));
            double[] kept = new double[b.rows() * (d + 1)];
            int m = 0;
            for (int i = 0; i < b.rows(); i++) {
                if (fraction >= 1 || rnd.nextDouble() < fraction) {
                    System.arraycopy(b.values(), i * d, kept, m * (d + 1), d);
                    kept[m * (d + 1) + d] = b.weights() == null ? 1 : b.weights()[i];
                    m++;
                }
            }
            return Arrays.copyOf(kept, m * (d + 1));
        });
        int rows = 0;
        for (double[] p : parts) {
            rows += p.length / (d + 1);
        }
        if (rows < k) {
            throw new BadInputException("k: the sample of " + rows + " rows is smaller than k = " + k);
        }
        double[] sample = new double[rows * d];
        double[] weights = new double[rows];
        int at = 0;
        for (double[] p : parts) {
            for (int i = 0; i < p.length / (d + 1); i++, at++) {
                System.arraycopy(p, i * (d + 1), sample, at * d, d);
                weights[at] = p[i * (d + 1) + d];
            }
        }
        Dataset s = Dataset.of(sample, rows, d).withWeights(weights);
        SplittableRandom root = new SplittableRandom(seed);
        List<double[][]> out = new ArrayList<>(starts);
        for (int r = 0; r < starts; r++) {
            double[] flat = KMeans.seedCentres(s, k, init, root.split(), 1);
            double[][] c = new double[k][];
            for (int j = 0; j < k; j++) {
                c[j] = Arrays.copyOfRange(flat, j * d, (j + 1) * d);
            }
            out.add(c);
        }
        return out;
    }

    /** Lloyd's iterations from each set of seeds, all restarts in each pass ({@link SparkFit#fitAll}). */
    static List<SparkFit.Result<Centres>> lloyd(SparkData data, KMeans settings, List<double[][]> seeds,
            ProgressListener listener) {
        int d = data.d();
        int k = settings.k();
        int maxIter = settings.maxIter();
        double tol = settings.tol();
        SparkFit.StepsFactory<Centres, KMeansStatistics> steps = () -> lloydSettings(k, maxIter, tol).steps(d);
        List<Centres> starts = new ArrayList<>();
        for (double[][] s : seeds) {
            starts.add(lloydSettings(k, maxIter, tol).steps(d).start(s));
        }
        return SparkFit.fitAll(data.blocks(), steps, starts, maxIter, listener);
    }

    /** The K-means settings block steps need (no standardising: the blocks are in fitted units already). */
    static KMeans lloydSettings(int k, int maxIter, double tol) {
        return KMeans.builder().k(k).maxIter(maxIter).tol(tol).build();
    }

    /**
     * The responsibilities of a mixture's default starts, {@code nInit} of them: hard labels of
     * K-means run to convergence from k-means++ seeds (init kmeans), or of the seeds themselves
     * (init k-means++).
     *
     * @throws IllegalArgumentException for any other start method (they need every row on one machine)
     */
    static List<Responsibilities> hardLabels(SparkData data, StartMethod init, int k, long seed, int nInit) {
        if (init != StartMethod.KMEANS && init != StartMethod.KMEANS_PLUS_PLUS) {
            throw new BadInputException("init: " + init.label() + " is not run on Spark (it needs every row on"
                    + " one machine); use kmeans, k-means++ or given");
        }
        List<double[][]> seeds = seeds(data, k, KMeans.Init.KMEANS_PLUS_PLUS, seed, nInit);
        List<Responsibilities> resp = new ArrayList<>();
        if (init == StartMethod.KMEANS) {
            // As the library's kmeans start: K-means with its own defaults, from these seeds.
            KMeans km = KMeans.builder().k(k).seed(seed).build();
            for (SparkFit.Result<Centres> c : lloyd(data, km, seeds, ProgressListener.NONE)) {
                resp.add(nearest(c.params().centres()));
            }
        } else {
            for (double[][] s : seeds) {
                resp.add(nearest(s));
            }
        }
        return resp;
    }

    /** Hard labels of the nearest of {@code centres} (k rows of d), as responsibilities. */
    static Responsibilities nearest(double[][] centres) {
        int k = centres.length;
        int d = centres[0].length;
        double[] flat = new double[k * d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(centres[j], 0, flat, j * d, d);
        }
        return b -> {
            int[] labels = KMeans.nearest(Dataset.of(b.values(), b.rows(), d), flat, k);
            double[] resp = new double[b.rows() * k];
            for (int i = 0; i < b.rows(); i++) {
                resp[i * k + labels[i]] = 1;
            }
            return resp;
        };
    }

    /**
     * A mixture's first parameters from each of {@code starts}' responsibilities: two Spark jobs
     * for all of them, the means first, then the scatter about them.
     */
    static <P extends Serializable> List<P> fromResponsibilities(SparkData data,
            SparkFit.StepsFactory<P, GaussianStatistics> factory, List<Responsibilities> starts) {
        MixtureSteps<P> driver = (MixtureSteps<P>) factory.create();
        int k = driver.k();
        int d = data.d();
        List<GaussianStatistics> aboutZero = pass(data, factory, starts, null, k, d);
        List<double[][]> means = new ArrayList<>();
        for (GaussianStatistics s : aboutZero) {
            means.add(driver.startMeans(s));
        }
        List<GaussianStatistics> aboutMeans = pass(data, factory, starts, means, k, d);
        List<P> out = new ArrayList<>();
        for (int r = 0; r < starts.size(); r++) {
            out.add(driver.start(aboutMeans.get(r), means.get(r)));
        }
        return out;
    }

    /** One pass: each start's statistics about its {@code shift} (zero when null), merged in partition order. */
    private static <P> List<GaussianStatistics> pass(SparkData data,
            SparkFit.StepsFactory<P, GaussianStatistics> factory, List<Responsibilities> starts, List<double[][]> shift,
            int k, int d) {
        List<List<GaussianStatistics>> perBlock = SparkFit.inOrder(data.blocks(), (index, b) -> {
            MixtureSteps<P> steps = (MixtureSteps<P>) factory.create();
            List<GaussianStatistics> out = new ArrayList<>();
            for (int r = 0; r < starts.size(); r++) {
                double[][] about = shift == null ? new double[k][d] : shift.get(r);
                out.add(steps.startStatistics(about, b.values(), b.weights(), starts.get(r).of(b), b.rows()));
            }
            return out;
        });
        List<GaussianStatistics> merged = new ArrayList<>();
        for (int r = 0; r < starts.size(); r++) {
            GaussianStatistics into = factory.create().newStatistics();
            for (List<GaussianStatistics> block : perBlock) {
                into.merge(block.get(r));
            }
            merged.add(into);
        }
        return merged;
    }
}
