package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import dev.mixtures.FitTrace;
import dev.mixtures.ProgressListener;
import dev.mixtures.Training;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianStatistics;
import dev.mixtures.gaussian.StartMethod;
import dev.mixtures.gaussian.VariationalParams;
import dev.mixtures.gaussian.WeightPrior;
import dev.mixtures.io.ModelFiles;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The Bayesian mixture (variational, both weight priors) on Spark: the priors taken from the
 * data's moments (two Spark jobs) unless given, a start from K-means, from k-means++ seeds' hard
 * labels, or from a given model's responsibilities (a warm start), then the variational EM, one
 * Spark job per iteration for all restarts; the run of highest bound is kept.
 */
public final class SparkBayesianMixture {
    private SparkBayesianMixture() {
    }

    /**
     * The settings the steps need, serialisable: rebuilt where the steps run.
     */
    private record Recipe(int k, CovarianceType covariance, WeightPrior weightPrior, double concentration, double beta0,
            double nu0, double[] meanPrior, double[][] covariancePrior, double regCovar, double tol, boolean standardize)
            implements Serializable {
        static Recipe of(BayesianGaussianMixture s) {
            return new Recipe(s.k(), s.covariance(), s.weightPrior(), s.concentration(), s.beta0(), s.nu0(), s.meanPrior(),
                    s.covariancePrior(), s.regCovar(), s.tol(), s.standardize());
        }

        BayesianGaussianMixture settings() {
            var b = BayesianGaussianMixture.builder().k(k).covariance(covariance).weightPrior(weightPrior)
                    .beta0(beta0).regCovar(regCovar).tol(tol).standardize(standardize);
            if (!Double.isNaN(concentration)) {
                b.concentration(concentration);
            }
            if (!Double.isNaN(nu0)) {
                b.nu0(nu0);
            }
            if (meanPrior != null) {
                b.meanPrior(meanPrior);
            }
            if (covariancePrior != null) {
                b.covariancePrior(covariancePrior);
            }
            return b.build();
        }
    }

    /**
     * Fits {@code settings} to {@code data}; with init given, {@code warm} is the model whose
     * responsibilities start the fit (else null).
     *
     * @throws IllegalArgumentException when the start method needs every row on one machine, or
     *         the priors do not fit the data
     */
    public static BayesianGaussianMixtureModel fit(SparkData data, BayesianGaussianMixture settings,
            BayesianGaussianMixtureModel warm, ProgressListener listener) {
        long begin = System.nanoTime();
        int rows = data.rows();
        int d = data.d();
        int k = settings.k();
        SparkData.Moments moments = data.moments();
        double[] mean = moments.mean();
        double[][] cov = moments.covariance();
        Recipe recipe = Recipe.of(settings);
        Standardizer st = data.standardizer();
        double[] stMean = st == null ? null : st.mean();
        double[] stSd = st == null ? null : st.sd();
        SparkFit.StepsFactory<VariationalParams, GaussianStatistics> steps = () -> recipe.settings().steps(
                mean, cov, stMean == null ? null : new Standardizer(stMean, stSd));
        steps.create(); // checks the priors against the data before any pass
        List<SparkStarts.Responsibilities> resp = new ArrayList<>();
        StartMethod init = settings.init();
        if (init == StartMethod.GIVEN) {
            if (warm == null) {
                throw new BadInputException("init: given needs a model to start from (initialModel)");
            }
            if (warm.d() != d || warm.k() != k) {
                throw new BadInputException("init: the model to start from has " + warm.k() + " components in "
                        + warm.d() + " dimensions; this fit " + k + " in " + d);
            }
            String json = ModelFiles.toJson(warm);
            resp.add(b -> {
                BayesianGaussianMixtureModel m = (BayesianGaussianMixtureModel) ModelFiles.fromJson(json, "initialModel");
                double[] x = b.values().clone();
                if (stMean != null) {
                    // The start model reads original units; the blocks hold standardised ones.
                    for (int i = 0; i < b.rows(); i++) {
                        for (int j = 0; j < d; j++) {
                            x[i * d + j] = x[i * d + j] * stSd[j] + stMean[j];
                        }
                    }
                }
                double[][] r = m.predictProba(Dataset.of(x, b.rows(), d));
                double[] flat = new double[b.rows() * k];
                for (int i = 0; i < b.rows(); i++) {
                    System.arraycopy(r[i], 0, flat, i * k, k);
                }
                return flat;
            });
        } else {
            resp = SparkStarts.hardLabels(data, init, k, settings.seed(), settings.nInit());
        }
        List<VariationalParams> starts = SparkStarts.fromResponsibilities(data, steps, resp);
        List<SparkFit.Result<VariationalParams>> runs = SparkFit.fitAll(data.blocks(), steps, starts,
                settings.maxIter(), listener);
        List<String> notes = new ArrayList<>();
        int best = -1;
        for (int r = 0; r < runs.size(); r++) {
            SparkFit.Result<VariationalParams> run = runs.get(r);
            if (run == null) {
                notes.add("start " + (r + 1) + " dropped: a component collapsed");
            } else if (best < 0 || last(run) > last(runs.get(best))) {
                best = r;
            }
        }
        SparkFit.Result<VariationalParams> r = runs.get(best);
        if (!r.converged()) {
            notes.add("the bound did not settle within " + settings.maxIter() + " iterations");
        }
        double shift = st == null ? 0 : st.logScale() * data.weight();
        FitTrace trace = new FitTrace(SparkGaussianMixture.shifted(r.history(), shift), r.converged(), settings.seed(),
                best, System.nanoTime() - begin);
        return BayesianGaussianMixtureModel.of(settings, r.params(),
                new Training(st, data.columns(), rows, data.weight(), trace, notes), last(r) - shift);
    }

    private static double last(SparkFit.Result<?> r) {
        return r.history()[r.history().length - 1];
    }
}
