package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.EmFamily;

/**
 * The Gaussian mixture's E- and M-step over blocks of rows held anywhere ({@link dev.mixtures.BlockSteps}):
 * made by {@link GaussianMixture#steps}, in the units the blocks are given in. A block's
 * statistics are those a fit takes of the same rows held as a block of its dataset, so iterating
 * by hand gives a fit's parameters bit for bit. A collapsed component stops with
 * {@link DegenerateComponentException} (re-seeding needs every row at hand); collapse is judged
 * against the regularisation alone, as the data's own spread is not known here.
 */
public final class GaussianSteps extends MixtureSteps<GaussianParams> {
    private final GaussianMixture settings;
    private final GaussianMStep mStep;

    GaussianSteps(GaussianMixture settings, int d) {
        super(settings.k(), d, settings.covariance());
        if (settings.defaultPrior()) {
            throw new BadInputException("prior: the default prior is made from the data a fit sees; block steps"
                    + " see blocks only");
        }
        this.settings = settings;
        this.mStep = new GaussianMStep(k, d, settings.covariance(), settings.regCovar(), null,
                new GaussianFamily.DataScale(new double[d * d], d));
    }

    /** The start given in the settings ({@link GaussianMixtureBuilder#initialParameters}). */
    public GaussianParams start() {
        return start(null);
    }

    /**
     * The start given in the settings (in original units), carried into the units of blocks
     * standardised with {@code st} (null: taken as they are), as a fit on standardised columns
     * carries it.
     */
    public GaussianParams start(Standardizer st) {
        if (settings.init() != StartMethod.GIVEN) {
            throw new IllegalStateException("init: the settings give no start; use initialParameters, or start()"
                    + " from responsibilities");
        }
        if (settings.initialMeans()[0].length != d || (st != null && st.d() != d)) {
            throw new BadInputException("init: the given means have " + settings.initialMeans()[0].length
                    + " coordinates, the blocks " + d);
        }
        return GaussianFit.given(settings, st, d);
    }

    @Override
    public GaussianParams start(GaussianStatistics aboutMeans, double[][] means) {
        return mStep.apply(aboutMeans, flat(means), 0, null);
    }

    @Override
    public GaussianStatistics statistics(GaussianParams params, double[] values, double[] weights, int rows) {
        check(params);
        return pass(params, null, params.means, values, weights, rows);
    }

    @Override
    public GaussianStatistics statistics(GaussianParams params, dev.mixtures.data.RowBlock block) {
        check(params);
        return pass(params, params.means, block);
    }

    @Override
    public GaussianParams parameters(GaussianParams params, GaussianStatistics merged) {
        check(params);
        return mStep.apply(merged, params.means, -1, params);
    }

    @Override
    public double objective(GaussianParams params, GaussianParams next, GaussianStatistics merged) {
        return merged.logLik;
    }

    @Override
    public boolean converged(double previous, double current, GaussianStatistics merged) {
        // As a fit: not on an M-step whose inner iteration was cut (GaussianFamily.converged).
        return !mStep.partial && EmFamily.settled(previous, current, settings.tol(), merged.weight);
    }

    private void check(GaussianParams p) {
        if (p.k != k || p.d != d || p.type != settings.covariance()) {
            throw new BadInputException("parameters of " + p.k + " " + p.type.label() + " components in " + p.d
                    + " dimensions, but these steps are for " + k + " " + settings.covariance().label() + " in " + d);
        }
    }
}
