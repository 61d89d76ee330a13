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
        double[] w = new double[1];
        double[] mean = new double[d];
        data.forEachRow((r, x, at, wr) -> {
            w[0] += wr;
            for (int i = 0; i < d; i++) {
                mean[i] += wr * x[at + i];
            }
        });
        for (int i = 0; i < d; i++) {
            mean[i] /= w[0];
        }
        return mean;
    }

    /**
     * The weighted covariance, d×d row-major, divided by W − ddof (W the total weight; ddof 0 for
     * the population covariance, 1 for numpy.cov's; W itself when W ≤ ddof).
     */
    public static double[] covariance(Dataset data, double[] mean, int ddof) {
        int d = data.d();
        double[] cov = new double[d * d];
        double[] diff = new double[d];
        double[] w = new double[1];
        data.forEachRow((r, x, at, wr) -> {
            w[0] += wr;
            for (int i = 0; i < d; i++) {
                diff[i] = x[at + i] - mean[i];
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j <= i; j++) {
                    cov[i * d + j] += wr * diff[i] * diff[j];
                }
            }
        });
        double div = w[0] > ddof ? w[0] - ddof : w[0];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                cov[i * d + j] /= div;
                cov[j * d + i] = cov[i * d + j];
            }
        }
        return cov;
    }
}
