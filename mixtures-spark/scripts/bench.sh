#!/usr/bin/env bash
# Per-iteration time of mixtures-spark against Spark MLlib and the local library (SparkBench),
# on local[2]. Usage: mixtures-spark/scripts/bench.sh N [kmeans full diag mllib-kmeans mllib-full local]
# Builds the module first (tests skipped); the driver gets a 16 GB heap (10^7 rows need ~8 GB).
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -o install -DskipTests -pl mixtures-spark -am >/dev/null
M=mixtures-spark/target
OPENS=$(sed -n 's:.*<spark.opens>\(.*\)</spark.opens>.*:\1:p' mixtures-spark/pom.xml)
# shellcheck disable=SC2086
SPARK_LOCAL_IP=127.0.0.1 exec java -Xmx16g $OPENS --add-modules jdk.incubator.vector \
  -cp "$M/spark-home/jars/*:$M/mixtures-spark-0.1.0-SNAPSHOT-all.jar:$M/test-classes" \
  dev.mixtures.spark.SparkBench "$@" 2> >(grep -v "WARN\|WARNING" >&2)
