package dev.mixtures.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.datasets.Blobs;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Datasets made of blocks: how a pass cuts them, what survives transformations, and what one block changes (nothing). */
class DatasetBlocksTest {
    private static Dataset part(int n, long seed) {
        return Blobs.generate(n, 2, 2, 3, seed);
    }

    @Test
    void chunksFollowTheBlocksAndNestedBlocksAreKept() {
        Dataset a = part(5, 1);
        Dataset b = part(3, 2).withWeights(new double[] {1, 0, 2});
        Dataset c = part(4, 3);
        Dataset all = Dataset.concat(List.of(a, b, c));
        assertEquals(12, all.n());
        assertEquals(3, all.blocks());
        int[][] chunks = all.chunks(2);
        assertArrayEquals(new int[] {0, 2, 4, 5}, chunks[0]);
        assertArrayEquals(new int[] {5, 7, 8}, chunks[1]);
        assertArrayEquals(new int[] {8, 10, 12}, chunks[2]);
        // Weights: 1 for the rows of parts without, the given ones elsewhere.
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 0, 2, 1, 1, 1, 1}, all.weights(), 0.0);
        // Concatenating a concatenation keeps its blocks; so do standardising, renaming and re-weighting.
        Dataset nested = Dataset.concat(List.of(Dataset.concat(List.of(a, b)), c));
        assertArrayEquals(chunks[1], nested.chunks(2)[1]);
        assertEquals(3, Standardizer.fit(all).transform(all).blocks());
        assertEquals(3, all.withColumnNames(List.of("p", "q")).blocks());
        assertEquals(3, all.withWeights(null).blocks());
        assertEquals(1, all.rows(0, 12).blocks());
        assertArrayEquals(all.row(6), b.row(1), 0.0);
    }

    @Test
    void oneBlockIsTheDatasetItself() {
        Dataset d = part(9000, 4);
        assertEquals(1, Dataset.concat(List.of(d)).blocks());
        assertArrayEquals(new int[] {0, 4096, 8192, 9000}, d.chunks(4096)[0]);
        GaussianMixtureModel plain = GaussianMixture.builder().k(2).threads(2).build().fit(d);
        GaussianMixtureModel one = GaussianMixture.builder().k(2).threads(2).build().fit(Dataset.concat(List.of(d)));
        assertArrayEquals(plain.trace().history(), one.trace().history(), 0.0);
    }

    @Test
    void badConcatenationsAndSlicesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.concat(List.of(part(3, 1), Blobs.generate(3, 3, 2, 3, 1))));
        assertTrue(e.getMessage().contains("2 and 3 columns"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Dataset.concat(List.of()));
        e = assertThrows(IllegalArgumentException.class, () -> part(5, 1).rows(3, 3));
        assertTrue(e.getMessage().contains("rows 3 to 3"), e.getMessage());
    }
}
