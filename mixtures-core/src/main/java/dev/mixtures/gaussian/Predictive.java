package dev.mixtures.gaussian;

import dev.mixtures.data.Dataset;
import dev.mixtures.linalg.Special;
import java.util.SplittableRandom;

/**
 * The predictive mixture of Student-t (10.81–10.82), per precision block: dof = v + 1 − D_b and
 * precision dof·β/(1 + β)·W_b (MATH.md §4.7); diag is a product of one-dimensional t's.
 */
final class Predictive {
    final VariationalParams p;
    final double[] weights;
    final double[] logWeights;
    /** Per component: dof of its t (per coordinate for diag). */
    final double[] dof;
    /** Per component: the factor f with Δ² = f·‖Pᵀ(x − m)‖², P the E-step's precision factor. */
    final double[] f;
    /** Per component: the t's log-normaliser (all but the ln(1 + Δ²/dof) term). */
    final double[] norm;
    /** Per component: the lower Cholesky factor of the t's scale matrix (full, tied). */
    final double[][] scaleChol;

    Predictive(VariationalParams p) {
        this.p = p;
        int k = p.k;
        int d = p.d;
        weights = p.expectedWeights();
        logWeights = new double[k];
        dof = new double[k];
        f = new double[k];
        norm = new double[k];
        scaleChol = new double[k][];
        for (int c = 0; c < k; c++) {
            logWeights[c] = Math.log(weights[c]);
            double v = p.blockDof(p.nu[c]);
            int dim = p.blockDim();
            double t = v + 1 - dim;
            dof[c] = t;
            double shrink = p.beta[c] / (1 + p.beta[c]);
            // E-step factor P gives ‖Pᵀy‖² = yᵀ E[Λ] y = yᵀ (v W) y per block.
            f[c] = t * shrink / v;
            Structure st = p.prior.structure;
            // The t factors: blocks(d) per component, each over blockDim·replicas coordinates.
            int dt = st.blockDim(d) * st.replicas(d);
            int parts = st.blocks(d);
            // ln |L| = ln |f · E[Λ]| over all coordinates = d ln f + 2 ln |P|.
            double lnDetL = d * Math.log(f[c]) + 2 * p.estep.logDet[c];
            norm[c] = parts * (Special.lnGamma(0.5 * (t + dt)) - Special.lnGamma(0.5 * t) - 0.5 * dt * Math.log(Math.PI * t))
                    + 0.5 * lnDetL;
            scaleChol[c] = st.studentCholesky(p.winv, c, d, p.beta[c], t);
        }
    }

    /**
     * The algebra of rows with missing cells for the structures with correlations (per thread: it
     * holds working space), or null for the others, which need none.
     */
    MissingRows missingRows() {
        return p.prior.structure instanceof WishartStructure ? new MissingRows(p.estep, GaussianKernels.best(), null) : null;
    }

