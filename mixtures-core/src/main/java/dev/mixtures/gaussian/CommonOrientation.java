package dev.mixtures.gaussian;

import dev.mixtures.linalg.Eigen;

/**
 * The M-step of the structures with one orientation D shared by all components and a shape A_k
 * per component, EVE (λ D A_k Dᵀ) and VVE (λ_k D A_k Dᵀ): no closed form, so D is improved by
 * the two majorisation-minimisation steps of Browne and McNicholas (2014) (MM 1 bounds W_k by its
 * largest eigenvalue, MM 2 bounds A_k⁻¹ by its largest entry; each takes the orthogonal polar
 * factor of a d×d matrix), then A_k and λ are exact given D; repeated until the target
 * Σ_k tr(W_k D A_k⁻¹ Dᵀ) changes by less than {@link OrientedStructure#INNER_TOL} relatively,
 * as mclust's meeve and mevve do, carrying (D, A_k) over from one M-step to the next and starting
 * the first from D = I, A_k = I; unlike mclust, at most {@link #MM_STEPS} steps per M-step.
 * Each step costs two polar factors (warm-started from the previous step's singular vectors) and
 * two sets of products Dᵀ W_k, O(k d³).
 *
 * <p>mclust's VVE leaves the volumes λ_k out of the MM steps (it majorises Σ_k tr(W_k D A_k⁻¹ Dᵀ)
 * rather than Σ_k tr(W_k D A_k⁻¹ Dᵀ)/λ_k), so its step can raise the objective; when the result is
 * worse than the previous parameters, the iteration is rerun from them with the volumes in
 * ({@code weighted}), which can only improve; if even that does not help, the previous
 * covariances stand (their expected log-likelihood at the new means is no lower than before).
 *
 * <p>State layout: Dᵀ (d×d, row j is direction j), then A_k (k·d, component-major), then λ_k (k).
 */
final class CommonOrientation {
    /**
     * The most MM steps of one M-step. From a cold orientation (D = I) the target takes hundreds
     * of steps to settle to √ε (866 at d = 16, k = 16 from a nearest-mean start, 3× the cost of a
     * VVV iteration); capped, the first M-steps of a fit are partial (each step still lowers the
     * target, so EM still never lowers ln L: a generalised EM step) and the next ones go on from
     * where they stopped, each ending as mclust's would once the target has settled, which takes
     * two steps mid-fit.
     */
    static final int MM_STEPS = 100;

    private CommonOrientation() {
    }

    /**
     * The constrained estimate; {@code volumes}: VVE (λ_k) rather than EVE (one λ); {@code guarded}:
     * whether a step worse than the previous parameters is rerun (false: mclust's step as it is).
     */
    static Structure.Estimate estimate(double[][] w, double[] nk, double n, int d, double[] state, boolean volumes,
            boolean guarded) {
        int k = w.length;
        double[] omega = new double[k];
        for (int c = 0; c < k; c++) {
            double[] values = Eigen.symmetric(w[c], d).values();
            if (!(values[d - 1] >= OrientedStructure.INNER_TOL)) {
                return new Structure.Estimate(OrientedStructure.unconstrained(w, nk, d), null);
            }
            omega[c] = values[0];
        }
        double[] start = state;
        if (start == null) {
            start = new double[d * d + k * d + k];
            for (int j = 0; j < d; j++) {
                start[j * d + j] = 1;
            }
            java.util.Arrays.fill(start, d * d, d * d + k * d, 1.0);
            java.util.Arrays.fill(start, d * d + k * d, start.length, 1.0);
        }
        boolean[] cut = new boolean[1];
        double[] next = iterate(w, nk, n, d, omega, start.clone(), volumes, false, cut);
        if (state != null && guarded) {
            double before = OrientedStructure.objective(w, nk, covariances(state, k, d), d);
            if (next == null || OrientedStructure.objective(w, nk, covariances(next, k, d), d) > before) {
                next = iterate(w, nk, n, d, omega, state.clone(), volumes, true, cut);
                if (next == null || OrientedStructure.objective(w, nk, covariances(next, k, d), d) > before) {
                    next = state;
                    cut[0] = false;
                }
            }
        }
        if (next == null) {
            return new Structure.Estimate(OrientedStructure.unconstrained(w, nk, d), null);
        }
        return new Structure.Estimate(covariances(next, k, d), next, cut[0]);
    }

