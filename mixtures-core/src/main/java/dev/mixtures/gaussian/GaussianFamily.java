package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Moments;
import dev.mixtures.em.EmFamily;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import dev.mixtures.linalg.Cholesky;
import java.util.ArrayList;
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
    private final Structure structure;
    private final double reg;
    private final double tol;
    private final boolean reseed;
    private final GaussianKernel kern;
    private final GaussianPass.Scratch[] scratch;
    private final DataScale scale;
    private final List<String> events = new ArrayList<>();

    GaussianFamily(Dataset data, int k, CovarianceType type, double reg, double tol, boolean reseed,
            GaussianKernel kern, int threads, DataScale scale) {
        this.data = data;
        this.rows = GaussianPass.Rows.of(data);
        this.k = k;
        this.d = data.d();
        this.type = type;
        this.structure = type.structure();
        this.reg = reg;
        this.tol = tol;
        this.reseed = reseed;
        this.kern = kern;
        this.scale = scale;
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
        return events;
    }

    @Override
    public int[] chunks(int rows) {
        return data.chunks(EmLoop.CHUNK_ROWS);
    }

    @Override
    public int rows(int iteration) {
        return data.n();
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
        return mStep(total, p.means, iteration);
    }

    /** The closed-form M-step from statistics taken about {@code shift}, with collapse handling. */
    GaussianParams mStep(GaussianStatistics st, double[] shift, int iteration) {
        double[] nk = new double[k];
        double[] means = new double[k * d];
        double[] delta = new double[k * d];
        double nSum = 0;
        for (int c = 0; c < k; c++) {
            nk[c] = st.n[c] + N_EPS;
            nSum += nk[c];
            for (int i = 0; i < d; i++) {
                delta[c * d + i] = st.s[c * d + i] / nk[c];
                means[c * d + i] = shift[c * d + i] + delta[c * d + i];
            }
        }
        double[] raw = structure.mStep(st, nk, delta, nSum, k, d);
        boolean[] bad = new boolean[k];
        String[] why = new String[k];
        for (int c = 0; c < k; c++) {
            if (!(st.n[c] > 1e-12 * st.weight)) {
                bad[c] = true;
                why[c] = "lost all its weight (N_k = " + st.n[c] + ")";
            }
        }
        if (structure.shared()) {
            String w = structure.collapsed(raw, 0, d, reg, scale);
            if (w != null) {
                throw new DegenerateComponentException(0, iteration, "(the shared covariance) " + w);
            }
        } else {
            for (int c = 0; c < k; c++) {
                if (!bad[c]) {
                    String w = structure.collapsed(raw, c, d, reg, scale);
                    if (w != null) {
                        bad[c] = true;
                        why[c] = w;
                    }
                }
            }
        }
        double[] weights = new double[k];
        int used = 0;
        for (int c = 0; c < k; c++) {
            if (bad[c]) {
                if (!reseed || st.worstCount == 0) {
                    throw new DegenerateComponentException(c, iteration, why[c]);
                }
                // Re-seed at the row the current model explains worst (each re-seed takes the next one).
                int row = st.worstRow[Math.min(used++, st.worstCount - 1)];
                for (int i = 0; i < d; i++) {
                    means[c * d + i] = data.get(row, i);
                }
                structure.setDataCovariance(raw, c, d, scale.cov);
                nk[c] = nSum / k;
                events.add("iteration " + iteration + ": component " + (c + 1) + " " + why[c] + "; re-seeded at row "
                        + (row + 1));
            }
        }
        double wSum = 0;
        for (int c = 0; c < k; c++) {
            wSum += nk[c];
        }
        for (int c = 0; c < k; c++) {
            weights[c] = nk[c] / wSum;
        }
        structure.regularise(raw, d, reg);
        try {
            return GaussianParams.of(k, d, type, weights, means, raw);
        } catch (GaussianParams.NotPositiveDefinite e) {
            throw new DegenerateComponentException(e.component, iteration,
                    "has a covariance that is not positive definite (pivot " + (e.pivot + 1) + ")");
        }
    }

    @Override
    public double objective(GaussianParams before, GaussianParams after, GaussianStatistics total) {
        return total.logLik;
    }

    @Override
    public boolean converged(double previous, double current, GaussianStatistics total, int iteration) {
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
