/**
 * The library's models on Apache Spark (work in progress, issue 16): {@link dev.mixtures.spark.SparkFit}
 * runs any model's block steps over a Spark RDD, one job per EM iteration.
 */
package dev.mixtures.spark;