    /**
     * The inner iteration from state {@code s} (updated in place and returned); null if a shape
     * collapses; {@code cut[0]}: whether it stopped at {@link #MM_STEPS} before the target settled.
     */
    private static double[] iterate(double[][] w, double[] nk, double n, int d, double[] omega, double[] s,
            boolean volumes, boolean weighted, boolean[] cut) {
        cut[0] = true;
        int k = w.length;
        int ao = d * d;
        int lo = d * d + k * d;
        double previous = Double.MAX_VALUE / 2;
        double[] binv = new double[k * d];
        double[] diag = new double[d];
        double[][] singular = {new double[d * d], new double[d * d]};
        // P_k = Dᵀ W_k for the current D, k of them: the target's diagonals and the next MM 1
        // both read it (W_k is symmetric, so it also gives W_k D).
        double[][] p = new double[k][d * d];
        products(w, s, d, p);
        for (int inner = 0; inner < MM_STEPS;) {
            inner++;
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    binv[c * d + j] = 1 / (s[ao + c * d + j] * (weighted ? s[lo + c] : 1));
                }
            }
            majorise(w, omega, binv, s, d, singular, inner > 1, p);
            products(w, s, d, p);
            double target = 0;
            double logs = 0;
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    double v = 0;
                    for (int a = 0; a < d; a++) {
                        v += s[j * d + a] * p[c][j * d + a];
                    }
                    diag[j] = volumes ? v / nk[c] : v;
                }
                double g = OrientedStructure.geometricMean(diag, 0, d);
                if (volumes) {
                    s[lo + c] = g;
                }
                double t = 0;
                for (int j = 0; j < d; j++) {
                    s[ao + c * d + j] = diag[j] / g;
                    if (!(s[ao + c * d + j] >= OrientedStructure.INNER_TOL) || !(g > 0)) {
                        return null;
                    }
                    // Σ_j (Dᵀ W_k D)_jj / a_kj, the diagonal before the volume was divided out.
                    t += (volumes ? diag[j] * nk[c] : diag[j]) / s[ao + c * d + j];
                }
                target += weighted && volumes ? t / s[lo + c] : t;
                logs += volumes ? nk[c] * d * Math.log(s[lo + c]) : 0;
            }
            if (weighted && volumes) {
                target += logs;
            }
            double err = Math.abs(target - previous) / (1 + Math.abs(target));
            previous = target;
            if (!volumes) {
                java.util.Arrays.fill(s, lo, lo + k, target / (n * d));
            }
            if (!(err > OrientedStructure.INNER_TOL)) {
                cut[0] = false;
                break;
            }
        }
        return s;
    }

    /**
     * P_k = Dᵀ W_k for Dᵀ = s[0..d·d), each entry summed over a ascending from 0 (as a row of Dᵀ
     * times a column of W_k), row by row: the inner loop runs along contiguous rows.
     */
    private static void products(double[][] w, double[] s, int d, double[][] p) {
        int d4 = d & ~3;
        for (int c = 0; c < w.length; c++) {
            double[] pc = p[c];
            double[] wc = w[c];
            java.util.Arrays.fill(pc, 0);
            // Four rows of Dᵀ at a time: each entry of W_k loaded once feeds four sums.
            int j = 0;
            for (; j < d4; j += 4) {
                int o0 = j * d;
                int o1 = o0 + d;
                int o2 = o1 + d;
                int o3 = o2 + d;
                for (int a = 0; a < d; a++) {
                    double s0 = s[o0 + a];
                    double s1 = s[o1 + a];
                    double s2 = s[o2 + a];
                    double s3 = s[o3 + a];
                    int wa = a * d;
                    for (int m = 0; m < d; m++) {
                        double x = wc[wa + m];
                        pc[o0 + m] += s0 * x;
                        pc[o1 + m] += s1 * x;
                        pc[o2 + m] += s2 * x;
                        pc[o3 + m] += s3 * x;
                    }
                }
            }
            for (; j < d; j++) {
                for (int a = 0; a < d; a++) {
                    double sja = s[j * d + a];
                    for (int m = 0; m < d; m++) {
                        pc[j * d + m] += sja * wc[a * d + m];
                    }
                }
            }
        }
    }

    /**
     * MM 1 then MM 2 on Dᵀ = s[0..d·d) with weights {@code binv} = diagonals of B_k (Σ_k⁻¹ = D B_k Dᵀ
     * up to the volume); {@code p}: Dᵀ W_k for the D on entry (left for the D after MM 1 on exit);
     * {@code v}: the right singular vectors of the two polar factors, carried from one inner step
     * to the next (used when {@code warm}).
     */
    private static void majorise(double[][] w, double[] omega, double[] binv, double[] s, int d, double[][] v,
            boolean warm, double[][] p) {
        int k = w.length;
        double[] f = new double[d * d];
        // MM 1: F = Σ_k B_k Dᵀ W_k − ω_k B_k Dᵀ; Dᵀ ← polar(F).
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double bj = binv[c * d + j];
                for (int m = 0; m < d; m++) {
                    f[j * d + m] += bj * p[c][j * d + m] - omega[c] * bj * s[j * d + m];
                }
            }
        }
        double[] ot = Eigen.orthogonalPolar(f, d, v[0], warm);
        System.arraycopy(ot, 0, s, 0, d * d);
        // MM 2: F = Σ_k W_k D B_k − max_j(B_k) W_k D; D ← polar(F). (W_k D)_aj = (Dᵀ W_k)_ja.
        products(w, s, d, p);
        java.util.Arrays.fill(f, 0);
        for (int c = 0; c < k; c++) {
            double bmax = 0;
            for (int j = 0; j < d; j++) {
                bmax = Math.max(bmax, binv[c * d + j]);
            }
            for (int a = 0; a < d; a++) {
                for (int j = 0; j < d; j++) {
                    double t = p[c][j * d + a];
                    f[a * d + j] += t * binv[c * d + j] - bmax * t;
                }
            }
        }
        double[] dd = Eigen.orthogonalPolar(f, d, v[1], warm);
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < d; j++) {
                s[j * d + a] = dd[a * d + j];
            }
        }
    }

    /** λ_k D A_k Dᵀ for every component, from a state. */
    static double[] covariances(double[] s, int k, int d) {
        double[] cov = new double[k * d * d];
        double[] v = new double[d * d];
        for (int a = 0; a < d; a++) {
            for (int j = 0; j < d; j++) {
                v[a * d + j] = s[j * d + a];
            }
        }
        for (int c = 0; c < k; c++) {
            OrientedStructure.compose(s[d * d + k * d + c], v, s, d * d + c * d, d, cov, c * d * d);
        }
        return cov;
    }

    /** The state of covariances that share an orientation: D from component 1's eigenvectors. */
    static double[] stateOf(double[] cov, int k, int d, boolean volumes) {
        Eigen.Symmetric e = Eigen.symmetric(java.util.Arrays.copyOf(cov, d * d), d);
        double[] s = new double[d * d + k * d + k];
        for (int j = 0; j < d; j++) {
            for (int a = 0; a < d; a++) {
                s[j * d + a] = e.vectors()[a * d + j];
            }
        }
        double total = 0;
        double[] diag = new double[d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                double v = 0;
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        v += s[j * d + a] * cov[c * d * d + a * d + b] * s[j * d + b];
                    }
                }
                diag[j] = v;
            }
            if (!OrientedStructure.positive(diag, 0, d)) {
                return null;
            }
            double g = OrientedStructure.geometricMean(diag, 0, d);
            for (int j = 0; j < d; j++) {
                s[d * d + c * d + j] = diag[j] / g;
            }
            s[d * d + k * d + c] = g;
            total += g;
        }
        if (!volumes) {
            java.util.Arrays.fill(s, d * d + k * d, s.length, total / k);
        }
        return s;
    }
}
