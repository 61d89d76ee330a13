package dev.mixtures.cli.plot;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Moments;
import dev.mixtures.io.InputException;
import java.util.List;
import java.util.Locale;

/**
 * How d-dimensional data meet a 2-D figure: two of its columns (by default the first two when
 * d = 2), or its first two principal components when d &gt; 2 and no columns are named. The map is
 * linear, x ↦ P(x − o), so a Gaussian maps to a Gaussian: mean P(μ − o), covariance PΣPᵀ.
 */
final class Projection {
    final int d;
    /** Two rows of d. */
    final double[][] p;
    final double[] origin;
    final String xName;
    final String yName;
    /** Whether it is two of the columns (then densities of d = 2 data are exact on the grid). */
    final boolean columns;

    private Projection(int d, double[][] p, double[] origin, String xName, String yName, boolean columns) {
        this.d = d;
        this.p = p;
        this.origin = origin;
        this.xName = xName;
        this.yName = yName;
        this.columns = columns;
    }

    /**
     * The projection for {@code data}: columns {@code x} and {@code y} (names or 1-based numbers;
     * both or neither), else the only two columns, else the first two principal components.
     */
    static Projection of(Dataset data, String x, String y) {
        return of(data, x, y, false);
    }

    /**
     * As {@link #of(Dataset, String, String)}; with {@code rescaled}, columns are shown standardised
     * (zero mean, unit population SD: the lecture's "re-scaled" units), still a linear map.
     */
    static Projection of(Dataset data, String x, String y, boolean rescaled) {
        Projection p = plain(data, x, y);
        if (!rescaled || !p.columns) {
            return p;
        }
        double[] mean = Moments.mean(data);
        double[] cov = Moments.covariance(data, mean, 0);
        double[][] q = new double[2][p.d];
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < p.d; i++) {
                q[r][i] = p.p[r][i] == 0 ? 0 : 1 / Math.sqrt(cov[i * p.d + i]);
            }
        }
        return new Projection(p.d, q, mean, p.xName + " (re-scaled)", p.yName + " (re-scaled)", true);
    }

    private static Projection plain(Dataset data, String x, String y) {
        int d = data.d();
        List<String> names = data.columnNames();
        if ((x == null) != (y == null)) {
            throw new InputException("--x and --y: give both columns or neither");
        }
        if (d == 1) {
            throw new InputException("figures need at least two columns; the data have one");
        }
        if (x != null || d == 2) {
            int i = x == null ? 0 : column(x, names, "--x");
            int j = y == null ? 1 : column(y, names, "--y");
            double[][] p = new double[2][d];
            p[0][i] = 1;
            p[1][j] = 1;
            return new Projection(d, p, new double[d], names.get(i), names.get(j), true);
        }
        double[] mean = Moments.mean(data);
        double[] cov = Moments.covariance(data, mean, 0);
        double[][] vec = new double[d][d];
        double[] val = jacobi(cov, d, vec);
        int a = 0;
        int b = 1;
        for (int i = 0; i < d; i++) {
            if (val[i] > val[a]) {
                a = i;
            }
        }
        b = a == 0 ? 1 : 0;
        for (int i = 0; i < d; i++) {
            if (i != a && val[i] > val[b]) {
                b = i;
            }
        }
        double total = 0;
        for (double v : val) {
            total += Math.max(0, v);
        }
        double[][] p = new double[2][d];
        for (int i = 0; i < d; i++) {
            p[0][i] = vec[i][a];
            p[1][i] = vec[i][b];
        }
        return new Projection(d, p, mean, String.format(Locale.ROOT, "PC1 (%.0f%% of the variance)", 100 * val[a] / total),
                String.format(Locale.ROOT, "PC2 (%.0f%% of the variance)", 100 * val[b] / total), false);
    }

    private static int column(String s, List<String> names, String option) {
        int i = names.indexOf(s.trim());
        if (i >= 0) {
            return i;
        }
        try {
            int j = Integer.parseInt(s.trim());
            if (j >= 1 && j <= names.size()) {
                return j - 1;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        throw new InputException(option + ": no column '" + s + "' (columns: " + String.join(", ", names) + ")");
    }

    /** Eigenvalues of a symmetric d×d matrix by cyclic Jacobi rotations; eigenvectors in the columns of {@code v}. */
    static double[] jacobi(double[] m, int d, double[][] v) {
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                a[i][j] = m[i * d + j];
            }
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int i = 0; i < d; i++) {
                for (int j = i + 1; j < d; j++) {
                    off += a[i][j] * a[i][j];
                }
            }
            if (off < 1e-30) {
                break;
            }
            for (int pp = 0; pp < d; pp++) {
                for (int q = pp + 1; q < d; q++) {
                    if (a[pp][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[pp][pp]) / (2 * a[pp][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double cs = 1 / Math.sqrt(t * t + 1);
                    double sn = t * cs;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][pp];
                        double akq = a[k][q];
                        a[k][pp] = cs * akp - sn * akq;
                        a[k][q] = sn * akp + cs * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[pp][k];
                        double aqk = a[q][k];
                        a[pp][k] = cs * apk - sn * aqk;
                        a[q][k] = sn * apk + cs * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][pp];
                        double vkq = v[k][q];
                        v[k][pp] = cs * vkp - sn * vkq;
                        v[k][q] = sn * vkp + cs * vkq;
                    }
                }
            }
        }
        double[] val = new double[d];
        for (int i = 0; i < d; i++) {
            val[i] = a[i][i];
        }
        return val;
    }

    /** (u, v) of a point in original units. */
    double[] apply(double[] x) {
        double u = 0;
        double w = 0;
        for (int i = 0; i < d; i++) {
            u += p[0][i] * (x[i] - origin[i]);
            w += p[1][i] * (x[i] - origin[i]);
        }
        return new double[] {u, w};
    }

    /** PΣPᵀ as {s_uu, s_uv, s_vv}. */
    double[] covariance(double[][] s) {
        double[] r = new double[3];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                r[0] += p[0][i] * s[i][j] * p[0][j];
                r[1] += p[0][i] * s[i][j] * p[1][j];
                r[2] += p[1][i] * s[i][j] * p[1][j];
            }
        }
        return r;
    }

    /** A point of the figure's plane back in d dimensions (exact for two columns; on the plane through the mean for components). */
    double[] lift(double u, double w, double[] base) {
        double[] x = base.clone();
        if (columns) {
            for (int i = 0; i < d; i++) {
                if (p[0][i] != 0) {
                    x[i] = origin[i] + u / p[0][i];
                }
                if (p[1][i] != 0) {
                    x[i] = origin[i] + w / p[1][i];
                }
            }
            return x;
        }
        for (int i = 0; i < d; i++) {
            x[i] = origin[i] + u * p[0][i] + w * p[1][i];
        }
        return x;
    }
}
