#!/usr/bin/env bash
# Side-by-side Bayesian mixture benchmark against scikit-learn (issue 4), in one script on one machine.
#   mixtures-bench/scripts/compare-vb.sh [JAVA_HOME ...]
# 200,000 x 16 from 16 blobs, k = 16: one variational iteration (E-step, M-step, bound). For each
# JDK given (default: the java on PATH) it runs the JMH benchmark VariationalBench (full and diag,
# 1 and 2 threads); scikit-learn's BayesianGaussianMixture runs before and after, limited to the
# same thread count, and its faster run is kept. Prints a Markdown table. Needs python3-sklearn.
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
java -cp "$jar" dev.mixtures.bench.GmmBenchData "$out" >/dev/null
sklearn_runs sklearn_vb.py > "$out/sklearn-vb.jsonl"
: > "$out/mixtures-vb.jsonl"
while read -r jdk; do
  jmh_jsonl "$jdk" 'VariationalBench' >> "$out/mixtures-vb.jsonl"
done < <(jdk_homes "$@")
sklearn_runs sklearn_vb.py >> "$out/sklearn-vb.jsonl"
python3 - "$out/sklearn-vb.jsonl" "$out/mixtures-vb.jsonl" <<'PY'
import json, sys
sk = [json.loads(l) for l in open(sys.argv[1])]
mx = [json.loads(l) for l in open(sys.argv[2])]
best = {}
for r in sk:
    key = (r["covariance"], r["threads"])
    best[key] = min(best.get(key, float("inf")), r["ms_per_iteration"])
print("| JDK | covariance | threads | mixtures, mean | mixtures, fastest fork | scikit-learn, fastest run | speed-up, mean | speed-up, fastest against fastest |")
print("|---|---|---|---|---|---|---|---|")
for r in mx:
    theirs = best[(r["covariance"], int(r["threads"]))]
    print(f"| {r['jdk']} | {r['covariance']} | {r['threads']} | {r['score']:.1f} ± {r['error']:.1f} ms | {r['best']:.1f} ms | "
          f"{theirs:.1f} ms | {theirs / r['score']:.1f}× | {theirs / r['best']:.1f}× |")
PY
