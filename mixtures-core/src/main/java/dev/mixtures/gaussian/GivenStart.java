package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.linalg.Cholesky;

/**
 * Checks of a start given as parameters (weights, means and covariances in the data's units) and
 * the conversion of given precisions: what {@link GaussianMixtureBuilder#initialParameters} and
 * {@link GaussianMixtureBuilder#initialPrecisions} validate, and what a restored model must satisfy.
 */
final class GivenStart {
    private GivenStart() {
    }

    /** Covariances from precision matrices (each symmetric positive definite), k of d × d. */
    static double[][][] covariances(double[][][] precisions) {
        double[][][] cov = new double[precisions.length][][];
        for (int c = 0; c < precisions.length; c++) {
            int d = precisions[c].length;
            double[] flat = Matrices.flatten(precisions[c], "precision of component " + (c + 1));
            Matrices.checkSymmetric(flat, d, "init: precision of component " + (c + 1) + " is");
            double[] inv = Cholesky.inverseSpd(flat, d);
            if (inv == null) {
                throw new BadInputException("init: the precision of component " + (c + 1)
                        + " is not positive definite");
            }
            cov[c] = Matrices.unflatten(inv, d);
        }
        return cov;
    }

    /**
     * Fails, naming the component and entry, unless the given start has k positive weights summing to
     * 1, k finite means of one dimension, and k symmetric positive definite covariances of the structure.
     */
    static void check(int k, CovarianceType covariance, double[] initialWeights, double[][] initialMeans,
            double[][][] initialCovariances) {
        if (initialWeights == null || initialMeans == null || initialCovariances == null) {
            throw new BadInputException("init: given parameters need weights, means and covariances");
        }
        if (initialWeights.length != k || initialMeans.length != k || initialCovariances.length != k) {
            throw new BadInputException("init: " + initialWeights.length + " weights, " + initialMeans.length
                    + " means and " + initialCovariances.length + " covariances given, but k = " + k);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            if (!(initialWeights[c] > 0) || !Double.isFinite(initialWeights[c])) {
                throw new BadInputException("init: weight " + (c + 1) + " is " + initialWeights[c]
                        + "; weights must be positive");
            }
            sum += initialWeights[c];
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new BadInputException("init: the weights sum to " + sum + ", not 1");
        }
        int d = initialMeans[0].length;
        if (d == 0) {
            throw new BadInputException("init: the means have no coordinates");
        }
        for (int c = 0; c < k; c++) {
            if (initialMeans[c].length != d) {
                throw new BadInputException("init: mean " + (c + 1) + " has " + initialMeans[c].length
                        + " coordinates, mean 1 has " + d);
            }
            for (int i = 0; i < d; i++) {
                if (!Double.isFinite(initialMeans[c][i])) {
                    throw new BadInputException("init: mean " + (c + 1) + ", coordinate " + (i + 1) + " is "
                            + initialMeans[c][i]);
                }
            }
            String what = "init: covariance of component " + (c + 1);
            if (initialCovariances[c].length != d) {
                throw new BadInputException(what + " has " + initialCovariances[c].length + " rows, not " + d);
            }
            double[] m = Matrices.flatten(initialCovariances[c], what);
            Matrices.checkSpd(m, d, what + " is");
            double[] first = c == 0 ? m : Matrices.flatten(initialCovariances[0], what);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    if (!covariance.structure().holds(m, first, d, i, j)) {
                        throw new BadInputException(what + " does not have the " + covariance.label()
                                + " structure (entry " + (i + 1) + "," + (j + 1) + " = " + m[i * d + j] + ")");
                    }
                }
            }
        }
    }
}
