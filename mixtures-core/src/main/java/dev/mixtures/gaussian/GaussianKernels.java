package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.linalg.Kernels;

/**
 * Chooses the {@link GaussianKernel} at run time, as {@link Kernels} does for distances: the Vector
 * API one when the JVM has the module and 8-lane double vectors, the plain Java one otherwise or
 * when {@code mixtures.vector=false}. Both give the same bits.
 *
 * <p>Small problems (fewer than {@value #SMALL} row·component·column products per pass) take the
 * plain Java kernel: a fit of them takes milliseconds, less than the JIT needs to compile the
 * Vector API kernel, which runs slowly until it is compiled. In a fresh JVM this makes the Old
 * Faithful selection grid (360 small fits) 1.5× faster; in a JVM where the vector kernel is
 * already compiled, small fits are 2.5× slower than they could be, at a few milliseconds each.
 * Larger problems get an {@link AdaptiveGaussianKernel}: the plain kernel until this JVM has spent
 * a second of passes on it, the vector kernel after (a fresh JVM's first fit of a few iterations
 * no longer waits for the JIT).
 */
final class GaussianKernels {
    private static final GaussianKernel BEST = choose();

    private GaussianKernels() {
    }

    /** Below this many row·component·column products per pass a fit uses the plain Java kernel. */
    static final long SMALL = 1 << 16;

    static GaussianKernel best() {
        return BEST;
    }

    /** The kernel for a pass over n rows of d with k components. */
    static GaussianKernel forSize(int n, int k, int d) {
        if ((long) n * k * d < SMALL || BEST == ScalarGaussianKernel.INSTANCE) {
            return ScalarGaussianKernel.INSTANCE;
        }
        // The vector kernel once the JIT has compiled it; a run's plain kernel until then.
        return AdaptiveGaussianKernel.of(BEST);
    }

    /** The Vector API kernel when this JVM has the module and 8-lane double vectors, else null. */
    static GaussianKernel vectorOrNull() {
        GaussianKernel k = vectorAnyWidth();
        try {
            return k != null && (int) k.getClass().getDeclaredMethod("lanes").invoke(null) == GaussianKernel.LANES ? k : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    /** The Vector API kernel whenever the module is present, fast or not (for tests and "vector" by name). */
    static GaussianKernel vectorAnyWidth() {
        if (!Kernels.vectorModulePresent()) {
            return null;
        }
        try {
            return (GaussianKernel) Class.forName("dev.mixtures.gaussian.VectorGaussianKernel").getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    static GaussianKernel named(String name) {
        if (name == null) {
            return null;
        }
        if (name.equals("scalar")) {
            return ScalarGaussianKernel.INSTANCE;
        }
        if (name.equals("vector")) {
            GaussianKernel v = vectorAnyWidth();
            if (v == null) {
                throw new BadInputException("kernel: the Vector API kernel is not available in this JVM");
            }
            return v;
        }
        throw new BadInputException("kernel: unknown '" + name + "' (scalar or vector)");
    }

    private static GaussianKernel choose() {
        if (!"false".equalsIgnoreCase(System.getProperty("mixtures.vector", "true"))) {
            GaussianKernel v = vectorOrNull();
            if (v != null) {
                return v;
            }
        }
        return ScalarGaussianKernel.INSTANCE;
    }
}
