package dev.mixtures.gaussian;

import dev.mixtures.linalg.LaneMath;

/**
 * The plain Java {@link GaussianKernel}: the reference, the path taken without the Vector API,
 * and the one small problems take (GaussianKernels). Every operation is written as a loop over
 * the {@link #LANES} rows of a block, innermost: the lanes are independent, so their dependency
 * chains (the exponential's polynomial above all) overlap instead of running one after another,
 * and C2 may turn each loop into one vector operation. Each lane sees the operations of
 * {@link VectorGaussianKernel} in the same order, so the bits are the same.
 */
final class ScalarGaussianKernel implements GaussianKernel {
    static final ScalarGaussianKernel INSTANCE = new ScalarGaussianKernel();

    private static final double[] C = LaneMath.EXP_COEF;
    private static final double[] LC = LaneMath.LOG_COEF;
    private static final long SHIFT_BITS = Double.doubleToRawLongBits(LaneMath.SHIFT);

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void logDensities(GaussianParams p, double[] xt, int nb, double[] a, double[] work) {
        if (p.type.hasOffDiagonal()) {
            for (int b = 0; b < nb; b++) {
                for (int c = 0; c < p.k; c++) {
                    full(xt, b * p.d * LANES, p.means, c * p.d, p.prec, p.precOffset(c), p.d, p.cst[c], work, a,
                            (b * p.k + c) * LANES);
                }
            }
        } else {
            for (int b = 0; b < nb; b++) {
                for (int c = 0; c < p.k; c++) {
                    diagonal(xt, b * p.d * LANES, p.negMeanPrec, c * p.d, p.prec, p.precOffset(c), p.d, p.cst[c], work,
                            a, (b * p.k + c) * LANES);
                }
            }
        }
    }

    @Override
    public void logDensity(GaussianParams p, int c, double[] xt, int nb, double[] a, double[] work) {
        for (int b = 0; b < nb; b++) {
            if (p.type.hasOffDiagonal()) {
                full(xt, b * p.d * LANES, p.means, c * p.d, p.prec, p.precOffset(c), p.d, p.cst[c], work, a, b * LANES);
            } else {
                diagonal(xt, b * p.d * LANES, p.negMeanPrec, c * p.d, p.prec, p.precOffset(c), p.d, p.cst[c], work, a,
                        b * LANES);
            }
        }
    }

    /** One component, one block: cst − ½ ‖(x − μ)ᵀP‖², y_j summed over i ascending, squares over j ascending. */
    private static void full(double[] xt, int xo, double[] means, int mu, double[] prec, int off, int d, double cst,
            double[] work, double[] a, int at) {
        final int y = LANES; // work: the running ‖·‖² at 0, y_j at LANES
        for (int l = 0; l < LANES; l++) {
            work[l] = 0; // from +0: the first term is y·y exactly
        }
        for (int j = 0; j < d; j++) {
            double m0 = means[mu];
            double q0 = prec[off + j];
            for (int l = 0; l < LANES; l++) {
                work[y + l] = (xt[xo + l] - m0) * q0;
            }
            for (int i = 1; i <= j; i++) {
                double mi = means[mu + i];
                double q = prec[off + i * d + j];
                int xi = xo + i * LANES;
                for (int l = 0; l < LANES; l++) {
                    work[y + l] = Math.fma(xt[xi + l] - mi, q, work[y + l]);
                }
            }
            for (int l = 0; l < LANES; l++) {
                work[l] = Math.fma(work[y + l], work[y + l], work[l]);
            }
        }
        for (int l = 0; l < LANES; l++) {
            a[at + l] = cst - work[l] * 0.5;
        }
    }

    /** One component, one block: y_i = x_i·P_i + (−μ_i·P_i) in one FMA, then ‖y‖². */
    private static void diagonal(double[] xt, int xo, double[] nmp, int mu, double[] prec, int off, int d, double cst,
            double[] work, double[] a, int at) {
        for (int l = 0; l < LANES; l++) {
            work[l] = 0;
        }
        for (int i = 0; i < d; i++) {
            double q = prec[off + i];
            double nm = nmp[mu + i];
            int xi = xo + i * LANES;
            for (int l = 0; l < LANES; l++) {
                double v = Math.fma(xt[xi + l], q, nm);
                work[l] = Math.fma(v, v, work[l]);
            }
        }
        for (int l = 0; l < LANES; l++) {
            a[at + l] = cst - work[l] * 0.5;
        }
    }

    /** v if it is greater than m, else m: the vector kernel's compare-and-blend, lane by lane. */
    private static double max(double v, double m) {
        return v > m ? v : m;
    }

