package dev.mixtures.linalg;

/**
 * Chooses the distance kernel at run time: the Vector API kernel when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code mixtures} launcher does this), the plain
 * Java kernel otherwise or when the system property {@code mixtures.vector=false} is set. Both give
 * the same bits, so the choice changes speed only.
 */
public final class Kernels {
    /** Centre counts are padded to a multiple of this (8 doubles fill a 512-bit register). */
    public static final int PAD = 8;

    private static final DistanceKernel BEST = choose();

    private Kernels() {
    }

    /** The fastest kernel this JVM can run. */
    public static DistanceKernel best() {
        return BEST;
    }

    /** Up to this many row·centre·column products per pass, {@link #forSize} gives the plain Java kernel. */
    public static final long SMALL = 1 << 24;

    /**
     * The kernel for passes of {@code rows · centres · columns} products: below 2^24 a fit takes
     * less time than the JIT needs to compile the Vector API kernel, which runs many times slower
     * until then. A K-means fit of 100,000 × 10 with k = 10 (10^7 products a pass) in a fresh JVM
     * took 1.24–1.52 s with it and 0.64 s with the plain kernel; warm, 0.14–0.19 s against 0.23 s
     * (docs/PERFORMANCE.md, "The first fit of a JVM"). Hamerly's bounds skip most distances after
     * the first iterations, so the vector kernel's gain is mostly in those, when it is cold. Both
     * kernels give the same bits, so the choice changes speed only.
     */
    public static DistanceKernel forSize(long rows, long centres, long columns) {
        return rows * centres * columns <= SMALL ? ScalarDistanceKernel.INSTANCE : BEST;
    }

    /** Whether the Vector API module is present in this JVM. */
    public static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** The Vector API kernel, or null when this JVM lacks the module. */
    public static DistanceKernel vectorOrNull() {
        if (!vectorModulePresent()) {
            return null;
        }
        try {
            DistanceKernel k = (DistanceKernel) Class.forName("dev.mixtures.linalg.VectorDistanceKernel")
                    .getDeclaredConstructor().newInstance();
            int lanes = k.lanes();
            // Below 4 lanes the blocked kernel gains little over the scalar one; beyond PAD it cannot tile the padding.
            return lanes >= 4 && PAD % lanes == 0 ? k : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    private static DistanceKernel choose() {
        if (!"false".equalsIgnoreCase(System.getProperty("mixtures.vector", "true"))) {
            DistanceKernel v = vectorOrNull();
            if (v != null) {
                return v;
            }
        }
        return ScalarDistanceKernel.INSTANCE;
    }

    /** Doubles of scratch space a kernel call over {@code rows} rows needs (see {@link DistanceKernel#nearest}). */
    public static int scratch(int rows, int kp, int d) {
        // The vector kernel's nearest: 4 staged distance vectors, the state of 8 rows (3 vectors each)
        // and the tree's output (3 vectors), PAD doubles per vector.
        return Math.max(rows * kp, 31 * PAD);
    }

    /** k rounded up to a multiple of {@link #PAD}. */
    public static int padded(int k) {
        return (k + PAD - 1) / PAD * PAD;
    }
}
