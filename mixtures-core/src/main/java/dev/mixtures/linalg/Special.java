package dev.mixtures.linalg;

import dev.mixtures.BadInputException;

/**
 * The special functions the Bayesian mixture needs: ln Γ and the digamma function ψ, for positive
 * arguments, to a few units of 1e-15 of max(1, |value|). Both shift small arguments up by the recurrences
 * Γ(x+1) = xΓ(x) and ψ(x+1) = ψ(x) + 1/x until x ≥ 10, then sum the asymptotic (Stirling) series,
 * whose terms at x ≥ 10 fall below the precision of a double within eight terms.
 */
public final class Special {
    private static final double HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);
    private static final double SHIFT = 10;

    private Special() {
    }

    /** ln Γ(x) for x &gt; 0. */
    public static double lnGamma(double x) {
        if (!(x > 0)) {
            throw new BadInputException("lnGamma needs x > 0, got " + x);
        }
        if (x == 1 || x == 2) {
            return 0;
        }
        double prod = 1;
        double shift = 0;
        while (x < SHIFT) {
            prod *= x;
            x += 1;
            // The product of up to ten factors stays far inside the range of a double unless x is tiny.
            if (prod < 1e-250 || prod > 1e250) {
                shift += Math.log(prod);
                prod = 1;
            }
        }
        shift += Math.log(prod);
        double inv = 1 / x;
        double inv2 = inv * inv;
        // Stirling: B_2j / (2j(2j−1) x^(2j−1)), j = 1..8.
        double series = inv * (1.0 / 12 + inv2 * (-1.0 / 360 + inv2 * (1.0 / 1260 + inv2 * (-1.0 / 1680
                + inv2 * (1.0 / 1188 + inv2 * (-691.0 / 360360 + inv2 * (1.0 / 156 + inv2 * (-3617.0 / 122400))))))));
        return (x - 0.5) * Math.log(x) - x + HALF_LN_2PI + series - shift;
    }

    /** ψ(x) = d/dx ln Γ(x) for x &gt; 0. */
    public static double digamma(double x) {
        if (!(x > 0)) {
            throw new BadInputException("digamma needs x > 0, got " + x);
        }
        double acc = 0;
        while (x < SHIFT) {
            acc -= 1 / x;
            x += 1;
        }
        double inv = 1 / x;
        double inv2 = inv * inv;
        // Asymptotic: ln x − 1/(2x) − Σ B_2j / (2j x^(2j)), j = 1..8.
        double series = inv2 * (1.0 / 12 + inv2 * (-1.0 / 120 + inv2 * (1.0 / 252 + inv2 * (-1.0 / 240
                + inv2 * (1.0 / 132 + inv2 * (-691.0 / 32760 + inv2 * (1.0 / 12 + inv2 * (-3617.0 / 8160))))))));
        return acc + Math.log(x) - 0.5 * inv - series;
    }

    /**
     * ln of the multivariate gamma function Γ_D(ν/2) without its π term:
     * Σ_{i=1..D} ln Γ((ν + 1 − i)/2), as it appears in the Wishart normaliser (PRML B.79).
     */
    public static double lnGammaSum(double nu, int dim) {
        double s = 0;
        for (int i = 1; i <= dim; i++) {
            s += lnGamma(0.5 * (nu + 1 - i));
        }
        return s;
    }

    /** Σ_{i=1..D} ψ((ν + 1 − i)/2), as in E[ln |Λ|] under a Wishart (PRML 10.65). */
    public static double digammaSum(double nu, int dim) {
        double s = 0;
        for (int i = 1; i <= dim; i++) {
            s += digamma(0.5 * (nu + 1 - i));
        }
        return s;
    }
}
