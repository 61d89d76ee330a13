package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.EmFamily;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.FitTemplate;
import dev.mixtures.em.Workers;
import dev.mixtures.ProgressListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What the Gaussian mixture gives the shared {@link FitTemplate}, for one fit on data as fitted:
 * its family ({@link GaussianFamily}), its starts, a final E-step that gives the log-likelihood
 * and sizes of the final parameters, and the log-Jacobian of standardising. A start that meets a
 * collapsed component is dropped, not the whole fit.
 */
final class GaussianFit implements FitTemplate.Spec<GaussianParams, GaussianStatistics> {
    private final GaussianMixture settings;
    private final Dataset z;
    /** The rows a start is made from: all of z, or its complete rows when cells are missing. */
    private final Dataset zStart;
    private final Standardizer st;
    private final GaussianFamily.DataScale scale;
    final GaussianKernel kernel;
    /** mclust's default prior of the data as fitted, or null. */
    private final MixturePrior prior;

    GaussianFit(GaussianMixture settings, Dataset z, Standardizer st) {
        this.settings = settings;
        this.z = z;
        this.zStart = z.completeRows();
        this.st = st;
        this.scale = GaussianFamily.DataScale.of(zStart);
        this.kernel = settings.kernel() != null ? settings.kernel() : GaussianKernels.forSize(z.n(), settings.k(), z.d());
        this.prior = settings.defaultPrior() ? MixturePrior.defaults(zStart, settings.k(), settings.covariance()) : null;
    }

    /** The model of a fit's outcome on {@code data} (original units). */
    GaussianMixtureModel model(FitTemplate.Outcome<GaussianParams, GaussianStatistics> r, Dataset data) {
        GaussianStatistics s = r.statistics();
        return new GaussianMixtureModel(settings, r.params(), r.standardizer(), data.columnNames(), data.n(), s.weight,
                r.objective(), s.n.clone(), r.trace(), r.notes(), kernel.name());
    }

    /**
     * Continues EM from {@code m}'s parameters on {@code data} under {@code settings} (m's own, with
     * another tolerance, say), for at most maxIter more iterations; the trace goes on from m's. Used
     * to finish a fit stopped early on purpose (model selection screens at a loose tolerance, then
     * finishes the winner).
     */
    static GaussianMixtureModel refine(GaussianMixture settings, GaussianMixtureModel m, Dataset data) {
        long start = System.nanoTime();
        Standardizer st = m.standardizer();
        Dataset z = st == null ? data : st.transform(data);
        GaussianFit spec = new GaussianFit(settings, z, st);
        double shift = st == null ? 0 : st.logScale(z, m.trainingWeight());
        double[] history = m.trace().history();
        for (int i = 0; i < history.length; i++) {
            history[i] += shift;
        }
        FitTemplate.Run<GaussianParams, GaussianStatistics> from = new FitTemplate.Run<>(m.trace().restart(),
                new FitTemplate.End<>(m.fittedParams(), null, Double.NaN), history, false, List.of(), null);
        FitTemplate.Run<GaussianParams, GaussianStatistics> r = FitTemplate.resume(spec, from, settings.threads(),
                settings.maxIter(), ProgressListener.NONE, () -> false);
        List<String> notes = new ArrayList<>(m.notes());
        notes.addAll(r.events());
        return spec.model(FitTemplate.outcome(spec, st, r, settings.seed(), m.trace().nanos() + System.nanoTime() - start,
                notes), data);
    }

    /** Fails on a constant column (among rows of positive weight): no Gaussian can be fitted to it. */
    static void checkSpread(Dataset data) {
        int d = data.d();
        for (int j = 0; j < d; j++) {
            double first = Double.NaN;
            boolean constant = true;
            for (int r = 0; r < data.n() && constant; r++) {
                double v = data.get(r, j);
                if (data.weight(r) > 0 && !Double.isNaN(v)) {
                    if (Double.isNaN(first)) {
                        first = v;
                    } else if (v != first) {
                        constant = false;
                    }
                }
            }
            if (constant) {
                throw new BadInputException("column " + (j + 1) + " (" + data.columnNames().get(j)
                        + ") is constant (every row is " + first
                        + "): a Gaussian mixture needs spread in every column; leave it out");
            }
        }
    }

