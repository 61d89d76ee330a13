package dev.mixtures.gaussian;

import dev.mixtures.linalg.LaneMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API {@link GaussianKernel}: one 8-lane vector per block, so each operation of
 * {@link ScalarGaussianKernel} on a lane becomes one operation on all eight, in the same order
 * (same bits). Chosen only when the preferred species has 8 double lanes (AVX-512); loaded
 * reflectively by {@link GaussianKernels} when {@code jdk.incubator.vector} is present.
 *
 * <p>Vectors never cross a method boundary here (on JDK 17 a vector passed to a method that is
 * not inlined is boxed), so the exponential is written out where it is used.
 */
final class VectorGaussianKernel implements GaussianKernel {
    // Always 8 lanes, the block width; where the hardware's vectors are narrower the kernel still
    // gives the same bits (slowly), which lets the tests compare it with the plain Java one anywhere.
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    private static final long EXP_BIAS = Double.doubleToRawLongBits(LaneMath.SHIFT) - 1023;
    private static final double[] C = LaneMath.EXP_COEF;
    private static final double[] LC = LaneMath.LOG_COEF;
    private static final long SHIFT_BITS = Double.doubleToRawLongBits(LaneMath.SHIFT);

    /** Double lanes of this hardware's preferred vectors: the kernel is fast only when there are 8. */
    static int lanes() {
        return DoubleVector.SPECIES_PREFERRED.length();
    }

    @Override
    public String name() {
        return "vector";
    }

    @Override
    public void logDensities(GaussianParams p, double[] xt, int nb, double[] a, double[] diff) {
        final int d = p.d;
        final int k = p.k;
        final boolean full = p.type.hasOffDiagonal();
        for (int b = 0; b < nb; b++) {
            int xo = b * d * LANES;
            int c = 0;
            if (full) {
                // Two blocks at once: each broadcast element of P feeds two FMAs. An odd last block
                // is paired with the next slot of the group (xt and a have room for GROUP blocks,
                // and its values are finite), whose result is never read.
                for (; c < k; c++) {
                    full2(xt, xo, p.means, c * d, p.prec, p.precOffset(c), d, p.cst[c], diff, a, (b * k + c) * LANES,
                            ((b + 1) * k + c) * LANES);
                }
                b++;
            } else {
                // Two blocks (the odd last one with the spare slot, as above) and four components at once.
                for (; c + 4 <= k; c += 4) {
                    diagonal4x2(xt, xo, p.negMeanPrec, c * d, p.prec, p.precOffset(c), d, p.cst, c, a, (b * k + c) * LANES,
                            ((b + 1) * k + c) * LANES);
                }
                for (; c < k; c++) {
                    diagonal(xt, xo, p.negMeanPrec, c * d, p.prec, p.precOffset(c), d, p.cst[c], a, (b * k + c) * LANES);
                    diagonal(xt, xo + d * LANES, p.negMeanPrec, c * d, p.prec, p.precOffset(c), d, p.cst[c], a,
                            ((b + 1) * k + c) * LANES);
                }
                b++;
            }
        }
    }

    @Override
    public void logDensity(GaussianParams p, int c, double[] xt, int nb, double[] a, double[] diff) {
        final int d = p.d;
        for (int b = 0; b < nb; b += 2) {
            int xo = b * d * LANES;
            if (p.type.hasOffDiagonal()) {
                full2(xt, xo, p.means, c * d, p.prec, p.precOffset(c), d, p.cst[c], diff, a, b * LANES, (b + 1) * LANES);
            } else {
                diagonal(xt, xo, p.negMeanPrec, c * d, p.prec, p.precOffset(c), d, p.cst[c], a, b * LANES);
                diagonal(xt, xo + d * LANES, p.negMeanPrec, c * d, p.prec, p.precOffset(c), d, p.cst[c], a, (b + 1) * LANES);
            }
        }
    }

    // Short methods of their own, so that C2 compiles each whole (a vector value that meets a
    // branch, or a method too large to inline the Vector API into, falls back to boxed Java code).
    // Each keeps several independent FMA chains in flight: one chain alone waits on the FMA latency.

    /**
     * One component's log-density for the blocks at xo and xo + d·LANES: cst − ½ ‖(x − μ)ᵀP‖², each
     * y_j summed over i ascending, the squares over j ascending. The differences x − μ are formed where
     * they are used, not stored: stores of whole vectors are the dearest operation here.
     */
    private static void full2(double[] xt, int xo, double[] means, int mu, double[] prec, int off, int d, double cst,
            double[] work, double[] a, int at0, int at1) {
        DoubleVector.zero(S).intoArray(work, 0);
        DoubleVector.zero(S).intoArray(work, LANES);
        int j = 0;
        for (; j + 8 <= d; j += 8) {
            tile8x2(xt, xo, means, mu, prec, off, d, j, work);
        }
        for (; j < d; j++) {
            single2(xt, xo, means, mu, prec, off, d, j, work);
        }
        DoubleVector.broadcast(S, cst).sub(DoubleVector.fromArray(S, work, 0).mul(0.5)).intoArray(a, at0);
        DoubleVector.broadcast(S, cst).sub(DoubleVector.fromArray(S, work, LANES).mul(0.5)).intoArray(a, at1);
    }

