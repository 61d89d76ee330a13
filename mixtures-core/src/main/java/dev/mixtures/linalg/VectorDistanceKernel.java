package dev.mixtures.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel: lanes run across centres, a register block of 4 rows × 4 vectors of
 * centres keeps 16 accumulators live, and each coordinate costs one subtraction and one FMA per
 * lane. Loaded reflectively by {@link Kernels} only when {@code jdk.incubator.vector} is present.
 */
final class VectorDistanceKernel implements DistanceKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final DoubleVector IOTA = DoubleVector.fromArray(S, iota(), 0);
    private static final DoubleVector INF = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);

    private static double[] iota() {
        double[] v = new double[L];
        for (int i = 0; i < L; i++) {
            v[i] = i;
        }
        return v;
    }

    static int lanes() {
        return L;
    }

    @Override
    public void squaredDistances(double[] x, int d, int from, int to, double[] ct, int kp, double[] out) {
        if (kp % L != 0) {
            ScalarDistanceKernel.INSTANCE.squaredDistances(x, d, from, to, ct, kp, out);
            return;
        }
        int nv = kp / L;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            int v = 0;
            for (; v + 4 <= nv; v += 4) {
                block4x4(x, d, i, ct, kp, v * L, out, (i - from) * kp, kp);
            }
            for (; v < nv; v++) {
                block4x1(x, d, i, ct, kp, v * L, out, (i - from) * kp);
            }
        }
        for (; i < to; i++) {
            for (int v = 0; v < nv; v++) {
                block1x1(x, d, i, ct, kp, v * L, out, (i - from) * kp);
            }
        }
    }

    @Override
    public void accumulate(double[] x, int d, int from, int to, double[] w, int[] label, double[] sums) {
        int vd = d - d % L;
        if (vd == 0) {
            DistanceKernel.super.accumulate(x, d, from, to, w, label, sums);
            return;
        }
        for (int i = from; i < to; i++) {
            int s = label[i - from] * d;
            int xo = i * d;
            int j = 0;
            if (w == null) {
                for (; j < vd; j += L) {
                    DoubleVector.fromArray(S, sums, s + j).add(DoubleVector.fromArray(S, x, xo + j)).intoArray(sums, s + j);
                }
                for (; j < d; j++) {
                    sums[s + j] += x[xo + j];
                }
            } else {
                double wi = w[i];
                for (; j < vd; j += L) {
                    DoubleVector.fromArray(S, sums, s + j).add(DoubleVector.fromArray(S, x, xo + j).mul(wi)).intoArray(sums, s + j);
                }
                for (; j < d; j++) {
                    sums[s + j] += wi * x[xo + j];
                }
            }
        }
    }

    /**
     * As the interface's default, by blocks of 4 rows × up to 4 vectors of centres: the register
     * block of {@link #squaredDistances} leaves its 16 accumulators in {@code buf}, and a short
     * loop folds them, centres in increasing order with a strict comparison, into each row's
     * per-lane minimum, its centre index, and (when asked for) the per-lane second minimum; eight
     * scalar steps per row then take the smallest value, ties to the lowest index. The result is
     * exactly the default's: minima involve no rounding. The block and the fold are separate small
     * methods on purpose: one large method sometimes exhausted C2's inlining budget, leaving a
     * Vector API bounds check as a call in the inner loop (a JVM run 30% slower, at random).
     */
    @Override
    public void nearest(double[] x, int d, int from, int to, double[] ct, int kp, int k, double[] buf,
            int[] label, double[] best, double[] second) {
        if (kp % L != 0) {
            DistanceKernel.super.nearest(x, d, from, to, ct, kp, k, buf, label, best, second);
            return;
        }
        final int nv = kp / L;
        final int stride = 4 * L;
        final int so = 4 * stride;
        int i = from;
        for (; i + 4 <= to; i += 4) {
            for (int v = 0; v < nv; v += 4) {
                int nvec = Math.min(4, nv - v);
                if (nvec == 4) {
                    block4x4(x, d, i, ct, kp, v * L, buf, -v * L, stride);
                } else {
                    for (int q = 0; q < 4; q++) {
                        for (int u = 0; u < nvec; u++) {
                            block1x1(x, d, i + q, ct, kp, (v + u) * L, buf, q * stride + u * L - (v + u) * L);
                        }
                    }
                }
                if (second == null) {
                    fold(buf, nvec, v, stride, so, v == 0);
                } else {
                    foldWithSecond(buf, nvec, v, stride, so, v == 0);
                }
            }
            for (int q = 0; q < 4; q++) {
                int o = so + q * 3 * L;
                double m = buf[o];
                double a = buf[o + L];
                for (int l = 1; l < L; l++) {
                    double val = buf[o + l];
                    double c = buf[o + L + l];
                    if (val < m || (val == m && c < a)) {
                        m = val;
                        a = c;
                    }
                }
                int r = i - from + q;
                label[r] = (int) a;
                best[r] = m;
                if (second != null) {
                    // The runner-up is the winner lane's own second, or another lane's minimum.
                    int lane = (int) a % L;
                    double s2 = buf[o + 2 * L + lane];
                    for (int l = 0; l < L; l++) {
                        if (l != lane && buf[o + l] < s2) {
                            s2 = buf[o + l];
                        }
                    }
                    second[r] = s2;
                }
            }
        }
        if (i < to) {
            int done = i - from;
            int[] l2 = new int[to - i];
            double[] b2 = new double[to - i];
            double[] s2 = second == null ? null : new double[to - i];
            DistanceKernel.super.nearest(x, d, i, to, ct, kp, k, buf, l2, b2, s2);
            System.arraycopy(l2, 0, label, done, l2.length);
            System.arraycopy(b2, 0, best, done, b2.length);
            if (second != null) {
                System.arraycopy(s2, 0, second, done, s2.length);
            }
        }
    }

    /**
     * Folds the 4 rows' distances to centre vectors v..v+nvec−1 (row q's at buf[q·stride + u·L])
     * into each row's per-lane minimum and index (buf[so + q·3L], +L); afresh when {@code first}.
     */
    private static void fold(double[] buf, int nvec, int v, int stride, int so, boolean first) {
        if (first) {
            reset(buf, so);
        }
        for (int q = 0; q < 4; q++) {
            int o = so + q * 3 * L;
            DoubleVector m = DoubleVector.fromArray(S, buf, o);
            DoubleVector idx = DoubleVector.fromArray(S, buf, o + L);
            for (int u = 0; u < nvec; u++) {
                DoubleVector a = DoubleVector.fromArray(S, buf, q * stride + u * L);
                VectorMask<Double> lt = a.lt(m);
                m = m.blend(a, lt);
                idx = idx.blend(IOTA.add((double) ((v + u) * L)), lt);
            }
            m.intoArray(buf, o);
            idx.intoArray(buf, o + L);
        }
    }

    /**
     * Starts the 4 rows' state afresh (minimum and second +∞). By stores, not by choosing between
     * vectors: a vector chosen by a condition is boxed on JDK 17.
     */
    private static void reset(double[] buf, int so) {
        for (int q = 0; q < 4; q++) {
            int o = so + q * 3 * L;
            INF.intoArray(buf, o);
            IOTA.intoArray(buf, o + L);
            INF.intoArray(buf, o + 2 * L);
        }
    }

    /**
     * As {@link #fold}, also keeping the per-lane second minimum at buf[so + q·3L + 2L]. The running
     * minima use compare-and-blend, not {@code min}: JDK 17 does not compile a 512-bit double
     * {@code min} and falls back to allocating code (distances are never NaN or −0, so the two agree).
     */
    private static void foldWithSecond(double[] buf, int nvec, int v, int stride, int so, boolean first) {
        if (first) {
            reset(buf, so);
        }
        for (int q = 0; q < 4; q++) {
            int o = so + q * 3 * L;
            DoubleVector m = DoubleVector.fromArray(S, buf, o);
            DoubleVector idx = DoubleVector.fromArray(S, buf, o + L);
            DoubleVector sec = DoubleVector.fromArray(S, buf, o + 2 * L);
            for (int u = 0; u < nvec; u++) {
                DoubleVector a = DoubleVector.fromArray(S, buf, q * stride + u * L);
                VectorMask<Double> lt = a.lt(m);
                sec = sec.blend(a, a.lt(sec)).blend(m, lt);
                m = m.blend(a, lt);
                idx = idx.blend(IOTA.add((double) ((v + u) * L)), lt);
            }
            m.intoArray(buf, o);
            idx.intoArray(buf, o + L);
            sec.intoArray(buf, o + 2 * L);
        }
    }

    private static void block4x4(double[] x, int d, int i, double[] ct, int kp, int c, double[] out, int o, int os) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        int x0 = i * d, x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
        for (int j = 0; j < d; j++) {
            int b = j * kp + c;
            DoubleVector c0 = DoubleVector.fromArray(S, ct, b);
            DoubleVector c1 = DoubleVector.fromArray(S, ct, b + L);
            DoubleVector c2 = DoubleVector.fromArray(S, ct, b + 2 * L);
            DoubleVector c3 = DoubleVector.fromArray(S, ct, b + 3 * L);
            DoubleVector r = DoubleVector.broadcast(S, x[x0 + j]);
            DoubleVector t0 = r.sub(c0), t1 = r.sub(c1), t2 = r.sub(c2), t3 = r.sub(c3);
            a00 = t0.fma(t0, a00);
            a01 = t1.fma(t1, a01);
            a02 = t2.fma(t2, a02);
            a03 = t3.fma(t3, a03);
            r = DoubleVector.broadcast(S, x[x1 + j]);
            t0 = r.sub(c0);
            t1 = r.sub(c1);
            t2 = r.sub(c2);
            t3 = r.sub(c3);
            a10 = t0.fma(t0, a10);
            a11 = t1.fma(t1, a11);
            a12 = t2.fma(t2, a12);
            a13 = t3.fma(t3, a13);
            r = DoubleVector.broadcast(S, x[x2 + j]);
            t0 = r.sub(c0);
            t1 = r.sub(c1);
            t2 = r.sub(c2);
            t3 = r.sub(c3);
            a20 = t0.fma(t0, a20);
            a21 = t1.fma(t1, a21);
            a22 = t2.fma(t2, a22);
            a23 = t3.fma(t3, a23);
            r = DoubleVector.broadcast(S, x[x3 + j]);
            t0 = r.sub(c0);
            t1 = r.sub(c1);
            t2 = r.sub(c2);
            t3 = r.sub(c3);
            a30 = t0.fma(t0, a30);
            a31 = t1.fma(t1, a31);
            a32 = t2.fma(t2, a32);
            a33 = t3.fma(t3, a33);
        }
        int p = o + c;
        a00.intoArray(out, p);
        a01.intoArray(out, p + L);
        a02.intoArray(out, p + 2 * L);
        a03.intoArray(out, p + 3 * L);
        p += os;
        a10.intoArray(out, p);
        a11.intoArray(out, p + L);
        a12.intoArray(out, p + 2 * L);
        a13.intoArray(out, p + 3 * L);
        p += os;
        a20.intoArray(out, p);
        a21.intoArray(out, p + L);
        a22.intoArray(out, p + 2 * L);
        a23.intoArray(out, p + 3 * L);
        p += os;
        a30.intoArray(out, p);
        a31.intoArray(out, p + L);
        a32.intoArray(out, p + 2 * L);
        a33.intoArray(out, p + 3 * L);
    }

    private static void block4x1(double[] x, int d, int i, double[] ct, int kp, int c, double[] out, int o) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        int x0 = i * d, x1 = x0 + d, x2 = x1 + d, x3 = x2 + d;
        for (int j = 0; j < d; j++) {
            DoubleVector cv = DoubleVector.fromArray(S, ct, j * kp + c);
            DoubleVector t0 = DoubleVector.broadcast(S, x[x0 + j]).sub(cv);
            DoubleVector t1 = DoubleVector.broadcast(S, x[x1 + j]).sub(cv);
            DoubleVector t2 = DoubleVector.broadcast(S, x[x2 + j]).sub(cv);
            DoubleVector t3 = DoubleVector.broadcast(S, x[x3 + j]).sub(cv);
            a0 = t0.fma(t0, a0);
            a1 = t1.fma(t1, a1);
            a2 = t2.fma(t2, a2);
            a3 = t3.fma(t3, a3);
        }
        int p = o + c;
        a0.intoArray(out, p);
        a1.intoArray(out, p + kp);
        a2.intoArray(out, p + 2 * kp);
        a3.intoArray(out, p + 3 * kp);
    }

    private static void block1x1(double[] x, int d, int i, double[] ct, int kp, int c, double[] out, int o) {
        DoubleVector a = DoubleVector.zero(S);
        int x0 = i * d;
        for (int j = 0; j < d; j++) {
            DoubleVector t = DoubleVector.broadcast(S, x[x0 + j]).sub(DoubleVector.fromArray(S, ct, j * kp + c));
            a = t.fma(t, a);
        }
        a.intoArray(out, o + c);
    }

    @Override
    public String name() {
        return "vector-" + S.vectorBitSize();
    }
}
