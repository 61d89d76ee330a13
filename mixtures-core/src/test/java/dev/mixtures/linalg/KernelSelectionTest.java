package dev.mixtures.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The kernel chosen at run time, and both kernels giving the same bits. Runs with and without the Vector API module. */
class KernelSelectionTest {

    private static boolean expectVector() {
        return !"false".equals(System.getProperty("mixtures.expectVectorModule"));
    }

    @Test
    void choosesTheKernelThisJvmCanRun() {
        assertEquals(expectVector(), Kernels.vectorModulePresent());
        if (expectVector()) {
            assertNotNull(Kernels.vectorOrNull());
            String lanes = System.getProperty("mixtures.expectLanes");
            if (lanes != null) {
                assertEquals(Integer.parseInt(lanes), Kernels.vectorOrNull().lanes());
            }
            assertEquals(Kernels.vectorOrNull().name(), Kernels.best().name());
        } else {
            assertNull(Kernels.vectorOrNull());
            assertSame(ScalarDistanceKernel.INSTANCE, Kernels.best());
        }
    }

    @Test
    void everyKernelMatchesTheReferenceDistanceBitForBit() {
        SplittableRandom r = new SplittableRandom(3);
        for (int d : new int[] {1, 2, 3, 7, 16, 33}) {
            for (int k : new int[] {1, 5, 8, 13, 32, 40}) {
                int n = 23;
                double[] x = new double[n * d];
                double[] c = new double[k * d];
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextGaussian() * 1e3 + 7;
                }
                for (int i = 0; i < c.length; i++) {
                    c[i] = r.nextGaussian() * 1e3;
                }
                int kp = Kernels.padded(k);
                double[] ct = Distances.transposePadded(c, k, d, kp, null);
                double[] expected = new double[n * kp];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < k; j++) {
                        expected[i * kp + j] = Distances.squared(x, i * d, c, j * d, d);
                    }
                }
                for (DistanceKernel kernel : kernels()) {
                    double[] out = new double[n * kp];
                    kernel.squaredDistances(x, d, 0, n, ct, kp, out);
                    for (int i = 0; i < n; i++) {
                        double[] got = java.util.Arrays.copyOfRange(out, i * kp, i * kp + k);
                        double[] want = java.util.Arrays.copyOfRange(expected, i * kp, i * kp + k);
                        assertArrayEquals(want, got, 0.0, kernel.name() + " d=" + d + " k=" + k + " row " + i);
                    }
                }
            }
        }
    }

    @Test
    void nearestMatchesTheScalarReferenceIncludingTies() {
        SplittableRandom r = new SplittableRandom(8);
        for (int d : new int[] {1, 2, 5, 16, 19}) {
            for (int k : new int[] {1, 2, 3, 4, 7, 8, 9, 32, 37, 64, 70}) {
                for (int n : new int[] {1, 31, 32, 33, 100}) {
                    double[] x = new double[n * d];
                    double[] c = new double[k * d];
                    // Small integers: many exact ties between centres, which must go to the lowest index.
                    for (int i = 0; i < x.length; i++) {
                        x[i] = r.nextInt(4);
                    }
                    for (int i = 0; i < c.length; i++) {
                        c[i] = r.nextInt(4);
                    }
                    int kp = Kernels.padded(k);
                    int[] wantLabel = new int[n];
                    double[] wantBest = new double[n];
                    double[] wantSecond = new double[n];
                    for (int i = 0; i < n; i++) {
                        double m = Double.POSITIVE_INFINITY;
                        for (int j = 0; j < k; j++) {
                            double v = Distances.squared(x, i * d, c, j * d, d);
                            if (v < m) {
                                m = v;
                                wantLabel[i] = j;
                            }
                        }
                        wantBest[i] = m;
                        double m2 = Double.POSITIVE_INFINITY;
                        for (int j = 0; j < k; j++) {
                            if (j != wantLabel[i]) {
                                m2 = Math.min(m2, Distances.squared(x, i * d, c, j * d, d));
                            }
                        }
                        wantSecond[i] = m2;
                    }
                    for (DistanceKernel kernel : kernels()) {
                        double[] cl = Distances.laneBlocked(c, k, d, kp, kernel.lanes(), null);
                        for (boolean withSecond : new boolean[] {true, false}) {
                            int[] label = new int[n];
                            double[] best = new double[n];
                            double[] second = withSecond ? new double[n] : null;
                            kernel.nearest(x, d, 0, n, cl, kp, k, new double[Kernels.scratch(n, kp, d)], label, best, second);
                            String where = kernel.name() + " d=" + d + " k=" + k + " n=" + n + " second=" + withSecond;
                            assertArrayEquals(wantLabel, label, where);
                            assertArrayEquals(wantBest, best, 0.0, where);
                            if (withSecond) {
                                assertArrayEquals(wantSecond, second, 0.0, where);
                            }
                        }
                    }
                }
            }
        }
    }

    static DistanceKernel[] kernels() {
        DistanceKernel v = Kernels.vectorOrNull();
        return v == null ? new DistanceKernel[] {ScalarDistanceKernel.INSTANCE}
                : new DistanceKernel[] {ScalarDistanceKernel.INSTANCE, v};
    }
}
