package dev.mixtures.gaussian;

import dev.mixtures.linalg.LaneMath;

/** The plain Java {@link GaussianKernel}: the reference, and the path taken without the Vector API. */
final class ScalarGaussianKernel implements GaussianKernel {
    static final ScalarGaussianKernel INSTANCE = new ScalarGaussianKernel();

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void logDensities(GaussianParams p, double[] xt, double[] a, double[] diff) {
        final int d = p.d;
        final double[] means = p.means;
        final double[] prec = p.prec;
        final boolean full = p.type.hasOffDiagonal();
        for (int c = 0; c < p.k; c++) {
            int mu = c * d;
            int off = p.precOffset(c);
            for (int l = 0; l < LANES; l++) {
                double maha;
                if (full) {
                    for (int i = 0; i < d; i++) {
                        diff[i] = xt[i * LANES + l] - means[mu + i];
                    }
                    maha = 0;
                    for (int j = 0; j < d; j++) {
                        double y = diff[0] * prec[off + j];
                        for (int i = 1; i <= j; i++) {
                            y = Math.fma(diff[i], prec[off + i * d + j], y);
                        }
                        maha = j == 0 ? y * y : Math.fma(y, y, maha);
                    }
                } else {
                    maha = 0;
                    for (int i = 0; i < d; i++) {
                        double y = (xt[i * LANES + l] - means[mu + i]) * prec[off + i];
                        maha = i == 0 ? y * y : Math.fma(y, y, maha);
                    }
                }
                a[c * LANES + l] = p.cst[c] - 0.5 * maha;
            }
        }
    }

    @Override
    public void normalise(int k, double[] a, double[] r, double[] ll) {
        for (int l = 0; l < LANES; l++) {
            double m = a[l];
            for (int c = 1; c < k; c++) {
                double v = a[c * LANES + l];
                m = v > m ? v : m;
            }
            double s = 0;
            for (int c = 0; c < k; c++) {
                double e = LaneMath.expNonPositive(a[c * LANES + l] - m);
                r[c * LANES + l] = e;
                s = c == 0 ? e : s + e;
            }
            ll[l] = m + Math.log(s);
            double inv = 1.0 / s;
            for (int c = 0; c < k; c++) {
                r[c * LANES + l] = r[c * LANES + l] * inv;
            }
        }
    }

    @Override
    public void accumulate(int k, int d, boolean offDiagonal, double[] shift, double[] xt, double[] w, double[] r,
            double[] pn, double[] ps, double[] pss, double[] work) {
        int sLen = offDiagonal ? d * (d + 1) / 2 : d;
        double[] diff = work;
        for (int c = 0; c < k; c++) {
            for (int l = 0; l < LANES; l++) {
                double rw = r[c * LANES + l] * w[l];
                pn[c * LANES + l] += rw;
                for (int i = 0; i < d; i++) {
                    diff[i] = xt[i * LANES + l] - shift[c * d + i];
                    work[d + i] = rw * diff[i];
                    ps[(c * d + i) * LANES + l] += work[d + i];
                }
                int base = c * sLen;
                if (offDiagonal) {
                    int q = 0;
                    for (int i = 0; i < d; i++) {
                        for (int j = 0; j <= i; j++, q++) {
                            int at = (base + q) * LANES + l;
                            pss[at] = Math.fma(work[d + i], diff[j], pss[at]);
                        }
                    }
                } else {
                    for (int i = 0; i < d; i++) {
                        int at = (base + i) * LANES + l;
                        pss[at] = Math.fma(work[d + i], diff[i], pss[at]);
                    }
                }
            }
        }
    }
}
