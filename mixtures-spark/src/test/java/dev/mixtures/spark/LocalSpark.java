package dev.mixtures.spark;

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
}
