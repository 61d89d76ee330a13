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
  sk=$(sklearn_run sklearn_kmeans.py "$threads" lloyd)
  for jdk in "${jdks[@]}"; do
    ours=$(jmh_jsonl "$jdk" 'KMeansBench.lloydPass' -p threads="$threads" -f 1 -wi 3 -i 5)
    python3 -c 'import json, sys
sk, ours = json.loads(sys.argv[1]), json.loads(sys.argv[2])
s, o, jdk = sk["ms_per_iteration"], ours["score"], ours["jdk"]
print(f"round {sys.argv[3]}, {jdk}, {sys.argv[4]} threads: scikit-learn {s:.1f} ms, mixtures {o:.1f} ms, {s / o:.2f}x")' \
      "$sk" "$ours" "$r" "$threads"
  done
done