    @Override
    public void normalise(int k, int nb, double[] a, double[] r, double[] ll, double[] inv) {
        // Four partial maxima, then sums, then the logarithm's working lanes.
        double[] w = new double[4 * LANES];
        for (int b = 0; b < nb; b++) {
            normalise(k, a, r, ll, inv, b * k * LANES, b * LANES, w);
        }
    }

    /** One block: its k values at {@code o} (layout of a), its row values at {@code mo}. */
    private static void normalise(int k, double[] a, double[] r, double[] ll, double[] inv, int o, int mo, double[] w) {
        final int m1 = LANES;
        final int m2 = 2 * LANES;
        final int m3 = 3 * LANES;
        int c4 = k & ~3;
        // Four partial maxima and sums, over c ≡ 0, 1, 2, 3 (mod 4) and the last k mod 4 in
        // the first, as the vector kernel keeps them: short dependency chains, not one long one.
        java.util.Arrays.fill(w, 0, 4 * LANES, Double.NEGATIVE_INFINITY);
        int c = 0;
        for (; c < c4; c += 4) {
            int at = o + c * LANES;
            for (int l = 0; l < LANES; l++) {
                w[l] = max(a[at + l], w[l]);
                w[m1 + l] = max(a[at + LANES + l], w[m1 + l]);
                w[m2 + l] = max(a[at + 2 * LANES + l], w[m2 + l]);
                w[m3 + l] = max(a[at + 3 * LANES + l], w[m3 + l]);
            }
        }
        for (; c < k; c++) {
            int at = o + c * LANES;
            for (int l = 0; l < LANES; l++) {
                w[l] = max(a[at + l], w[l]);
            }
        }
        for (int l = 0; l < LANES; l++) {
            ll[mo + l] = max(max(w[m3 + l], w[m2 + l]), max(w[m1 + l], w[l]));
        }
        for (c = 0; c < k; c++) {
            exp(a, o + c * LANES, ll, mo, r);
        }
        // From +0: e ≥ 0, so the first sum of each partial is e itself.
        java.util.Arrays.fill(w, 0, 4 * LANES, 0.0);
        for (c = 0; c < c4; c += 4) {
            int at = o + c * LANES;
            for (int l = 0; l < LANES; l++) {
                w[l] = w[l] + r[at + l];
                w[m1 + l] = w[m1 + l] + r[at + LANES + l];
                w[m2 + l] = w[m2 + l] + r[at + 2 * LANES + l];
                w[m3 + l] = w[m3 + l] + r[at + 3 * LANES + l];
            }
        }
        for (; c < k; c++) {
            int at = o + c * LANES;
            for (int l = 0; l < LANES; l++) {
                w[l] = w[l] + r[at + l];
            }
        }
        for (int l = 0; l < LANES; l++) {
            inv[mo + l] = (w[l] + w[m1 + l]) + (w[m2 + l] + w[m3 + l]);
        }
        lnAndInverse(ll, inv, mo, w);
    }

    /**
     * r[at + l] = e^(a[at + l] − mx[mo + l]) for the block's eight lanes, LaneMath.expNonPositive's
     * steps on all of them at once, in locals: eight independent chains keep both FMA units busy,
     * where one exponential alone waits on the latency of each of its steps.
     */
    private static void exp(double[] a, int at, double[] mx, int mo, double[] r) {
        double x0 = a[at] - mx[mo];
        double x1 = a[at + 1] - mx[mo + 1];
        double x2 = a[at + 2] - mx[mo + 2];
        double x3 = a[at + 3] - mx[mo + 3];
        double x4 = a[at + 4] - mx[mo + 4];
        double x5 = a[at + 5] - mx[mo + 5];
        double x6 = a[at + 6] - mx[mo + 6];
        double x7 = a[at + 7] - mx[mo + 7];
        double t0 = x0 * LaneMath.LOG2E + LaneMath.SHIFT;
        double t1 = x1 * LaneMath.LOG2E + LaneMath.SHIFT;
        double t2 = x2 * LaneMath.LOG2E + LaneMath.SHIFT;
        double t3 = x3 * LaneMath.LOG2E + LaneMath.SHIFT;
        double t4 = x4 * LaneMath.LOG2E + LaneMath.SHIFT;
        double t5 = x5 * LaneMath.LOG2E + LaneMath.SHIFT;
        double t6 = x6 * LaneMath.LOG2E + LaneMath.SHIFT;
        double t7 = x7 * LaneMath.LOG2E + LaneMath.SHIFT;
        double r0 = reduce(x0, t0 - LaneMath.SHIFT);
        double r1 = reduce(x1, t1 - LaneMath.SHIFT);
        double r2 = reduce(x2, t2 - LaneMath.SHIFT);
        double r3 = reduce(x3, t3 - LaneMath.SHIFT);
        double r4 = reduce(x4, t4 - LaneMath.SHIFT);
        double r5 = reduce(x5, t5 - LaneMath.SHIFT);
        double r6 = reduce(x6, t6 - LaneMath.SHIFT);
        double r7 = reduce(x7, t7 - LaneMath.SHIFT);
        double p0 = C[13];
        double p1 = p0;
        double p2 = p0;
        double p3 = p0;
        double p4 = p0;
        double p5 = p0;
        double p6 = p0;
        double p7 = p0;
        for (int i = 12; i >= 0; i--) {
            double ci = C[i];
            p0 = Math.fma(p0, r0, ci);
            p1 = Math.fma(p1, r1, ci);
            p2 = Math.fma(p2, r2, ci);
            p3 = Math.fma(p3, r3, ci);
            p4 = Math.fma(p4, r4, ci);
            p5 = Math.fma(p5, r5, ci);
            p6 = Math.fma(p6, r6, ci);
            p7 = Math.fma(p7, r7, ci);
        }
        r[at] = x0 < LaneMath.EXP_LOWER ? 0.0 : p0 * scale(t0);
        r[at + 1] = x1 < LaneMath.EXP_LOWER ? 0.0 : p1 * scale(t1);
        r[at + 2] = x2 < LaneMath.EXP_LOWER ? 0.0 : p2 * scale(t2);
        r[at + 3] = x3 < LaneMath.EXP_LOWER ? 0.0 : p3 * scale(t3);
        r[at + 4] = x4 < LaneMath.EXP_LOWER ? 0.0 : p4 * scale(t4);
        r[at + 5] = x5 < LaneMath.EXP_LOWER ? 0.0 : p5 * scale(t5);
        r[at + 6] = x6 < LaneMath.EXP_LOWER ? 0.0 : p6 * scale(t6);
        r[at + 7] = x7 < LaneMath.EXP_LOWER ? 0.0 : p7 * scale(t7);
    }

