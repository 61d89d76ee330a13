package dev.mixtures.io;

/**
 * Numbers as CSV users write them, parsed from bytes with the bits {@link Double#parseDouble}
 * gives: an optional sign, digits with an optional decimal point (".5" and "5." too), an optional
 * exponent ("e-3", "E+07"). Not Java's other forms ("1d", "2f", hex floats, "NaN", "Infinity").
 *
 * <p>Most numbers in a CSV file have at most 15 significant digits and a small exponent; for
 * them the digits make an exact long and 10^|e| (|e| ≤ 22) an exact double, so one
 * multiplication or division gives the correctly rounded value (Clinger 1990, "How to read
 * floating point numbers accurately"), the same as Double.parseDouble. Any other number is handed
 * to Double.parseDouble.
 */
final class CsvNumbers {
    private static final double[] POWERS = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POWERS.length; i++) {
            POWERS[i] = p;
            p *= 10;
        }
    }

    private CsvNumbers() {
    }

    /**
     * The number in {@code b[from, to)} (no surrounding spaces), or NaN when it is not one in the
     * forms above (NaN is not a number a CSV cell may hold, so it marks a refusal).
     */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        if (i == to) {
            return Double.NaN;
        }
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        int digits = 0;
        boolean exact = true;
        for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
            digits++;
            if (mantissa == 0 && b[i] == '0') {
                continue;
            }
            if (significant < 18) {
                mantissa = mantissa * 10 + (b[i] - '0');
            } else {
                exponent++;
                exact = false;
            }
            significant++;
        }
        if (i < to && b[i] == '.') {
            i++;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                digits++;
                if (mantissa == 0 && b[i] == '0') {
                    exponent--;
                    continue;
                }
                if (significant < 18) {
                    mantissa = mantissa * 10 + (b[i] - '0');
                    exponent--;
                } else {
                    exact = false;
                }
                significant++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negExp = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                negExp = b[i] == '-';
                i++;
            }
            int start = i;
            int e = 0;
            for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
                if (e < 100_000) {
                    e = e * 10 + (b[i] - '0');
                }
            }
            if (i == start) {
                return Double.NaN;
            }
            exponent += negExp ? -e : e;
        }
        if (i != to) {
            return Double.NaN;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        if (exact && significant <= 15 && exponent >= -22 && exponent <= 22) {
            double v = exponent >= 0 ? mantissa * POWERS[exponent] : mantissa / POWERS[-exponent];
            return negative ? -v : v;
        }
        return Double.parseDouble(new String(b, from, to - from, java.nio.charset.StandardCharsets.US_ASCII));
    }
}
