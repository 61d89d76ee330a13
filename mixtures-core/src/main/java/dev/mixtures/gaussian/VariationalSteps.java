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
    private final VbMoves moves;
    private final double tol;

    VariationalSteps(VbPrior prior, VbMoves moves, double tol) {
        super(prior.k, prior.d, prior.type);
        this.prior = prior;
        this.moves = moves;
        this.tol = tol;
    }

    @Override
    int pairSlots() {
        return moves.pairSlots();
    }

    @Override
    public VariationalParams start(GaussianStatistics aboutMeans, double[][] means) {
        return moves.start(aboutMeans, flat(means));
    }

    @Override
    public GaussianStatistics statistics(VariationalParams params, double[] values, double[] weights, int rows) {
        check(params);
        return pass(params.estep, null, params.means, values, weights, rows, params.moves.candidates());
    }

    @Override
    public GaussianStatistics statistics(VariationalParams params, dev.mixtures.data.RowBlock block) {
        check(params);
        return pass(params.estep, params.means, block, params.moves.candidates());
    }

    @Override
    public VariationalParams parameters(VariationalParams params, GaussianStatistics merged) {
        check(params);
        try {
            return moves.step(params, merged);
        } catch (DegenerateComponentException e) {
            throw new DegenerateComponentException(e.component(), -1, e.what(), VbPrior.ADVICE);
        }
    }

    @Override
    public double objective(VariationalParams params, VariationalParams next, GaussianStatistics merged) {
        return VariationalFamily.bound(params, next, merged);
    }

    @Override
    public boolean mayStop(VariationalParams next) {
        return VbMoves.settled(next);
    }

    @Override
    public boolean converged(double previous, double current, GaussianStatistics merged) {
        return EmFamily.settled(previous, current, tol, merged.weight);
    }

    private void check(VariationalParams p) {
        if (p.k > k || p.prior.k != k || p.d != d || p.type != prior.type) {
            throw new BadInputException("a posterior of " + p.k + " " + p.type.label() + " components in " + p.d
                    + " dimensions, but these steps are for " + k + " " + prior.type.label() + " in " + d);
        }
    }
}
