package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Moments;
import dev.mixtures.em.EmFamily;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import dev.mixtures.linalg.Cholesky;
import java.util.List;

/**
 * The Gaussian mixture as a family on the shared EM loop: the E-step is a {@link GaussianPass}
 * with responsibilities in log space, the M-step is closed form (PRML 9.24–9.27, MATH.md §2.2)
 * from statistics taken about the previous means. The objective is the log-likelihood of the
 * parameters the E-step used; the loop stops when its mean per unit of weight changes by less
 * than {@code tol}. Collapsed components are detected here, in the M-step.
 */
final class GaussianFamily implements EmFamily<GaussianParams, GaussianStatistics> {
    /** Added to every N_k, as scikit-learn does, so that an empty component divides by a tiny number, not 0. */
    static final double N_EPS = 10 * Math.ulp(1.0);

    private final Dataset data;
    private final GaussianPass.Rows rows;
    private final int k;
    private final int d;
    private final CovarianceType type;
    private final double tol;
    private final boolean reseed;
    private final GaussianKernel kern;
    private final GaussianPass.Scratch[] scratch;
    private final GaussianMStep mStep;
    /** Whether tol is mclust's relative tolerance on ln L rather than one on ln L per unit of weight. */
    private final boolean relative;

    GaussianFamily(Dataset data, int k, CovarianceType type, double reg, double tol, boolean reseed,
            GaussianKernel kern, int threads, DataScale scale) {
        this(data, k, type, reg, tol, reseed, kern, threads, scale, null);
    }

    /** As above, fitting the posterior mode under {@code prior} when it is not null. */
    GaussianFamily(Dataset data, int k, CovarianceType type, double reg, double tol, boolean reseed,
            GaussianKernel kern, int threads, DataScale scale, MixturePrior prior) {
        this(data, k, type, new GaussianMStep(k, data.d(), type, reg, reseed ? data : null, scale, prior), tol, false,
                reseed, kern, threads);
    }

    /**
     * mclust's EM ({@link MclustPath}): the type's covariances by mclust's own M-step, stopping by
     * mclust's rule, |ΔL| / (1 + |L|) ≤ {@code relTol}; no re-seeding, no prior.
     */
    static GaussianFamily mclust(Dataset data, int k, CovarianceType type, double reg, double relTol, GaussianKernel kern,
            int threads, DataScale scale) {
        return new GaussianFamily(data, k, type,
                new GaussianMStep(k, data.d(), type, type.structure().mclustSteps(), reg, null, scale, null), relTol, true,
                false, kern, threads);
    }

    private GaussianFamily(Dataset data, int k, CovarianceType type, GaussianMStep mStep, double tol, boolean relative,
            boolean reseed, GaussianKernel kern, int threads) {
        this.relative = relative;
        this.data = data;
        this.rows = GaussianPass.Rows.of(data);
        this.k = k;
        this.d = data.d();
        this.type = type;
        this.tol = tol;
        this.reseed = reseed;
        this.kern = kern;
        this.mStep = mStep;
        this.scratch = new GaussianPass.Scratch[threads];
        for (int t = 0; t < threads; t++) {
            scratch[t] = new GaussianPass.Scratch(k, d, type.hasOffDiagonal());
        }
    }

    @Override
    public GaussianStatistics newStatistics() {
        // The worst rows are tracked only when a collapsed component may be re-seeded at them.
        return new GaussianStatistics(k, d, type.hasOffDiagonal(), reseed ? k : 0);
    }

    @Override
    public List<String> events() {
        return mStep.events;
    }

    @Override
    public int[][] chunks(int rows) {
        return data.chunks(EmLoop.CHUNK_ROWS);
    }

    @Override
    public int rows(int iteration) {
        return data.n();
    }

    @Override
    public void prepare(int iteration, GaussianParams params) {
        AdaptiveGaussianKernel.beforeIteration(kern);
    }

    @Override
    public void eStep(GaussianParams p, int from, int to, GaussianStatistics stats, int worker) {
        GaussianPass.run(GaussianPass.Pass.of(kern, p), rows, from, to, stats, GaussianPass.Outputs.NONE, scratch[worker]);
    }

    /**
     * Statistics about {@code shift} from given responsibilities (a start), on the E-step's own
     * pass and scratch space.
     */
    GaussianStatistics statistics(GaussianPass.Source source, double[] shift, Workers workers) {
        return GaussianPass.fromSource(kern, type.hasOffDiagonal(), source, shift, data, workers, scratch, this::newStatistics);
    }

    @Override
    public GaussianParams mStep(GaussianParams p, GaussianStatistics total, int iteration) {
        return mStep.apply(total, p.means, iteration, p);
    }

    /** The first M-step, from statistics of a start taken about {@code shift}, with collapse handling. */
    GaussianParams mStep(GaussianStatistics st, double[] shift, int iteration) {
        return mStep.apply(st, shift, iteration, null);
    }

    @Override
    public double objective(GaussianParams before, GaussianParams after, GaussianStatistics total) {
        return total.logLik;
    }

    @Override
    public boolean converged(double previous, double current, GaussianStatistics total, int iteration) {
        if (mStep.partial) {
            return false; // a cut M-step has more to give: ln L may barely move while D still does
        }
        if (relative) {
            return !Double.isNaN(previous) && !(Math.abs(current - previous) / (1 + Math.abs(current)) > tol);
        }
        return EmFamily.settled(previous, current, tol, total.weight);
    }

    /**
     * The data's own spread, against which a component's is judged, and its covariance, which a
     * re-seeded component starts from.
     */
    static final class DataScale {
        /** A component's spread below this fraction of the data's in some direction counts as collapsed. */
        static final double RELATIVE = 1e-10;
        final int d;
        final double[] cov;
        final double[] pivots;

        DataScale(double[] cov, int d) {
            this.d = d;
            this.cov = cov;
            this.pivots = Cholesky.conditionalVariances(cov, d);
        }

        /** The data covariance (population) of {@code data}. */
        static DataScale of(Dataset data) {
            return new DataScale(Moments.covariance(data, Moments.mean(data), 0), data.d());
        }
    }
}