    private static void single2(double[] xt, int xo, double[] means, int mu, double[] prec, int off, int d, int j,
            double[] work) {
        int second = xo + d * LANES;
        DoubleVector y = DoubleVector.fromArray(S, xt, xo).sub(means[mu]).mul(prec[off + j]);
        DoubleVector u = DoubleVector.fromArray(S, xt, second).sub(means[mu]).mul(prec[off + j]);
        for (int i = 1; i <= j; i++) {
            DoubleVector q = DoubleVector.broadcast(S, prec[off + i * d + j]);
            y = DoubleVector.fromArray(S, xt, xo + i * LANES).sub(means[mu + i]).fma(q, y);
            u = DoubleVector.fromArray(S, xt, second + i * LANES).sub(means[mu + i]).fma(q, u);
        }
        y.fma(y, DoubleVector.fromArray(S, work, 0)).intoArray(work, 0);
        u.fma(u, DoubleVector.fromArray(S, work, LANES)).intoArray(work, LANES);
    }

    /**
     * y_j for j = j0..j0+7 for both blocks of {@link #full2}, then folded into their running sums of
     * squares (work[0..2·LANES)) in j order.
     */
    private static void tile8x2(double[] xt, int xo, double[] means, int mu, double[] prec, int off, int d, int j0,
            double[] work) {
        int second = xo + d * LANES;
        DoubleVector x0 = DoubleVector.fromArray(S, xt, xo).sub(means[mu]);
        DoubleVector z0 = DoubleVector.fromArray(S, xt, second).sub(means[mu]);
        int p0 = off + j0;
        DoubleVector y0 = x0.mul(prec[p0]);
        DoubleVector y1 = x0.mul(prec[p0 + 1]);
        DoubleVector y2 = x0.mul(prec[p0 + 2]);
        DoubleVector y3 = x0.mul(prec[p0 + 3]);
        DoubleVector y4 = x0.mul(prec[p0 + 4]);
        DoubleVector y5 = x0.mul(prec[p0 + 5]);
        DoubleVector y6 = x0.mul(prec[p0 + 6]);
        DoubleVector y7 = x0.mul(prec[p0 + 7]);
        DoubleVector u0 = z0.mul(prec[p0]);
        DoubleVector u1 = z0.mul(prec[p0 + 1]);
        DoubleVector u2 = z0.mul(prec[p0 + 2]);
        DoubleVector u3 = z0.mul(prec[p0 + 3]);
        DoubleVector u4 = z0.mul(prec[p0 + 4]);
        DoubleVector u5 = z0.mul(prec[p0 + 5]);
        DoubleVector u6 = z0.mul(prec[p0 + 6]);
        DoubleVector u7 = z0.mul(prec[p0 + 7]);
        // Rows i > j0 meet the zeros below P's diagonal in some columns: adding those terms changes
        // y only in the sign of a zero, which y² does not see.
        int last = j0 + 7;
        for (int i = 1; i <= last; i++) {
            double mi = means[mu + i];
            DoubleVector xi = DoubleVector.fromArray(S, xt, xo + i * LANES).sub(mi);
            DoubleVector zi = DoubleVector.fromArray(S, xt, second + i * LANES).sub(mi);
            int pi = off + i * d + j0;
            DoubleVector q = DoubleVector.broadcast(S, prec[pi]);
            y0 = xi.fma(q, y0);
            u0 = zi.fma(q, u0);
            q = DoubleVector.broadcast(S, prec[pi + 1]);
            y1 = xi.fma(q, y1);
            u1 = zi.fma(q, u1);
            q = DoubleVector.broadcast(S, prec[pi + 2]);
            y2 = xi.fma(q, y2);
            u2 = zi.fma(q, u2);
            q = DoubleVector.broadcast(S, prec[pi + 3]);
            y3 = xi.fma(q, y3);
            u3 = zi.fma(q, u3);
            q = DoubleVector.broadcast(S, prec[pi + 4]);
            y4 = xi.fma(q, y4);
            u4 = zi.fma(q, u4);
            q = DoubleVector.broadcast(S, prec[pi + 5]);
            y5 = xi.fma(q, y5);
            u5 = zi.fma(q, u5);
            q = DoubleVector.broadcast(S, prec[pi + 6]);
            y6 = xi.fma(q, y6);
            u6 = zi.fma(q, u6);
            q = DoubleVector.broadcast(S, prec[pi + 7]);
            y7 = xi.fma(q, y7);
            u7 = zi.fma(q, u7);
        }
        DoubleVector m = y0.fma(y0, DoubleVector.fromArray(S, work, 0));
        m = y1.fma(y1, m);
        m = y2.fma(y2, m);
        m = y3.fma(y3, m);
        m = y4.fma(y4, m);
        m = y5.fma(y5, m);
        m = y6.fma(y6, m);
        y7.fma(y7, m).intoArray(work, 0);
        DoubleVector n = u0.fma(u0, DoubleVector.fromArray(S, work, LANES));
        n = u1.fma(u1, n);
        n = u2.fma(u2, n);
        n = u3.fma(u3, n);
        n = u4.fma(u4, n);
        n = u5.fma(u5, n);
        n = u6.fma(u6, n);
        u7.fma(u7, n).intoArray(work, LANES);
    }

