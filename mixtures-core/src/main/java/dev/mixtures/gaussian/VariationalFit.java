package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.FitTemplate;
import dev.mixtures.em.Workers;
import java.util.SplittableRandom;

/**
 * What the Bayesian mixture gives the shared {@link FitTemplate}: its family
 * ({@link VariationalFamily}), a start from responsibilities (given, a model's, or made by a
 * start method), and the log-Jacobian of standardising. The run's objective is the bound after
 * its last M-step; no extra pass is needed.
 */
final class VariationalFit implements FitTemplate.Spec<VariationalParams, GaussianStatistics> {
    private final BayesianGaussianMixture settings;
    private final Dataset z;
    /** The rows a start is made from: all of z, or its complete rows when cells are missing. */
    private final Dataset zStart;
    private final Standardizer st;
    private final VbPrior prior;
    private final GaussianPass.Source given;
    private final GaussianKernel kern;
    /** The moves of every family of this fit: decided by all rows, as the iterations take them all. */
    private final VbMoves moves;

    VariationalFit(BayesianGaussianMixture settings, Dataset z, Standardizer st, GaussianPass.Source given) {
        this.settings = settings;
        this.z = z;
        this.zStart = z.completeRows();
        this.st = st;
        // With missing cells, the data's mean and covariance (the default prior) are the complete rows'.
        this.prior = settings.prior(zStart, st);
        this.given = given;
        this.moves = settings.moves(prior, z.hasMissing());
        this.kern = settings.kernel() != null ? settings.kernel() : GaussianKernels.forSize(z.n(), settings.k(), z.d());
    }

    @Override
    public VariationalFamily family(Workers workers) {
        return family(z, workers);
    }

    private VariationalFamily family(Dataset rows, Workers workers) {
        return new VariationalFamily(rows, prior, moves, settings.tol(), kern, workers.threads());
    }

    @Override
    public FitTemplate.Begin<VariationalParams, GaussianStatistics> begin(SplittableRandom rnd, Workers workers) {
        VariationalFamily family = family(workers);
        if (zStart != z && (given != null || settings.init() == StartMethod.GIVEN)) {
            z.requireComplete("a start from given responsibilities or a warm start");
        }
        // With missing cells the start is that of the complete rows; the iterations take every row.
        VariationalFamily start = zStart == z ? family : family(zStart, workers);
        GaussianPass.Source source;
        if (given != null) {
            source = given;
        } else if (settings.init() == StartMethod.GIVEN) {
            double[][] r0 = settings.givenResponsibilities();
            int k = settings.k();
            source = (row, r, stride, at) -> {
                for (int c = 0; c < k; c++) {
                    r[at + c * stride] = r0[row][c];
                }
            };
        } else {
            source = Starts.source(settings.init(), settings.k(), zStart, rnd, workers, null, settings.seed(),
                    moves.startTolerance());
        }
        int components = given != null && settings.warmStart() != null ? settings.warmStart().k() : settings.k();
        return new FitTemplate.Begin<>(family, start.start(source, components, workers));
    }

    @Override
    public double unitsShift(GaussianStatistics s) {
        // Missing cells have no units to take back: only the observed ones count.
        return st.logScale(z, s.weight);
    }
}
