package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * The Gaussian mixture's M-step (PRML 9.24–9.27, docs/MATH.md §2.2, §2.7) from statistics
 * taken about a shift, with the structure's covariances, regularisation, and the detection of
 * components that collapse or lose their weight: they stop the fit, or are re-seeded at the rows
 * the model explains worst when there are data to re-seed from. One instance serves one run
 * (it collects what it re-seeded).
 */
final class GaussianMStep {
    private final int k;
    private final int d;
    private final CovarianceType type;
    private final Structure structure;
    private final double reg;
    /** The data (fitted units) to re-seed collapsed components from, or null to stop at a collapse. */
    private final Dataset reseedFrom;
    private final GaussianFamily.DataScale scale;
    /** mclust's conjugate prior (MAP M-steps), or null for maximum likelihood. */
    private final MixturePrior prior;
    final List<String> events = new ArrayList<>();
    /** Whether the last M-step's iterative estimate was cut before it settled (the fit must go on). */
    boolean partial;

    GaussianMStep(int k, int d, CovarianceType type, double reg, Dataset reseedFrom, GaussianFamily.DataScale scale) {
        this(k, d, type, reg, reseedFrom, scale, null);
    }

    GaussianMStep(int k, int d, CovarianceType type, double reg, Dataset reseedFrom, GaussianFamily.DataScale scale,
            MixturePrior prior) {
        this(k, d, type, type.structure(), reg, reseedFrom, scale, prior);
    }

    /** As above with the covariances estimated by {@code structure}, a variant of the type's own (MclustPath). */
    GaussianMStep(int k, int d, CovarianceType type, Structure structure, double reg, Dataset reseedFrom,
            GaussianFamily.DataScale scale, MixturePrior prior) {
        this.prior = prior;
        this.k = k;
        this.d = d;
        this.type = type;
        this.structure = structure;
        this.reg = reg;
        this.reseedFrom = reseedFrom;
        this.scale = scale;
    }

    /**
     * The structure's MAP covariances: its scatter matrices about the new means x̄_k (full, or
     * their diagonals), each plus the prior's pull κN_k/(N_k + κ)(x̄_k − μ_P)(x̄_k − μ_P)ᵀ.
     */
    private Structure.Estimate mapStep(GaussianStatistics st, double[] nk, double[] delta, double[] xbar, double nSum,
            double[] state) {
        double kappa = prior.shrinkage();
        double[] mu = prior.meanRef();
        boolean full = structure.offDiagonal();
        double[][] w = full ? OrientedStructure.scatter(st, nk, delta, k, d) : new double[k][d * d];
        for (int c = 0; c < k; c++) {
            double f = kappa * nk[c] / (nk[c] + kappa);
            for (int i = 0; i < d; i++) {
                double ei = xbar[c * d + i] - mu[i];
                if (full) {
                    for (int j = 0; j <= i; j++) {
                        double v = w[c][i * d + j] + f * ei * (xbar[c * d + j] - mu[j]);
                        w[c][i * d + j] = v;
                        w[c][j * d + i] = v;
                    }
                } else {
                    w[c][i * d + i] = ScaleStructure.scatter(st, nk, delta, c, i, d) + f * ei * ei;
                }
            }
        }
        return structure.mapStep(w, nk, nSum, d, state, prior);
    }