    /** One component, one block: y_i = x_i·P_i − μ_i·P_i in one FMA ({@code nmp} = −μ·P), then ‖y‖². */
    private static void diagonal(double[] xt, int xo, double[] nmp, int mu, double[] prec, int off, int d, double cst,
            double[] a, int at) {
        DoubleVector maha = DoubleVector.zero(S);
        for (int i = 0; i < d; i++) {
            DoubleVector yi = DoubleVector.fromArray(S, xt, xo + i * LANES).fma(prec[off + i], nmp[mu + i]);
            maha = yi.fma(yi, maha);
        }
        DoubleVector.broadcast(S, cst).sub(maha.mul(0.5)).intoArray(a, at);
    }

    /** As {@link #diagonal}, four components c..c+3 (diag and spherical store k·d values alike) for two blocks. */
    private static void diagonal4x2(double[] xt, int xo, double[] nmp, int mu, double[] prec, int off, int d,
            double[] cst, int c, double[] a, int at0, int at1) {
        int second = xo + d * LANES;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector m0 = z, m1 = z, m2 = z, m3 = z;
        DoubleVector n0 = z, n1 = z, n2 = z, n3 = z;
        for (int i = 0; i < d; i++) {
            DoubleVector x = DoubleVector.fromArray(S, xt, xo + i * LANES);
            DoubleVector u = DoubleVector.fromArray(S, xt, second + i * LANES);
            double q0 = nmp[mu + i];
            double q1 = nmp[mu + d + i];
            double q2 = nmp[mu + 2 * d + i];
            double q3 = nmp[mu + 3 * d + i];
            double p0 = prec[off + i];
            double p1 = prec[off + d + i];
            double p2 = prec[off + 2 * d + i];
            double p3 = prec[off + 3 * d + i];
            DoubleVector y0 = x.fma(p0, q0);
            DoubleVector y1 = x.fma(p1, q1);
            DoubleVector y2 = x.fma(p2, q2);
            DoubleVector y3 = x.fma(p3, q3);
            DoubleVector v0 = u.fma(p0, q0);
            DoubleVector v1 = u.fma(p1, q1);
            DoubleVector v2 = u.fma(p2, q2);
            DoubleVector v3 = u.fma(p3, q3);
            m0 = y0.fma(y0, m0);
            m1 = y1.fma(y1, m1);
            m2 = y2.fma(y2, m2);
            m3 = y3.fma(y3, m3);
            n0 = v0.fma(v0, n0);
            n1 = v1.fma(v1, n1);
            n2 = v2.fma(v2, n2);
            n3 = v3.fma(v3, n3);
        }
        DoubleVector.broadcast(S, cst[c]).sub(m0.mul(0.5)).intoArray(a, at0);
        DoubleVector.broadcast(S, cst[c + 1]).sub(m1.mul(0.5)).intoArray(a, at0 + LANES);
        DoubleVector.broadcast(S, cst[c + 2]).sub(m2.mul(0.5)).intoArray(a, at0 + 2 * LANES);
        DoubleVector.broadcast(S, cst[c + 3]).sub(m3.mul(0.5)).intoArray(a, at0 + 3 * LANES);
        DoubleVector.broadcast(S, cst[c]).sub(n0.mul(0.5)).intoArray(a, at1);
        DoubleVector.broadcast(S, cst[c + 1]).sub(n1.mul(0.5)).intoArray(a, at1 + LANES);
        DoubleVector.broadcast(S, cst[c + 2]).sub(n2.mul(0.5)).intoArray(a, at1 + 2 * LANES);
        DoubleVector.broadcast(S, cst[c + 3]).sub(n3.mul(0.5)).intoArray(a, at1 + 3 * LANES);
    }

