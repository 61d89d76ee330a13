package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.RowBlock;
import dev.mixtures.data.Standardizer;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;

/**
 * Rows ready for a fit on Spark: one dense block per partition, cached (standardised when the fit
 * asks for it), with what a model records of them: the column names, the number of rows, their
 * total weight and the standardiser. Sums over rows are taken block by block and merged in
 * partition order, so they do not depend on task timing.
 *
 * @param blocks       the blocks the fit reads (in fitted units)
 * @param d            the number of columns
 * @param columns      their names
 * @param n            the number of rows
 * @param weight       their total weight (n when unweighted)
 * @param standardizer the standardisation applied to the blocks, or null
 */
public record SparkData(JavaRDD<RowBlock> blocks, int d, List<String> columns, long n, double weight,
        Standardizer standardizer) {

    /** Copies the names. */
    public SparkData {
        columns = List.copyOf(columns);
    }

    /**
     * The blocks of {@code rows}, counted, and standardised with the rows' own (weighted) means and
     * population standard deviations when {@code standardize}.
     *
     * @throws IllegalArgumentException when the names do not match the rows, or a column to be
     *         standardised is constant (naming it)
     */
    public static SparkData of(SparkRows.Rows rows, List<String> columns, boolean standardize) {
        if (columns.size() != rows.d()) {
            throw new BadInputException(columns.size() + " column names for rows of " + rows.d() + " values");
        }
        int d = rows.d();
        JavaRDD<RowBlock> raw = SparkFit.blocks(rows.rows(), d, rows.weighted());
        long n = 0;
        double weight = 0;
        double[] sums = new double[d];
        for (double[] s : SparkFit.inOrder(raw, (index, b) -> weightedSums(b, null))) {
            n += (long) s[0];
            weight += s[1];
            for (int j = 0; j < d; j++) {
                sums[j] += s[2 + j];
            }
        }
        if (!standardize) {
            return new SparkData(raw, d, columns, n, weight, null);
        }
        double total = weight;
        double[] mean = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] = sums[j] / total;
        }
        // Second pass on centred values, as Standardizer.fit: E[x²] − mean² cancels on offset data.
        double[] var = new double[d];
        for (double[] s : SparkFit.inOrder(raw, (index, b) -> weightedSums(b, mean))) {
            for (int j = 0; j < d; j++) {
                var[j] += s[2 + j];
            }
        }
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(var[j] / total);
            if (!(sd[j] > 1e-12 * Math.max(1.0, Math.abs(mean[j])))) {
                raw.unpersist(false);
                throw new BadInputException("column " + (j + 1) + " (" + columns.get(j)
                        + ") is constant (every value " + mean[j] + "): it cannot be standardised");
            }
        }
        Standardizer st = new Standardizer(mean, sd);
        // The executors rebuild it from its arrays (a Standardizer is not serialisable).
        JavaRDD<RowBlock> z = raw.map(b -> {
            double[] values = new Standardizer(mean, sd).transform(Dataset.of(b.values(), b.rows(), b.d())).valuesView();
            return RowBlock.of(values, b.weights(), b.rows(), b.d());
        }).persist(StorageLevel.MEMORY_AND_DISK());
        z.count();
        raw.unpersist(false);
        return new SparkData(z, d, columns, n, weight, st);
    }

    /**
     * Rows, total weight, and per column the weighted sum of the values (about {@code centre}
     * squared, when it is not null), as one array: {rows, weight, s_1 … s_d}.
     */
    private static double[] weightedSums(RowBlock b, double[] centre) {
        int d = b.d();
        double[] out = new double[2 + d];
        out[0] = b.rows();
        double[] x = b.values();
        for (int i = 0; i < b.rows(); i++) {
            double w = b.weights() == null ? 1 : b.weights()[i];
            out[1] += w;
            for (int j = 0; j < d; j++) {
                double v = x[i * d + j];
                if (centre == null) {
                    out[2 + j] += w * v;
                } else {
                    double c = v - centre[j];
                    out[2 + j] += w * c * c;
                }
            }
        }
        return out;
    }

    /**
     * The weighted mean and covariance (divisor W − 1, as {@link dev.mixtures.data.Moments}) of the
     * blocks, in two Spark jobs: the mean, then the scatter about it.
     */
    Moments moments() {
        double[] mean = new double[d];
        for (double[] s : SparkFit.inOrder(blocks, (index, b) -> weightedSums(b, null))) {
            for (int j = 0; j < d; j++) {
                mean[j] += s[2 + j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= weight;
        }
        int dim = d;
        double[] cov = new double[d * d];
        for (double[] s : SparkFit.inOrder(blocks, (index, b) -> {
            double[] out = new double[dim * dim];
            double[] diff = new double[dim];
            for (int i = 0; i < b.rows(); i++) {
                double w = b.weights() == null ? 1 : b.weights()[i];
                for (int j = 0; j < dim; j++) {
                    diff[j] = b.values()[i * dim + j] - mean[j];
                }
                for (int p = 0; p < dim; p++) {
                    for (int q = 0; q <= p; q++) {
                        out[p * dim + q] += w * diff[p] * diff[q];
                    }
                }
            }
            return out;
        })) {
            for (int j = 0; j < cov.length; j++) {
                cov[j] += s[j];
            }
        }
        double div = weight > 1 ? weight - 1 : weight;
        double[][] c = new double[d][d];
        for (int p = 0; p < d; p++) {
            for (int q = 0; q <= p; q++) {
                c[p][q] = cov[p * d + q] / div;
                c[q][p] = c[p][q];
            }
        }
        return new Moments(mean, c);
    }

    /** The blocks' weighted mean and covariance (d×d). */
    record Moments(double[] mean, double[][] covariance) {
    }

    /** The row count as a model file records it. */
    int rows() {
        if (n > Integer.MAX_VALUE) {
            throw new BadInputException(n + " rows: a model records at most " + Integer.MAX_VALUE
                    + " (fit a sample, or weight distinct rows by their counts)");
        }
        return (int) n;
    }

    /** Drops the cached blocks. */
    public void release() {
        blocks.unpersist(false);
    }
}
