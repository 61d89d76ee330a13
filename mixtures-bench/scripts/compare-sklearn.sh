#!/usr/bin/env bash
# Side-by-side K-means benchmark against scikit-learn (issue 2), in one script on one machine.
#   mixtures-bench/scripts/compare-sklearn.sh [JAVA_HOME ...]
# For each JDK given (default: the java on PATH) it runs the JMH benchmarks KMeansBench
# (lloydPass, defaultFit at 1 and 2 threads) and FmaPeak; scikit-learn runs on the same data
# limited to the same thread count (threadpoolctl), before and after ours; its fastest run is kept.
# Prints a Markdown table: our mean, our fastest fork, and the ratios of each to scikit-learn's.
# Needs python3-sklearn and python3-threadpoolctl (Debian); nothing in the build needs them.
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
java -cp "$jar" dev.mixtures.bench.BenchData "$out" >/dev/null
sklearn_runs sklearn_kmeans.py > "$out/sklearn.jsonl"
: > "$out/mixtures.jsonl"
while read -r jdk; do
  jmh_jsonl "$jdk" 'KMeansBench|FmaPeak' -p threads=1,2 >> "$out/mixtures.jsonl"
  name="$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/"//g')"
  "$jdk/bin/java" --add-modules=jdk.incubator.vector -cp "$jar" dev.mixtures.bench.DefaultFitReport 2>/dev/null </dev/null | sed "s/}$/, \"jdk\": \"$name\"}/" >> "$out/mixtures.jsonl"
done < <(jdk_homes "$@")
sklearn_runs sklearn_kmeans.py >> "$out/sklearn.jsonl"
# Old Faithful through the launcher, JVM start included: best of 5.
./mixtures fit --model kmeans -k 2 --standardize >/dev/null 2>&1
best=999
for i in 1 2 3 4 5; do
  s=$(date +%s.%N); ./mixtures fit --model kmeans -k 2 --standardize >/dev/null 2>&1; e=$(date +%s.%N)
  best=$(python3 -c "print(min($best, $e - $s))")
done
echo "{\"what\": \"faithfulWallClock\", \"seconds\": $best}" >> "$out/mixtures.jsonl"
python3 - "$out/sklearn.jsonl" "$out/mixtures.jsonl" <<'PY'
import json, sys
sk = [json.loads(l) for l in open(sys.argv[1])]
mx = [json.loads(l) for l in open(sys.argv[2])]
skl = {}
for r in sk:
    key = (r["what"], r["threads"])
    t = r.get("ms_per_iteration", r.get("ms"))
    if key not in skl or t < skl[key].get("ms_per_iteration", skl[key].get("ms")):
        skl[key] = r
flop = 2 * 1_000_000 * 32 * 16
print("| JDK | measure | threads | mixtures, mean | mixtures, fastest fork | scikit-learn, fastest run | speed-up, mean | speed-up, fastest against fastest | mixtures GFLOP/s (mean) |")
print("|---|---|---|---|---|---|---|---|---|")
for jdk in dict.fromkeys(r.get("jdk") for r in mx if "benchmark" in r):
    peak = [r for r in mx if r.get("jdk") == jdk and r.get("benchmark") == "fma"]
    peak_gflops = 2 * 10000 * 16 * 8 / (peak[0]["score"] * 1e-6) / 1e9 if peak else float("nan")
    for r in mx:
        if r.get("jdk") != jdk or r.get("benchmark") not in ("lloydPass", "defaultFit"):
            continue
        t = int(r["threads"])
        s = skl[(r["benchmark"], t)]
        ours = r["score"]
        theirs = s["ms_per_iteration"] if r["benchmark"] == "lloydPass" else s["ms"]
        gf = f"{flop / (ours / 1000) / 1e9:.1f} ({100 * flop / (ours / 1000) / 1e9 / peak_gflops:.0f}% of the {peak_gflops:.0f} peak)" if r["benchmark"] == "lloydPass" else ""
        best = r["best"]
        print(f"| {jdk} | {r['benchmark']} | {t} | {ours:.1f} ± {r['error']:.1f} ms | {best:.1f} ms | {theirs:.1f} ms | "
              f"{theirs / ours:.2f}× | {theirs / best:.2f}× | {gf} |")
for r in mx:
    if r.get("what") == "defaultFit":
        s = skl[("defaultFit", 1)]
        print(f"\nDefault fit final J ({r['jdk']}): mixtures {r['inertia']:.6g} ({r['iterations']} iterations), scikit-learn {s['inertia']:.6g} ({s['iterations']} iterations)")
    if r.get("what") == "faithfulWallClock":
        print(f"\n`./mixtures fit --model kmeans -k 2 --standardize` on Old Faithful, wall clock with JVM start: {r['seconds']:.2f} s (best of 5)")
PY
