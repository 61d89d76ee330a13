package dev.mixtures.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.datasets.OldFaithful;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void oldFaithfulMatchesThePublishedSummaries() {
        Dataset f = OldFaithful.load();
        assertEquals(272, f.n());
        assertEquals(2, f.d());
        Standardizer s = Standardizer.fit(f);
        assertEquals(3.487783088235294, s.mean()[0], 1e-13);
        assertEquals(70.89705882352941, s.mean()[1], 1e-12);
        assertEquals(1.1392712102, s.sd()[0], 1e-10);
        assertEquals(13.5699600176, s.sd()[1], 1e-9);
        Dataset z = s.transform(f);
        assertEquals(0.0984988568, z.get(0, 0), 1e-10);
        assertEquals(0.5971234378, z.get(0, 1), 1e-10);
        double[] back = s.inverse(z.row(5));
        assertEquals(f.get(5, 0), back[0], 1e-12);
        assertEquals(f.get(5, 1), back[1], 1e-12);
    }

    @Test
    void weightsActAsRepeatedRows() {
        Dataset weighted = Dataset.of(new double[][] {{1, 10}, {2, 30}, {4, 20}}).withWeights(new double[] {2, 1, 3});
        Dataset repeated = Dataset.of(new double[][] {{1, 10}, {1, 10}, {2, 30}, {4, 20}, {4, 20}, {4, 20}});
        Standardizer a = Standardizer.fit(weighted);
        Standardizer b = Standardizer.fit(repeated);
        for (int j = 0; j < 2; j++) {
            assertEquals(b.mean()[j], a.mean()[j], 1e-12);
            assertEquals(b.sd()[j], a.sd()[j], 1e-12);
        }
    }

    @Test
    void constantColumnIsNamed() {
        Dataset c = Dataset.of(new double[][] {{1, 5}, {2, 5}, {3, 5}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(c));
        assertTrue(e.getMessage().contains("column 2 (x2) is constant"), e.getMessage());
    }

    @Test
    void datasetRejectsBadValuesByRowAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1, 2}, {3, Double.NaN}}));
        assertTrue(e.getMessage().startsWith("row 2, column 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1}, {2}}).withWeights(new double[] {1, -1}));
        assertTrue(e.getMessage().contains("row 2: weight -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(new double[][] {{1}, {2}}).withWeights(new double[] {0, 0}));
        assertTrue(e.getMessage().contains("all row weights are zero"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.of(new double[0], 3, 0));
        assertTrue(e.getMessage().contains("d = 0"), e.getMessage());
    }
}
