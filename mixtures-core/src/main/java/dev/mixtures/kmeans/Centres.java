package dev.mixtures.kmeans;

import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Distances;
import dev.mixtures.linalg.Kernels;

/**
 * K-means parameters for one iteration (what the {@link KMeansSteps} of a fit by blocks work on): the centres (row-major and in the layout the distance
 * kernel's nearest-centre search reads, {@link Distances#laneBlocked}) and, for Hamerly's bounds,
 * how far each centre moved in the last M-step
 * and half the distance to its nearest other centre.
 */
public final class Centres implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final int k;
    final int d;
    final int kp;
    final double[] c;
    final int lanes;
    final double[] cl;
    /** Upper bounds on how far each centre moved in the M-step that made it (0 for the first). */
    final double[] move;
    /** Lower bounds on half the distance from each centre to its nearest other centre. */
    final double[] half;
    final int maxMover;
    final double maxMove;
    final double secondMove;

    private Centres(double[] c, int k, int d, int lanes, double[] move, boolean withHalf) {
        this.k = k;
        this.d = d;
        this.kp = Kernels.padded(k);
        this.c = c;
        this.lanes = lanes;
        this.cl = Distances.laneBlocked(c, k, d, kp, lanes, null);
        this.move = move;
        int jm = -1;
        double m1 = 0;
        double m2 = 0;
        for (int j = 0; j < k; j++) {
            if (move[j] > m1) {
                m2 = m1;
                m1 = move[j];
                jm = j;
            } else if (move[j] > m2) {
                m2 = move[j];
            }
        }
        this.maxMover = jm;
        this.maxMove = m1;
        this.secondMove = m2;
        this.half = withHalf ? halfDistances(c, k, d) : null;
    }

    /** Fails unless {@code kernel} reads the layout these centres were laid out in (a mismatch would give wrong labels). */
    void checkLayout(DistanceKernel kernel) {
        if (lanes != kernel.lanes()) {
            throw new IllegalStateException("centres laid out for " + lanes + " lanes, kernel " + kernel.name() + " reads "
                    + kernel.lanes());
        }
    }

    /** The centres, k rows of d (a copy). */
    public double[][] centres() {
        double[][] m = new double[k][];
        for (int j = 0; j < k; j++) {
            m[j] = java.util.Arrays.copyOfRange(c, j * d, (j + 1) * d);
        }
        return m;
    }

    static Centres initial(double[] c, int k, int d, int lanes, boolean withBounds) {
        return new Centres(c, k, d, lanes, new double[k], withBounds);
    }

    /** The next centres, with the movement from these to them bounded from above. */
    Centres next(double[] newC, boolean withBounds) {
        double[] mv = new double[k];
        if (withBounds) {
            for (int j = 0; j < k; j++) {
                mv[j] = up(Math.sqrt(Distances.squared(c, j * d, newC, j * d, d)), d);
            }
        }
        return new Centres(newC, k, d, lanes, mv, withBounds);
    }

    private static double[] halfDistances(double[] c, int k, int d) {
        double[] min = new double[k];
        java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                double s = Distances.squared(c, a * d, c, b * d, d);
                if (s < min[a]) {
                    min[a] = s;
                }
                if (s < min[b]) {
                    min[b] = s;
                }
            }
        }
        double[] half = new double[k];
        for (int a = 0; a < k; a++) {
            half[a] = down(0.5 * Math.sqrt(min[a]), d);
        }
        return half;
    }

    /**
     * Relative error bound of a computed distance in d dimensions (subtractions, d fused
     * multiply-adds and a square root), with a generous factor: bounds are nudged by it so that the
     * accelerated variant never prunes a pair that Lloyd's arithmetic would decide otherwise.
     */
    static double slack(int d) {
        return 8.0 * (d + 4) * 0x1.0p-53;
    }

    static double up(double v, int d) {
        return Math.nextUp(v * (1 + slack(d)));
    }

    static double down(double v, int d) {
        return Math.nextDown(v * (1 - slack(d)));
    }
}
