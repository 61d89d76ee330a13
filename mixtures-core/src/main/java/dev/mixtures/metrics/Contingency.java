package dev.mixtures.metrics;

import dev.mixtures.BadInputException;
import java.util.HashMap;
import java.util.Map;

/**
 * The contingency table of two labellings of the same rows (MATH.md §9.1): n_ij rows with true
 * class i and predicted cluster j, with the classes and clusters in order of first appearance.
 * Labels are any values (strings, numbers); only equality matters. Immutable.
 */
public final class Contingency {
    private final String[] classes;
    private final String[] clusters;
    private final long[][] counts;
    private final long n;

    private Contingency(String[] classes, String[] clusters, long[][] counts, long n) {
        this.classes = classes;
        this.clusters = clusters;
        this.counts = counts;
        this.n = n;
    }

    /**
     * The table of {@code truth} against {@code predicted}.
     *
     * @throws IllegalArgumentException when the two have different lengths or are empty
     */
    public static Contingency of(String[] truth, String[] predicted) {
        if (truth.length != predicted.length) {
            throw new BadInputException("the true labels have " + truth.length + " rows and the predicted ones "
                    + predicted.length + "; they must label the same rows");
        }
        if (truth.length == 0) {
            throw new BadInputException("no labels to compare");
        }
        Map<String, Integer> ci = new HashMap<>();
        Map<String, Integer> cj = new HashMap<>();
        int[] a = new int[truth.length];
        int[] b = new int[truth.length];
        for (int r = 0; r < truth.length; r++) {
            a[r] = ci.computeIfAbsent(truth[r], x -> ci.size());
            b[r] = cj.computeIfAbsent(predicted[r], x -> cj.size());
        }
        long[][] t = new long[ci.size()][cj.size()];
        for (int r = 0; r < truth.length; r++) {
            t[a[r]][b[r]]++;
        }
        String[] cls = new String[ci.size()];
        ci.forEach((k, v) -> cls[v] = k);
        String[] clu = new String[cj.size()];
        cj.forEach((k, v) -> clu[v] = k);
        return new Contingency(cls, clu, t, truth.length);
    }

    /** The table of two integer labellings. */
    public static Contingency of(int[] truth, int[] predicted) {
        return of(strings(truth), strings(predicted));
    }

    private static String[] strings(int[] v) {
        String[] s = new String[v.length];
        for (int i = 0; i < v.length; i++) {
            s[i] = Integer.toString(v[i]);
        }
        return s;
    }

    /** The true classes, in order of first appearance. */
    public String[] classes() {
        return classes.clone();
    }

    /** The predicted clusters, in order of first appearance. */
    public String[] clusters() {
        return clusters.clone();
    }

    /** n_ij, classes by rows and clusters by columns. */
    public long[][] counts() {
        long[][] c = new long[counts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    /** The number of rows. */
    public long n() {
        return n;
    }

    long[][] table() {
        return counts;
    }
}