    @Override
    public void normalise(int k, int nb, double[] a, double[] r, double[] ll, double[] inv) {
        for (int b = 0; b < nb; b++) {
            int o = b * k * LANES;
            // Four partial maxima over c ≡ 0, 1, 2, 3 (mod 4), then combined, as the plain kernel does.
            DoubleVector m0 = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
            DoubleVector m1 = m0;
            DoubleVector m2 = m0;
            DoubleVector m3 = m0;
            int c4 = k & ~3;
            for (int c = 0; c < c4; c += 4) {
                DoubleVector v0 = DoubleVector.fromArray(S, a, o + c * LANES);
                DoubleVector v1 = DoubleVector.fromArray(S, a, o + (c + 1) * LANES);
                DoubleVector v2 = DoubleVector.fromArray(S, a, o + (c + 2) * LANES);
                DoubleVector v3 = DoubleVector.fromArray(S, a, o + (c + 3) * LANES);
                m0 = m0.blend(v0, v0.compare(VectorOperators.GT, m0));
                m1 = m1.blend(v1, v1.compare(VectorOperators.GT, m1));
                m2 = m2.blend(v2, v2.compare(VectorOperators.GT, m2));
                m3 = m3.blend(v3, v3.compare(VectorOperators.GT, m3));
            }
            for (int c = c4; c < k; c++) {
                // The last k mod 4 go to the first partial (no branch: a vector that meets one is boxed on JDK 17).
                DoubleVector v = DoubleVector.fromArray(S, a, o + c * LANES);
                m0 = m0.blend(v, v.compare(VectorOperators.GT, m0));
            }
            DoubleVector m01 = m0.blend(m1, m1.compare(VectorOperators.GT, m0));
            DoubleVector m23 = m2.blend(m3, m3.compare(VectorOperators.GT, m2));
            DoubleVector m = m01.blend(m23, m23.compare(VectorOperators.GT, m01));
            // The maximum waits in ll, where the exponentials read it, until the logarithms below.
            m.intoArray(ll, b * LANES);
            int c = 0;
            for (; c + 4 <= k; c += 4) {
                exp4(a, r, o + c * LANES, ll, b * LANES);
            }
            for (; c < k; c++) {
                exp1(a, r, o + c * LANES, ll, b * LANES);
            }
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = s0;
            DoubleVector s2 = s0;
            DoubleVector s3 = s0;
            for (c = 0; c < c4; c += 4) {
                s0 = s0.add(DoubleVector.fromArray(S, r, o + c * LANES));
                s1 = s1.add(DoubleVector.fromArray(S, r, o + (c + 1) * LANES));
                s2 = s2.add(DoubleVector.fromArray(S, r, o + (c + 2) * LANES));
                s3 = s3.add(DoubleVector.fromArray(S, r, o + (c + 3) * LANES));
            }
            for (; c < k; c++) {
                s0 = s0.add(DoubleVector.fromArray(S, r, o + c * LANES));
            }
            // The sum waits in inv; the logarithms run in a loop of their own, whose blocks are
            // independent, so that one block's long ln chain overlaps the next's.
            s0.add(s1).add(s2.add(s3)).intoArray(inv, b * LANES);
        }
        for (int b = 0; b < nb; b++) {
            lnAndInverse(ll, inv, b * LANES);
        }
    }

    /** ll[at] = m + ln s and inv[at] = 1 / s, given m in ll and s in inv; ln as LaneMath.logAtLeastOne. */
    private static void lnAndInverse(double[] ll, double[] inv, int at) {
        DoubleVector m = DoubleVector.fromArray(S, ll, at);
        DoubleVector s = DoubleVector.fromArray(S, inv, at);
        // s ≥ 1: its largest term is e^0.
        LongVector bits = s.reinterpretAsLongs();
        DoubleVector eb = bits.and(LaneMath.EXP_MASK).lanewise(VectorOperators.LSHR, 52).or(SHIFT_BITS)
                .reinterpretAsDoubles().sub(LaneMath.SHIFT);
        DoubleVector mant = bits.and(LaneMath.MANT_MASK).or(LaneMath.ONE_BITS).reinterpretAsDoubles();
        VectorMask<Double> big = mant.compare(VectorOperators.GT, LaneMath.SQRT2);
        mant = mant.blend(mant.mul(0.5), big);
        DoubleVector ex = eb.sub(1023.0).blend(eb.sub(1022.0), big);
        DoubleVector f = mant.sub(1.0).div(mant.add(1.0));
        DoubleVector f2 = f.mul(f);
        DoubleVector lp = DoubleVector.broadcast(S, LC[10]);
        for (int i = 9; i >= 0; i--) {
            lp = lp.fma(f2, DoubleVector.broadcast(S, LC[i]));
        }
        DoubleVector ln = ex.fma(DoubleVector.broadcast(S, LaneMath.LN2_HI),
                ex.fma(DoubleVector.broadcast(S, LaneMath.LN2_LO), f.mul(lp)));
        m.add(ln).intoArray(ll, at);
        DoubleVector.broadcast(S, 1.0).div(s).intoArray(inv, at);
    }

