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
    public void logDensities(GaussianParams p, double[] xt, int nb, double[] a, double[] diff) {
        final int d = p.d;
        final int k = p.k;
        final double[] means = p.means;
        final double[] prec = p.prec;
        final boolean full = p.type.hasOffDiagonal();
        for (int b = 0; b < nb; b++) {
            int xo = b * d * LANES;
            for (int c = 0; c < k; c++) {
                int mu = c * d;
                int off = p.precOffset(c);
                for (int l = 0; l < LANES; l++) {
                    double maha;
                    if (full) {
                        for (int i = 0; i < d; i++) {
                            diff[i] = xt[xo + i * LANES + l] - means[mu + i];
                        }
                        maha = 0;
                        for (int j = 0; j < d; j++) {
                            double y = diff[0] * prec[off + j];
                            for (int i = 1; i <= j; i++) {
                                y = Math.fma(diff[i], prec[off + i * d + j], y);
                            }
                            maha = Math.fma(y, y, maha); // from +0: the first is y·y exactly
                        }
                    } else {
                        maha = 0;
                        for (int i = 0; i < d; i++) {
                            double y = Math.fma(xt[xo + i * LANES + l], prec[off + i], p.negMeanPrec[mu + i]);
                            maha = Math.fma(y, y, maha);
                        }
                    }
                    a[(b * k + c) * LANES + l] = p.cst[c] - 0.5 * maha;
                }
            }
        }
    }

    /** v if it is greater than m, else m: the vector kernel's compare-and-blend, lane by lane. */
    private static double max(double v, double m) {
        return v > m ? v : m;
    }

    @Override
    public void normalise(int k, int nb, double[] a, double[] r, double[] ll, double[] inv) {
        for (int b = 0; b < nb; b++) {
            int o = b * k * LANES;
            for (int l = 0; l < LANES; l++) {
                // Four partial maxima and sums, over c ≡ 0, 1, 2, 3 (mod 4) and the last k mod 4 in
                // the first, as the vector kernel keeps them: short dependency chains, not one long one.
                int c4 = k & ~3;
                double m0 = Double.NEGATIVE_INFINITY;
                double m1 = m0;
                double m2 = m0;
                double m3 = m0;
                int c = 0;
                for (; c < c4; c += 4) {
                    m0 = max(a[o + c * LANES + l], m0);
                    m1 = max(a[o + (c + 1) * LANES + l], m1);
                    m2 = max(a[o + (c + 2) * LANES + l], m2);
                    m3 = max(a[o + (c + 3) * LANES + l], m3);
                }
                for (; c < k; c++) {
                    m0 = max(a[o + c * LANES + l], m0);
                }
                double m = max(max(m3, m2), max(m1, m0));
                for (c = 0; c < k; c++) {
                    r[o + c * LANES + l] = LaneMath.expNonPositive(a[o + c * LANES + l] - m);
                }
                // From +0: e ≥ 0, so the first sum of each partial is e itself.
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (c = 0; c < c4; c += 4) {
                    s0 = s0 + r[o + c * LANES + l];
                    s1 = s1 + r[o + (c + 1) * LANES + l];
                    s2 = s2 + r[o + (c + 2) * LANES + l];
                    s3 = s3 + r[o + (c + 3) * LANES + l];
                }
                for (; c < k; c++) {
                    s0 = s0 + r[o + c * LANES + l];
                }
                double s = (s0 + s1) + (s2 + s3);
                ll[b * LANES + l] = m + LaneMath.logAtLeastOne(s);
                inv[b * LANES + l] = 1.0 / s;
            }
        }
    }

    @Override
    public void accumulate(int k, int d, boolean offDiagonal, double[] shift, double[] xt, double[] w, double[] r,
            int nb, double[] pn, double[] ps, double[] pss, double[] work) {
        int sLen = offDiagonal ? d * (d + 1) / 2 : d;
        int tOff = GROUP * d * LANES; // work: diff [b][i][l], then t [b][i][l], then rw [b][l]
        int rwOff = 2 * tOff;
        for (int c = 0; c < k; c++) {
            for (int b = 0; b < nb; b++) {
                for (int l = 0; l < LANES; l++) {
                    double rw = r[(b * k + c) * LANES + l] * w[b * LANES + l];
                    work[rwOff + b * LANES + l] = rw;
                    for (int i = 0; i < d; i++) {
                        int at = (b * d + i) * LANES + l;
                        double diff = xt[at] - shift[c * d + i];
                        work[at] = diff;
                        work[tOff + at] = rw * diff;
                    }
                }
            }
            for (int l = 0; l < LANES; l++) {
                double acc = 0;
                for (int b = 0; b < nb; b++) {
                    acc = acc + work[rwOff + b * LANES + l];
                }
                pn[c * LANES + l] += acc;
                for (int i = 0; i < d; i++) {
                    acc = 0;
                    for (int b = 0; b < nb; b++) {
                        acc = acc + work[tOff + (b * d + i) * LANES + l];
                    }
                    ps[(c * d + i) * LANES + l] += acc;
                }
                int q = c * sLen;
                for (int i = 0; i < d; i++) {
                    for (int j = offDiagonal ? 0 : i; j <= i; j++, q++) {
                        acc = 0;
                        for (int b = 0; b < nb; b++) {
                            acc = Math.fma(work[tOff + (b * d + i) * LANES + l], work[(b * d + j) * LANES + l], acc);
                        }
                        pss[q * LANES + l] += acc;
                    }
                }
            }
        }
    }
}