    @Override
    public GaussianFamily family(Workers workers) {
        return family(z, workers);
    }

    private GaussianFamily family(Dataset rows, Workers workers) {
        return new GaussianFamily(rows, settings.k(), settings.covariance(), settings.regCovar(), settings.tol(),
                settings.reseedCollapsed(), kernel, workers.threads(), scale, prior);
    }

    @Override
    public FitTemplate.Begin<GaussianParams, GaussianStatistics> begin(SplittableRandom rnd, Workers workers) {
        GaussianFamily family = family(workers);
        // With missing cells, the start is that of the complete rows; EM then takes every row.
        GaussianFamily start = zStart == z ? family : family(zStart, workers);
        return new FitTemplate.Begin<>(family, initialParams(rnd, workers, start));
    }

    @Override
    public FitTemplate.End<GaussianParams, GaussianStatistics> end(EmFamily<GaussianParams, GaussianStatistics> family,
            EmLoop.Result<GaussianParams, GaussianStatistics> r, Workers workers) {
        // One more E-step: the log-likelihood and sizes of the final parameters, as the model will report them.
        GaussianStatistics last = EmLoop.eStep(family, r.params(), z.n(), workers, new ArrayList<>(), family.newStatistics());
        return new FitTemplate.End<>(r.params(), last, last.logLik);
    }

    @Override
    public double unitsShift(GaussianStatistics s) {
        // Missing cells have no units to take back: only the observed ones count.
        return st.logScale(z, s.weight);
    }

    @Override
    public boolean dropsStart(RuntimeException failure) {
        return failure instanceof DegenerateComponentException;
    }

    private GaussianParams initialParams(SplittableRandom rnd, Workers workers, GaussianFamily family) {
        int k = settings.k();
        int d = z.d();
        if (settings.init() == StartMethod.GIVEN) {
            return given(settings, st, d);
        }
        GaussianPass.Source source = Starts.source(settings.init(), k, zStart, rnd, workers, settings.sharedStarts(),
                settings.seed());
        // Two passes: the means first, then the scatter about them.
        GaussianStatistics s1 = family.statistics(source, new double[k * d], workers);
        double[] means = s1.meansAboutZero();
        GaussianStatistics s2 = family.statistics(source, means, workers);
        GaussianParams first = family.mStep(s2, means, 0);
        if (settings.init() == StartMethod.HC && prior == null && MclustPath.differs(settings.covariance())) {
            return MclustPath.run(zStart, k, settings.covariance(), settings.regCovar(), settings.maxIter(), kernel, scale, first,
                    workers);
        }
        return first;
    }

    /** The given start of {@code settings} in the fitted units ({@code st}: the fit's standardiser, or null). */
    static GaussianParams given(GaussianMixture settings, Standardizer st, int d) {
        int k = settings.k();
        CovarianceType covariance = settings.covariance();
        double[] w = settings.initialWeights();
        double[][] initialMeans = settings.initialMeans();
        double[][][] initialCovariances = settings.initialCovariances();
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        double[] means = new double[k * d];
        double[] full = new double[k * d * d];
        for (int c = 0; c < k; c++) {
            double[] m = initialMeans[c];
            double[] cv = Matrices.flatten(initialCovariances[c], "covariance");
            if (st != null) {
                st.forward(m);
                double[] sd = st.sd();
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        cv[i * d + j] /= sd[i] * sd[j];
                    }
                }
            }
            w[c] /= sum;
            System.arraycopy(m, 0, means, c * d, d);
            System.arraycopy(cv, 0, full, c * d * d, d * d);
        }
        return GaussianParams.of(k, d, covariance, w, means, covariance.structure().compact(full, k, d));
    }
}
