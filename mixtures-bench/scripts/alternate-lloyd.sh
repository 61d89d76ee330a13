#!/usr/bin/env bash
# The raw Lloyd pass (issue 2) against scikit-learn in alternating rounds, so that each ratio
# compares the two sides under the same conditions on this shared machine, whose speed drifts
# by 10-30% over minutes:
#   mixtures-bench/scripts/alternate-lloyd.sh THREADS ROUNDS [JAVA_HOME ...]
# Each round runs scikit-learn's Lloyd timing (best of 3, as compare-sklearn.sh), then one JMH
# fork of KMeansBench.lloydPass on each JDK given, and prints one line per JDK: both times and
# the ratio. Needs python3-sklearn and python3-threadpoolctl (Debian).
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
threads="$1"; rounds="$2"; shift 2
java -cp "$jar" dev.mixtures.bench.BenchData "$out" >/dev/null
mapfile -t jdks < <(jdk_homes "$@")
for r in $(seq "$rounds"); do
  sk=$(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 mixtures-bench/scripts/sklearn_kmeans.py "$out" "$threads" lloyd \
       | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["ms_per_iteration"])')
  for jdk in "${jdks[@]}"; do
    ours=$("$jdk/bin/java" -jar "$jar" 'KMeansBench.lloydPass' -jvm "$jdk/bin/java" -p threads="$threads" -f 1 -wi 3 -i 5 \
           -rf json -rff "$out/jmh-alt.json" </dev/null >/dev/null && \
           python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["primaryMetric"]["score"])' "$out/jmh-alt.json")
    name="$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/"//g')"
    python3 -c 'import sys; sk, o = float(sys.argv[1]), float(sys.argv[2]); print(f"round {sys.argv[3]}, {sys.argv[4]}, {sys.argv[5]} threads: scikit-learn {sk:.1f} ms, mixtures {o:.1f} ms, {sk / o:.2f}x")' \
      "$sk" "$ours" "$r" "$name" "$threads"
  done
done
