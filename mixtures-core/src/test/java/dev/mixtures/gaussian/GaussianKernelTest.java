package dev.mixtures.gaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.mixtures.data.Dataset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Gaussian kernel chosen at run time, and the Vector API kernel giving the plain Java one's
 * bits for every structure and for shapes that exercise every remainder path (d not a multiple
 * of 4 or 8, k not a multiple of 2 or 4, odd and partial groups of blocks). Also runs without
 * the Vector API module.
 */
class GaussianKernelTest {

    @Test
    void choosesTheKernelThisJvmCanRun() {
        boolean expectVector = !"false".equals(System.getProperty("mixtures.expectVectorModule"));
        if (!expectVector) {
            assertNull(GaussianKernels.vectorOrNull());
            assertSame(ScalarGaussianKernel.INSTANCE, GaussianKernels.best());
        } else if ("4".equals(System.getProperty("mixtures.expectLanes"))) {
            // 256-bit vectors: the kernel runs (the tests use it) but is not chosen, being slower than plain Java.
            assertNotNull(GaussianKernels.vectorAnyWidth(), "the 256-bit run has the Vector API module");
            assertNull(GaussianKernels.vectorOrNull());
            assertSame(ScalarGaussianKernel.INSTANCE, GaussianKernels.best());
        } else {
            assertNotNull(GaussianKernels.vectorOrNull(), "the build runs these tests with the Vector API module");
            assertEquals("vector", GaussianKernels.best().name());
        }
        assertSame(ScalarGaussianKernel.INSTANCE, GaussianKernels.named("scalar"));
        GaussianKernels.best().name(); // the choice itself never fails
    }

    @Test
    void vectorKernelGivesTheScalarBitsOnEveryShape() {
        GaussianKernel vector = GaussianKernels.vectorAnyWidth();
        if (vector == null) {
            // Only the run without the module gets here, and it must be that run.
            assertEquals("false", System.getProperty("mixtures.expectVectorModule"));
            return;
        }
        SplittableRandom rnd = new SplittableRandom(11);
        for (CovarianceType t : CovarianceType.values()) {
            for (int d : new int[] {1, 2, 3, 5, 8, 9, 16, 17}) {
                for (int k : new int[] {1, 3, 4, 5, 11, 16}) {
                    for (int n : new int[] {1, 9, 56, 200, 300}) {
                        // Every other case with missing cells: their rows take the per-component path.
                        Dataset data = randomData(n, d, rnd, n % 2 == 0 ? 0.15 : 0.0);
                        GaussianParams p = randomParams(k, d, t, rnd);
                        String what = t + " d=" + d + " k=" + k + " n=" + n;
                        Out s = run(ScalarGaussianKernel.INSTANCE, p, data);
                        Out v = run(vector, p, data);
                        assertArrayEquals(s.ll, v.ll, 0.0, what + " ll");
                        assertArrayEquals(s.resp, v.resp, 0.0, what + " resp");
                        assertArrayEquals(s.labels, v.labels, what + " labels");
                        assertArrayEquals(s.stats.n, v.stats.n, 0.0, what + " N");
                        assertArrayEquals(s.stats.s, v.stats.s, 0.0, what + " s");
                        assertArrayEquals(s.stats.ss, v.stats.ss, 0.0, what + " S");
                        assertEquals(s.stats.logLik, v.stats.logLik, 0.0, what + " ln L");
                    }
                }
            }
        }
    }

    private static final class Out {
        double[] ll;
        double[] resp;
        int[] labels;
        GaussianStatistics stats;
    }

    private static Out run(GaussianKernel kern, GaussianParams p, Dataset data) {
        Out o = new Out();
        int n = data.n();
        o.ll = new double[n];
        o.resp = new double[n * p.k];
        o.labels = new int[n];
        o.stats = new GaussianStatistics(p.k, p.d, p.type.hasOffDiagonal());
        GaussianPass.Scratch sc = new GaussianPass.Scratch(p.k, p.d, p.type.hasOffDiagonal());
        GaussianPass.run(GaussianPass.Pass.of(kern, p), GaussianPass.Rows.of(data), 0, n, o.stats,
                new GaussianPass.Outputs(o.ll, o.resp, o.labels, 0), sc);
        return o;
    }

    private static Dataset randomData(int n, int d, SplittableRandom rnd, double missing) {
        double[] x = new double[n * d];
        double[] w = new double[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextDouble() < missing ? Double.NaN : rnd.nextGaussian() * 3 + (i % d) * 10;
        }
        for (int i = 0; i < n; i++) {
            w[i] = i == 0 ? 1 : rnd.nextInt(3);
        }
        java.util.List<String> names = new java.util.ArrayList<>();
        for (int j = 0; j < d; j++) {
            names.add("x" + j);
        }
        return Dataset.ofBlocks(java.util.List.of(x), new int[] {n}, d, names, java.util.List.of(w), true);
    }

    private static GaussianParams randomParams(int k, int d, CovarianceType t, SplittableRandom rnd) {
        double[] w = new double[k];
        double sum = 0;
        for (int c = 0; c < k; c++) {
            w[c] = 0.2 + rnd.nextDouble();
            sum += w[c];
        }
        for (int c = 0; c < k; c++) {
            w[c] /= sum;
        }
        double[] means = new double[k * d];
        for (int i = 0; i < means.length; i++) {
            means[i] = rnd.nextGaussian() * 4 + (i % d) * 10;
        }
        double[] full = new double[k * d * d];
        for (int c = 0; c < k; c++) {
            // A random SPD matrix A Aᵀ + I, scaled per component.
            double[] a = new double[d * d];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextGaussian();
            }
            double scale = 0.5 + 3 * rnd.nextDouble();
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double v = i == j ? 1 : 0;
                    for (int m = 0; m < d; m++) {
                        v += a[i * d + m] * a[j * d + m];
                    }
                    full[c * d * d + i * d + j] = v * scale;
                }
            }
        }
        double[] cov = t.structure().compact(full, k, d);
        return GaussianParams.of(k, d, t, w, means, cov);
    }
}
