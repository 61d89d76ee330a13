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

    /**
     * Continuous data far from the origin, with centres in pairs one rounding step apart: the
     * expanded form ‖x‖² − 2x·c + ‖c‖² could not tell such pairs apart (its error grows with
     * ‖x‖² + ‖c‖²); every kernel must still give the reference's labels, distances and runner-ups.
     */
    @Test
    void nearestDecidesNearTiesFarFromTheOriginExactly() {
        SplittableRandom r = new SplittableRandom(31);
        for (double offset : new double[] {0, 1e3, 1e8}) {
            for (int d : new int[] {2, 16}) {
                for (int k : new int[] {8, 32, 40}) {
                    int n = 200;
                    double[] x = new double[n * d];
                    double[] c = new double[k * d];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = offset + r.nextGaussian();
                    }
                    for (int j = 0; j < k; j++) {
                        for (int t = 0; t < d; t++) {
                            c[j * d + t] = j % 2 == 1 ? Math.nextUp(c[(j - 1) * d + t]) : offset + r.nextGaussian();
                        }
                    }
                    int kp = Kernels.padded(k);
                    for (DistanceKernel kernel : kernels()) {
                        double[] cl = Distances.laneBlocked(c, k, d, kp, kernel.lanes(), null);
                        int[] label = new int[n];
                        double[] best = new double[n];
                        double[] second = new double[n];
                        kernel.nearest(x, d, 0, n, cl, kp, k, new double[Kernels.scratch(n, kp, d)], label, best, second);
                        for (int i = 0; i < n; i++) {
                            int a = 0;
                            double m = Double.POSITIVE_INFINITY;
                            double m2 = Double.POSITIVE_INFINITY;
                            for (int j = 0; j < k; j++) {
                                double v = Distances.squared(x, i * d, c, j * d, d);
                                if (v < m) {
                                    m2 = m;
                                    m = v;
                                    a = j;
                                } else if (v < m2) {
                                    m2 = v;
                                }
                            }
                            String where = kernel.name() + " offset=" + offset + " d=" + d + " k=" + k + " row " + i;
                            assertEquals(a, label[i], where);
                            assertEquals(m, best[i], 0.0, where);
                            assertEquals(m2, second[i], 0.0, where);
                        }
                    }
                }
            }
        }
    }

    @Test
    void seedingPotentialsMatchTheScalarKernelBitForBit() {
        SplittableRandom r = new SplittableRandom(21);
        for (int d : new int[] {1, 3, 16}) {
            for (int trials : new int[] {2, 5, 7, 9}) {
                for (int lead = 0; lead <= 1; lead++) {
                    for (boolean weighted : new boolean[] {false, true}) {
                        int n = 103;
                        int cols = lead + trials;
                        int tp = Kernels.padded(cols);
                        double[] x = new double[n * d];
                        double[] c = new double[cols * d];
                        double[] w = weighted ? new double[n] : null;
                        double[] closest = new double[n];
                        for (int i = 0; i < x.length; i++) {
                            x[i] = r.nextGaussian() * 3;
                        }
                        for (int i = 0; i < c.length; i++) {
                            c[i] = r.nextGaussian() * 3;
                        }
                        for (int i = 0; i < n; i++) {
                            closest[i] = r.nextDouble() * 20;
                            if (weighted) {
                                w[i] = r.nextInt(4) == 0 ? 0 : r.nextDouble() * 3;
                            }
                        }
                        double[] ct = Distances.transposePadded(c, cols, d, tp, null);
                        double[] wantClosest = closest.clone();
                        double[] wantPot = new double[trials];
                        ScalarDistanceKernel.INSTANCE.potentials(x, d, 0, n, w, ct, tp, lead, trials, wantClosest, 0, wantPot,
                                new double[Kernels.scratch(n, tp, d)]);
                        for (DistanceKernel kernel : kernels()) {
                            double[] got = closest.clone();
                            double[] pot = new double[trials];
                            // Two calls, as the seeding makes one per block: the sums carry over in row order.
                            double[] buf = new double[Kernels.scratch(n, tp, d)];
                            kernel.potentials(x, d, 0, 50, w, ct, tp, lead, trials, got, 0, pot, buf);
                            kernel.potentials(x, d, 50, n, w, ct, tp, lead, trials, got, 0, pot, buf);
                            String where = kernel.name() + " d=" + d + " trials=" + trials + " lead=" + lead + " w=" + weighted;
                            assertArrayEquals(wantClosest, got, 0.0, where);
                            assertArrayEquals(wantPot, pot, 0.0, where);
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
