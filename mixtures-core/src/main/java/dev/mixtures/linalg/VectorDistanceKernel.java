package dev.mixtures.linalg;

import jdk.incubator.vector.DoubleVector;
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
