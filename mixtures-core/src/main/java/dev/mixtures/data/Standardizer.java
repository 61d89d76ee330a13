package dev.mixtures.data;

import dev.mixtures.BadInputException;
import java.util.Arrays;

/**
 * Standardisation ("re-scaling" in the lecture, PRML Fig. 9.1): each column is shifted to zero
 * mean and divided by its standard deviation, so that no variable dominates distances by its units.
 *
 * <p>Convention: the <em>population</em> standard deviation (divisor Σw, ddof = 0, as
 * scikit-learn's StandardScaler); with row weights, the weighted mean and weighted population
 * SD. R's {@code scale()} uses the sample SD instead; both give the same partition (MATH.md §1).
 * A constant column cannot be standardised and is rejected by name.
 */
public final class Standardizer {
    private final double[] mean;
    private final double[] sd;

    /** A standardiser with these column means and standard deviations (copied). */
    public Standardizer(double[] mean, double[] sd) {
        if (mean.length != sd.length) {
            throw new BadInputException("mean and sd have different lengths");
        }
        for (int j = 0; j < sd.length; j++) {
            if (!(sd[j] > 0) || !Double.isFinite(sd[j]) || !Double.isFinite(mean[j])) {
                throw new BadInputException("column " + (j + 1) + ": standard deviation " + sd[j]
                        + " and mean " + mean[j] + " cannot standardise");
            }
        }
        this.mean = mean.clone();
        this.sd = sd.clone();
    }