    /** r[at] = e^(a[at] − max) as LaneMath.expNonPositive, lane by lane; max in mx[mo..mo+LANES). */
    private static void exp1(double[] a, double[] r, int at, double[] mx, int mo) {
        DoubleVector x = DoubleVector.fromArray(S, a, at).sub(DoubleVector.fromArray(S, mx, mo));
        DoubleVector t = x.mul(LaneMath.LOG2E).add(LaneMath.SHIFT);
        DoubleVector n = t.sub(LaneMath.SHIFT);
        DoubleVector rr = n.fma(DoubleVector.broadcast(S, -LaneMath.LN2_HI), x);
        rr = n.fma(DoubleVector.broadcast(S, -LaneMath.LN2_LO), rr);
        DoubleVector p = DoubleVector.broadcast(S, C[13]);
        for (int i = 12; i >= 0; i--) {
            p = p.fma(rr, DoubleVector.broadcast(S, C[i]));
        }
        p.mul(t.reinterpretAsLongs().sub(EXP_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                .blend(0.0, x.compare(VectorOperators.LT, LaneMath.EXP_LOWER)).intoArray(r, at);
    }

    /** {@link #exp1} for four neighbouring components at once: four independent polynomial chains. */
    private static void exp4(double[] a, double[] r, int at, double[] mx, int mo) {
        DoubleVector m = DoubleVector.fromArray(S, mx, mo);
        DoubleVector hi = DoubleVector.broadcast(S, -LaneMath.LN2_HI);
        DoubleVector lo = DoubleVector.broadcast(S, -LaneMath.LN2_LO);
        DoubleVector x0 = DoubleVector.fromArray(S, a, at).sub(m);
        DoubleVector x1 = DoubleVector.fromArray(S, a, at + LANES).sub(m);
        DoubleVector x2 = DoubleVector.fromArray(S, a, at + 2 * LANES).sub(m);
        DoubleVector x3 = DoubleVector.fromArray(S, a, at + 3 * LANES).sub(m);
        DoubleVector t0 = x0.mul(LaneMath.LOG2E).add(LaneMath.SHIFT);
        DoubleVector t1 = x1.mul(LaneMath.LOG2E).add(LaneMath.SHIFT);
        DoubleVector t2 = x2.mul(LaneMath.LOG2E).add(LaneMath.SHIFT);
        DoubleVector t3 = x3.mul(LaneMath.LOG2E).add(LaneMath.SHIFT);
        DoubleVector n0 = t0.sub(LaneMath.SHIFT);
        DoubleVector n1 = t1.sub(LaneMath.SHIFT);
        DoubleVector n2 = t2.sub(LaneMath.SHIFT);
        DoubleVector n3 = t3.sub(LaneMath.SHIFT);
        DoubleVector r0 = n0.fma(lo, n0.fma(hi, x0));
        DoubleVector r1 = n1.fma(lo, n1.fma(hi, x1));
        DoubleVector r2 = n2.fma(lo, n2.fma(hi, x2));
        DoubleVector r3 = n3.fma(lo, n3.fma(hi, x3));
        DoubleVector p0 = DoubleVector.broadcast(S, C[13]);
        DoubleVector p1 = p0;
        DoubleVector p2 = p0;
        DoubleVector p3 = p0;
        for (int i = 12; i >= 0; i--) {
            DoubleVector ci = DoubleVector.broadcast(S, C[i]);
            p0 = p0.fma(r0, ci);
            p1 = p1.fma(r1, ci);
            p2 = p2.fma(r2, ci);
            p3 = p3.fma(r3, ci);
        }
        p0.mul(t0.reinterpretAsLongs().sub(EXP_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                .blend(0.0, x0.compare(VectorOperators.LT, LaneMath.EXP_LOWER)).intoArray(r, at);
        p1.mul(t1.reinterpretAsLongs().sub(EXP_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                .blend(0.0, x1.compare(VectorOperators.LT, LaneMath.EXP_LOWER)).intoArray(r, at + LANES);
        p2.mul(t2.reinterpretAsLongs().sub(EXP_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                .blend(0.0, x2.compare(VectorOperators.LT, LaneMath.EXP_LOWER)).intoArray(r, at + 2 * LANES);
        p3.mul(t3.reinterpretAsLongs().sub(EXP_BIAS).lanewise(VectorOperators.LSHL, 52).reinterpretAsDoubles())
                .blend(0.0, x3.compare(VectorOperators.LT, LaneMath.EXP_LOWER)).intoArray(r, at + 3 * LANES);
    }

    @Override
    public void accumulate(int from, int to, int k, int d, boolean offDiagonal, double[] shift, double[] xt, double[] w,
            double[] r, int nb, double[] pn, double[] ps, double[] pss, double[] work) {
        int sLen = offDiagonal ? d * (d + 1) / 2 : d;
        int d4 = d & ~3;
        for (int c = from; c < to; c++) {
            int base = c * sLen;
            if (offDiagonal) {
                for (int b = 0; b < nb; b++) {
                    prepare(b, c, k, d, shift, xt, w, r, work);
                }
                weightSum(c, d, nb, pn, work);
                int i = d4;
                for (; i < d; i++) {
                    sums1(c, i, d, nb, ps, work);
                }
                for (int i0 = 0; i0 < d4; i0 += 4) {
                    for (int j0 = 0; j0 <= i0; j0 += 4) {
                        // The diagonal tiles also sum t = w r (x − c) for ps.
                        tile4x4(i0, j0, d, nb, base, pss, i0 == j0 ? c * d + i0 : -1, ps, work);
                    }
                }
                for (i = 0; i < d; i++) {
                    for (int j = i < d4 ? d4 : 0; j <= i; j++) {
                        scatter1(i, j, d, nb, base + i * (i + 1) / 2 + j, pss, work);
                    }
                }
            } else {
                for (int b = 0; b < nb; b++) {
                    weights(b, c, k, d, w, r, work);
                }
                if (d4 == 0) {
                    weightSum(c, d, nb, pn, work);
                }
                int i = 0;
                for (; i < d4; i += 4) {
                    // The first tile also sums w r for pn.
                    diagonalSums4(c, i, d, nb, shift, xt, ps, pss, base, i == 0 ? c : -1, pn, work);
                }
                for (; i < d; i++) {
                    diagonalSums1(c, i, d, nb, shift, xt, ps, pss, base, work);
                }
            }
        }
    }

    /** work: diff [b][i][l] from 0, w r from 2·GROUP·d·LANES; t = w r diff is formed where it is used. */
    private static void prepare(int b, int c, int k, int d, double[] shift, double[] xt, double[] w, double[] r,
            double[] work) {
        int tOff = GROUP * d * LANES;
        DoubleVector rw = DoubleVector.fromArray(S, r, (b * k + c) * LANES).mul(DoubleVector.fromArray(S, w, b * LANES));
        rw.intoArray(work, 2 * tOff + b * LANES);
        for (int i = 0; i < d; i++) {
            int at = (b * d + i) * LANES;
            DoubleVector.fromArray(S, xt, at).sub(shift[c * d + i]).intoArray(work, at);
        }
    }

    private static void weights(int b, int c, int k, int d, double[] w, double[] r, double[] work) {
        DoubleVector.fromArray(S, r, (b * k + c) * LANES).mul(DoubleVector.fromArray(S, w, b * LANES))
                .intoArray(work, 2 * GROUP * d * LANES + b * LANES);
    }

    private static void weightSum(int c, int d, int nb, double[] pn, double[] work) {
        int rwOff = 2 * GROUP * d * LANES;
        DoubleVector acc = DoubleVector.zero(S);
        for (int b = 0; b < nb; b++) {
            acc = acc.add(DoubleVector.fromArray(S, work, rwOff + b * LANES));
        }
        DoubleVector.fromArray(S, pn, c * LANES).add(acc).intoArray(pn, c * LANES);
    }

    private static void sums1(int c, int i, int d, int nb, double[] ps, double[] work) {
        int tOff = GROUP * d * LANES;
        DoubleVector s = DoubleVector.zero(S);
        for (int b = 0; b < nb; b++) {
            s = s.add(DoubleVector.fromArray(S, work, 2 * tOff + b * LANES).mul(DoubleVector.fromArray(S, work, (b * d + i) * LANES)));
        }
        int at = (c * d + i) * LANES;
        DoubleVector.fromArray(S, ps, at).add(s).intoArray(ps, at);
    }

    /**
     * Pairs (i0..i0+3) × (j0..j0+3), a register block of 16 FMA chains over the blocks: 8 loads
     * feed 16 FMAs. On the diagonal tile the pairs with j &gt; i are computed and not stored.
     */
    private static void tile4x4(int i0, int j0, int d, int nb, int base, double[] pss, int sAt, double[] ps,
            double[] work) {
        int tOff = GROUP * d * LANES;
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector s0 = z, s1 = z, s2 = z, s3 = z;
        DoubleVector a00 = z, a01 = z, a02 = z, a03 = z;
        DoubleVector a10 = z, a11 = z, a12 = z, a13 = z;
        DoubleVector a20 = z, a21 = z, a22 = z, a23 = z;
        DoubleVector a30 = z, a31 = z, a32 = z, a33 = z;
        for (int b = 0; b < nb; b++) {
            DoubleVector rw = DoubleVector.fromArray(S, work, 2 * tOff + b * LANES);
            int ti = (b * d + i0) * LANES;
            int dj = (b * d + j0) * LANES;
            DoubleVector d0 = DoubleVector.fromArray(S, work, dj);
            DoubleVector d1 = DoubleVector.fromArray(S, work, dj + LANES);
            DoubleVector d2 = DoubleVector.fromArray(S, work, dj + 2 * LANES);
            DoubleVector d3 = DoubleVector.fromArray(S, work, dj + 3 * LANES);
            DoubleVector t = rw.mul(DoubleVector.fromArray(S, work, ti));
            s0 = s0.add(t);
            a00 = t.fma(d0, a00);
            a01 = t.fma(d1, a01);
            a02 = t.fma(d2, a02);
            a03 = t.fma(d3, a03);
            t = rw.mul(DoubleVector.fromArray(S, work, ti + LANES));
            s1 = s1.add(t);
            a10 = t.fma(d0, a10);
            a11 = t.fma(d1, a11);
            a12 = t.fma(d2, a12);
            a13 = t.fma(d3, a13);
            t = rw.mul(DoubleVector.fromArray(S, work, ti + 2 * LANES));
            s2 = s2.add(t);
            a20 = t.fma(d0, a20);
            a21 = t.fma(d1, a21);
            a22 = t.fma(d2, a22);
            a23 = t.fma(d3, a23);
            t = rw.mul(DoubleVector.fromArray(S, work, ti + 3 * LANES));
            s3 = s3.add(t);
            a30 = t.fma(d0, a30);
            a31 = t.fma(d1, a31);
            a32 = t.fma(d2, a32);
            a33 = t.fma(d3, a33);
        }
        boolean diagonal = i0 == j0;
        if (sAt >= 0) {
            DoubleVector.fromArray(S, ps, sAt * LANES).add(s0).intoArray(ps, sAt * LANES);
            DoubleVector.fromArray(S, ps, (sAt + 1) * LANES).add(s1).intoArray(ps, (sAt + 1) * LANES);
            DoubleVector.fromArray(S, ps, (sAt + 2) * LANES).add(s2).intoArray(ps, (sAt + 2) * LANES);
            DoubleVector.fromArray(S, ps, (sAt + 3) * LANES).add(s3).intoArray(ps, (sAt + 3) * LANES);
        }
        int r0 = base + i0 * (i0 + 1) / 2 + j0;
        int r1 = base + (i0 + 1) * (i0 + 2) / 2 + j0;
        int r2 = base + (i0 + 2) * (i0 + 3) / 2 + j0;
        int r3 = base + (i0 + 3) * (i0 + 4) / 2 + j0;
        DoubleVector.fromArray(S, pss, (r0) * LANES).add(a00).intoArray(pss, (r0) * LANES);
        if (!diagonal) {
            DoubleVector.fromArray(S, pss, (r0 + 1) * LANES).add(a01).intoArray(pss, (r0 + 1) * LANES);
            DoubleVector.fromArray(S, pss, (r0 + 2) * LANES).add(a02).intoArray(pss, (r0 + 2) * LANES);
            DoubleVector.fromArray(S, pss, (r0 + 3) * LANES).add(a03).intoArray(pss, (r0 + 3) * LANES);
        }
        DoubleVector.fromArray(S, pss, (r1) * LANES).add(a10).intoArray(pss, (r1) * LANES);
        DoubleVector.fromArray(S, pss, (r1 + 1) * LANES).add(a11).intoArray(pss, (r1 + 1) * LANES);
        if (!diagonal) {
            DoubleVector.fromArray(S, pss, (r1 + 2) * LANES).add(a12).intoArray(pss, (r1 + 2) * LANES);
            DoubleVector.fromArray(S, pss, (r1 + 3) * LANES).add(a13).intoArray(pss, (r1 + 3) * LANES);
        }
        DoubleVector.fromArray(S, pss, (r2) * LANES).add(a20).intoArray(pss, (r2) * LANES);
        DoubleVector.fromArray(S, pss, (r2 + 1) * LANES).add(a21).intoArray(pss, (r2 + 1) * LANES);
        DoubleVector.fromArray(S, pss, (r2 + 2) * LANES).add(a22).intoArray(pss, (r2 + 2) * LANES);
        if (!diagonal) {
            DoubleVector.fromArray(S, pss, (r2 + 3) * LANES).add(a23).intoArray(pss, (r2 + 3) * LANES);
        }
        DoubleVector.fromArray(S, pss, (r3) * LANES).add(a30).intoArray(pss, (r3) * LANES);
        DoubleVector.fromArray(S, pss, (r3 + 1) * LANES).add(a31).intoArray(pss, (r3 + 1) * LANES);
        DoubleVector.fromArray(S, pss, (r3 + 2) * LANES).add(a32).intoArray(pss, (r3 + 2) * LANES);
        DoubleVector.fromArray(S, pss, (r3 + 3) * LANES).add(a33).intoArray(pss, (r3 + 3) * LANES);
    }

    private static void scatter1(int i, int j, int d, int nb, int q, double[] pss, double[] work) {
        int tOff = GROUP * d * LANES;
        DoubleVector acc = DoubleVector.zero(S);
        for (int b = 0; b < nb; b++) {
            acc = DoubleVector.fromArray(S, work, 2 * tOff + b * LANES).mul(DoubleVector.fromArray(S, work, (b * d + i) * LANES))
                    .fma(DoubleVector.fromArray(S, work, (b * d + j) * LANES), acc);
        }
        DoubleVector.fromArray(S, pss, q * LANES).add(acc).intoArray(pss, q * LANES);
    }

    /**
     * Diagonal statistics of coordinates i..i+3 straight from the data: diff = x − c, t = w r diff,
     * s += t, S_ii = fma(t, diff, S_ii), each summed over the blocks from zero; eight chains.
     */
    private static void diagonalSums4(int c, int i, int d, int nb, double[] shift, double[] xt, double[] ps,
            double[] pss, int base, int nAt, double[] pn, double[] work) {
        int rwOff = 2 * GROUP * d * LANES;
        double c0 = shift[c * d + i];
        double c1 = shift[c * d + i + 1];
        double c2 = shift[c * d + i + 2];
        double c3 = shift[c * d + i + 3];
        DoubleVector z = DoubleVector.zero(S);
        DoubleVector s0 = z, s1 = z, s2 = z, s3 = z;
        DoubleVector q0 = z, q1 = z, q2 = z, q3 = z;
        DoubleVector nsum = z;
        for (int b = 0; b < nb; b++) {
            DoubleVector rw = DoubleVector.fromArray(S, work, rwOff + b * LANES);
            nsum = nsum.add(rw);
            int o = (b * d + i) * LANES;
            DoubleVector x0 = DoubleVector.fromArray(S, xt, o).sub(c0);
            DoubleVector x1 = DoubleVector.fromArray(S, xt, o + LANES).sub(c1);
            DoubleVector x2 = DoubleVector.fromArray(S, xt, o + 2 * LANES).sub(c2);
            DoubleVector x3 = DoubleVector.fromArray(S, xt, o + 3 * LANES).sub(c3);
            DoubleVector t0 = rw.mul(x0);
            DoubleVector t1 = rw.mul(x1);
            DoubleVector t2 = rw.mul(x2);
            DoubleVector t3 = rw.mul(x3);
            s0 = s0.add(t0);
            s1 = s1.add(t1);
            s2 = s2.add(t2);
            s3 = s3.add(t3);
            q0 = t0.fma(x0, q0);
            q1 = t1.fma(x1, q1);
            q2 = t2.fma(x2, q2);
            q3 = t3.fma(x3, q3);
        }
        int at = c * d + i;
        DoubleVector.fromArray(S, ps, (at) * LANES).add(s0).intoArray(ps, (at) * LANES);
        DoubleVector.fromArray(S, ps, (at + 1) * LANES).add(s1).intoArray(ps, (at + 1) * LANES);
        DoubleVector.fromArray(S, ps, (at + 2) * LANES).add(s2).intoArray(ps, (at + 2) * LANES);
        DoubleVector.fromArray(S, ps, (at + 3) * LANES).add(s3).intoArray(ps, (at + 3) * LANES);
        DoubleVector.fromArray(S, pss, (base + i) * LANES).add(q0).intoArray(pss, (base + i) * LANES);
        DoubleVector.fromArray(S, pss, (base + i + 1) * LANES).add(q1).intoArray(pss, (base + i + 1) * LANES);
        DoubleVector.fromArray(S, pss, (base + i + 2) * LANES).add(q2).intoArray(pss, (base + i + 2) * LANES);
        DoubleVector.fromArray(S, pss, (base + i + 3) * LANES).add(q3).intoArray(pss, (base + i + 3) * LANES);
        if (nAt >= 0) {
            DoubleVector.fromArray(S, pn, nAt * LANES).add(nsum).intoArray(pn, nAt * LANES);
        }
    }

    private static void diagonalSums1(int c, int i, int d, int nb, double[] shift, double[] xt, double[] ps,
            double[] pss, int base, double[] work) {
        int rwOff = 2 * GROUP * d * LANES;
        double c0 = shift[c * d + i];
        DoubleVector s0 = DoubleVector.zero(S);
        DoubleVector q0 = s0;
        for (int b = 0; b < nb; b++) {
            DoubleVector x0 = DoubleVector.fromArray(S, xt, (b * d + i) * LANES).sub(c0);
            DoubleVector t0 = DoubleVector.fromArray(S, work, rwOff + b * LANES).mul(x0);
            s0 = s0.add(t0);
            q0 = t0.fma(x0, q0);
        }
        DoubleVector.fromArray(S, ps, (c * d + i) * LANES).add(s0).intoArray(ps, (c * d + i) * LANES);
        DoubleVector.fromArray(S, pss, (base + i) * LANES).add(q0).intoArray(pss, (base + i) * LANES);
    }

    @Override
    public void addRowProducts(double[] y, double[] a, int[] rows, int rowsAt, int nr, double[] x, int at, double[] fill,
            int d, int k) {
        int kv = S.loopBound(k);
        for (int u = 0; u < nr; u++) {
            int ao = rows[rowsAt + u] * d * k;
            // Each vector of components sums in a register: through y in memory every term would
            // wait for the store before it.
            for (int c = 0; c < kv; c += LANES) {
                DoubleVector s = DoubleVector.fromArray(S, y, u * k + c);
                for (int j = 0; j < d; j++) {
                    double xj = x[at + j];
                    s = s.add(DoubleVector.fromArray(S, a, ao + j * k + c).mul(xj == xj ? xj : 0.0));
                }
                for (int v = 0; v < nr; v++) {
                    int j = rows[rowsAt + v];
                    s = s.add(DoubleVector.fromArray(S, a, ao + j * k + c).mul(DoubleVector.fromArray(S, fill, j * k + c)));
                }
                s.intoArray(y, u * k + c);
            }
        }
        ScalarGaussianKernel.rowProducts(y, a, rows, rowsAt, nr, x, at, fill, d, k, kv);
    }

    @Override
    public void addBlockProducts(double[] y, double[] e, int eo, double[] b, int n, int k) {
        int kv = S.loopBound(k);
        for (int u = 0; u < n; u++) {
            for (int c = 0; c < kv; c += LANES) {
                DoubleVector s = DoubleVector.fromArray(S, y, u * k + c);
                for (int v = 0; v < n; v++) {
                    s = s.add(DoubleVector.fromArray(S, e, eo + (u * n + v) * k + c).mul(DoubleVector.fromArray(S, b, v * k + c)));
                }
                s.intoArray(y, u * k + c);
            }
        }
        ScalarGaussianKernel.blockProducts(y, e, eo, b, n, k, kv);
    }

    @Override
    public void addProducts(double[] y, int yo, double[] x, int xo, double[] z, int zo, int n) {
        int i = 0;
        for (; i < S.loopBound(n); i += LANES) {
            DoubleVector.fromArray(S, x, xo + i).mul(DoubleVector.fromArray(S, z, zo + i))
                    .add(DoubleVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] += x[xo + i] * z[zo + i];
        }
    }
}
