package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import java.util.Locale;

/**
 * The prior on the mixing weights of a {@link BayesianGaussianMixture}: the symmetric Dirichlet of
 * PRML (10.39), or the truncated Dirichlet process (stick-breaking, MATH.md §4.8), which favours
 * few components more strongly and orders them by size.
 */
public enum WeightPrior {
    /** Dir(π | α0, …, α0) (PRML 10.39); the concentration is α0. */
    DIRICHLET("dirichlet"),
    /** Stick-breaking v_k ~ Beta(1, γ0), π_k = v_k Π_{j&lt;k}(1 − v_j), truncated at K; the concentration is γ0. */
    DIRICHLET_PROCESS("dirichlet-process");

    private final String label;

    WeightPrior(String label) {
        this.label = label;
    }

    /** The name used on the command line and in model files. */
    public String label() {
        return label;
    }

    /** Parses a {@link #label()} (case-insensitive). */
    public static WeightPrior parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (WeightPrior p : values()) {
            if (p.label.equals(v)) {
                return p;
            }
        }
        throw new BadInputException("unknown weight prior '" + s + "': use dirichlet or dirichlet-process");
    }
}
