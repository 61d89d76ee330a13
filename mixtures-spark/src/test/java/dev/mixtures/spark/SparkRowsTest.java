package dev.mixtures.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading a DataFrame's rows: vector or numeric columns, weights, and bad input named before any iteration. */
class SparkRowsTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session("mixtures-rows-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static Dataset<Row> vectors(double[][] rows, Double[] weights) {
        StructType schema = new StructType().add("features", new VectorUDT(), true).add("w", DataTypes.DoubleType, true);
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            list.add(RowFactory.create(rows[i] == null ? null : Vectors.dense(rows[i]), weights == null ? 1.0 : weights[i]));
        }
        return spark.createDataFrame(list, schema);
    }

    private static Dataset<Row> numbers(Double[][] rows) {
        StructType schema = new StructType().add("a", DataTypes.DoubleType, true).add("b", DataTypes.IntegerType, true)
                .add("name", DataTypes.StringType, true);
        List<Row> list = new ArrayList<>();
        for (Double[] r : rows) {
            list.add(RowFactory.create(r[0], r[1] == null ? null : r[1].intValue(), "x"));
        }
        return spark.createDataFrame(list, schema);
    }

    @Test
    void vectorAndNumericColumnsGiveTheRowsWithTheirWeights() {
        double[][] x = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
        SparkRows.Rows r = SparkRows.of(vectors(x, new Double[] {0.5, 1.0, 2.0}), "features", null, "w");
        assertEquals(3, r.d());
        List<double[]> got = r.rows().collect();
        assertArrayEquals(new double[] {4, 5, 6, 1.0}, got.get(1));
        SparkRows.Rows n = SparkRows.of(numbers(new Double[][] {{1.5, 2.0}, {3.5, 4.0}}), null, new String[] {"a", "b"}, null);
        assertEquals(2, n.d());
        assertArrayEquals(new double[] {3.5, 4.0}, n.rows().collect().get(1));
    }

    @Test
    void badInputIsNamedBeforeAnyIteration() {
        double[][] withNull = {{1, 2}, null, {3, 4}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparkRows.of(vectors(withNull, null), "features", null, null));
        assertTrue(e.getMessage().contains("featuresCol 'features'") && e.getMessage().contains("1 rows with a null"),
                e.getMessage());
        double[][] withNaN = {{1, Double.NaN}, {2, 3}, {Double.POSITIVE_INFINITY, 1}};
        e = assertThrows(IllegalArgumentException.class, () -> SparkRows.of(vectors(withNaN, null), "features", null, null));
        assertTrue(e.getMessage().contains("2 rows with NaN or an infinite value"), e.getMessage());
        double[][] ragged = {{1, 2}, {1, 2, 3}};
        e = assertThrows(IllegalArgumentException.class, () -> SparkRows.of(vectors(ragged, null), "features", null, null));
        assertTrue(e.getMessage().contains("1 vectors not of size 2"), e.getMessage());
        double[][] ok = {{1, 2}, {3, 4}};
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkRows.of(vectors(ok, new Double[] {1.0, -2.0}), "features", null, "w"));
        assertTrue(e.getMessage().contains("weightCol 'w'") && e.getMessage().contains("1 rows"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkRows.of(numbers(new Double[][] {{1.0, null}, {2.0, 3.0}}), null, new String[] {"a", "b"}, null));
        assertTrue(e.getMessage().contains("inputCols [a, b]") && e.getMessage().contains("1 rows with a null"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SparkRows.of(numbers(new Double[][] {{1.0, 2.0}}), null, new String[] {"a", "name"}, null));
        assertTrue(e.getMessage().contains("'name' is string, not numeric"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SparkRows.of(vectors(ok, null), "feature", null, null));
        assertTrue(e.getMessage().contains("no column 'feature'"), e.getMessage());
    }
}
