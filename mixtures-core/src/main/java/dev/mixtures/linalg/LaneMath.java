package dev.mixtures.linalg;

/**
 * Elementary functions written with additions, multiplications and fused multiply-adds only, so
 * that the plain Java and the Vector API paths of a kernel can evaluate them lane by lane in the
 * same order and get the same bits. {@link Math#exp} cannot be used for that: the Vector API's own
 * {@code EXP} is a different approximation, and {@code Math.exp} is several times slower than a
 * vectorised polynomial.
 */
public final class LaneMath {
    /** Below this, {@link #exp} returns 0 (the result would be subnormal or zero). */
    public static final double EXP_LOWER = -708.0;
    /** 1.5·2⁵²: adding it rounds a double of magnitude below 2⁵¹ to an integer, held in the low mantissa bits. */
    public static final double SHIFT = 0x1.8p52;
    public static final double LOG2E = 1.4426950408889634;
    /** ln 2 split in a high part with trailing zeros (n·LN2_HI is exact for |n| &lt; 2¹¹) and the rest. */
    public static final double LN2_HI = 0x1.62e42fefa3800p-1;
    public static final double LN2_LO = 0x1.ef35793c76730p-45;
    /** Taylor coefficients 1/i! for i = 0..13; the remainder on |r| ≤ ln2/2 is below 2e-16 relative. */
    public static final double[] EXP_COEF = new double[14];

    static {
        double f = 1;
        for (int i = 0; i < EXP_COEF.length; i++) {
            if (i > 0) {
                f *= i;
            }
            EXP_COEF[i] = 1.0 / f;
        }
    }

    private LaneMath() {
    }

    /**
     * e^x for x ≤ 0 (used on a − max a in log-sum-exp), within about 2 ulp; 0 below
     * {@link #EXP_LOWER}. The steps are the ones the vector kernels perform per lane.
     */
    public static double expNonPositive(double x) {
        double t = x * LOG2E + SHIFT;
        double n = t - SHIFT;
        double r = Math.fma(n, -LN2_HI, x);
        r = Math.fma(n, -LN2_LO, r);
        double p = EXP_COEF[13];
        for (int i = 12; i >= 0; i--) {
            p = Math.fma(p, r, EXP_COEF[i]);
        }
        long bits = (Double.doubleToRawLongBits(t) - Double.doubleToRawLongBits(SHIFT) + 1023) << 52;
        double e = p * Double.longBitsToDouble(bits);
        return x < EXP_LOWER ? 0.0 : e;
    }
}