    /** Learns the (weighted) column means and population standard deviations of {@code data}. */
    public static Standardizer fit(Dataset data) {
        int d = data.d();
        double[] total = new double[d];
        if (data.hasMissing()) {
            // Each column over its observed cells: its own total weight.
            data.forEachRow((i, x, at, w) -> {
                for (int j = 0; j < d; j++) {
                    if (!Double.isNaN(x[at + j])) {
                        total[j] += w;
                    }
                }
            });
        } else {
            java.util.Arrays.fill(total, data.totalWeight());
        }
        double[] mean = new double[d];
        data.forEachRow((i, x, at, w) -> {
            for (int j = 0; j < d; j++) {
                double v = x[at + j];
                if (v == v) {
                    mean[j] += w * v;
                }
            }
        });
        for (int j = 0; j < d; j++) {
            mean[j] /= total[j];
        }
        // Second pass on centred values: the one-pass E[x²] − mean² cancels on offset data.
        double[] var = new double[d];
        data.forEachRow((i, x, at, w) -> {
            for (int j = 0; j < d; j++) {
                double c = x[at + j] - mean[j];
                if (c == c) {
                    var[j] += w * c * c;
                }
            }
        });
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(var[j] / total[j]);
        }
        rescaled(data, total, mean, sd);
        for (int j = 0; j < d; j++) {
            // Relative to the mean only: a column whose values are all near 1e-200 is not constant.
            if (!(sd[j] > 1e-12 * Math.abs(mean[j])) || !(sd[j] > 0)) {
                throw new BadInputException("column " + (j + 1) + " (" + data.columnNames().get(j)
                        + ") is constant (every value " + mean[j] + "): it cannot be standardised; drop it with --columns");
            }
        }
        return new Standardizer(mean, sd);
    }

    /**
     * Redoes the columns whose sums above overflowed or underflowed (values near 1e155 square past
     * the largest double, values near 1e-160 below the smallest) with each value divided by the
     * column's largest |value| first: three more passes, for those columns only; the others keep
     * the bits of the plain sums.
     */
    private static void rescaled(Dataset data, double[] total, double[] mean, double[] sd) {
        int d = data.d();
        boolean[] redo = new boolean[d];
        boolean any = false;
        for (int j = 0; j < d; j++) {
            double var = sd[j] * sd[j];
            redo[j] = !Double.isFinite(mean[j]) || !Double.isFinite(sd[j]) || var < Double.MIN_NORMAL;
            any |= redo[j];
        }
        if (!any) {
            return;
        }
        double[] scale = new double[d];
        data.forEachRow((i, x, at, w) -> {
            for (int j = 0; j < d; j++) {
                double v = Math.abs(x[at + j]);
                if (redo[j] && v > scale[j]) {
                    scale[j] = v;
                }
            }
        });
        double[] m = new double[d];
        data.forEachRow((i, x, at, w) -> {
            for (int j = 0; j < d; j++) {
                double v = x[at + j];
                if (redo[j] && scale[j] > 0 && v == v) {
                    m[j] += w * (v / scale[j]);
                }
            }
        });
        for (int j = 0; j < d; j++) {
            m[j] /= total[j];
        }
        double[] q = new double[d];
        data.forEachRow((i, x, at, w) -> {
            for (int j = 0; j < d; j++) {
                double v = x[at + j];
                if (redo[j] && scale[j] > 0 && v == v) {
                    double c = v / scale[j] - m[j];
                    q[j] += w * c * c;
                }
            }
        });
        for (int j = 0; j < d; j++) {
            if (redo[j]) {
                mean[j] = m[j] * scale[j];
                sd[j] = Math.sqrt(q[j] / total[j]) * scale[j];
            }
        }
    }

    /** The column means (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The column standard deviations (a copy). */
    public double[] sd() {
        return sd.clone();
    }

    /** Number of columns. */
    public int d() {
        return mean.length;
    }

    /** The data in standardised units (names and weights kept). */
    public Dataset transform(Dataset data) {
        checkWidth(data.d());
        return data.scaled(mean, sd);
    }

    /** Maps one point from standardised back to original units (in place, and returned). */
    public double[] inverse(double[] point) {
        checkWidth(point.length);
        for (int j = 0; j < point.length; j++) {
            point[j] = point[j] * sd[j] + mean[j];
        }
        return point;
    }

    /** Maps one point from original to standardised units (in place, and returned). */
    public double[] forward(double[] point) {
        checkWidth(point.length);
        for (int j = 0; j < point.length; j++) {
            point[j] = (point[j] - mean[j]) / sd[j];
        }
        return point;
    }

    private void checkWidth(int d) {
        if (d != mean.length) {
            throw new BadInputException("data have " + d + " columns, the standardisation was fitted on " + mean.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer other && Arrays.equals(mean, other.mean) && Arrays.equals(sd, other.sd);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(sd);
    }

    /**
     * Σ_j ln sd_j: what standardising subtracts from every row's log-density, so a density fitted
     * to standardised columns is taken back to original units by subtracting it (times the weight).
     */
    public double logScale() {
        double s = 0;
        for (double v : sd) {
            s += Math.log(v);
        }
        return s;
    }

    /**
     * Σ_n w_n Σ_{j observed in row n} ln sd_j over {@code data} (of total weight {@code weight}): what
     * standardising subtracts from a log-likelihood of the observed cells. Without missing cells,
     * {@link #logScale()}·weight.
     */
    public double logScale(Dataset data, double weight) {
        double all = logScale() * weight;
        if (!data.hasMissing()) {
            return all;
        }
        double[] missingWeight = new double[sd.length];
        data.forEachRow((i, x, at, w) -> {
            for (int j = 0; j < sd.length; j++) {
                if (Double.isNaN(x[at + j])) {
                    missingWeight[j] += w;
                }
            }
        });
        for (int j = 0; j < sd.length; j++) {
            all -= Math.log(sd[j]) * missingWeight[j];
        }
        return all;
    }

    /** Σ_{j observed} ln sd_j of one row {@code x[at..at+d)} (NaN: missing). */
    public double logScale(double[] x, int at) {
        double s = 0;
        for (int j = 0; j < sd.length; j++) {
            if (!Double.isNaN(x[at + j])) {
                s += Math.log(sd[j]);
            }
        }
        return s;
    }
}
