#!/usr/bin/env bash
# Side-by-side Gaussian mixture benchmark against scikit-learn (issue 3), in one script on one machine.
#   mixtures-bench/scripts/compare-gmm.sh [JAVA_HOME ...]
# 200,000 x 16 from 16 blobs, k = 16, the same starting parameters on both sides. For each JDK
# given (default: the java on PATH) it runs the JMH benchmarks GaussianBench (emIteration, eStep;
# full and diag; 1 and 2 threads) and FmaPeak; scikit-learn's GaussianMixture runs before and
# after them, limited to the same thread count (threadpoolctl), and its faster run is kept.
# Prints a Markdown table: our mean, our fastest fork, and the ratios of each to scikit-learn's
# fastest run. Needs python3-sklearn and python3-threadpoolctl (Debian).
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
java -cp "$jar" dev.mixtures.bench.GmmBenchData "$out" >/dev/null
sklearn_runs sklearn_gmm.py > "$out/sklearn-gmm.jsonl"
: > "$out/mixtures-gmm.jsonl"
while read -r jdk; do
  jmh_jsonl "$jdk" 'GaussianBench|FmaPeak' >> "$out/mixtures-gmm.jsonl"
done < <(jdk_homes "$@")
sklearn_runs sklearn_gmm.py >> "$out/sklearn-gmm.jsonl"
python3 - "$out/sklearn-gmm.jsonl" "$out/mixtures-gmm.jsonl" <<'PY'
import json, sys
sk = [json.loads(l) for l in open(sys.argv[1])]
mx = [json.loads(l) for l in open(sys.argv[2])]
skl = {}
for r in sk:
    key = (r["what"], r["covariance"], r["threads"])
    t = r.get("ms_per_iteration", r.get("ms"))
    if key not in skl or t < skl[key]["t"]:
        skl[key] = {"t": t}
n, k, d = 200_000, 16, 16
# Counted flops per row and component: E full d^2+4d (x-mu, the triangular product, the squares),
# M full d^2+4d (x-c, w r (x-c), its sum, the packed outer products); diag 4d and 5d.
flops = {("eStep", "full"): n * k * (d * d + 4 * d), ("emIteration", "full"): n * k * 2 * (d * d + 4 * d),
         ("eStep", "diag"): n * k * 4 * d, ("emIteration", "diag"): n * k * 9 * d}
print("| JDK | measure | covariance | threads | mixtures, mean | mixtures, fastest fork | scikit-learn, fastest run | speed-up, mean | speed-up, fastest against fastest | mixtures GFLOP/s (mean) |")
print("|---|---|---|---|---|---|---|---|---|---|")
for jdk in dict.fromkeys(r.get("jdk") for r in mx):
    peak = [r for r in mx if r.get("jdk") == jdk and r.get("benchmark") == "fma"]
    peak_gflops = 2 * 10000 * 16 * 8 / (peak[0]["score"] * 1e-6) / 1e9 if peak else float("nan")
    for r in mx:
        if r.get("jdk") != jdk or r.get("benchmark") not in ("emIteration", "eStep"):
            continue
        t = int(r["threads"])
        theirs = skl[(r["benchmark"], r["covariance"], t)]["t"]
        ours = r["score"]
        gf = flops[(r["benchmark"], r["covariance"])] / (ours / 1000) / 1e9
        best = r["best"]
        print(f"| {jdk} | {r['benchmark']} | {r['covariance']} | {t} | {ours:.1f} ± {r['error']:.1f} ms | {best:.1f} ms | "
              f"{theirs:.1f} ms | {theirs / ours:.1f}× | {theirs / best:.1f}× | "
              f"{gf:.1f} ({100 * gf / peak_gflops:.0f}% of the {peak_gflops:.0f} peak) |")
PY