    /** x − n·ln 2 in two steps (ln 2's high part times n is exact). */
    private static double reduce(double x, double n) {
        return Math.fma(n, -LaneMath.LN2_LO, Math.fma(n, -LaneMath.LN2_HI, x));
    }

    /** 2^n from t = n + 1.5·2⁵² (n in its low mantissa bits). */
    private static double scale(double t) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(t) - SHIFT_BITS + 1023) << 52);
    }

    /**
     * ll = m + ln s and inv = 1 / s for the block's lanes, given m in ll and s (≥ 1) in inv:
     * LaneMath.logAtLeastOne's steps on all lanes at once; w[0..3·LANES) is working space.
     */
    private static void lnAndInverse(double[] ll, double[] inv, int at, double[] w) {
        final int es = 0;
        final int fs = LANES;
        final int ps = 2 * LANES;
        for (int l = 0; l < LANES; l++) {
            long bits = Double.doubleToRawLongBits(inv[at + l]);
            double eb = Double.longBitsToDouble(((bits & LaneMath.EXP_MASK) >>> 52) | SHIFT_BITS) - LaneMath.SHIFT;
            double m = Double.longBitsToDouble((bits & LaneMath.MANT_MASK) | LaneMath.ONE_BITS);
            boolean big = m > LaneMath.SQRT2;
            m = big ? m * 0.5 : m;
            w[es + l] = big ? eb - 1022 : eb - 1023;
            w[fs + l] = (m - 1) / (m + 1);
            w[ps + l] = LC[10];
        }
        for (int i = 9; i >= 0; i--) {
            double ci = LC[i];
            for (int l = 0; l < LANES; l++) {
                double f = w[fs + l];
                w[ps + l] = Math.fma(w[ps + l], f * f, ci);
            }
        }
        for (int l = 0; l < LANES; l++) {
            double e = w[es + l];
            double lnm = w[fs + l] * w[ps + l];
            ll[at + l] = ll[at + l] + Math.fma(e, LaneMath.LN2_HI, Math.fma(e, LaneMath.LN2_LO, lnm));
            inv[at + l] = 1.0 / inv[at + l];
        }
    }

    @Override
    public void accumulate(int from, int to, int k, int d, boolean offDiagonal, double[] shift, double[] xt, double[] w,
            double[] r, int nb, double[] pn, double[] ps, double[] pss, double[] work) {
        int sLen = offDiagonal ? d * (d + 1) / 2 : d;
        // work: diff [b][i][l] from 0, w·r [b][l] at rwOff (the vector kernel's layout); t = w·r·diff
        // is formed where it is used, as the vector kernel does.
        int rwOff = 2 * GROUP * d * LANES;
        for (int c = from; c < to; c++) {
            for (int b = 0; b < nb; b++) {
                int ro = (b * k + c) * LANES;
                int wo = b * LANES;
                for (int l = 0; l < LANES; l++) {
                    work[rwOff + wo + l] = r[ro + l] * w[wo + l];
                }
                for (int i = 0; i < d; i++) {
                    int at = (b * d + i) * LANES;
                    double m = shift[c * d + i];
                    for (int l = 0; l < LANES; l++) {
                        work[at + l] = xt[at + l] - m;
                    }
                }
            }
            for (int h = 0; h < LANES; h += 4) {
                sum(work, rwOff + h, -1, -1, nb, d, pn, c * LANES + h);
                for (int i = 0; i < d; i++) {
                    sum(work, rwOff + h, i * LANES + h, -1, nb, d, ps, (c * d + i) * LANES + h);
                }
                int q = c * sLen;
                for (int i = 0; i < d; i++) {
                    for (int j = offDiagonal ? 0 : i; j <= i; j++, q++) {
                        sum(work, rwOff + h, i * LANES + h, j * LANES + h, nb, d, pss, q * LANES + h);
                    }
                }
            }
        }
    }

    /**
     * Four lanes of one statistic summed over the blocks from zero, then added to {@code to[at..at+3]}:
     * Σ w·r when {@code di} &lt; 0, Σ w·r·diff_i when {@code dj} &lt; 0, else Σ (w·r·diff_i)·diff_j by
     * fused multiply-adds. {@code rw}, {@code di}, {@code dj}: offsets of block 0's lanes in work.
     */
    private static void sum(double[] work, int rw, int di, int dj, int nb, int d, double[] to, int at) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int step = d * LANES;
        if (di < 0) {
            for (int b = 0; b < nb; b++, rw += LANES) {
                s0 = s0 + work[rw];
                s1 = s1 + work[rw + 1];
                s2 = s2 + work[rw + 2];
                s3 = s3 + work[rw + 3];
            }
        } else if (dj < 0) {
            for (int b = 0; b < nb; b++, rw += LANES, di += step) {
                s0 = s0 + work[rw] * work[di];
                s1 = s1 + work[rw + 1] * work[di + 1];
                s2 = s2 + work[rw + 2] * work[di + 2];
                s3 = s3 + work[rw + 3] * work[di + 3];
            }
        } else {
            for (int b = 0; b < nb; b++, rw += LANES, di += step, dj += step) {
                s0 = Math.fma(work[rw] * work[di], work[dj], s0);
                s1 = Math.fma(work[rw + 1] * work[di + 1], work[dj + 1], s1);
                s2 = Math.fma(work[rw + 2] * work[di + 2], work[dj + 2], s2);
                s3 = Math.fma(work[rw + 3] * work[di + 3], work[dj + 3], s3);
            }
        }
        to[at] += s0;
        to[at + 1] += s1;
        to[at + 2] += s2;
        to[at + 3] += s3;
    }

    @Override
    public void addRowProducts(double[] y, double[] a, int[] rows, int rowsAt, int nr, double[] x, int at, double[] fill,
            int d, int k) {
        rowProducts(y, a, rows, rowsAt, nr, x, at, fill, d, k, 0);
    }

    /** {@link #addRowProducts} for components c ≥ {@code from} (the vector kernel's last ones too). */
    static void rowProducts(double[] y, double[] a, int[] rows, int rowsAt, int nr, double[] x, int at, double[] fill,
            int d, int k, int from) {
        for (int u = 0; u < nr; u++) {
            int ao = rows[rowsAt + u] * d * k;
            for (int c = from; c < k; c++) {
                double s = y[u * k + c];
                for (int j = 0; j < d; j++) {
                    double xj = x[at + j];
                    s = s + a[ao + j * k + c] * (xj == xj ? xj : 0.0);
                }
                for (int v = 0; v < nr; v++) {
                    int j = rows[rowsAt + v];
                    s = s + a[ao + j * k + c] * fill[j * k + c];
                }
                y[u * k + c] = s;
            }
        }
    }

    @Override
    public void addBlockProducts(double[] y, double[] e, int eo, double[] b, int n, int k) {
        blockProducts(y, e, eo, b, n, k, 0);
    }

    /** {@link #addBlockProducts} for components c ≥ {@code from}. */
    static void blockProducts(double[] y, double[] e, int eo, double[] b, int n, int k, int from) {
        for (int u = 0; u < n; u++) {
            for (int c = from; c < k; c++) {
                double s = y[u * k + c];
                for (int v = 0; v < n; v++) {
                    s = s + e[eo + (u * n + v) * k + c] * b[v * k + c];
                }
                y[u * k + c] = s;
            }
        }
    }

    @Override
    public void addProducts(double[] y, int yo, double[] x, int xo, double[] z, int zo, int n) {
        for (int i = 0; i < n; i++) {
            y[yo + i] += x[xo + i] * z[zo + i];
        }
    }
}
