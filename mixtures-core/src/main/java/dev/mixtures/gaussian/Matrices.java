package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.linalg.Cholesky;

/** Small checks and conversions of the d×d matrices that settings and model files hand over. */
final class Matrices {
    private Matrices() {
    }

    /** A square matrix as row-major values; fails naming {@code what} on a ragged row or a value that is not finite. */
    static double[] flatten(double[][] m, String what) {
        int d = m.length;
        double[] f = new double[d * d];
        for (int i = 0; i < d; i++) {
            if (m[i].length != d) {
                throw new BadInputException(what + " is not square: row " + (i + 1) + " has " + m[i].length
                        + " entries, not " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(m[i][j])) {
                    throw new BadInputException(what + ": entry " + (i + 1) + "," + (j + 1) + " is " + m[i][j]);
                }
                f[i * d + j] = m[i][j];
            }
        }
        return f;
    }

    /** A row-major d×d matrix as rows. */
    static double[][] unflatten(double[] f, int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(f, i * d, m[i], 0, d);
        }
        return m;
    }

    /**
     * Fails unless the d×d matrix {@code m} is symmetric and positive definite; the message
     * starts with {@code subject} ("init: covariance of component 1 is", "covariance-prior:").
     */
    static void checkSpd(double[] m, int d, String subject) {
        checkSymmetric(m, d, subject);
        int bad = Cholesky.factor(m.clone(), d, new double[d * d]);
        if (bad >= 0) {
            throw new BadInputException(subject + " not positive definite (it fails at column " + (bad + 1) + ")");
        }
    }

    /** Fails unless m is symmetric to 1e-10 of its diagonal; the message starts with {@code subject}. */
    static void checkSymmetric(double[] m, int d, String subject) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                double a = m[i * d + j];
                double b = m[j * d + i];
                if (Math.abs(a - b) > 1e-10 * Math.max(1e-300, Math.max(Math.abs(m[i * d + i]), Math.abs(m[j * d + j])))) {
                    throw new BadInputException(subject + " not symmetric (entries " + (i + 1) + "," + (j + 1)
                            + " and " + (j + 1) + "," + (i + 1) + " are " + a + " and " + b + ")");
                }
            }
        }
    }

    /** A deep copy. */
    static double[][] copy2(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    /** A deep copy. */
    static double[][][] copy3(double[][][] a) {
        double[][][] c = new double[a.length][][];
        for (int i = 0; i < a.length; i++) {
            c[i] = copy2(a[i]);
        }
        return c;
    }
}
