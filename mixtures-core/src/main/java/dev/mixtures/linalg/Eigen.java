package dev.mixtures.linalg;

/**
 * The two small dense decompositions the constrained covariance M-steps need (docs/MATH.md §2.7):
 * the eigendecomposition of a symmetric matrix and the orthogonal polar factor of a square one.
 * Both use Jacobi rotations (Golub and Van Loan, Matrix Computations, §8.5 and §8.6.3): d is small
 * (a covariance's dimension), the results are accurate to the last digits even for tiny
 * eigenvalues, and the operations are a fixed sequence, so the same input gives the same bits.
 * Matrices are row-major d×d arrays.
 */
public final class Eigen {
    private static final int MAX_SWEEPS = 100;
    /** Columns count as orthogonal when |uᵢ·uⱼ| ≤ this × |uᵢ| |uⱼ| (about 4.5 ε). */
    private static final double POLAR_TOL = 1e-15;

    private Eigen() {
    }

    /**
     * Eigenvalues of the symmetric {@code a} (only read), in decreasing order, and their
     * eigenvectors: column j of {@code vectors} (row-major d×d) belongs to {@code values[j]}.
     */
    public record Symmetric(double[] values, double[] vectors) {
    }

    /** The eigendecomposition of the symmetric d×d matrix {@code a} (cyclic Jacobi). */
    public static Symmetric symmetric(double[] a, int d) {
        double[] m = a.clone();
        double[] v = new double[d * d];
        for (int i = 0; i < d; i++) {
            v[i * d + i] = 1;
        }
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            double diag = 0;
            for (int p = 0; p < d; p++) {
                diag += m[p * d + p] * m[p * d + p];
                for (int q = p + 1; q < d; q++) {
                    off += m[p * d + q] * m[p * d + q];
                }
            }
            // Quadratic convergence: once the off-diagonal mass is below round-off of the diagonal, stop.
            if (off == 0 || off <= 1e-34 * diag) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    double apq = m[p * d + q];
                    if (apq == 0) {
                        continue;
                    }
                    double app = m[p * d + p];
                    double aqq = m[q * d + q];
                    double theta = (aqq - app) / (2 * apq);
                    double t = Double.isInfinite(theta * theta) ? 0.5 / theta
                            : Math.copySign(1.0, theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int r = 0; r < d; r++) {
                        if (r != p && r != q) {
                            double arp = m[r * d + p];
                            double arq = m[r * d + q];
                            double np = c * arp - s * arq;
                            double nq = s * arp + c * arq;
                            m[r * d + p] = np;
                            m[p * d + r] = np;
                            m[r * d + q] = nq;
                            m[q * d + r] = nq;
                        }
                    }
                    m[p * d + p] = app - t * apq;
                    m[q * d + q] = aqq + t * apq;
                    m[p * d + q] = 0;
                    m[q * d + p] = 0;
                    for (int r = 0; r < d; r++) {
                        double vrp = v[r * d + p];
                        double vrq = v[r * d + q];
                        v[r * d + p] = c * vrp - s * vrq;
                        v[r * d + q] = s * vrp + c * vrq;
                    }
                }
            }
        }
        // Decreasing order (a stable selection sort: d is small).
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = m[i * d + i];
        }
        int[] order = new int[d];
        boolean[] used = new boolean[d];
        for (int j = 0; j < d; j++) {
            int best = -1;
            for (int i = 0; i < d; i++) {
                if (!used[i] && (best < 0 || values[i] > values[best])) {
                    best = i;
                }
            }
            used[best] = true;
            order[j] = best;
        }
        double[] sorted = new double[d];
        double[] vectors = new double[d * d];
        for (int j = 0; j < d; j++) {
            sorted[j] = values[order[j]];
            for (int r = 0; r < d; r++) {
                vectors[r * d + j] = v[r * d + order[j]];
            }
        }
        return new Symmetric(sorted, vectors);
    }

    /**
     * The orthogonal polar factor of the square {@code f}: the orthogonal Q nearest to it, U Vᵀ
     * for f = U S Vᵀ, which maximises tr(Qᵀ f) over orthogonal Q (one-sided Jacobi SVD). Where f is
     * singular Q is not unique; the left singular vectors of its zero singular values are then
     * completed to an orthonormal basis in coordinate order.
     */
    public static double[] orthogonalPolar(double[] f, int d) {
        return orthogonalPolar(f, d, new double[d * d], false);
    }

    /**
     * As {@link #orthogonalPolar(double[], int)}, optionally warm-started. {@code v} (d×d,
     * row-major) receives the right singular vectors of {@code f}; when {@code warm}, it holds on
     * entry those of a nearby matrix, and the sweeps start from f·v, whose columns are then nearly
     * orthogonal already: CommonOrientation's MM steps call this hundreds of times on slowly
     * changing matrices, and take one or two sweeps instead of six to ten. The factor is the same
     * to rounding; cold, the same bits as without {@code v}.
     */
    public static double[] orthogonalPolar(double[] f, int d, double[] v, boolean warm) {
        double[] u;
        if (!warm) {
            u = f.clone();
            java.util.Arrays.fill(v, 0, d * d, 0.0);
            for (int i = 0; i < d; i++) {
                v[i * d + i] = 1;
            }
        } else {
            u = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int r = 0; r < d; r++) {
                    double fir = f[i * d + r];
                    for (int j = 0; j < d; j++) {
                        u[i * d + j] += fir * v[r * d + j];
                    }
                }
            }
        }
        // The sweeps work on columns: held transposed, each is a contiguous row (same operations).
        double[] ut = transpose(u, d);
        double[] vt = transpose(v, d);
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    rotated |= rotate(ut, vt, p * d, q * d, d);
                }
            }
            if (!rotated) {
                break;
            }
        }
        transposeInto(ut, u, d);
        transposeInto(vt, v, d);
        double[] sigma = new double[d];
        double largest = 0;
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int r = 0; r < d; r++) {
                s += u[r * d + j] * u[r * d + j];
            }
            sigma[j] = Math.sqrt(s);
            largest = Math.max(largest, sigma[j]);
        }
        boolean[] done = new boolean[d];
        for (int j = 0; j < d; j++) {
            if (sigma[j] > 1e-14 * largest) {
                for (int r = 0; r < d; r++) {
                    u[r * d + j] /= sigma[j];
                }
                done[j] = true;
            }
        }
        // Columns of (numerically) zero singular values: Gram-Schmidt on unit vectors.
        for (int j = 0, e = 0; j < d; j++) {
            while (!done[j] && e < d) {
                double[] w = new double[d];
                w[e++] = 1;
                for (int i = 0; i < d; i++) {
                    if (done[i]) {
                        double dot = 0;
                        for (int r = 0; r < d; r++) {
                            dot += u[r * d + i] * w[r];
                        }
                        for (int r = 0; r < d; r++) {
                            w[r] -= dot * u[r * d + i];
                        }
                    }
                }
                double norm = 0;
                for (double x : w) {
                    norm += x * x;
                }
                norm = Math.sqrt(norm);
                if (norm > 1e-8) {
                    for (int r = 0; r < d; r++) {
                        u[r * d + j] = w[r] / norm;
                    }
                    done[j] = true;
                }
            }
        }
        double[] q = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int r = 0; r < d; r++) {
                    s += u[i * d + r] * v[j * d + r];
                }
                q[i * d + j] = s;
            }
        }
        return q;
    }
    /**
     * One Jacobi rotation of columns p and q (rows {@code po}, {@code qo} of the transposed u and
     * v) that makes them orthogonal; false when they are already, to round-off (LAPACK's dgesvj
     * uses √d·ε: a threshold below the rounding error of the product itself rotated on noise,
     * nine sweeps a call).
     */
    private static boolean rotate(double[] ut, double[] vt, int po, int qo, int d) {
        double alpha = 0;
        double beta = 0;
        double gamma = 0;
        for (int r = 0; r < d; r++) {
            double up = ut[po + r];
            double uq = ut[qo + r];
            alpha += up * up;
            beta += uq * uq;
            gamma += up * uq;
        }
        if (gamma == 0 || Math.abs(gamma) <= POLAR_TOL * Math.sqrt(alpha * beta)) {
            return false;
        }
        double zeta = (beta - alpha) / (2 * gamma);
        double t = Double.isInfinite(zeta * zeta) ? 0.5 / zeta
                : Math.copySign(1.0, zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        double c = 1 / Math.sqrt(1 + t * t);
        double s = c * t;
        for (int r = 0; r < d; r++) {
            double up = ut[po + r];
            double uq = ut[qo + r];
            ut[po + r] = c * up - s * uq;
            ut[qo + r] = s * up + c * uq;
        }
        for (int r = 0; r < d; r++) {
            double vp = vt[po + r];
            double vq = vt[qo + r];
            vt[po + r] = c * vp - s * vq;
            vt[qo + r] = s * vp + c * vq;
        }
        return true;
    }

    private static double[] transpose(double[] a, int d) {
        double[] t = new double[d * d];
        transposeInto(a, t, d);
        return t;
    }

    private static void transposeInto(double[] a, double[] t, int d) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[j * d + i] = a[i * d + j];
            }
        }
    }
}
