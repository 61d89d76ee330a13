# Shared steps of the side-by-side scripts (compare-sklearn.sh, compare-gmm.sh); sourced, not run.
# Sets root, out (bench-results/) and jar, and builds the benchmarks.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
out="$root/bench-results"
mkdir -p "$out"
./mvnw -q -B -DskipTests package -pl mixtures-bench -am
jar=mixtures-bench/target/benchmarks.jar

# sklearn_runs SCRIPT: runs a scikit-learn script at 1 and 2 threads on the data in $out.
# The machine pins OpenBLAS to an old kernel for safety; scikit-learn is measured at its best,
# unpinned. Callers run it both before and after our benchmarks and keep its faster time,
# since this shared machine's speed drifts over minutes.
sklearn_runs() {
  for t in 1 2; do
    sklearn_run "$1" "$t"
  done
}

# sklearn_run SCRIPT THREADS [ARGS...]: one run of a scikit-learn script, OpenBLAS unpinned.
sklearn_run() {
  local script="$1" threads="$2"
  shift 2
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "mixtures-bench/scripts/$script" "$out" "$threads" "$@"
}

# jdk_homes [JAVA_HOME ...]: the JDKs given, or the one of the java on PATH (one per line).
jdk_homes() {
  if [ $# -gt 0 ]; then printf '%s\n' "$@"; else dirname "$(dirname "$(readlink -f "$(command -v java)")")"; fi
}

# jmh_jsonl JDK PATTERN [JMH ARGS...]: runs the JMH benchmarks matching PATTERN on JDK and prints
# one JSON line per result (jdk, benchmark, threads, covariance, score, error, unit, best).
# score is the mean over all forks and iterations; best is the mean of the fastest fork, the
# like-for-like figure to set against scikit-learn's fastest run (each of its runs and each of
# our forks averages several seconds of work, and this machine's speed drifts between them).
jmh_jsonl() {
  local jdk="$1" pattern="$2"
  shift 2
  local name
  name="$("$jdk/bin/java" -version 2>&1 | head -1 | sed 's/"//g')"
  "$jdk/bin/java" -jar "$jar" "$pattern" -jvm "$jdk/bin/java" "$@" -rf json -rff "$out/jmh.json" >/dev/null </dev/null
  python3 - "$out/jmh.json" "$name" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1])):
    p = r.get("params", {})
    print(json.dumps({"jdk": sys.argv[2], "benchmark": r["benchmark"].split(".")[-1], "threads": p.get("threads"),
                      "covariance": p.get("covariance"), "score": r["primaryMetric"]["score"],
                      "error": r["primaryMetric"]["scoreError"], "unit": r["primaryMetric"]["scoreUnit"],
                      "best": min(sum(f) / len(f) for f in r["primaryMetric"]["rawData"])}))
PY
}
