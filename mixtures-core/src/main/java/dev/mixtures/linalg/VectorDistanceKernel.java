package dev.mixtures.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel: lanes run across centres, a register block of 4 rows × 4 vectors of
 * centres keeps 16 accumulators live, and each coordinate costs one subtraction and one FMA per
 * lane. The nearest centre is found without scalar code: each row's vectors are folded into a
 * per-lane minimum in registers, and a transpose-and-compare tree over as many rows as there are
 * lanes turns those into one lane per row ({@link #nearest}). Loaded reflectively by
 * {@link Kernels} only when {@code jdk.incubator.vector} is present.
 */
final class VectorDistanceKernel implements DistanceKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final DoubleVector IOTA = DoubleVector.fromArray(S, iota(), 0);
    private static final DoubleVector INF = DoubleVector.broadcast(S, Double.POSITIVE_INFINITY);
    /** Lanes whose index has bit 1, 2 or 4 set: the lanes a tree step takes from its second operand. */
    private static final VectorMask<Double> M1 = bit(1), M2 = bit(2), M4 = bit(4);
    /** Lane i takes lane i − s ("up") or i + s ("down"), wrapping. */
    private static final VectorShuffle<Double> UP1 = shift(-1), DOWN1 = shift(1), UP2 = shift(-2), DOWN2 = shift(2),
            UP4 = shift(-4), DOWN4 = shift(4);

    private static double[] iota() {
        double[] v = new double[L];
        for (int i = 0; i < L; i++) {
            v[i] = i;
        }
        return v;
    }

    private static VectorMask<Double> bit(int b) {
        boolean[] m = new boolean[L];
        for (int i = 0; i < L; i++) {
            m[i] = (i & b) != 0;
        }
        return VectorMask.fromArray(S, m, 0);
    }

    private static VectorShuffle<Double> shift(int by) {
        int[] s = new int[L];
        for (int i = 0; i < L; i++) {
            s[i] = Math.floorMod(i + by, L);
        }
        return VectorShuffle.fromArray(S, s, 0);
    }

    @Override
    public int lanes() {
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
                block4x4(x, d, i, ct, kp, v * L, out, (i - from) * kp, kp, nv, -1);
            }
            for (; v < nv; v++) {
                block4x1(x, d, i, ct, kp, v * L, out, (i - from) * kp, kp);
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
     * As the interface's default when the columns fill one vector (tp = L: up to L − 1 candidates
     * after the pending centre, so k below e^6 on 512-bit vectors): the lanes are the columns, 4
     * rows' distance vectors are computed at once, and each trial's potential is one lane of a
     * running sum, added row by row in order as the default adds them. Otherwise the default.
     */
    @Override
    public void potentials(double[] x, int d, int from, int to, double[] w, double[] ct, int tp, int lead, int trials,
            double[] closest, int cs, double[] pot, double[] buf) {
        if (tp != L) {
            DistanceKernel.super.potentials(x, d, from, to, w, ct, tp, lead, trials, closest, cs, pot, buf);
            return;
        }
        for (int l = 0; l < L; l++) {
            buf[l] = l >= lead && l < lead + trials ? pot[l - lead] : 0.0;
        }
        DoubleVector acc = DoubleVector.fromArray(S, buf, 0);
        int i = from;
        for (; i + 4 <= to; i += 4) {
            // The 4 rows' distance vectors go through buf[L..5L): block4x1 keeps its vectors to itself.
            block4x1(x, d, i, ct, tp, 0, buf, L, L);
            DoubleVector a0 = DoubleVector.fromArray(S, buf, L);
            DoubleVector a1 = DoubleVector.fromArray(S, buf, 2 * L);
            DoubleVector a2 = DoubleVector.fromArray(S, buf, 3 * L);
            DoubleVector a3 = DoubleVector.fromArray(S, buf, 4 * L);
            // Row by row, in order: the weighted distances, the closest centre so far, the potentials.
            a0 = a0.mul(w == null ? 1.0 : w[i]);
            a1 = a1.mul(w == null ? 1.0 : w[i + 1]);
            a2 = a2.mul(w == null ? 1.0 : w[i + 2]);
            a3 = a3.mul(w == null ? 1.0 : w[i + 3]);
            double c0 = closest[i + cs];
            double c1 = closest[i + 1 + cs];
            double c2 = closest[i + 2 + cs];
            double c3 = closest[i + 3 + cs];
            if (lead == 1) {
                c0 = Math.min(c0, a0.lane(0));
                c1 = Math.min(c1, a1.lane(0));
                c2 = Math.min(c2, a2.lane(0));
                c3 = Math.min(c3, a3.lane(0));
                closest[i + cs] = c0;
                closest[i + 1 + cs] = c1;
                closest[i + 2 + cs] = c2;
                closest[i + 3 + cs] = c3;
            }
            // min(c, a) by compare-and-blend: JDK 17 does not compile a 512-bit double min.
            DoubleVector cb = DoubleVector.broadcast(S, c0);
            acc = acc.add(cb.blend(a0, a0.lt(cb)));
            cb = DoubleVector.broadcast(S, c1);
            acc = acc.add(cb.blend(a1, a1.lt(cb)));
            cb = DoubleVector.broadcast(S, c2);
            acc = acc.add(cb.blend(a2, a2.lt(cb)));
            cb = DoubleVector.broadcast(S, c3);
            acc = acc.add(cb.blend(a3, a3.lt(cb)));
        }
        acc.intoArray(buf, 0);
        for (int t = 0; t < trials; t++) {
            pot[t] = buf[lead + t];
        }
        if (i < to) {
            DistanceKernel.super.potentials(x, d, i, to, w, ct, tp, lead, trials, closest, cs, pot, buf);
        }
    }

    /** Where {@link #nearest} keeps things in its scratch, in units of L doubles. */
    private static final int STRIDE = L;
    private static final int STATE = 4 * L;
    private static final int TREE = STATE + 24 * L;

    /**
     * As the interface's default, for rows in groups of L (as many rows as lanes). Each group runs
     * in blocks of 4 rows × 4 vectors of centres; each row's distances are folded, vector by vector
     * in increasing order with a strict comparison, into a per-lane minimum, its centre index and
     * (when asked for) the per-lane second minimum. Then a tree of log2(L) levels transposes the
     * group's rows while halving the lanes each row spans, each step keeping the lower lane unless
     * the higher one is strictly smaller, so that lane r ends with row r's result. The
     * {@link Distances#laneBlocked} layout gives lower lanes lower indices, hence ties go to the
     * lowest index, exactly as in the default: minima involve no rounding. Vector values never
     * cross a method boundary (they would be boxed when C2 declines to inline); the steps hand over
     * through {@code buf}. Rows left over after the last full group take the default path.
     */
    @Override
    public void nearest(double[] x, int d, int from, int to, double[] cl, int kp, int k, double[] buf,
            int[] label, double[] best, double[] second) {
        if (kp % L != 0 || L < 4 || L > 8) {
            DistanceKernel.super.nearest(x, d, from, to, cl, kp, k, buf, label, best, second);
            return;
        }
        final int nv = kp / L;
        int i = from;
        for (; i + L <= to; i += L) {
            for (int h = 0; h < L; h += 4) {
                int so = STATE + h * 3 * L;
                // The first 4×4 block writes each row's state whole.
                if (nv < 4) {
                    reset(buf, so);
                }
                int v = 0;
                for (; v + 4 <= nv; v += 4) {
                    if (second == null) {
                        block4x4(x, d, i + h, cl, kp, v * L, buf, 0, 0, nv, so);
                    } else {
                        block4x4s(x, d, i + h, cl, kp, v * L, buf, nv, so);
                    }
                }
                for (; v < nv; v++) {
                    block4x1(x, d, i + h, cl, kp, v * L, buf, -v * L, STRIDE);
                    fold(buf, v, nv, so, second != null);
                }
            }
            boolean s2 = second != null;
            if (L == 8) {
                if (s2) {
                    tree8s(buf);
                } else {
                    tree8(buf);
                }
            } else {
                // 4 lanes, rows 0..3: (0,1) and (2,3) across adjacent lanes, then the pairs across lane pairs.
                combine(buf, STATE, STATE + 3 * L, STATE, M1, UP1, DOWN1, s2);
                combine(buf, STATE + 6 * L, STATE + 9 * L, STATE + 6 * L, M1, UP1, DOWN1, s2);
                combine(buf, STATE, STATE + 6 * L, TREE, M2, UP2, DOWN2, s2);
            }
            int r = i - from;
            for (int q = 0; q < L; q++) {
                best[r + q] = buf[TREE + q];
                label[r + q] = (int) buf[TREE + L + q];
                if (s2) {
                    second[r + q] = buf[TREE + 2 * L + q];
                }
            }
        }
        if (i < to) {
            int done = i - from;
            int[] l2 = new int[to - i];
            double[] b2 = new double[to - i];
            double[] s2 = second == null ? null : new double[to - i];
            DistanceKernel.super.nearest(x, d, i, to, cl, kp, k, buf, l2, b2, s2);
            System.arraycopy(l2, 0, label, done, l2.length);
            System.arraycopy(b2, 0, best, done, b2.length);
            if (second != null) {
                System.arraycopy(s2, 0, second, done, s2.length);
            }
        }
    }


    /**
     * The whole tree for 8 lanes without the second minimum, as {@link #combine} does it but with
     * every intermediate in registers (4–6 ms a pass on 1,000,000 rows, k = 32, against the steps
     * through memory). Result at buf[TREE] (minima) and buf[TREE + L] (indices).
     */
    private static void tree8(double[] buf) {
        int o = STATE;
        DoubleVector m0 = DoubleVector.fromArray(S, buf, o), i0 = DoubleVector.fromArray(S, buf, o + L); o += 3 * L;
        DoubleVector m1 = DoubleVector.fromArray(S, buf, o), i1 = DoubleVector.fromArray(S, buf, o + L); o += 3 * L;
        DoubleVector m2 = DoubleVector.fromArray(S, buf, o), i2 = DoubleVector.fromArray(S, buf, o + L); o += 3 * L;
        DoubleVector m3 = DoubleVector.fromArray(S, buf, o), i3 = DoubleVector.fromArray(S, buf, o + L); o += 3 * L;
        DoubleVector m4 = DoubleVector.fromArray(S, buf, o), i4 = DoubleVector.fromArray(S, buf, o + L); o += 3 * L;
        DoubleVector m5 = DoubleVector.fromArray(S, buf, o), i5 = DoubleVector.fromArray(S, buf, o + L); o += 3 * L;
        DoubleVector m6 = DoubleVector.fromArray(S, buf, o), i6 = DoubleVector.fromArray(S, buf, o + L); o += 3 * L;
        DoubleVector m7 = DoubleVector.fromArray(S, buf, o), i7 = DoubleVector.fromArray(S, buf, o + L);
        DoubleVector c, e, ci, ei;
        VectorMask<Double> t;
        c = m0.blend(m1.rearrange(UP1), M1); e = m0.rearrange(DOWN1).blend(m1, M1);
        ci = i0.blend(i1.rearrange(UP1), M1); ei = i0.rearrange(DOWN1).blend(i1, M1);
        t = e.lt(c); DoubleVector n01 = c.blend(e, t), j01 = ci.blend(ei, t);
        c = m2.blend(m3.rearrange(UP1), M1); e = m2.rearrange(DOWN1).blend(m3, M1);
        ci = i2.blend(i3.rearrange(UP1), M1); ei = i2.rearrange(DOWN1).blend(i3, M1);
        t = e.lt(c); DoubleVector n23 = c.blend(e, t), j23 = ci.blend(ei, t);
        c = m4.blend(m5.rearrange(UP1), M1); e = m4.rearrange(DOWN1).blend(m5, M1);
        ci = i4.blend(i5.rearrange(UP1), M1); ei = i4.rearrange(DOWN1).blend(i5, M1);
        t = e.lt(c); DoubleVector n45 = c.blend(e, t), j45 = ci.blend(ei, t);
        c = m6.blend(m7.rearrange(UP1), M1); e = m6.rearrange(DOWN1).blend(m7, M1);
        ci = i6.blend(i7.rearrange(UP1), M1); ei = i6.rearrange(DOWN1).blend(i7, M1);
        t = e.lt(c); DoubleVector n67 = c.blend(e, t), j67 = ci.blend(ei, t);
        c = n01.blend(n23.rearrange(UP2), M2); e = n01.rearrange(DOWN2).blend(n23, M2);
        ci = j01.blend(j23.rearrange(UP2), M2); ei = j01.rearrange(DOWN2).blend(j23, M2);
        t = e.lt(c); DoubleVector n03 = c.blend(e, t), j03 = ci.blend(ei, t);
        c = n45.blend(n67.rearrange(UP2), M2); e = n45.rearrange(DOWN2).blend(n67, M2);
        ci = j45.blend(j67.rearrange(UP2), M2); ei = j45.rearrange(DOWN2).blend(j67, M2);
        t = e.lt(c); DoubleVector n47 = c.blend(e, t), j47 = ci.blend(ei, t);
        c = n03.blend(n47.rearrange(UP4), M4); e = n03.rearrange(DOWN4).blend(n47, M4);
        ci = j03.blend(j47.rearrange(UP4), M4); ei = j03.rearrange(DOWN4).blend(j47, M4);
        t = e.lt(c);
        c.blend(e, t).intoArray(buf, TREE);
        ci.blend(ei, t).intoArray(buf, TREE + L);
    }

    /**
     * {@link #tree8} with the second minimum, as {@link #combine} does it, every intermediate in
     * registers. Result at buf[TREE] (minima), buf[TREE + L] (indices), buf[TREE + 2L]
     * (second minima).
     */
    private static void tree8s(double[] buf) {
        int o = STATE;
        DoubleVector m0 = DoubleVector.fromArray(S, buf, o), i0 = DoubleVector.fromArray(S, buf, o + L),
                s0 = DoubleVector.fromArray(S, buf, o + 2 * L);
        o += 3 * L;
        DoubleVector m1 = DoubleVector.fromArray(S, buf, o), i1 = DoubleVector.fromArray(S, buf, o + L),
                s1 = DoubleVector.fromArray(S, buf, o + 2 * L);
        o += 3 * L;
        DoubleVector c, e, ci, ei, cs, es, lose, ws;
        VectorMask<Double> t;
        c = m0.blend(m1.rearrange(UP1), M1); e = m0.rearrange(DOWN1).blend(m1, M1);
        ci = i0.blend(i1.rearrange(UP1), M1); ei = i0.rearrange(DOWN1).blend(i1, M1);
        cs = s0.blend(s1.rearrange(UP1), M1); es = s0.rearrange(DOWN1).blend(s1, M1);
        t = e.lt(c); lose = e.blend(c, t); ws = cs.blend(es, t);
        DoubleVector n01 = c.blend(e, t), j01 = ci.blend(ei, t), r01 = lose.blend(ws, ws.lt(lose));
        m0 = DoubleVector.fromArray(S, buf, o); i0 = DoubleVector.fromArray(S, buf, o + L);
        s0 = DoubleVector.fromArray(S, buf, o + 2 * L);
        o += 3 * L;
        m1 = DoubleVector.fromArray(S, buf, o); i1 = DoubleVector.fromArray(S, buf, o + L);
        s1 = DoubleVector.fromArray(S, buf, o + 2 * L);
        o += 3 * L;
        c = m0.blend(m1.rearrange(UP1), M1); e = m0.rearrange(DOWN1).blend(m1, M1);
        ci = i0.blend(i1.rearrange(UP1), M1); ei = i0.rearrange(DOWN1).blend(i1, M1);
        cs = s0.blend(s1.rearrange(UP1), M1); es = s0.rearrange(DOWN1).blend(s1, M1);
        t = e.lt(c); lose = e.blend(c, t); ws = cs.blend(es, t);
        DoubleVector n23 = c.blend(e, t), j23 = ci.blend(ei, t), r23 = lose.blend(ws, ws.lt(lose));
        c = n01.blend(n23.rearrange(UP2), M2); e = n01.rearrange(DOWN2).blend(n23, M2);
        ci = j01.blend(j23.rearrange(UP2), M2); ei = j01.rearrange(DOWN2).blend(j23, M2);
        cs = r01.blend(r23.rearrange(UP2), M2); es = r01.rearrange(DOWN2).blend(r23, M2);
        t = e.lt(c); lose = e.blend(c, t); ws = cs.blend(es, t);
        DoubleVector n03 = c.blend(e, t), j03 = ci.blend(ei, t), r03 = lose.blend(ws, ws.lt(lose));
        m0 = DoubleVector.fromArray(S, buf, o); i0 = DoubleVector.fromArray(S, buf, o + L);
        s0 = DoubleVector.fromArray(S, buf, o + 2 * L);
        o += 3 * L;
        m1 = DoubleVector.fromArray(S, buf, o); i1 = DoubleVector.fromArray(S, buf, o + L);
        s1 = DoubleVector.fromArray(S, buf, o + 2 * L);
        o += 3 * L;
        c = m0.blend(m1.rearrange(UP1), M1); e = m0.rearrange(DOWN1).blend(m1, M1);
        ci = i0.blend(i1.rearrange(UP1), M1); ei = i0.rearrange(DOWN1).blend(i1, M1);
        cs = s0.blend(s1.rearrange(UP1), M1); es = s0.rearrange(DOWN1).blend(s1, M1);
        t = e.lt(c); lose = e.blend(c, t); ws = cs.blend(es, t);
        DoubleVector n45 = c.blend(e, t), j45 = ci.blend(ei, t), r45 = lose.blend(ws, ws.lt(lose));
        m0 = DoubleVector.fromArray(S, buf, o); i0 = DoubleVector.fromArray(S, buf, o + L);
        s0 = DoubleVector.fromArray(S, buf, o + 2 * L);
        o += 3 * L;
        m1 = DoubleVector.fromArray(S, buf, o); i1 = DoubleVector.fromArray(S, buf, o + L);
        s1 = DoubleVector.fromArray(S, buf, o + 2 * L);
        c = m0.blend(m1.rearrange(UP1), M1); e = m0.rearrange(DOWN1).blend(m1, M1);
        ci = i0.blend(i1.rearrange(UP1), M1); ei = i0.rearrange(DOWN1).blend(i1, M1);
        cs = s0.blend(s1.rearrange(UP1), M1); es = s0.rearrange(DOWN1).blend(s1, M1);
        t = e.lt(c); lose = e.blend(c, t); ws = cs.blend(es, t);
        DoubleVector n67 = c.blend(e, t), j67 = ci.blend(ei, t), r67 = lose.blend(ws, ws.lt(lose));
        c = n45.blend(n67.rearrange(UP2), M2); e = n45.rearrange(DOWN2).blend(n67, M2);
        ci = j45.blend(j67.rearrange(UP2), M2); ei = j45.rearrange(DOWN2).blend(j67, M2);
        cs = r45.blend(r67.rearrange(UP2), M2); es = r45.rearrange(DOWN2).blend(r67, M2);
        t = e.lt(c); lose = e.blend(c, t); ws = cs.blend(es, t);
        DoubleVector n47 = c.blend(e, t), j47 = ci.blend(ei, t), r47 = lose.blend(ws, ws.lt(lose));
        c = n03.blend(n47.rearrange(UP4), M4); e = n03.rearrange(DOWN4).blend(n47, M4);
        ci = j03.blend(j47.rearrange(UP4), M4); ei = j03.rearrange(DOWN4).blend(j47, M4);
        cs = r03.blend(r47.rearrange(UP4), M4); es = r03.rearrange(DOWN4).blend(r47, M4);
        t = e.lt(c); lose = e.blend(c, t); ws = cs.blend(es, t);
        c.blend(e, t).intoArray(buf, TREE);
        ci.blend(ei, t).intoArray(buf, TREE + L);
        lose.blend(ws, ws.lt(lose)).intoArray(buf, TREE + 2 * L);
    }

    /**
     * One step of the tree: the states (minimum, index, second at +0, +L, +2L) at {@code a} and
     * {@code b} become one at {@code out}. Within each group of 2s lanes (s = 1, 2, 4, the mask's
     * bit), the lower s lanes hold a's lane pairs (j, j + s) reduced and the upper s lanes b's; the
     * upper lane of a pair wins only when strictly smaller. The second minimum of the pair is the
     * smaller of the loser's minimum and the winner's second.
     */
    private static void combine(double[] buf, int a, int b, int out, VectorMask<Double> upper, VectorShuffle<Double> up,
            VectorShuffle<Double> down, boolean withSecond) {
        DoubleVector am = DoubleVector.fromArray(S, buf, a);
        DoubleVector bm = DoubleVector.fromArray(S, buf, b);
        DoubleVector lo = am.blend(bm.rearrange(up), upper);
        DoubleVector hi = am.rearrange(down).blend(bm, upper);
        VectorMask<Double> take = hi.lt(lo);
        lo.blend(hi, take).intoArray(buf, out);
        DoubleVector ai = DoubleVector.fromArray(S, buf, a + L);
        DoubleVector bi = DoubleVector.fromArray(S, buf, b + L);
        ai.blend(bi.rearrange(up), upper).blend(ai.rearrange(down).blend(bi, upper), take).intoArray(buf, out + L);
        if (withSecond) {
            DoubleVector as = DoubleVector.fromArray(S, buf, a + 2 * L);
            DoubleVector bs = DoubleVector.fromArray(S, buf, b + 2 * L);
            DoubleVector ls = as.blend(bs.rearrange(up), upper);
            DoubleVector hs = as.rearrange(down).blend(bs, upper);
            DoubleVector loser = hi.blend(lo, take);
            DoubleVector winnerSecond = ls.blend(hs, take);
            // Compare-and-blend, not min: JDK 17 does not compile a 512-bit double min.
            loser.blend(winnerSecond, winnerSecond.lt(loser)).intoArray(buf, out + 2 * L);
        }
    }

    /**
     * Folds the 4 rows' distances to centre vector v (row q's at buf[q·STRIDE]) into each row's
     * state at buf[so + q·3L] (minimum, index, second), the second only when asked: the vectors
     * left over after the 4×4 blocks. The running minima use compare-and-blend, not {@code min}:
     * JDK 17 does not compile a 512-bit double {@code min} and falls back to allocating code
     * (distances are never NaN or −0).
     */
    private static void fold(double[] buf, int v, int nv, int so, boolean withSecond) {
        DoubleVector col = IOTA.mul((double) nv).add((double) v);
        for (int q = 0; q < 4; q++) {
            int o = so + q * 3 * L;
            DoubleVector m = DoubleVector.fromArray(S, buf, o);
            DoubleVector idx = DoubleVector.fromArray(S, buf, o + L);
            DoubleVector sec = DoubleVector.fromArray(S, buf, o + 2 * L);
            DoubleVector a = DoubleVector.fromArray(S, buf, q * STRIDE);
            VectorMask<Double> lt = a.lt(m);
            if (withSecond) {
                sec = sec.blend(a, a.lt(sec)).blend(m, lt);
            }
            m.blend(a, lt).intoArray(buf, o);
            idx.blend(col, lt).intoArray(buf, o + L);
            sec.intoArray(buf, o + 2 * L);
        }
    }

    /**
     * Starts 4 rows' state afresh (minimum and second +∞). By stores, not by choosing between
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
     * As the fused branch of {@link #block4x4}, with the runner-up: the 4 rows' states at
     * out[so + q·3L] get the per-lane minimum, its index and the per-lane second minimum, as
     * {@link #fold} with the second would leave them. Each pair's loser is a candidate second; the
     * winning pair's second and the losing pair's minimum compete for the second of the four. The
     * distance loop repeats {@link #block4x4}'s on purpose: the accumulators cannot be handed to
     * another method without boxing, and with this tail as a third branch of {@link #block4x4},
     * JDK 17's C2 fell back to boxing code in 3 of 11 JVM runs (2.5–3.2 s a search, not 21 ms).
     */
    private static void block4x4s(double[] x, int d, int i, double[] ct, int kp, int c, double[] out, int nv, int so) {
        final boolean first = c == 0;
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
        // Lane l of vector u holds centre l·nv + u (Distances.laneBlocked).
        DoubleVector i0 = IOTA.mul((double) nv).add((double) (c / L));
        DoubleVector i1 = i0.add(1.0), i2 = i0.add(2.0), i3 = i0.add(3.0);
        VectorMask<Double> lt;
        DoubleVector m, w01, w23, s01, s23, j01, j23, lose;
        int o = so;
        lt = a01.lt(a00); w01 = a00.blend(a01, lt); s01 = a01.blend(a00, lt); j01 = i0.blend(i1, lt);
        lt = a03.lt(a02); w23 = a02.blend(a03, lt); s23 = a03.blend(a02, lt); j23 = i2.blend(i3, lt);
        lt = w23.lt(w01); lose = w23.blend(w01, lt); s01 = s01.blend(s23, lt);
        s01 = lose.blend(s01, s01.lt(lose)); w01 = w01.blend(w23, lt); j01 = j01.blend(j23, lt);
        if (first) {
            w01.intoArray(out, o);
            j01.intoArray(out, o + L);
            s01.intoArray(out, o + 2 * L);
        } else {
            m = DoubleVector.fromArray(S, out, o);
            lt = w01.lt(m);
            lose = w01.blend(m, lt);
            s23 = DoubleVector.fromArray(S, out, o + 2 * L).blend(s01, lt);
            m.blend(w01, lt).intoArray(out, o);
            DoubleVector.fromArray(S, out, o + L).blend(j01, lt).intoArray(out, o + L);
            lose.blend(s23, s23.lt(lose)).intoArray(out, o + 2 * L);
        }
        o += 3 * L;
        lt = a11.lt(a10); w01 = a10.blend(a11, lt); s01 = a11.blend(a10, lt); j01 = i0.blend(i1, lt);
        lt = a13.lt(a12); w23 = a12.blend(a13, lt); s23 = a13.blend(a12, lt); j23 = i2.blend(i3, lt);
        lt = w23.lt(w01); lose = w23.blend(w01, lt); s01 = s01.blend(s23, lt);
        s01 = lose.blend(s01, s01.lt(lose)); w01 = w01.blend(w23, lt); j01 = j01.blend(j23, lt);
        if (first) {
            w01.intoArray(out, o);
            j01.intoArray(out, o + L);
            s01.intoArray(out, o + 2 * L);
        } else {
            m = DoubleVector.fromArray(S, out, o);
            lt = w01.lt(m);
            lose = w01.blend(m, lt);
            s23 = DoubleVector.fromArray(S, out, o + 2 * L).blend(s01, lt);
            m.blend(w01, lt).intoArray(out, o);
            DoubleVector.fromArray(S, out, o + L).blend(j01, lt).intoArray(out, o + L);
            lose.blend(s23, s23.lt(lose)).intoArray(out, o + 2 * L);
        }
        o += 3 * L;
        lt = a21.lt(a20); w01 = a20.blend(a21, lt); s01 = a21.blend(a20, lt); j01 = i0.blend(i1, lt);
        lt = a23.lt(a22); w23 = a22.blend(a23, lt); s23 = a23.blend(a22, lt); j23 = i2.blend(i3, lt);
        lt = w23.lt(w01); lose = w23.blend(w01, lt); s01 = s01.blend(s23, lt);
        s01 = lose.blend(s01, s01.lt(lose)); w01 = w01.blend(w23, lt); j01 = j01.blend(j23, lt);
        if (first) {
            w01.intoArray(out, o);
            j01.intoArray(out, o + L);
            s01.intoArray(out, o + 2 * L);
        } else {
            m = DoubleVector.fromArray(S, out, o);
            lt = w01.lt(m);
            lose = w01.blend(m, lt);
            s23 = DoubleVector.fromArray(S, out, o + 2 * L).blend(s01, lt);
            m.blend(w01, lt).intoArray(out, o);
            DoubleVector.fromArray(S, out, o + L).blend(j01, lt).intoArray(out, o + L);
            lose.blend(s23, s23.lt(lose)).intoArray(out, o + 2 * L);
        }
        o += 3 * L;
        lt = a31.lt(a30); w01 = a30.blend(a31, lt); s01 = a31.blend(a30, lt); j01 = i0.blend(i1, lt);
        lt = a33.lt(a32); w23 = a32.blend(a33, lt); s23 = a33.blend(a32, lt); j23 = i2.blend(i3, lt);
        lt = w23.lt(w01); lose = w23.blend(w01, lt); s01 = s01.blend(s23, lt);
        s01 = lose.blend(s01, s01.lt(lose)); w01 = w01.blend(w23, lt); j01 = j01.blend(j23, lt);
        if (first) {
            w01.intoArray(out, o);
            j01.intoArray(out, o + L);
            s01.intoArray(out, o + 2 * L);
        } else {
            m = DoubleVector.fromArray(S, out, o);
            lt = w01.lt(m);
            lose = w01.blend(m, lt);
            s23 = DoubleVector.fromArray(S, out, o + 2 * L).blend(s01, lt);
            m.blend(w01, lt).intoArray(out, o);
            DoubleVector.fromArray(S, out, o + L).blend(j01, lt).intoArray(out, o + L);
            lose.blend(s23, s23.lt(lose)).intoArray(out, o + 2 * L);
        }
    }

    /**
     * Distances from rows i..i+3 to the 4 centre vectors at column c: 16 accumulators, one
     * subtraction and one FMA per coordinate and lane. With {@code so} negative they are stored,
     * row q's at out[o + c + q·os]; otherwise they go straight from registers into the 4 rows'
     * states at out[so + q·3L] as {@link #fold} would fold them without the second (vector c/L of
     * nv in the lane-blocked layout); the first block of a row (c = 0) writes the state instead of
     * merging into it. Each branch keeps its vectors to itself: a vector chosen between branches
     * would be boxed on JDK 17.
     */
    private static void block4x4(double[] x, int d, int i, double[] ct, int kp, int c, double[] out, int o, int os, int nv,
            int so) {
        final boolean first = c == 0;
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
        if (so < 0) {
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
            return;
        }
        // Lane l of vector u holds centre l·nv + u (Distances.laneBlocked).
        DoubleVector i0 = IOTA.mul((double) nv).add((double) (c / L));
        DoubleVector i1 = i0.add(1.0), i2 = i0.add(2.0), i3 = i0.add(3.0);
        VectorMask<Double> lt;
        DoubleVector m, idx, w01, w23, j01, j23;
        // Pairwise, (0, 1) and (2, 3), then the pairs, then the state of earlier vectors: the same
        // minimum and lowest index as folding in order (the earlier operand wins ties), with a
        // shorter dependency chain; the first block stores its result without reading a reset state
        // (1,000,000 rows, k = 32: 26.3-29.3 ms a search in order, 19.6-21.6 this way).
        o = so;
        lt = a01.lt(a00); w01 = a00.blend(a01, lt); j01 = i0.blend(i1, lt);
        lt = a03.lt(a02); w23 = a02.blend(a03, lt); j23 = i2.blend(i3, lt);
        lt = w23.lt(w01); w01 = w01.blend(w23, lt); j01 = j01.blend(j23, lt);
        if (first) {
            w01.intoArray(out, o);
            j01.intoArray(out, o + L);
        } else {
            m = DoubleVector.fromArray(S, out, o);
            idx = DoubleVector.fromArray(S, out, o + L);
            lt = w01.lt(m);
            m.blend(w01, lt).intoArray(out, o);
            idx.blend(j01, lt).intoArray(out, o + L);
        }
        o += 3 * L;
        lt = a11.lt(a10); w01 = a10.blend(a11, lt); j01 = i0.blend(i1, lt);
        lt = a13.lt(a12); w23 = a12.blend(a13, lt); j23 = i2.blend(i3, lt);
        lt = w23.lt(w01); w01 = w01.blend(w23, lt); j01 = j01.blend(j23, lt);
        if (first) {
            w01.intoArray(out, o);
            j01.intoArray(out, o + L);
        } else {
            m = DoubleVector.fromArray(S, out, o);
            idx = DoubleVector.fromArray(S, out, o + L);
            lt = w01.lt(m);
            m.blend(w01, lt).intoArray(out, o);
            idx.blend(j01, lt).intoArray(out, o + L);
        }
        o += 3 * L;
        lt = a21.lt(a20); w01 = a20.blend(a21, lt); j01 = i0.blend(i1, lt);
        lt = a23.lt(a22); w23 = a22.blend(a23, lt); j23 = i2.blend(i3, lt);
        lt = w23.lt(w01); w01 = w01.blend(w23, lt); j01 = j01.blend(j23, lt);
        if (first) {
            w01.intoArray(out, o);
            j01.intoArray(out, o + L);
        } else {
            m = DoubleVector.fromArray(S, out, o);
            idx = DoubleVector.fromArray(S, out, o + L);
            lt = w01.lt(m);
            m.blend(w01, lt).intoArray(out, o);
            idx.blend(j01, lt).intoArray(out, o + L);
        }
        o += 3 * L;
        lt = a31.lt(a30); w01 = a30.blend(a31, lt); j01 = i0.blend(i1, lt);
        lt = a33.lt(a32); w23 = a32.blend(a33, lt); j23 = i2.blend(i3, lt);
        lt = w23.lt(w01); w01 = w01.blend(w23, lt); j01 = j01.blend(j23, lt);
        if (first) {
            w01.intoArray(out, o);
            j01.intoArray(out, o + L);
        } else {
            m = DoubleVector.fromArray(S, out, o);
            idx = DoubleVector.fromArray(S, out, o + L);
            lt = w01.lt(m);
            m.blend(w01, lt).intoArray(out, o);
            idx.blend(j01, lt).intoArray(out, o + L);
        }
    }

    private static void block4x1(double[] x, int d, int i, double[] ct, int kp, int c, double[] out, int o, int os) {
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
        a1.intoArray(out, p + os);
        a2.intoArray(out, p + 2 * os);
        a3.intoArray(out, p + 3 * os);
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
