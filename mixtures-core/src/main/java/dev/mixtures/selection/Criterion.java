package dev.mixtures.selection;

import dev.mixtures.BadInputException;
import java.util.Locale;

/**
 * An information criterion, lower is better (scikit-learn's sign; mclust reports BIC and ICL with
 * the other sign, higher is better): BIC = −2 ln L + p ln N, AIC = −2 ln L + 2p, and
 * ICL = BIC − 2 Σ_n ln max_k r_nk, BIC plus twice the entropy of the classification as mclust
 * computes it (the hard, most probable assignment), so that overlapping components pay for their overlap.
 */
public enum Criterion {
    /** Bayesian information criterion (Schwarz 1978). */
    BIC,
    /** Akaike information criterion. */
    AIC,
    /** Integrated completed likelihood (Biernacki, Celeux and Govaert 2000). */
    ICL;

    /** Lower-case name, as on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a name (case-insensitive). */
    public static Criterion parse(String s) {
        for (Criterion c : values()) {
            if (c.name().equalsIgnoreCase(s.trim())) {
                return c;
            }
        }
        throw new BadInputException("unknown criterion '" + s + "': use bic, aic or icl");
    }
}
