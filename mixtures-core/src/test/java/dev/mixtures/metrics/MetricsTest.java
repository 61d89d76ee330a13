package dev.mixtures.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.metrics.Agreement.Average;
import org.junit.jupiter.api.Test;

/** The known answers of MATH.md §9.5 (scikit-learn 1.2.1) and the measures' invariants. */
class MetricsTest {
    private static final double TOL = 1e-12;

    private static void check(int[] t, int[] p, double ari, double arith, double geo, double max, double min, double mi) {
        Contingency c = Contingency.of(t, p);
        String what = java.util.Arrays.toString(t) + " vs " + java.util.Arrays.toString(p);
        assertEquals(ari, Agreement.adjustedRand(c), TOL, what + " ARI");
        assertEquals(arith, Agreement.normalizedMutualInformation(c), TOL, what + " NMI arithmetic");
        assertEquals(geo, Agreement.normalizedMutualInformation(c, Average.GEOMETRIC), TOL, what + " NMI geometric");
        assertEquals(max, Agreement.normalizedMutualInformation(c, Average.MAX), TOL, what + " NMI max");
        assertEquals(min, Agreement.normalizedMutualInformation(c, Average.MIN), TOL, what + " NMI min");
        assertEquals(mi, Agreement.mutualInformation(c), TOL, what + " MI");
    }

    @Test
    void knownAnswersOfScikitLearn() {
        check(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}, 1, 1, 1, 1, 1, 0.693147180560);
        check(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}, 0.571428571429, 0.8, 0.816496580928, 0.666666666667, 1,
                0.693147180560);
        check(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}, 0, 0, 0, 0, 0, 0);
        check(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 2, 2, 2}, 0.444444444444, 0.739667376801, 0.740299940800,
                0.710309917857, 0.771556173679, 0.780355204521);
        double n5 = 0.081704165946;
        check(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 0, 1, 0, 1}, -0.111111111111, n5, n5, n5, n5,
                0.056633012265);
        assertEquals(0.833333333333, Agreement.randIndex(Contingency.of(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1})), TOL);
        assertEquals(0.8, Agreement.randIndex(Contingency.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 0, 1, 2, 2, 2})), TOL);
        assertEquals(0.466666666667,
                Agreement.randIndex(Contingency.of(new int[] {0, 0, 0, 1, 1, 1}, new int[] {0, 1, 0, 1, 0, 1})), TOL);
        // Both labellings a single cluster: 1 (scikit-learn's convention).
        assertEquals(1, Agreement.normalizedMutualInformation(Contingency.of(new int[] {3, 3}, new int[] {5, 5})), 0);
    }

    @Test
    void labelsAreNamesAndOnlyEqualityMatters() {
        Contingency c = Contingency.of(new String[] {"setosa", "setosa", "virginica", "other"},
                new String[] {"7", "7", "x", "x"});
        assertEquals(0.571428571429, Agreement.adjustedRand(c), TOL);
        assertArrayEquals(new String[] {"setosa", "virginica", "other"}, c.classes());
        assertArrayEquals(new long[] {0, 1}, c.counts()[1]);
        assertThrows(IllegalArgumentException.class, () -> Contingency.of(new int[] {1, 2}, new int[] {1}));
    }

    @Test
    void silhouetteKnownAnswer() {
        Dataset x = Dataset.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {5, 5}, {5, 6}, {6, 5}, {6, 6}});
        int[] labels = {0, 0, 0, 1, 1, 1, 1};
        assertEquals(0.8443323041314263, Silhouette.score(x, labels), 1e-15);
        assertArrayEquals(new double[] {0.87169967, 0.83055501, 0.83055501, 0.82823569, 0.84545769, 0.84545769,
            0.85836536}, Silhouette.values(x, labels), 5e-9);
        assertThrows(IllegalArgumentException.class, () -> Silhouette.score(x, new int[7]));
    }

    @Test
    void sampledSilhouetteIsCloseToTheExactOneWithinItsStandardError() {
        Dataset x = Blobs.generate(3000, 3, 4, 1.5, 2);
        int[] labels = new int[x.n()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = x.get(i, 0) > 0 ? (x.get(i, 1) > 0 ? 0 : 1) : 2;
        }
        double exact = Silhouette.score(x, labels);
        Silhouette.Estimate e = Silhouette.estimate(x, labels, 400, 9);
        assertTrue(e.standardError() > 0 && e.standardError() < 0.05, "se " + e.standardError());
        assertTrue(Math.abs(e.mean() - exact) < 4 * e.standardError(), e.mean() + " vs " + exact);
        assertEquals(exact, Silhouette.estimate(x, labels, 5000, 9).mean(), 0);
    }
}
