package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.BlockSteps;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Settings;

/**
 * What the Gaussian and the Bayesian mixture's steps by blocks share: the Gaussian pass over one
 * block, in the chunks a fit would take of it, and a start from given responsibilities (two
 * passes: the means, then the scatter about them, as a fit starts). Public so that a driver over
 * blocks held elsewhere (mixtures-spark) starts either mixture with one piece of code.
 *
 * @param <P> the parameters
 */
public abstract sealed class MixtureSteps<P> implements BlockSteps<P, GaussianStatistics> permits GaussianSteps,
        VariationalSteps {
    final int k;
    final int d;
    final boolean off;

    MixtureSteps(int k, int d, CovarianceType type) {
        this.k = k;
        this.d = d;
        this.off = type.hasOffDiagonal();
    }

    /** The number of components. */
    public final int k() {
        return k;
    }

    @Override
    public final GaussianStatistics newStatistics() {
        return new GaussianStatistics(k, d, off, 0, pairSlots());
    }

    /** Slots for the merge terms of a Bayesian mixture's moves; none by default. */
    int pairSlots() {
        return 0;
    }

    /** The pass over a block: fresh statistics, the block's chunks merged in order. */
    final GaussianStatistics pass(GaussianParams p, GaussianPass.Source source, double[] shift, double[] values,
            double[] weights, int rows) {
        return pass(p, source, shift, values, weights, rows, null);
    }

    /** The same, gathering the merge terms of {@code pairs} (null: none). */
    final GaussianStatistics pass(GaussianParams p, GaussianPass.Source source, double[] shift, double[] values,
            double[] weights, int rows, int[] pairs) {
        Settings.checkBlock(values, weights, rows, d);
        return uncheckedPass(p, source, shift, values, weights, rows, pairs);
    }

    /** The pass over a block checked when it was made. */
    final GaussianStatistics pass(GaussianParams p, double[] shift, dev.mixtures.data.RowBlock block) {
        return pass(p, shift, block, null);
    }

    /** The same, gathering the merge terms of {@code pairs} (null: none). */
    final GaussianStatistics pass(GaussianParams p, double[] shift, dev.mixtures.data.RowBlock block, int[] pairs) {
        if (block.d() != d) {
            throw new BadInputException("block: rows of " + block.d() + " values, these steps are for " + d);
        }
        return uncheckedPass(p, null, shift, block.values(), block.weights(), block.rows(), pairs);
    }

    private GaussianStatistics uncheckedPass(GaussianParams p, GaussianPass.Source source, double[] shift,
            double[] values, double[] weights, int rows, int[] pairs) {
        GaussianKernel kern = GaussianKernels.forSize(rows, k, d);
        // A Bayesian mixture's moves may have left fewer components than K: the pass is of those.
        GaussianPass.Pass how = new GaussianPass.Pass(kern, p == null ? k : p.k, off, p, source, shift, null, pairs);
        GaussianPass.Rows block = new GaussianPass.Rows(null, values, weights, d);
        GaussianPass.Scratch sc = new GaussianPass.Scratch(k, d, off);
        int[] b = EmLoop.uniformChunks(rows);
        GaussianStatistics total = newStatistics();
        long t0 = System.nanoTime();
        if (b.length == 2) {
            GaussianPass.run(how, block, 0, rows, total, GaussianPass.Outputs.NONE, sc);
        } else {
            GaussianStatistics part = newStatistics();
            for (int c = 0; c + 1 < b.length; c++) {
                part.reset();
                GaussianPass.run(how, block, b[c], b[c + 1], part, GaussianPass.Outputs.NONE, sc);
                total.merge(part);
            }
        }
        AdaptiveGaussianKernel.afterPass(kern, System.nanoTime() - t0);
        return total;
    }

    /**
     * The statistics of a block under given responsibilities ({@code resp}: rows × k, row-major,
     * each row summing to 1), taken about {@code shift} (k rows of d; zeros for the first pass).
     */
    public final GaussianStatistics startStatistics(double[][] shift, double[] values, double[] weights, double[] resp,
            int rows) {
        if (resp.length < (long) rows * k) {
            throw new BadInputException("block: " + rows + " rows of " + k + " responsibilities need "
                    + (long) rows * k + " numbers; got " + resp.length);
        }
        GaussianPass.Source source = (row, r, stride, at) -> {
            for (int c = 0; c < k; c++) {
                r[at + c * stride] = resp[row * k + c];
            }
        };
        return pass(null, source, flat(shift), values, weights, rows);
    }

    /** The means s_k/(N_k + ε) of merged start statistics taken about zero: the shift of the second pass. */
    public final double[][] startMeans(GaussianStatistics aboutZero) {
        double[] m = aboutZero.meansAboutZero();
        double[][] out = new double[k][];
        for (int c = 0; c < k; c++) {
            out[c] = java.util.Arrays.copyOfRange(m, c * d, (c + 1) * d);
        }
        return out;
    }

    /** The first parameters from merged start statistics taken about {@code means} (the second pass). */
    public abstract P start(GaussianStatistics aboutMeans, double[][] means);

    final double[] flat(double[][] rows) {
        if (rows.length != k) {
            throw new BadInputException(rows.length + " rows of means for k = " + k);
        }
        double[] f = new double[k * d];
        for (int c = 0; c < k; c++) {
            if (rows[c].length != d) {
                throw new BadInputException("mean " + (c + 1) + " has " + rows[c].length + " coordinates, not " + d);
            }
            System.arraycopy(rows[c], 0, f, c * d, d);
        }
        return f;
    }
}
