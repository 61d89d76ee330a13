package dev.mixtures.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * ln Γ and ψ against closed forms and their recurrences. Tolerances are a few units of 1e-15 of
 * max(1, |value|): the shift to x ≥ 10 subtracts logs of about 14 from each other.
 */
class SpecialTest {
    private static final double EULER = 0.57721566490153286061;

    @Test
    void knownValues() {
        assertEquals(-EULER, Special.digamma(1), 1e-15);
        assertEquals(-EULER - 2 * Math.log(2), Special.digamma(0.5), 1e-15);
        assertEquals(1 - EULER + 0.5, Special.digamma(3), 1e-15);
        assertEquals(0.5 * Math.log(Math.PI), Special.lnGamma(0.5), 3e-15);
        assertEquals(Math.log(362880), Special.lnGamma(10), 1e-14);
        assertEquals(0, Special.lnGamma(1), 0);
        assertEquals(0, Special.lnGamma(2), 0);
        // ln Γ(x) ≈ −ln x − γx for small x; ψ(x) ≈ −1/x − γ.
        assertEquals(-Math.log(1e-8) - EULER * 1e-8, Special.lnGamma(1e-8), 1e-12);
        assertEquals(-1e8 - EULER, Special.digamma(1e-8), 1e-6);
        // Stirling at a large argument: ln Γ(1e6) = (1e6 − ½) ln 1e6 − 1e6 + ½ ln 2π + 1/(12e6).
        double x = 1e6;
        assertEquals((x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x), Special.lnGamma(x),
                1e-15 * Special.lnGamma(x));
    }

    @Test
    void recurrencesHoldEverywhere() {
        SplittableRandom g = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++) {
            double x = Math.exp(g.nextDouble(-8, 8));
            assertEquals(Math.log(x), Special.lnGamma(x + 1) - Special.lnGamma(x),
                    2e-15 * Math.max(1, Math.abs(Special.lnGamma(x))) + 1e-15 * Math.abs(Math.log(x)), "x = " + x);
            assertEquals(1 / x, Special.digamma(x + 1) - Special.digamma(x),
                    2e-15 * Math.max(1, Math.max(1 / x, Math.abs(Special.digamma(x)))), "x = " + x);
        }
    }

    @Test
    void refusesNonPositiveArguments() {
        assertThrows(IllegalArgumentException.class, () -> Special.lnGamma(0));
        assertThrows(IllegalArgumentException.class, () -> Special.digamma(-1));
        assertThrows(IllegalArgumentException.class, () -> Special.digamma(Double.NaN));
    }
}
