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
                block4x4(x, d, i, ct, kp, v * L, out, (i - from) * kp);
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

    /**
     * As the interface's default, but with rows across lanes: a block of 4·L rows is transposed
     * into {@code buf}; each pair's distance is summed over j in the same order as
     * everywhere else; the running minimum, its index and the second minimum are updated by
     * compare-and-blend, so the argmin needs no horizontal reduction and no branch (a branchy
     * scalar argmin costs more than the distances). Centres are folded in increasing order with a
     * strict comparison, so ties go to the lowest index.
     */
    @Override
    public void nearest(double[] x, int d, int from, int to, double[] ct, int kp, int k, double[] buf,
            int[] label, double[] best, double[] second) {
        final int r = 4 * L;
        // buf holds the transposed block, then the running state (3·r), then the accumulators (16·L).
        double[] xt = buf;
        final int so = r * d;
        final int ao = so + 3 * r;
        for (int b = from; b < to; b += r) {
            int rows = Math.min(r, to - b);
            if (rows == r) {
                // Four rows at a time: the scalar transposition is bound by reading the data anyway.
                for (int q = 0; q < r; q += 4) {
                    int x0 = (b + q) * d;
                    for (int j = 0; j < d; j++) {
                        int o = j * r + q;
                        xt[o] = x[x0 + j];
                        xt[o + 1] = x[x0 + d + j];
                        xt[o + 2] = x[x0 + 2 * d + j];
                        xt[o + 3] = x[x0 + 3 * d + j];
                    }
                }
            } else {
                for (int q = 0; q < r; q++) {
                    for (int j = 0; j < d; j++) {
                        xt[j * r + q] = q < rows ? x[(b + q) * d + j] : 0.0;
                    }
                }
            }
            java.util.Arrays.fill(buf, so, so + r, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(buf, so + r, so + 2 * r, 0.0);
            java.util.Arrays.fill(buf, so + 2 * r, so + 3 * r, Double.POSITIVE_INFINITY);
            int c = 0;
            for (; c + 4 <= k; c += 4) {
                rows4x4(xt, d, r, ct, kp, c, buf, ao);
                fold(buf, ao, 4, c, r, so);
            }
            for (; c < k; c++) {
                rows4x1(xt, d, r, ct, kp, c, buf, ao);
                fold(buf, ao, 1, c, r, so);
            }
            for (int q = 0; q < rows; q++) {
                int o = b - from + q;
                best[o] = buf[so + q];
                label[o] = (int) buf[so + r + q];
                if (second != null) {
                    second[o] = buf[so + 2 * r + q];
                }
            }
        }
    }

    /**
     * Folds distances into the running state: {@code acc} holds, for centres c..c+nc−1, the
     * distances of the block's 4 row vectors (centre-major: acc[(cc·4 + v)·L + lane]). A plain
     * loop in its own method, so that no vector is boxed.
     */
    private static void fold(double[] buf, int ao, int nc, int c, int r, int so) {
        for (int cc = 0; cc < nc; cc++) {
            DoubleVector cv = DoubleVector.broadcast(S, (double) (c + cc));
            for (int v = 0; v < 4; v++) {
                int o = so + v * L;
                DoubleVector dist = DoubleVector.fromArray(S, buf, ao + (cc * 4 + v) * L);
                DoubleVector m = DoubleVector.fromArray(S, buf, o);
                VectorMask<Double> lt = dist.lt(m);
                DoubleVector.fromArray(S, buf, o + 2 * r).min(dist).blend(m, lt).intoArray(buf, o + 2 * r);
                m.blend(dist, lt).intoArray(buf, o);
                DoubleVector.fromArray(S, buf, o + r).blend(cv, lt).intoArray(buf, o + r);
            }
        }
    }

    private static void rows4x4(double[] xt, int d, int r, double[] ct, int kp, int c, double[] acc, int ao) {
        DoubleVector a00 = DoubleVector.zero(S), a01 = a00, a02 = a00, a03 = a00;
        DoubleVector a10 = a00, a11 = a00, a12 = a00, a13 = a00;
        DoubleVector a20 = a00, a21 = a00, a22 = a00, a23 = a00;
        DoubleVector a30 = a00, a31 = a00, a32 = a00, a33 = a00;
        for (int j = 0; j < d; j++) {
            int xo = j * r;
            int co = j * kp + c;
            DoubleVector x0 = DoubleVector.fromArray(S, xt, xo);
            DoubleVector x1 = DoubleVector.fromArray(S, xt, xo + L);
            DoubleVector x2 = DoubleVector.fromArray(S, xt, xo + 2 * L);
            DoubleVector x3 = DoubleVector.fromArray(S, xt, xo + 3 * L);
            DoubleVector c0 = DoubleVector.broadcast(S, ct[co]);
            DoubleVector c1 = DoubleVector.broadcast(S, ct[co + 1]);
            DoubleVector c2 = DoubleVector.broadcast(S, ct[co + 2]);
            DoubleVector c3 = DoubleVector.broadcast(S, ct[co + 3]);
            DoubleVector t0 = x0.sub(c0), t1 = x0.sub(c1), t2 = x0.sub(c2), t3 = x0.sub(c3);
            a00 = t0.fma(t0, a00);
            a01 = t1.fma(t1, a01);
            a02 = t2.fma(t2, a02);
            a03 = t3.fma(t3, a03);
            t0 = x1.sub(c0);
            t1 = x1.sub(c1);
            t2 = x1.sub(c2);
            t3 = x1.sub(c3);
            a10 = t0.fma(t0, a10);
            a11 = t1.fma(t1, a11);
            a12 = t2.fma(t2, a12);
            a13 = t3.fma(t3, a13);
            t0 = x2.sub(c0);
            t1 = x2.sub(c1);
            t2 = x2.sub(c2);
            t3 = x2.sub(c3);
            a20 = t0.fma(t0, a20);
            a21 = t1.fma(t1, a21);
            a22 = t2.fma(t2, a22);
            a23 = t3.fma(t3, a23);
            t0 = x3.sub(c0);
            t1 = x3.sub(c1);
            t2 = x3.sub(c2);
            t3 = x3.sub(c3);
            a30 = t0.fma(t0, a30);
            a31 = t1.fma(t1, a31);
            a32 = t2.fma(t2, a32);
            a33 = t3.fma(t3, a33);
        }
        a00.intoArray(acc, ao);
        a10.intoArray(acc, ao + L);
        a20.intoArray(acc, ao + 2 * L);
        a30.intoArray(acc, ao + 3 * L);
        a01.intoArray(acc, ao + 4 * L);
        a11.intoArray(acc, ao + 5 * L);
        a21.intoArray(acc, ao + 6 * L);
        a31.intoArray(acc, ao + 7 * L);
        a02.intoArray(acc, ao + 8 * L);
        a12.intoArray(acc, ao + 9 * L);
        a22.intoArray(acc, ao + 10 * L);
        a32.intoArray(acc, ao + 11 * L);
        a03.intoArray(acc, ao + 12 * L);
        a13.intoArray(acc, ao + 13 * L);
        a23.intoArray(acc, ao + 14 * L);
        a33.intoArray(acc, ao + 15 * L);
    }

    private static void rows4x1(double[] xt, int d, int r, double[] ct, int kp, int c, double[] acc, int ao) {
        DoubleVector a0 = DoubleVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
        for (int j = 0; j < d; j++) {
            int xo = j * r;
            DoubleVector cv = DoubleVector.broadcast(S, ct[j * kp + c]);
            DoubleVector t0 = DoubleVector.fromArray(S, xt, xo).sub(cv);
            DoubleVector t1 = DoubleVector.fromArray(S, xt, xo + L).sub(cv);
            DoubleVector t2 = DoubleVector.fromArray(S, xt, xo + 2 * L).sub(cv);
            DoubleVector t3 = DoubleVector.fromArray(S, xt, xo + 3 * L).sub(cv);
            a0 = t0.fma(t0, a0);
            a1 = t1.fma(t1, a1);
            a2 = t2.fma(t2, a2);
            a3 = t3.fma(t3, a3);
        }
        a0.intoArray(acc, ao);
        a1.intoArray(acc, ao + L);
        a2.intoArray(acc, ao + 2 * L);
        a3.intoArray(acc, ao + 3 * L);
    }

    private static void block4x4(double[] x, int d, int i, double[] ct, int kp, int c, double[] out, int o) {
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
        p += kp;
        a10.intoArray(out, p);
        a11.intoArray(out, p + L);
        a12.intoArray(out, p + 2 * L);
        a13.intoArray(out, p + 3 * L);
        p += kp;
        a20.intoArray(out, p);
        a21.intoArray(out, p + L);
        a22.intoArray(out, p + 2 * L);
        a23.intoArray(out, p + 3 * L);
        p += kp;
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
