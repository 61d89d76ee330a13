package dev.mixtures.gaussian;

/**
 * The Gaussian kernel of one run or one pass when the best this JVM has is the Vector API one but
 * the JIT may not have compiled it yet: the plain Java kernel until this JVM has spent
 * {@link #budgetNanos} of passes on it, the vector kernel from then on. Until it is compiled the
 * vector kernel runs many times slower than the plain one (its vectors are objects in the
 * interpreter and in C1 code), and compiling it takes about a second of a fresh JVM
 * (docs/PERFORMANCE.md, "The first fit of a JVM"): a fit of a few iterations, such as a Bayesian
 * mixture that its moves settle in six, paid that second and ran slower than on the plain kernel.
 * As in the ski-rental problem, the plain kernel is "rented" until the rent paid is about the price
 * of "buying" the compiled vector kernel, so a fit never pays much more than twice the better of
 * the two choices made in hindsight: a short fit pays nothing for the vector kernel, a long one at
 * most about a second more. Once the vector kernel has served three passes it counts as compiled
 * and every later run and pass takes it from its start.
 *
 * <p>The two kernels give the same bits for every call (GaussianKernelTest), so which one serves a
 * pass changes speed only, never a result: that is what lets the switch depend on time.
 */
final class AdaptiveGaussianKernel implements GaussianKernel {
    /** Time this JVM spends on the plain kernel before it moves to the vector one (tests set it). */
    static volatile long budgetNanos = 1_000_000_000L;
    private static final java.util.concurrent.atomic.AtomicLong PLAIN_NANOS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicInteger VECTOR_PASSES =
            new java.util.concurrent.atomic.AtomicInteger();
    /** Whether the vector kernel has served three passes in this JVM. */
    private static volatile boolean vectorWarm;

    private final GaussianKernel vector;
    private volatile GaussianKernel current;
    private long last;

    private AdaptiveGaussianKernel(GaussianKernel vector) {
        this.vector = vector;
        this.current = choice(vector);
    }

    /** {@code vector} itself when it is compiled in this JVM, else a kernel that moves to it when the budget is spent. */
    static GaussianKernel of(GaussianKernel vector) {
        return vectorWarm ? vector : new AdaptiveGaussianKernel(vector);
    }

    private static GaussianKernel choice(GaussianKernel vector) {
        return vectorWarm || PLAIN_NANOS.get() >= budgetNanos ? vector : ScalarGaussianKernel.INSTANCE;
    }

    /** Called by a run's loop before each iteration (EmFamily.prepare): accounts the last one, maybe switches. */
    static void beforeIteration(GaussianKernel kern) {
        if (kern instanceof AdaptiveGaussianKernel a) {
            long now = System.nanoTime();
            if (a.last != 0) {
                a.account(now - a.last);
            }
            a.last = now;
            a.current = choice(a.vector);
        }
    }

    /** Called after a single pass (a prediction, a block's statistics) with its duration. */
    static void afterPass(GaussianKernel kern, long nanos) {
        if (kern instanceof AdaptiveGaussianKernel a) {
            a.account(nanos);
        }
    }

    private void account(long nanos) {
        if (current == vector) {
            if (VECTOR_PASSES.incrementAndGet() >= 3) {
                vectorWarm = true;
            }
        } else {
            PLAIN_NANOS.addAndGet(nanos);
        }
    }

    /** Whether the vector kernel counts as compiled in this JVM (for tests). */
    static boolean vectorWarm() {
        return vectorWarm;
    }

    /** Forgets what this JVM has spent and compiled (for tests). */
    static void reset() {
        vectorWarm = false;
        PLAIN_NANOS.set(0);
        VECTOR_PASSES.set(0);
    }

    @Override
    public String name() {
        return vector.name();
    }

    @Override
    public void logDensities(GaussianParams p, double[] xt, int nb, double[] a, double[] work) {
        current.logDensities(p, xt, nb, a, work);
    }

    @Override
    public void logDensity(GaussianParams p, int c, double[] xt, int nb, double[] a, double[] work) {
        current.logDensity(p, c, xt, nb, a, work);
    }

    @Override
    public void normalise(int k, int nb, double[] a, double[] e, double[] ll, double[] inv) {
        current.normalise(k, nb, a, e, ll, inv);
    }

    @Override
    public void accumulate(int from, int to, int k, int d, boolean offDiagonal, double[] shift, double[] xt, double[] w,
            double[] r, int nb, double[] pn, double[] ps, double[] pss, double[] work) {
        current.accumulate(from, to, k, d, offDiagonal, shift, xt, w, r, nb, pn, ps, pss, work);
    }

    @Override
    public void addRowProducts(double[] y, double[] a, int[] rows, int rowsAt, int nr, double[] x, int at, double[] fill,
            int d, int k) {
        current.addRowProducts(y, a, rows, rowsAt, nr, x, at, fill, d, k);
    }

    @Override
    public void addBlockProducts(double[] y, double[] e, int eo, double[] b, int n, int k) {
        current.addBlockProducts(y, e, eo, b, n, k);
    }

    @Override
    public void addProducts(double[] y, int yo, double[] x, int xo, double[] z, int zo, int n) {
        current.addProducts(y, yo, x, xo, z, zo, n);
    }
}
