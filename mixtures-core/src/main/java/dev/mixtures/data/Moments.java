package dev.mixtures.data;

/**
 * The weighted mean and covariance of a dataset's columns, by two passes (the mean first, then
 * the scatter about it, never E[xxᵀ] − μμᵀ), a row of weight w counting as w repeated rows. One
 * place for the data statistics the models need: the data's own spread (collapse checks,
 * spurious maxima) and the default covariance prior of the Bayesian mixture.
 */
public final class Moments {
    private Moments() {
    }

    /** The weighted mean of each column. */
    public static double[] mean(Dataset data) {
        int d = data.d();
        double[] x = data.valuesView();
        double w = 0;
        double[] mean = new double[d];
        for (int r = 0; r < data.n(); r++) {
            double wr = data.weight(r);
            w += wr;
            for (int i = 0; i < d; i++) {
                mean[i] += wr * x[r * d + i];
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= w;
        }
        return mean;
    }

    /**
     * The weighted covariance, d×d row-major, divided by W − ddof (W the total weight; ddof 0 for
     * the population covariance, 1 for numpy.cov's; W itself when W ≤ ddof).
     */
    public static double[] covariance(Dataset data, double[] mean, int ddof) {
        int d = data.d();
        double[] x = data.valuesView();
        double[] cov = new double[d * d];
        double[] diff = new double[d];
        double w = 0;
        for (int r = 0; r < data.n(); r++) {
            double wr = data.weight(r);
            w += wr;
            for (int i = 0; i < d; i++) {
                diff[i] = x[r * d + i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i * d + j] += wr * diff[i] * diff[j];
                }
            }
        }
        double div = w > ddof ? w - ddof : w;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i * d + j] /= div;
                cov[j * d + i] = cov[i * d + j];
            }
        }
        return cov;
    }
}
