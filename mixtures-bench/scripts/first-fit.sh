#!/usr/bin/env bash
# The first fit of a fresh JVM, from the command line: the CLI of BASE (a commit, built in a git
# worktree) against the working tree's, the same commands alternating (base, current, base, ...)
# so that the machine's drift falls on both alike; prints each side's times and the median ratio.
# Data: 100,000 x 10 from 5 blobs (scikit-learn's make_blobs, random_state 0) as CSV and .npy.
#   mixtures-bench/scripts/first-fit.sh BASE [ROUNDS]
set -euo pipefail
base="${1:?usage: first-fit.sh BASE [ROUNDS]}"
rounds="${2:-3}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
if [ ! -f /tmp/mixtures-blobs5.npy ]; then
  /usr/bin/python3 - <<'PY'
import numpy as np
from sklearn.datasets import make_blobs
x, _ = make_blobs(n_samples=100000, centers=5, n_features=10, random_state=0)
np.save("/tmp/mixtures-blobs5.npy", x)
np.savetxt("/tmp/mixtures-blobs5.csv", x, delimiter=",", header=",".join("x%d" % i for i in range(10)), comments="", fmt="%.6f")
PY
fi
git -C "$root" worktree add -q "$work/base" "$base"
(cd "$work/base" && ./mvnw -q -B -o -DskipTests package -pl mixtures-cli -am)
(cd "$root" && ./mvnw -q -B -o -DskipTests package -pl mixtures-cli -am)
cp "$work/base/mixtures-cli/target/mixtures.jar" "$work/base.jar"
cp "$root/mixtures-cli/target/mixtures.jar" "$work/current.jar"
cases=(
  "fit /tmp/mixtures-blobs5.npy --model vb -k 10"
  "fit /tmp/mixtures-blobs5.npy --model vb -k 10 --covariance diag"
  "fit /tmp/mixtures-blobs5.csv --model vb -k 10 --weight-prior dirichlet-process"
  "fit /tmp/mixtures-blobs5.csv --model vb -k 10 --weight-prior dirichlet-process --covariance diag"
  "fit /tmp/mixtures-blobs5.npy --model vb -k 10 --moves none --init k-means++ --max-iter 300 --tol 0"
  "fit /tmp/mixtures-blobs5.npy -k 10 --max-iter 300 --tol 0"
  "fit /tmp/mixtures-blobs5.npy --model kmeans -k 10"
  "fit"
)
echo "$(nproc) cores, $(java -version 2>&1 | head -1); base $base"
for c in "${cases[@]}"; do
  b=(); n=()
  for r in $(seq 1 "$rounds"); do
    for side in base current; do
      MIXTURES_JAR="$work/$side.jar" /usr/bin/time -f "%e" -o "$work/t" "$root/mixtures" $c >/dev/null 2>&1
      if [ "$side" = base ]; then b+=("$(cat "$work/t")"); else n+=("$(cat "$work/t")"); fi
    done
  done
  python3 - "$c" "${b[*]}" "${n[*]}" <<'PY'
import sys, statistics
c, b, n = sys.argv[1], [float(v) for v in sys.argv[2].split()], [float(v) for v in sys.argv[3].split()]
print("%-95s base %s | current %s | %.2fx" % (c, " ".join("%.2f" % v for v in b), " ".join("%.2f" % v for v in n),
      statistics.median(n) / statistics.median(b)))
PY
done
