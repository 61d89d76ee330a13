package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.em.EmFamily;

/**
 * The Bayesian mixture's variational E- and M-step over blocks of rows held anywhere
 * ({@link dev.mixtures.BlockSteps}): made by {@link BayesianGaussianMixture#steps} with the
 * priors in the units the blocks are given in. The objective is the lower bound after the M-step
 * (docs/MATH.md §4.3), as a fit records it; iterating by hand over the blocks of a dataset gives
 * a fit's posterior and bound bit for bit.
 */
public final class VariationalSteps extends MixtureSteps<VariationalParams> {
    private final VbPrior prior;
    private final double tol;

    VariationalSteps(VbPrior prior, double tol) {
        super(prior.k, prior.d, prior.type);
        this.prior = prior;
        this.tol = tol;
    }

    @Override
    public VariationalParams start(GaussianStatistics aboutMeans, double[][] means) {
        return prior.mStep(aboutMeans, flat(means));
    }

    @Override
    public GaussianStatistics statistics(VariationalParams params, double[] values, double[] weights, int rows) {
        check(params);
        return pass(params.estep, null, params.means, values, weights, rows);
    }

    @Override
    public GaussianStatistics statistics(VariationalParams params, dev.mixtures.data.RowBlock block) {
        check(params);
        return pass(params.estep, params.means, block);
    }

    @Override
    public VariationalParams parameters(VariationalParams params, GaussianStatistics merged) {
        check(params);
        try {
            return prior.mStep(merged, params.means);
        } catch (DegenerateComponentException e) {
            throw new DegenerateComponentException(e.component(), -1, e.what(), VbPrior.ADVICE);
        }
    }

    @Override
    public double objective(VariationalParams params, VariationalParams next, GaussianStatistics merged) {
        return VariationalFamily.shortBound(next, merged.weight, VariationalFamily.entropy(params, merged));
    }

    @Override
    public boolean converged(double previous, double current, GaussianStatistics merged) {
        return EmFamily.settled(previous, current, tol, merged.weight);
    }

    private void check(VariationalParams p) {
        if (p.k != k || p.d != d || p.type != prior.type) {
            throw new BadInputException("a posterior of " + p.k + " " + p.type.label() + " components in " + p.d
                    + " dimensions, but these steps are for " + k + " " + prior.type.label() + " in " + d);
        }
    }
}
