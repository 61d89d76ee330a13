package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import dev.mixtures.FitTrace;
import dev.mixtures.ProgressListener;
import dev.mixtures.kmeans.Centres;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import dev.mixtures.kmeans.KMeansStatistics;
import java.util.ArrayList;
import java.util.List;

/**
 * K-means on Spark: seeds drawn on a sample ({@link SparkStarts}) or given, Lloyd's iterations
 * over all rows with the library's kernels, every restart in the same pass, and the run of lowest
 * J kept, its sizes and J those of its final centres (one more pass), as the library reports them.
 */
public final class SparkKMeans {
    private SparkKMeans() {
    }

    /**
     * Fits {@code settings} to {@code data}. Given centres are in original units (standardised here
     * when the data are). The algorithm is Lloyd's whatever the settings say (Hamerly's bounds are
     * per row and would have to live beside the cached blocks; the assignments are the same).
     *
     * @throws IllegalArgumentException when the settings ask for mini-batches, or k exceeds the rows
     */
    public static KMeansModel fit(SparkData data, KMeans settings, ProgressListener listener) {
        if (settings.algorithm() == KMeans.Algorithm.MINIBATCH) {
            throw new BadInputException("algorithm: minibatch is not run on Spark (a full pass costs a job"
                    + " anyway); use lloyd");
        }
        long begin = System.nanoTime();
        int rows = data.rows();
        List<double[][]> seeds;
        if (settings.init() == KMeans.Init.GIVEN) {
            double[][] c = settings.initialCentres();
            if (c[0].length != data.d()) {
                throw new BadInputException("init: the given centres have " + c[0].length
                        + " coordinates, the data " + data.d());
            }
            if (data.standardizer() != null) {
                for (double[] row : c) {
                    data.standardizer().forward(row);
                }
            }
            seeds = List.<double[][]>of(c);
        } else {
            seeds = SparkStarts.seeds(data, settings.k(), settings.init(), settings.seed(), settings.nInit());
        }
        List<SparkFit.Result<Centres>> runs = SparkStarts.lloyd(data, settings, seeds, listener);
        int d = data.d();
        int k = settings.k();
        int maxIter = settings.maxIter();
        double tol = settings.tol();
        List<Centres> ends = new ArrayList<>();
        for (SparkFit.Result<Centres> r : runs) {
            ends.add(r.params());
        }
        // A last E-step with the final centres: the sizes and J that predict() reproduces.
        List<List<KMeansStatistics>> last = SparkFit.statistics(
                org.apache.spark.api.java.JavaSparkContext.fromSparkContext(data.blocks().context()), data.blocks(),
                () -> SparkStarts.lloydSettings(k, maxIter, tol).steps(d), ends);
        int best = -1;
        KMeansStatistics bestStats = null;
        for (int r = 0; r < ends.size(); r++) {
            KMeansStatistics s = SparkFit.merge(last.get(r), SparkStarts.lloydSettings(k, maxIter, tol).steps(d)
                    .newStatistics());
            if (best < 0 || s.cost() < bestStats.cost()) {
                best = r;
                bestStats = s;
            }
        }
        SparkFit.Result<Centres> r = runs.get(best);
        FitTrace trace = new FitTrace(r.history(), r.converged(), settings.seed(), best, System.nanoTime() - begin);
        return KMeansModel.restore(settings, r.params().centres(), bestStats.sizes(), bestStats.cost(), trace,
                data.standardizer(), data.columns(), rows, KMeans.Algorithm.LLOYD.label());
    }
}
