package dev.mixtures.linalg;

/**
 * Elementary functions written with additions, multiplications and fused multiply-adds only, so
 * that the plain Java and the Vector API paths of a kernel can evaluate them lane by lane in the
 * same order and get the same bits. {@link Math#exp} cannot be used for that: the Vector API's own
 * {@code EXP} is a different approximation, and {@code Math.exp} is several times slower than a
 * vectorised polynomial.
 */
public final class LaneMath {
    /**
     * Below this, {@link #expNonPositive} returns 0. e^−600 ≈ 3e−261 is already nothing beside the
     * largest term of a log-sum-exp (which is 1); cutting there, rather than at the subnormal range
     * (−708), keeps the products of tiny responsibilities with data out of subnormal numbers, which
     * the processor handles many times more slowly.
     */
    public static final double EXP_LOWER = -600.0;
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

    /** √2, the upper end of the mantissa range [√2/2, √2) that {@link #logAtLeastOne} reduces to. */
    public static final double SQRT2 = 1.4142135623730951;
    /** 2/(2i+1) for i = 0..10: ln m = Σ 2 f^(2i+1)/(2i+1) with f = (m−1)/(m+1), |f| ≤ 0.1716. */
    public static final double[] LOG_COEF = new double[11];
    /** The exponent field mask of a double. */
    public static final long EXP_MASK = 0x7ff0000000000000L;
    /** The sign and mantissa fields. */
    public static final long MANT_MASK = 0x000fffffffffffffL;
    /** The bits of 1.0 (exponent field 1023). */
    public static final long ONE_BITS = 0x3ff0000000000000L;

    static {
        for (int i = 0; i < LOG_COEF.length; i++) {
            LOG_COEF[i] = 2.0 / (2 * i + 1);
        }
    }

    private LaneMath() {
    }

    /**
     * ln x for finite x ≥ 1 (the sum in log-sum-exp, whose largest term is 1), within about 2 ulp,
     * written with the operations a vector kernel performs per lane: x = 2^e·m with m in
     * [√2/2, √2), then ln x = e·ln 2 + 2 atanh((m−1)/(m+1)) by its odd series.
     */
    public static double logAtLeastOne(double x) {
        long bits = Double.doubleToRawLongBits(x);
        // e + 1023 as an exact double: its bits ORed into the low mantissa of 1.5·2⁵².
        double eb = Double.longBitsToDouble(((bits & EXP_MASK) >>> 52) | Double.doubleToRawLongBits(SHIFT)) - SHIFT;
        double m = Double.longBitsToDouble((bits & MANT_MASK) | ONE_BITS);
        boolean big = m > SQRT2;
        m = big ? m * 0.5 : m;
        double e = big ? eb - 1022 : eb - 1023;
        double f = (m - 1) / (m + 1);
        double f2 = f * f;
        double p = LOG_COEF[10];
        for (int i = 9; i >= 0; i--) {
            p = Math.fma(p, f2, LOG_COEF[i]);
        }
        double lnm = f * p;
        return Math.fma(e, LN2_HI, Math.fma(e, LN2_LO, lnm));
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