    /** ln p(x) of row {@code row}; {@code missing} from {@link #missingRows} when z has missing cells. */
    double logDensity(Dataset z, int row, double[] a, double[] y, MissingRows missing) {
        if (!z.isComplete(row)) {
            return observedLogDensity(z.row(row), a, y, missing);
        }
        int k = p.k;
        int d = p.d;
        GaussianParams e = p.estep;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                y[i] = z.get(row, i) - p.means[c * d + i];
            }
            int po = e.precOffset(c);
            double t = dof[c];
            double lt = p.prior.structure.studentLogKernel(e.prec, e.precOffset(c), y, d, f[c], t);
            a[c] = logWeights[c] + norm[c] + lt;
            max = Math.max(max, a[c]);
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += Math.exp(a[c] - max);
        }
        return max + Math.log(s);
    }

    /**
     * The predictive density of the observed cells of {@code x} (NaN: missing), the marginal of each
     * component's t (MATH.md §4.7, §2.10): the same dof; for the Wishart structures an |O|-variate t
     * whose precision is the Schur complement L_OO − L_OM L_MM⁻¹ L_MO (its quadratic form is that of
     * the row completed by the conditional means under E[Λ], as in the E-step, and ln |L_marg| =
     * ln |L| − |M| ln f − ln |E[Λ]_MM|); for diag the t's of the observed coordinates; for
     * spherical the |O|-variate isotropic t.
     */
    private double observedLogDensity(double[] x, double[] a, double[] y, MissingRows mr) {
        int k = p.k;
        int d = p.d;
        GaussianParams e = p.estep;
        Structure st = p.prior.structure;
        int[] mis = new int[d];
        int nm = 0;
        for (int j = 0; j < d; j++) {
            if (Double.isNaN(x[j])) {
                mis[nm++] = j;
            }
        }
        int no = d - nm;
        if (no == 0) {
            return 0; // nothing observed: the density of no data
        }
        double[] entry = mr != null && nm >= 2 ? mr.pattern(mis, 0, nm).values : null;
        double[] fill = new double[nm];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double t = dof[c];
            int po = e.precOffset(c);
            double lnDetL;
            double q = 0;
            double lt;
            double nrm;
            if (mr != null) {
                double adj = mr.complete(x, 0, mis, 0, nm, c, entry, fill, 0);
                double lnDetA = nm * GaussianParams.LN_2PI - 2 * adj;
                for (int i = 0; i < d; i++) {
                    y[i] = Double.isNaN(x[i]) ? 0 : x[i] - p.means[c * d + i];
                }
                for (int u = 0; u < nm; u++) {
                    y[mis[u]] = fill[u] - p.means[c * d + mis[u]];
                }
                for (int m = 0; m < d; m++) {
                    double s = 0;
                    for (int i = 0; i <= m; i++) {
                        s += e.prec[po + i * d + m] * y[i];
                    }
                    q += s * s;
                }
                lnDetL = d * Math.log(f[c]) + 2 * e.logDet[c] - nm * Math.log(f[c]) - lnDetA;
                nrm = Special.lnGamma(0.5 * (t + no)) - Special.lnGamma(0.5 * t) - 0.5 * no * Math.log(Math.PI * t);
                lt = -0.5 * (t + no) * Math.log1p(f[c] * q / t);
            } else {
                lnDetL = 0;
                lt = 0;
                for (int i = 0; i < d; i++) {
                    if (!Double.isNaN(x[i])) {
                        double sc = e.prec[po + i];
                        lnDetL += Math.log(f[c]) + 2 * Math.log(sc);
                        double s = sc * (x[i] - p.means[c * d + i]);
                        if (st instanceof DiagStructure) {
                            lt -= 0.5 * (t + 1) * Math.log1p(f[c] * s * s / t);
                        } else {
                            q += s * s;
                        }
                    }
                }
                if (st instanceof DiagStructure) {
                    nrm = no * (Special.lnGamma(0.5 * (t + 1)) - Special.lnGamma(0.5 * t) - 0.5 * Math.log(Math.PI * t));
                } else {
                    nrm = Special.lnGamma(0.5 * (t + no)) - Special.lnGamma(0.5 * t) - 0.5 * no * Math.log(Math.PI * t);
                    lt = -0.5 * (t + no) * Math.log1p(f[c] * q / t);
                }
            }
            a[c] = logWeights[c] + nrm + 0.5 * lnDetL + lt;
            max = Math.max(max, a[c]);
        }
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += Math.exp(a[c] - max);
        }
        return max + Math.log(s);
    }

    double[] draw(int c, SplittableRandom rnd, double[] e) {
        int d = p.d;
        double[] x = new double[d];
        double t = dof[c];
        for (int i = 0; i < d; i++) {
            e[i] = rnd.nextGaussian();
        }
        p.prior.structure.studentDraw(p.means, c * d, e, t, f[c], p.estep.prec, p.estep.precOffset(c), scaleChol[c],
                rnd, x);
        return x;
    }
}
