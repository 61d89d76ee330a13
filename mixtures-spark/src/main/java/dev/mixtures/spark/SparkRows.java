package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import java.util.Arrays;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.util.LongAccumulator;

/**
 * The rows of a DataFrame as the numbers a fit reads: a feature column of ML vectors, or numeric
 * columns, and an optional weight column, checked in one Spark job before any iteration, so that a
 * null, a NaN or infinity, a vector of the wrong size or a negative weight is an error naming the
 * column and how many rows, not a failed task deep in a fit.
 */
public final class SparkRows {
    private SparkRows() {
    }

    /** The rows of {@code df} and their dimension. */
    public record Rows(JavaRDD<double[]> rows, int d, boolean weighted) {
    }

    /**
     * Rows from a column of ML vectors ({@code featuresCol}) or from numeric columns
     * ({@code inputCols}, when {@code featuresCol} is null), with the weight after the values when
     * {@code weightCol} is not null.
     *
     * @throws IllegalArgumentException naming the column: absent or of the wrong type, or rows with
     *         nulls, non-finite values, vectors of another size, or negative or non-finite weights;
     *         or no rows at all
     */
    public static Rows of(Dataset<Row> df, String featuresCol, String[] inputCols, String weightCol) {
        if ((featuresCol == null) == (inputCols == null || inputCols.length == 0)) {
            throw new BadInputException("give either featuresCol (a vector column) or inputCols (numeric columns)");
        }
        String[] cols = featuresCol != null ? new String[] {featuresCol} : inputCols;
        for (String c : cols) {
            DataType t = field(df, c).dataType();
            boolean ok = featuresCol != null ? t.typeName().equals("vector") : t instanceof NumericType;
            if (!ok) {
                throw new BadInputException((featuresCol != null ? "featuresCol" : "inputCols") + ": column '" + c
                        + "' is " + t.simpleString() + ", not " + (featuresCol != null ? "an ML vector" : "numeric"));
            }
        }
        if (weightCol != null && !(field(df, weightCol).dataType() instanceof NumericType)) {
            throw new BadInputException("weightCol: column '" + weightCol + "' is "
                    + field(df, weightCol).dataType().simpleString() + ", not numeric");
        }
        Dataset<Row> selected = weightCol == null ? df.selectExpr(quoted(cols))
                : df.selectExpr(quoted(concat(cols, weightCol)));
        boolean vector = featuresCol != null;
        int nCols = cols.length;
        boolean weighted = weightCol != null;
        int d = nCols;
        if (vector) {
            Row firstVector = selected.filter(selected.col(selected.columns()[0]).isNotNull()).first();
            if (firstVector == null) {
                throw new BadInputException("featuresCol '" + featuresCol + "': every row is null");
            }
            d = ((Vector) firstVector.get(0)).size();
        }
        LongAccumulator nulls = df.sparkSession().sparkContext().longAccumulator("nulls");
        LongAccumulator nonFinite = df.sparkSession().sparkContext().longAccumulator("non-finite");
        LongAccumulator wrongSize = df.sparkSession().sparkContext().longAccumulator("wrong size");
        LongAccumulator badWeight = df.sparkSession().sparkContext().longAccumulator("bad weight");
        int dim = d;
        // The weight, when there is one, follows the features: column nCols (the vector is column 0).
        JavaRDD<double[]> rows = selected.javaRDD().map(r -> {
            double[] x = vector ? (r.isNullAt(0) ? null : ((Vector) r.get(0)).toArray()) : numbers(r, nCols);
            if (x == null) {
                nulls.add(1);
                return null;
            }
            if (x.length != dim) {
                wrongSize.add(1);
                return null;
            }
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    nonFinite.add(1);
                    return null;
                }
            }
            if (weighted) {
                double w = r.isNullAt(nCols) ? Double.NaN : ((Number) r.get(nCols)).doubleValue();
                if (!(w >= 0) || !Double.isFinite(w)) {
                    badWeight.add(1);
                    return null;
                }
                x = Arrays.copyOf(x, dim + 1);
                x[dim] = w;
            }
            return x;
        });
        long n = rows.filter(x -> x != null).count();
        String what = vector ? "featuresCol '" + featuresCol + "'" : "inputCols " + Arrays.toString(cols);
        StringBuilder why = new StringBuilder();
        if (nulls.value() > 0) {
            why.append(nulls.value()).append(" rows with a null; ");
        }
        if (nonFinite.value() > 0) {
            why.append(nonFinite.value()).append(" rows with NaN or an infinite value; ");
        }
        if (wrongSize.value() > 0) {
            why.append(wrongSize.value()).append(" vectors not of size ").append(dim).append(" (the first row's); ");
        }
        if (why.length() > 0) {
            throw new BadInputException(what + ": " + why.substring(0, why.length() - 2));
        }
        if (badWeight.value() > 0) {
            throw new BadInputException("weightCol '" + weightCol + "': " + badWeight.value()
                    + " rows with a null, negative or non-finite weight");
        }
        if (n == 0) {
            throw new BadInputException("no rows to fit");
        }
        return new Rows(rows, dim, weighted);
    }

    private static StructField field(Dataset<Row> df, String name) {
        for (StructField f : df.schema().fields()) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new BadInputException("no column '" + name + "' (columns: " + Arrays.toString(df.columns()) + ")");
    }

    private static String[] quoted(String[] names) {
        String[] q = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            q[i] = "`" + names[i].replace("`", "``") + "`";
        }
        return q;
    }

    private static String[] concat(String[] a, String b) {
        String[] c = Arrays.copyOf(a, a.length + 1);
        c[a.length] = b;
        return c;
    }

    /** The first {@code n} columns of a row as numbers, or null when one of them is null. */
    private static double[] numbers(Row r, int n) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            if (r.isNullAt(j)) {
                return null;
            }
            x[j] = ((Number) r.get(j)).doubleValue();
        }
        return x;
    }
}
