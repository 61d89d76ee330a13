package dev.mixtures.gaussian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A run that moves from the plain kernel to the vector one part-way gives the bits of a run on
 * either throughout: the switch may depend on time because it can change speed only.
 */
class AdaptiveGaussianKernelTest {
    private final long budget = AdaptiveGaussianKernel.budgetNanos;

    @AfterEach
    void restore() {
        AdaptiveGaussianKernel.budgetNanos = budget;
    }

    @Test
    void aRunThatSwitchesKernelsGivesTheBitsOfEither() {
        assumeTrue(GaussianKernels.best() != ScalarGaussianKernel.INSTANCE, "no vector kernel in this JVM");
        Dataset data = Blobs.generate(20_000, 6, 5, 3.0, 9);
        for (boolean bayesian : new boolean[] {false, true}) {
            // A budget of 1 ns: the first iteration on the plain kernel spends it, the rest are on the vector one.
            AdaptiveGaussianKernel.reset();
            AdaptiveGaussianKernel.budgetNanos = 1;
            GaussianKernel k = GaussianKernels.forSize(data.n(), 8, data.d());
            assertTrue(k instanceof AdaptiveGaussianKernel, k.getClass().toString());
            double[] switched = history(data, bayesian, null);
            assertTrue(AdaptiveGaussianKernel.vectorWarm(), "three iterations on the vector kernel mark it compiled");
            assertSame(GaussianKernels.best(), GaussianKernels.forSize(data.n(), 8, data.d()));
            assertArrayEquals(history(data, bayesian, "scalar"), switched, 0.0, bayesian ? "vb" : "gmm");
            assertArrayEquals(history(data, bayesian, "vector"), switched, 0.0, bayesian ? "vb" : "gmm");
            // A budget never spent: the run stays on the plain kernel.
            AdaptiveGaussianKernel.reset();
            AdaptiveGaussianKernel.budgetNanos = Long.MAX_VALUE;
            assertArrayEquals(switched, history(data, bayesian, null), 0.0);
            assertFalse(AdaptiveGaussianKernel.vectorWarm());
        }
        AdaptiveGaussianKernel.reset();
    }

    private static double[] history(Dataset data, boolean bayesian, String kernel) {
        if (bayesian) {
            BayesianGaussianMixtureBuilder b = BayesianGaussianMixture.builder().k(8).maxIter(12).tol(0);
            if (kernel != null) {
                b.kernel(kernel);
            }
            BayesianGaussianMixtureModel m = b.build().fit(data);
            assertEquals(12, m.trace().iterations());
            return m.trace().history();
        }
        GaussianMixtureBuilder b = GaussianMixture.builder().k(8).maxIter(12).tol(0);
        if (kernel != null) {
            b.kernel(kernel);
        }
        return b.build().fit(data).trace().history();
    }
}
