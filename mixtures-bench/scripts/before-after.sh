#!/usr/bin/env bash
# Speed of the current tree against an earlier commit, in one run on this machine: builds the
# benchmarks of BASE (a git worktree) and of the working tree, then runs the same JMH benchmarks
# in alternating single forks (base, current, base, current, ...), so that the machine's drift
# over minutes falls on both alike. Prints, per benchmark, each side's median fork and the ratio
# current/base (below 1: faster now). Usage: before-after.sh BASE [ROUNDS] [JMH PATTERN]
set -euo pipefail
base="${1:?usage: before-after.sh BASE [ROUNDS] [PATTERN]}"
rounds="${2:-3}"
pattern="${3:-GaussianBench.emIteration|VariationalBench.vbIteration|KMeansBench}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$root" worktree add -q "$work/base" "$base"
(cd "$work/base" && ./mvnw -q -B -DskipTests package -pl mixtures-bench -am)
(cd "$root" && ./mvnw -q -B -DskipTests package -pl mixtures-bench -am)
for r in $(seq 1 "$rounds"); do
  for side in base current; do
    jar="$root/mixtures-bench/target/benchmarks.jar"
    [ "$side" = base ] && jar="$work/base/mixtures-bench/target/benchmarks.jar"
    java -jar "$jar" "$pattern" -f 1 -wi 3 -i 5 -w 1 -r 1 -rf json -rff "$work/$side-$r.json" >/dev/null </dev/null
  done
done
python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
runs = {}
for side in ("base", "current"):
    for r in range(1, rounds + 1):
        for b in json.load(open(f"{work}/{side}-{r}.json")):
            p = b.get("params", {})
            key = b["benchmark"].split(".")[-2] + "." + b["benchmark"].split(".")[-1] + "".join(
                f" {k}={v}" for k, v in sorted(p.items()))
            runs.setdefault(key, {}).setdefault(side, []).append(b["primaryMetric"]["score"])
            runs[key]["unit"] = b["primaryMetric"]["scoreUnit"]
print(f"{'benchmark':55} {'base':>10} {'current':>10} {'ratio':>6}  (median of {rounds} forks each)")
for key, v in sorted(runs.items()):
    a, c = statistics.median(v["base"]), statistics.median(v["current"])
    print(f"{key:55} {a:10.3f} {c:10.3f} {c / a:6.3f}  {v['unit']}  base {['%.2f' % x for x in v['base']]} current {['%.2f' % x for x in v['current']]}")
PY
