package dev.mixtures.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.datasets.Blobs;
import dev.mixtures.em.EmLoop;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows held in many heap blocks or in a memory-mapped file are the same data as one array: the
 * same values row by row, and fits that give the same bits (blocks whole chunks long), weighted,
 * standardised, with every model, on several threads.
 */
class DatasetStorageTest {
    private static final int N = 3 * EmLoop.CHUNK_ROWS + 1234;
    @TempDir
    Path dir;

    private static Dataset data() {
        return Blobs.generate(N, 3, 4, 2.0, 11);
    }

    private static double[] weights(int n) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextInt(4) * 0.5;
        }
        return w;
    }

    /** The rows of {@code data} in blocks of {@code rows} rows (the last shorter), each block in an array of its own. */
    static Dataset blocked(Dataset data, int rows, boolean weighted) {
        List<double[]> v = new ArrayList<>();
        List<double[]> w = weighted ? new ArrayList<>() : null;
        List<Integer> counts = new ArrayList<>();
        for (int b = 0; b < data.n(); b += rows) {
            int e = Math.min(data.n(), b + rows);
            Dataset part = data.rows(b, e);
            // A longer array than the rows need: a reader's buffer is handed over as it is.
            double[] a = java.util.Arrays.copyOf(part.valuesView(), (e - b) * data.d() + 7);
            v.add(a);
            if (w != null) {
                w.add(part.weights());
            }
            counts.add(e - b);
        }
        return Dataset.ofBlocks(v, counts.stream().mapToInt(Integer::intValue).toArray(), data.d(), data.columnNames(), w);
    }

    /** The rows written as an .npy file's data would be (after a header of {@code offset} bytes), mapped. */
    Dataset mapped(Dataset data, int offset) throws IOException {
        Path f = dir.resolve("rows-" + offset + ".bin");
        ByteBuffer b = ByteBuffer.allocate(offset + 8 * data.n() * data.d()).order(ByteOrder.LITTLE_ENDIAN);
        b.position(offset);
        for (int i = 0; i < data.n(); i++) {
            for (int j = 0; j < data.d(); j++) {
                b.putDouble(data.get(i, j));
            }
        }
        Files.write(f, b.array());
        return Dataset.map(f, offset, data.n(), data.d(), data.columnNames());
    }

    @Test
    void blocksAndMappedFilesHoldTheSameRows() throws IOException {
        Dataset one = data().withWeights(weights(N));
        for (Dataset other : List.of(blocked(one, EmLoop.CHUNK_ROWS, true), blocked(one, 1000, true),
                mapped(one, 128).withWeights(weights(N)))) {
            assertFalse(other.isSingleArray());
            assertEquals(N, other.n());
            for (int i : new int[] {0, 999, 1000, 4095, 4096, N - 1}) {
                assertArrayEquals(one.row(i), other.row(i), 0.0);
                assertEquals(one.weight(i), other.weight(i), 0.0);
                assertEquals(one.get(i, 2), other.get(i, 2), 0.0);
            }
            assertArrayEquals(one.weights(), other.weights(), 0.0);
            assertEquals(one.totalWeight(), other.totalWeight(), 0.0);
            // A window across a block boundary is copied; in one block it is the block itself.
            RowWindow w = new RowWindow();
            other.window(990, 1010, w);
            for (int i = 990; i < 1010; i++) {
                assertEquals(one.get(i, 1), w.values()[(i + w.shift()) * 3 + 1], 0.0);
                assertEquals(one.weight(i), w.weights()[i + w.shift()], 0.0);
            }
            assertArrayEquals(one.valuesView(), other.contiguous().valuesView(), 0.0);
            assertArrayEquals(one.rows(17, 5000).valuesView(), other.rows(17, 5000).valuesView(), 0.0);
            Dataset cols = other.columns(new int[] {2, 0});
            assertEquals(List.of("x3", "x1"), cols.columnNames());
            assertEquals(one.get(4321, 2), cols.get(4321, 0), 0.0);
            assertEquals(one.weight(4321), cols.weight(4321), 0.0);
            assertArrayEquals(Moments.mean(one), Moments.mean(other), 0.0);
            assertArrayEquals(Moments.covariance(one, Moments.mean(one), 0), Moments.covariance(other, Moments.mean(one), 0), 0.0);
            assertEquals(Standardizer.fit(one), Standardizer.fit(other));
            Dataset z = Standardizer.fit(one).transform(one);
            Dataset zo = Standardizer.fit(other).transform(other);
            assertArrayEquals(z.row(N - 1), zo.row(N - 1), 0.0);
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> blocked(one, 1000, true).valuesView());
        assertTrue(e.getMessage().contains("not one array"), e.getMessage());
    }

    @Test
    void fitsOverBlocksAndMappedFilesGiveTheSameBits() throws IOException {
        Dataset one = data();
        double[] w = weights(N);
        List<Dataset> others = List.of(blocked(one, 2 * EmLoop.CHUNK_ROWS, false), mapped(one, 64));
        for (boolean weighted : new boolean[] {false, true}) {
            for (boolean standardize : new boolean[] {false, true}) {
                Dataset a = weighted ? one.withWeights(w) : one;
                KMeans km = KMeans.builder().k(4).seed(3).nInit(2).threads(2).standardize(standardize).build();
                GaussianMixture gm = GaussianMixture.builder().k(4).seed(3).threads(2).standardize(standardize)
                        .covariance(CovarianceType.parse("VVV")).build();
                BayesianGaussianMixture vb = BayesianGaussianMixture.builder().k(5).seed(3).threads(2).maxIter(40)
                        .standardize(standardize).build();
                KMeans mb = KMeans.builder().k(4).seed(3).nInit(3).threads(2).standardize(standardize)
                        .algorithm(KMeans.Algorithm.MINIBATCH).batchSize(500).build();
                KMeansModel kWant = km.fit(a);
                KMeansModel mWant = mb.fit(a);
                GaussianMixtureModel gWant = gm.fit(a);
                BayesianGaussianMixtureModel vWant = vb.fit(a);
                for (Dataset o : others) {
                    Dataset b = weighted ? o.withWeights(w) : o;
                    String what = (weighted ? "weighted " : "") + (standardize ? "standardised " : "") + b;
                    KMeansModel k = km.fit(b);
                    assertArrayEquals(kWant.trace().history(), k.trace().history(), 0.0, what);
                    assertArrayEquals(flat(kWant.centres()), flat(k.centres()), 0.0, what);
                    assertArrayEquals(kWant.predict(a), k.predict(b), what);
                    KMeansModel mbk = mb.fit(b);
                    assertArrayEquals(mWant.trace().history(), mbk.trace().history(), 0.0, "minibatch " + what);
                    assertArrayEquals(flat(mWant.centres()), flat(mbk.centres()), 0.0, "minibatch " + what);
                    GaussianMixtureModel g = gm.fit(b);
                    assertArrayEquals(gWant.trace().history(), g.trace().history(), 0.0, what);
                    assertArrayEquals(flat(gWant.means()), flat(g.means()), 0.0, what);
                    assertArrayEquals(gWant.predict(a), g.predict(b), what);
                    assertArrayEquals(gWant.scoreSamples(a), g.scoreSamples(b), 0.0, what);
                    BayesianGaussianMixtureModel v = vb.fit(b);
                    assertArrayEquals(vWant.trace().history(), v.trace().history(), 0.0, what);
                }
            }
        }
    }

    @Test
    void aMappedFileWithABadValueOrTooShortIsRefused() throws IOException {
        double[] v = data().rows(0, 5000).valuesView().clone();
        v[4321 * 3 + 1] = Double.NaN;
        v[4400 * 3] = Double.POSITIVE_INFINITY;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mappedUnchecked(v));
        assertTrue(e.getMessage().contains("row 4322, column 2 (b)"), e.getMessage());
        Path f = dir.resolve("short.bin");
        Files.write(f, new byte[8 * 3 * 10 - 1]);
        IOException io = assertThrows(IOException.class, () -> Dataset.map(f, 0, 10, 3, List.of("a", "b", "c")));
        assertTrue(io.getMessage().contains("fewer than"), io.getMessage());
    }

    private Dataset mappedUnchecked(double[] v) throws IOException {
        Path f = dir.resolve("bad.bin");
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) {
            b.putDouble(x);
        }
        Files.write(f, b.array());
        return Dataset.map(f, 0, v.length / 3, 3, List.of("a", "b", "c"));
    }

    private static double[] flat(double[][] a) {
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
