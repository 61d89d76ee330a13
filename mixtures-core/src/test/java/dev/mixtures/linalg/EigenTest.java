package dev.mixtures.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Jacobi eigendecomposition and polar factor that the iterative M-steps rely on: known
 * properties on random matrices (reconstruction, orthogonality, order; the polar factor as
 * F (FᵀF)^(−1/2)), and the warm-started polar factor equal to the cold one.
 */
class EigenTest {
    private static double[] random(SplittableRandom rnd, int d) {
        double[] a = new double[d * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = rnd.nextGaussian();
        }
        return a;
    }

    private static double[] multiply(double[] a, double[] b, int d) {
        double[] c = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int r = 0; r < d; r++) {
                for (int j = 0; j < d; j++) {
                    c[i * d + j] += a[i * d + r] * b[r * d + j];
                }
            }
        }
        return c;
    }

    private static double[] transpose(double[] a, int d) {
        double[] t = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[j * d + i] = a[i * d + j];
            }
        }
        return t;
    }

    private static void assertOrthogonal(double[] q, int d, double tol) {
        double[] qtq = multiply(transpose(q, d), q, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(i == j ? 1 : 0, qtq[i * d + j], tol, "QᵀQ at " + i + "," + j);
            }
        }
    }

    @Test
    void symmetricReconstructsInDecreasingOrder() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int d : new int[] {1, 2, 5, 16}) {
            double[] g = random(rnd, d);
            double[] a = multiply(transpose(g, d), g, d);
            Eigen.Symmetric e = Eigen.symmetric(a, d);
            assertOrthogonal(e.vectors(), d, 1e-12);
            for (int j = 1; j < d; j++) {
                assertTrue(e.values()[j] <= e.values()[j - 1]);
            }
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int m = 0; m < d; m++) {
                        s += e.vectors()[i * d + m] * e.values()[m] * e.vectors()[j * d + m];
                    }
                    assertEquals(a[i * d + j], s, 1e-11 * (1 + Math.abs(a[i * d + j])), "d=" + d);
                }
            }
        }
    }

    @Test
    void polarFactorIsFTimesTheInverseSquareRootOfFtF() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int d : new int[] {2, 4, 16}) {
            double[] f = random(rnd, d);
            double[] q = Eigen.orthogonalPolar(f, d);
            assertOrthogonal(q, d, 1e-12);
            Eigen.Symmetric e = Eigen.symmetric(multiply(transpose(f, d), f, d), d);
            double[] root = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double s = 0;
                    for (int m = 0; m < d; m++) {
                        s += e.vectors()[i * d + m] / Math.sqrt(e.values()[m]) * e.vectors()[j * d + m];
                    }
                    root[i * d + j] = s;
                }
            }
            double[] expected = multiply(f, root, d);
            for (int i = 0; i < d * d; i++) {
                assertEquals(expected[i], q[i], 1e-9, "d=" + d);
            }
        }
    }

    /**
     * Warm-started from the right singular vectors of a nearby matrix (as CommonOrientation's MM
     * steps do), the factor is the cold one to round-off, and the vectors left behind are this
     * matrix's: F·V has orthogonal columns.
     */
    @Test
    void warmStartedPolarFactorIsTheColdOne() {
        SplittableRandom rnd = new SplittableRandom(3);
        int d = 16;
        double[] f0 = random(rnd, d);
        double[] v = new double[d * d];
        Eigen.orthogonalPolar(f0, d, v, false);
        double[] f = f0.clone();
        for (int i = 0; i < f.length; i++) {
            f[i] += 1e-3 * rnd.nextGaussian();
        }
        double[] cold = Eigen.orthogonalPolar(f, d);
        double[] warm = Eigen.orthogonalPolar(f, d, v, true);
        for (int i = 0; i < d * d; i++) {
            assertEquals(cold[i], warm[i], 1e-12);
        }
        assertOrthogonal(v, d, 1e-12);
        double[] fv = multiply(f, v, d);
        for (int p = 0; p < d; p++) {
            for (int q = p + 1; q < d; q++) {
                double dot = 0;
                double np = 0;
                double nq = 0;
                for (int r = 0; r < d; r++) {
                    dot += fv[r * d + p] * fv[r * d + q];
                    np += fv[r * d + p] * fv[r * d + p];
                    nq += fv[r * d + q] * fv[r * d + q];
                }
                assertTrue(Math.abs(dot) <= 1e-13 * Math.sqrt(np * nq), p + "," + q + ": " + dot);
            }
        }
    }

    @Test
    void polarFactorOfASingularMatrixIsOrthogonal() {
        int d = 3;
        double[] f = {1, 2, 0, 2, 4, 0, 0, 0, 0};
        assertOrthogonal(Eigen.orthogonalPolar(f, d), d, 1e-12);
    }
}
