package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The moves a {@link BayesianGaussianMixture} may make between its iterations so that one start
 * finds the number of components the data need (docs/MATH.md §4.9): each is accepted only when the
 * lower bound rises, so the bound never falls over a run. All three are on by default.
 */
public enum Move {
    /**
     * Dirichlet process only: keep the components in decreasing order of expected size, whenever
     * that raises the bound (a large component behind small ones pays for their sticks).
     */
    ORDER("order"),
    /**
     * Merge two components into one when that raises the bound, priced from the statistics and one
     * entropy term gathered in the E-step (Hughes and Sudderth 2013).
     */
    MERGE("merge"),
    /**
     * Take out a component the data do not need (expected size N_k below one row, or below 0.001
     * of the row weight), its rows handed to the component whose taking them raises the bound most.
     */
    DELETE("delete");

    private final String label;

    Move(String label) {
        this.label = label;
    }

    /** The name used on the command line and in model files. */
    public String label() {
        return label;
    }

    /** Parses one {@link #label()} (case-insensitive). */
    public static Move parse(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        for (Move m : values()) {
            if (m.label.equals(v)) {
                return m;
            }
        }
        throw new BadInputException("unknown move '" + s.trim() + "': use order, merge or delete");
    }

    /** Parses {@code none}, {@code all}, or a comma-separated list of {@link #label()}s (case-insensitive). */
    public static Set<Move> parseSet(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        if (v.equals("none")) {
            return EnumSet.noneOf(Move.class);
        }
        if (v.equals("all")) {
            return EnumSet.allOf(Move.class);
        }
        EnumSet<Move> set = EnumSet.noneOf(Move.class);
        for (String part : v.split(",", -1)) {
            try {
                set.add(parse(part));
            } catch (BadInputException e) {
                throw new BadInputException("unknown move '" + part.trim() + "' in '" + s
                        + "': use none, all, or a comma-separated list of order, merge, delete");
            }
        }
        return set;
    }

    /** The labels of {@code moves} as {@link #parseSet} reads them: none, all, or a list. */
    public static String labels(Set<Move> moves) {
        if (moves.isEmpty()) {
            return "none";
        }
        if (moves.size() == values().length) {
            return "all";
        }
        StringBuilder b = new StringBuilder();
        for (Move m : values()) {
            if (moves.contains(m)) {
                b.append(b.length() == 0 ? "" : ",").append(m.label);
            }
        }
        return b.toString();
    }
}
