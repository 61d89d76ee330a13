package dev.mixtures.gaussian;

import static dev.mixtures.gaussian.Fixtures.matrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixtures.data.Dataset;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hierarchical start: its cuts at K = 1..9 are mclust 6.0.0's hclass(hc(data, "VVV", "SVD"))
 * classes, row for row up to the names of the classes, on five data sets (faithful's duplicated
 * rows and rounded values included; on wreath mclust's stored cluster factors change its last
 * three merges, MATH.md §2.8, and the cut at K = 3 differs without them); the same data and seed give the same tree; above
 * {@link Hierarchy#SUBSET} rows every row still gets a class, from a seeded subset.
 */
class HierarchyTest {

    @Test
    void cutsAreMclusts() throws Exception {
        for (String name : new String[] {"faithful", "iris", "banknote", "diabetes", "wreath"}) {
            JsonNode root = Fixtures.read("/mclust/select-" + name + ".json");
            Hierarchy h = Hierarchy.of(Dataset.of(matrix(root.get("data"))), 1);
            for (int k = 1; k <= 9; k++) {
                JsonNode theirs = root.get("hc").get(k - 1);
                int[] ours = h.labels(k);
                // A one-to-one map between their classes and ours.
                Map<Integer, Integer> forward = new HashMap<>();
                Map<Integer, Integer> backward = new HashMap<>();
                for (int i = 0; i < ours.length; i++) {
                    int t = theirs.get(i).asInt();
                    Integer f = forward.putIfAbsent(t, ours[i]);
                    Integer b = backward.putIfAbsent(ours[i], t);
                    assertTrue((f == null || f == ours[i]) && (b == null || b == t),
                            name + " K=" + k + ": row " + (i + 1) + " is in a class mclust splits or joins");
                }
                assertEquals(k, forward.size(), name + " K=" + k);
            }
        }
    }

    @Test
    void aSubsetAboveTheThresholdAndTheSameTreeForTheSameSeed() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[][] x = new double[Hierarchy.SUBSET + 700][3];
        for (int i = 0; i < x.length; i++) {
            int c = i % 3;
            for (int j = 0; j < 3; j++) {
                x[i][j] = 20.0 * (j == c ? 1 : 0) + rnd.nextGaussian();
            }
        }
        Dataset data = Dataset.of(x);
        int[] a = Hierarchy.of(data, 9).labels(3);
        assertArrayEquals(a, Hierarchy.of(data, 9).labels(3), "same data, same seed: same cut");
        assertEquals(x.length, a.length);
        // Three well-separated blobs: the cut at 3 is the blobs, for the subset's rows and the others alike.
        Map<Integer, Integer> blobOf = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            Integer prev = blobOf.putIfAbsent(a[i], i % 3);
            assertTrue(prev == null || prev == i % 3, "row " + i + " left its blob");
        }
        assertEquals(3, blobOf.size());
        assertEquals(Hierarchy.SUBSET, Hierarchy.of(data, 9).maxClusters());
    }

    @Test
    void sharedStartsGiveTheSameBitsAsAFitOfItsOwn() throws Exception {
        Dataset data = Dataset.of(matrix(Fixtures.read("/mclust/select-banknote.json").get("data")));
        SharedStarts shared = SharedStarts.of(data, 1, 2);
        for (CovarianceType t : new CovarianceType[] {CovarianceType.VVE, CovarianceType.EEI, CovarianceType.FULL}) {
            for (StartMethod init : new StartMethod[] {StartMethod.KMEANS, StartMethod.HC}) {
                for (int k = 2; k <= 4; k++) {
                    GaussianMixtureBuilder b = GaussianMixture.builder().k(k).covariance(t).init(init).nInit(3).seed(5);
                    GaussianMixtureModel own = b.build().fit(data);
                    GaussianMixtureModel withShared = b.sharedStarts(shared).build().fit(data);
                    String what = t.mclustName() + " " + init.label() + " K=" + k;
                    assertEquals(own.logLikelihood(), withShared.logLikelihood(), 0.0, what);
                    for (int c = 0; c < k; c++) {
                        assertArrayEquals(own.means()[c], withShared.means()[c], 0.0, what);
                    }
                }
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GaussianMixture.builder().k(2)
                .sharedStarts(shared).build().fit(Dataset.of(new double[][] {{1, 2}, {2, 1}, {3, 5}})));
        assertTrue(e.getMessage().contains("shared starts are for 200 rows, the data have 3"), e.getMessage());
    }

    @Test
    void badCutsAndConstantColumnsAreNamed() {
        Dataset data = Dataset.of(new double[][] {{1, 2}, {2, 2}, {3, 2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hierarchy.of(data, 1));
        assertTrue(e.getMessage().contains("column 2") && e.getMessage().contains("constant"), e.getMessage());
        Hierarchy h = Hierarchy.of(Dataset.of(new double[][] {{1, 2}, {2, 1}, {3, 5}}), 1);
        e = assertThrows(IllegalArgumentException.class, () -> h.labels(4));
        assertTrue(e.getMessage().contains("1 to 3 clusters, not 4"), e.getMessage());
    }
}
