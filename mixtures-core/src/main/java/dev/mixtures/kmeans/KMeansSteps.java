package dev.mixtures.kmeans;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.BlockSteps;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Kernels;
import java.util.ArrayList;

/**
 * K-means (Lloyd) over blocks of rows held anywhere ({@link BlockSteps}): made by
 * {@link KMeans#steps}, in the units the blocks are given in. A block's statistics are those a
 * Lloyd fit takes of the same rows held as a block of its dataset, so iterating by hand gives its
 * centres and cost bit for bit. Two things need every row at hand and are not done here: an empty
 * cluster keeps its centre (a fit re-seeds it at the farthest row), and the test "no row changed
 * cluster" is not made (the tolerance on J stops the iteration, at most one iteration later).
 */
public final class KMeansSteps implements BlockSteps<Centres, KMeansStatistics> {
    private final KMeans settings;
    private final int k;
    private final int d;
    private final DistanceKernel kernel;

    KMeansSteps(KMeans settings, int d) {
        this.settings = settings;
        this.k = settings.k();
        this.d = d;
        // One kernel for every block: the centres are laid out for its lanes (all kernels give the same bits).
        this.kernel = settings.kernel() != null ? settings.kernel() : Kernels.best();
    }

    /** The centres given in the settings ({@link KMeansBuilder#initialCentres}). */
    public Centres start() {
        double[][] c = settings.initialCentres();
        if (c == null) {
            throw new IllegalStateException("init: the settings give no centres; use initialCentres");
        }
        return start(c);
    }

    /** Centres to start from: k rows of d (drawn by the caller, say with k-means++ on a sample). */
    public Centres start(double[][] centres) {
        KMeansBuilder.checkCentres(centres, k, "");
        double[] flat = new double[k * d];
        for (int j = 0; j < k; j++) {
            if (centres[j].length != d) {
                throw new BadInputException("centre " + (j + 1) + " has " + centres[j].length
                        + " coordinates, not " + d);
            }
            System.arraycopy(centres[j], 0, flat, j * d, d);
        }
        return Centres.initial(flat, k, d, kernel.lanes(), false);
    }

    @Override
    public KMeansStatistics newStatistics() {
        return new KMeansStatistics(k, d);
    }

    @Override
    public KMeansStatistics statistics(Centres c, double[] values, double[] weights, int rows) {
        check(c);
        dev.mixtures.em.Settings.checkBlock(values, weights, rows, d);
        return unchecked(c, values, weights, rows);
    }

    @Override
    public KMeansStatistics statistics(Centres c, dev.mixtures.data.RowBlock block) {
        check(c);
        width(block.d());
        return unchecked(c, block.values(), block.weights(), block.rows());
    }

    private void width(int blockD) {
        if (blockD != d) {
            throw new BadInputException("block: rows of " + blockD + " values, these steps are for " + d);
        }
    }

    private KMeansStatistics unchecked(Centres c, double[] values, double[] weights, int rows) {
        if (rows == 0) {
            return newStatistics();
        }
        double[] x = values.length == rows * d ? values : java.util.Arrays.copyOf(values, rows * d);
        Dataset block = Dataset.wrap(x, rows, d, names(), weights == null ? null
                : java.util.Arrays.copyOf(weights, rows));
        AssignFamily lloyd = new AssignFamily(block, k, false, kernel, settings.tol(), 1, false);
        try (Workers one = new Workers(1)) {
            return EmLoop.eStep(lloyd, c, rows, one, new ArrayList<>(), lloyd.newStatistics());
        }
    }

    /** The M-step of a fit without re-seeding: each centre the weighted mean of its rows; an empty one stays. */
    @Override
    public Centres parameters(Centres c, KMeansStatistics merged) {
        check(c);
        double[] next = new double[k * d];
        for (int j = 0; j < k; j++) {
            if (merged.counts[j] > 0) {
                double inv = 1.0 / merged.counts[j];
                for (int t = 0; t < d; t++) {
                    next[j * d + t] = merged.sums[j * d + t] * inv;
                }
            } else {
                System.arraycopy(c.c, j * d, next, j * d, d);
            }
        }
        return c.next(next, false);
    }

    @Override
    public double objective(Centres c, Centres next, KMeansStatistics merged) {
        return merged.cost;
    }

    @Override
    public boolean converged(double previous, double current, KMeansStatistics merged) {
        return !Double.isNaN(previous) && Math.abs(previous - current) <= settings.tol() * Math.abs(previous);
    }

    private java.util.List<String> names() {
        java.util.List<String> n = new ArrayList<>(d);
        for (int t = 0; t < d; t++) {
            n.add("x" + (t + 1));
        }
        return n;
    }

    private void check(Centres c) {
        if (c.k != k || c.d != d || c.lanes != kernel.lanes()) {
            throw new BadInputException(c.k + " centres of " + c.d + " coordinates, but these steps are for "
                    + k + " of " + d + (c.lanes != kernel.lanes() ? ", laid out by these steps' start" : ""));
        }
    }
}
