#!/usr/bin/env bash
# A .npy file larger than the heap, fitted memory-mapped with -Xmx2g: per-iteration time of K-means
# and of a diagonal Gaussian mixture against what the machine streams (docs/PERFORMANCE.md).
#   mixtures-bench/scripts/large-npy.sh [ROWS] [K] [ITERS]   (default 100,000,000 × 16: 12.8 GB on disk)
# The file (16 Gaussian blobs in 16 dimensions) is made once in /tmp by numpy, a million rows at a time.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-100000000}"; k="${2:-16}"; iters="${3:-5}"
file="/tmp/mixtures-npy-$rows.npy"
if [ ! -f "$file" ]; then
  /usr/bin/python3 - "$rows" "$file" <<'PY'
import sys, numpy as np
n = int(sys.argv[1]); f = sys.argv[2]; d = 16
m = np.lib.format.open_memmap(f, mode="w+", dtype="<f8", shape=(n, d))
rng = np.random.default_rng(1); c = rng.normal(0, 4, (16, d))
for a in range(0, n, 1_000_000):
    b = min(n, a + 1_000_000)
    m[a:b] = c[rng.integers(0, 16, b - a)] + rng.normal(0, 1, (b - a, d))
m.flush()
PY
fi
./mvnw -q -B -o -DskipTests package -pl mixtures-bench -am >/dev/null
flags=(-Xmx2g --add-modules=jdk.incubator.vector)
if grep -qs '\[always\]\|\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  flags+=(-XX:+UseTransparentHugePages)
fi
echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB RAM, $(java -version 2>&1 | head -1)"
java "${flags[@]}" -cp mixtures-bench/target/benchmarks.jar dev.mixtures.bench.LargeNpyFit "$file" "$k" "$iters" 2>&1 \
  | grep -v "incubator"
