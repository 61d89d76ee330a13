package dev.mixtures.spark;

import dev.mixtures.FitTrace;
import dev.mixtures.ProgressListener;
import dev.mixtures.Training;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.GaussianParams;
import dev.mixtures.gaussian.GaussianStatistics;
import dev.mixtures.gaussian.StartMethod;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The Gaussian mixture on Spark, started as the library starts it locally: from K-means (seeds on
 * a sample, then Lloyd over all rows), from k-means++ seeds' hard labels, or from given
 * parameters; then EM, one Spark job per iteration for all restarts ({@link SparkFit#fitAll}).
 * The run of highest ln L is kept, with the ln L and sizes of its final parameters (one more
 * pass), as the library reports them.
 */
public final class SparkGaussianMixture {
    private SparkGaussianMixture() {
    }

    /**
     * Fits {@code settings} to {@code data}. Given parameters are in original units (carried into
     * standardised units here when the data are standardised).
     *
     * @throws IllegalArgumentException when the start method needs all rows on one machine
     *         (hc, random), or k exceeds the rows
     */
    public static GaussianMixtureModel fit(SparkData data, GaussianMixture settings, ProgressListener listener) {
        long begin = System.nanoTime();
        int rows = data.rows();
        int d = data.d();
        SparkFit.StepsFactory<GaussianParams, GaussianStatistics> steps = factory(settings.k(), settings.covariance(),
                settings.regCovar(), settings.tol(), d);
        List<GaussianParams> starts = starts(data, settings, steps, listener);
        List<SparkFit.Result<GaussianParams>> runs = SparkFit.fitAll(data.blocks(), steps, starts, settings.maxIter(),
                listener);
        List<String> notes = new ArrayList<>();
        List<GaussianParams> ends = new ArrayList<>();
        List<Integer> which = new ArrayList<>();
        for (int r = 0; r < runs.size(); r++) {
            if (runs.get(r) == null) {
                notes.add("start " + (r + 1) + " dropped: a component collapsed");
            } else {
                ends.add(runs.get(r).params());
                which.add(r);
            }
        }
        // One more E-step: the ln L and sizes of the final parameters, as the model reports them.
        List<List<GaussianStatistics>> last = SparkFit.statistics(JavaSparkContext.fromSparkContext(
                data.blocks().context()), data.blocks(), steps, ends);
        int best = -1;
        GaussianStatistics bestStats = null;
        for (int e = 0; e < ends.size(); e++) {
            GaussianStatistics s = SparkFit.merge(last.get(e), steps.create().newStatistics());
            if (best < 0 || s.logLikelihood() > bestStats.logLikelihood()) {
                best = e;
                bestStats = s;
            }
        }
        SparkFit.Result<GaussianParams> r = runs.get(which.get(best));
        if (!r.converged()) {
            notes.add("EM did not converge within " + settings.maxIter() + " iterations");
        }
        double shift = data.standardizer() == null ? 0 : data.standardizer().logScale() * bestStats.weight();
        FitTrace trace = new FitTrace(shifted(r.history(), shift), r.converged(), settings.seed(), which.get(best),
                System.nanoTime() - begin);
        GaussianParams p = r.params();
        return GaussianMixtureModel.restore(settings, p.weights(), p.means(), p.covariances(), bestStats.sizes(),
                bestStats.logLikelihood() - shift,
                new Training(data.standardizer(), data.columns(), rows, bestStats.weight(), trace, notes));
    }

    /** The steps of these settings, made where they run. */
    static SparkFit.StepsFactory<GaussianParams, GaussianStatistics> factory(int k, CovarianceType covariance,
            double regCovar, double tol, int d) {
        return () -> GaussianMixture.builder().k(k).covariance(covariance).regCovar(regCovar).tol(tol).build().steps(d);
    }

    private static List<GaussianParams> starts(SparkData data, GaussianMixture settings,
            SparkFit.StepsFactory<GaussianParams, GaussianStatistics> steps, ProgressListener listener) {
        int k = settings.k();
        StartMethod init = settings.init();
        if (init == StartMethod.GIVEN) {
            // The given start is in original units; steps from settings without standardising carry it over.
            return List.of(settings.toBuilder().standardize(false).build().steps(data.d()).start(data.standardizer()));
        }
        List<SparkStarts.Responsibilities> resp = SparkStarts.hardLabels(data, init, k, settings.seed(),
                settings.nInit());
        return SparkStarts.fromResponsibilities(data, steps, resp);
    }

    static double[] shifted(double[] history, double shift) {
        double[] h = history.clone();
        for (int i = 0; i < h.length; i++) {
            h[i] -= shift;
        }
        return h;
    }
}