    /**
     * The M-step from statistics taken about {@code shift}, with collapse handling; {@code previous}:
     * the parameters the statistics were taken with (an iterative structure's M-step starts from
     * them), or null for a first M-step.
     */
    GaussianParams apply(GaussianStatistics st, double[] shift, int iteration, GaussianParams previous) {
        // Its loops are methods of their own: the JIT compiles a method that runs once per
        // iteration by its calls, and a loop inside it would have it compiled again, whole, on
        // the stack (once per loop), which in a short run costs more than the run.
        double[] nk = new double[k];
        double[] means = new double[k * d];
        double[] delta = new double[k * d];
        double nSum = means(st, shift, nk, means, delta);
        double[] state = previous == null ? null
                : previous.state != null ? previous.state : structure.stateOf(previous.cov, k, d);
        Structure.Estimate estimate = prior == null ? structure.mStep(st, nk, delta, nSum, k, d, state)
                : mapStep(st, nk, delta, means, nSum, state);
        double[] raw = estimate.cov();
        partial = estimate.partial();
        String[] why = failures(st, raw, iteration);
        double[] weights = why == null ? weights(nk) : reseed(st, why, means, raw, nk, nSum, iteration);
        structure.regularise(raw, d, reg);
        if (prior != null && structure.priorShrinksMeans()) {
            shrinkMeans(means, nk);
        }
        try {
            return GaussianParams.of(k, d, type, weights, means, raw, estimate.state());
        } catch (GaussianParams.NotPositiveDefinite e) {
            throw new DegenerateComponentException(e.component, iteration,
                    "has a covariance that is not positive definite (pivot " + (e.pivot + 1) + ")");
        }
    }

    /** N_k (plus a tiny floor), the means and their shifts from the statistics; returns Σ N_k. */
    private double means(GaussianStatistics st, double[] shift, double[] nk, double[] means, double[] delta) {
        double nSum = 0;
        for (int c = 0; c < k; c++) {
            nk[c] = st.n[c] + GaussianFamily.N_EPS;
            nSum += nk[c];
            for (int i = 0; i < d; i++) {
                delta[c * d + i] = st.s[c * d + i] / nk[c];
                means[c * d + i] = shift[c * d + i] + delta[c * d + i];
            }
        }
        return nSum;
    }

    /**
     * Why each component cannot stand (lost its weight, or its covariance collapsed), null where it
     * can; null when all can.
     *
     * @throws DegenerateComponentException when a shared covariance collapsed
     */
    private String[] failures(GaussianStatistics st, double[] raw, int iteration) {
        String[] why = null;
        for (int c = 0; c < k; c++) {
            if (!(st.n[c] > 1e-12 * st.weight)) {
                why = why == null ? new String[k] : why;
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
                if (why == null || why[c] == null) {
                    String w = structure.collapsed(raw, c, d, reg, scale);
                    if (w != null) {
                        why = why == null ? new String[k] : why;
                        why[c] = w;
                    }
                }
            }
        }
        return why;
    }

    /**
     * Re-seeds the components that cannot stand at the rows the current model explains worst
     * (each the next one), or stops the fit when there are no data to re-seed from; the weights.
     */
    private double[] reseed(GaussianStatistics st, String[] why, double[] means, double[] raw, double[] nk, double nSum,
            int iteration) {
        int used = 0;
        for (int c = 0; c < k; c++) {
            if (why[c] != null) {
                if (reseedFrom == null || st.worstCount == 0) {
                    throw new DegenerateComponentException(c, iteration, why[c]);
                }
                int row = st.worstRow[Math.min(used++, st.worstCount - 1)];
                for (int i = 0; i < d; i++) {
                    means[c * d + i] = reseedFrom.get(row, i);
                }
                structure.setDataCovariance(raw, c, d, scale.cov);
                nk[c] = nSum / k;
                events.add("iteration " + iteration + ": component " + (c + 1) + " " + why[c] + "; re-seeded at row "
                        + (row + 1));
            }
        }
        return weights(nk);
    }

    private double[] weights(double[] nk) {
        double wSum = 0;
        for (int c = 0; c < k; c++) {
            wSum += nk[c];
        }
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = nk[c] / wSum;
        }
        return weights;
    }

    /** The posterior mode's means shrink towards the prior mean: (N_k x̄_k + κ μ_P)/(N_k + κ). */
    private void shrinkMeans(double[] means, double[] nk) {
        double kappa = prior.shrinkage();
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                means[c * d + i] = means[c * d + i] * (nk[c] / (nk[c] + kappa)) + prior.meanRef()[i] * (kappa / (nk[c] + kappa));
            }
        }
    }
}
