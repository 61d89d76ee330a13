package dev.mixtures.spark;

import dev.mixtures.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** The tests' Spark: local[2], everything bound to the loopback address, no UI, errors only in the log. */
final class LocalSpark {
    private LocalSpark() {
    }

    static SparkSession session(String name) {
        SparkSession s = SparkSession.builder().master("local[2]").appName(name)
                .config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.ui.enabled", "false").getOrCreate();
        s.sparkContext().setLogLevel("ERROR");
        return s;
    }

    /** {@code data}'s rows (with their weights, if any) on Spark in {@code partitions} partitions, ready to fit. */
    static SparkData data(SparkSession spark, Dataset data, int partitions, boolean standardize) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < data.n(); i++) {
            double[] r = data.row(i);
            if (data.hasWeights()) {
                r = java.util.Arrays.copyOf(r, data.d() + 1);
                r[data.d()] = data.weight(i);
            }
            rows.add(r);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return SparkData.of(new SparkRows.Rows(jsc.parallelize(rows, partitions), data.d(), data.hasWeights()),
                data.columnNames(), standardize);
    }
}
