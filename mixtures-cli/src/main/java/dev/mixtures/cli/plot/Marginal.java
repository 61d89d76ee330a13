package dev.mixtures.cli.plot;

import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.MixtureDensity;

/**
 * Densities and responsibilities over a figure's grid. For two columns of 2-D data they come from
 * the model itself (exact: for the Bayesian model, its Student-t predictive density). Otherwise
 * from the projected mixture: the weights with each component's Gaussian pushed through the
 * projection (mean Pμ, covariance PΣPᵀ), which is the exact marginal of a Gaussian mixture on
 * the figure's plane, and for the Bayesian model the Gaussians of its expected covariances.
 */
final class Marginal {
    private Marginal() {
    }

    private static boolean exact(Projection pr) {
        return pr.columns && pr.d == 2;
    }

    static double[] logDensity(MixtureDensity m, Projection pr, Dataset grid, int g, Panel p) {
        if (exact(pr)) {
            return m.scoreSamples(grid);
        }
        double[][] a = terms(m, pr, g, p);
        double[] out = new double[g * g];
        for (int i = 0; i < out.length; i++) {
            out[i] = lse(a[i]);
        }
        return out;
    }

    static double[][] responsibilities(MixtureDensity m, Projection pr, Dataset grid, int g, Panel p) {
        if (exact(pr)) {
            return m.predictProba(grid);
        }
        double[][] a = terms(m, pr, g, p);
        for (double[] row : a) {
            double l = lse(row);
            for (int k = 0; k < row.length; k++) {
                row[k] = Math.exp(row[k] - l);
            }
        }
        return a;
    }

    private static double lse(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) {
            max = Math.max(max, v);
        }
        double s = 0;
        for (double v : a) {
            s += Math.exp(v - max);
        }
        return max + Math.log(s);
    }

    /** ln w_k + ln N(grid point | Pμ_k, PΣ_kPᵀ) for every grid cell and component. */
    private static double[][] terms(MixtureDensity m, Projection pr, int g, Panel p) {
        int k = m.k();
        double[] w = m.weights();
        double[][] means = m.means();
        double[][][] cov = m.covariances();
        double[][] mu = new double[k][];
        double[][] s = new double[k][];
        for (int c = 0; c < k; c++) {
            mu[c] = pr.apply(means[c]);
            s[c] = pr.covariance(cov[c]);
        }
        double[][] out = new double[g * g][k];
        for (int a = 0; a < g; a++) {
            for (int b = 0; b < g; b++) {
                double u = p.x0 + (b + 0.5) * (p.x1 - p.x0) / g;
                double v = p.y0 + (a + 0.5) * (p.y1 - p.y0) / g;
                for (int c = 0; c < k; c++) {
                    double det = s[c][0] * s[c][2] - s[c][1] * s[c][1];
                    double du = u - mu[c][0];
                    double dv = v - mu[c][1];
                    double q = (s[c][2] * du * du - 2 * s[c][1] * du * dv + s[c][0] * dv * dv) / det;
                    out[a * g + b][c] = (w[c] > 0 ? Math.log(w[c]) : Double.NEGATIVE_INFINITY) - Math.log(2 * Math.PI)
                            - 0.5 * Math.log(det) - 0.5 * q;
                }
            }
        }
        return out;
    }
}
