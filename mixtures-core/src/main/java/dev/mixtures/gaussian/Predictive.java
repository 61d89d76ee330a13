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

    double logDensity(Dataset z, int row, double[] a, double[] y) {
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
