#!/usr/bin/env bash
# Reading a CSV file: mixtures' reader against pandas' read_csv (C engine), in one script on one machine.
#   mixtures-bench/scripts/compare-csv.sh [ROWS]   (default 2,000,000 × 16; needs python3-pandas)
# The file (numpy.savetxt, %.6f, a header) is made once in /tmp. pandas runs three times; mixtures
# three times in a fresh JVM each (what a command-line user waits for) and four times in one JVM,
# with the launcher's JVM flags.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-2000000}"
file="/tmp/mixtures-csv-$rows.csv"
if [ ! -f "$file" ]; then
  /usr/bin/python3 - "$rows" "$file" <<'PY'
import sys, numpy as np
n = int(sys.argv[1]); rng = np.random.default_rng(1)
c = rng.normal(0, 4, (16, 16)); x = c[rng.integers(0, 16, n)] + rng.normal(0, 1, (n, 16))
np.savetxt(sys.argv[2], x, delimiter=",", fmt="%.6f", header=",".join(f"x{j}" for j in range(16)), comments="")
PY
fi
./mvnw -q -B -o -DskipTests package -pl mixtures-bench -am >/dev/null
jar=mixtures-bench/target/benchmarks.jar
# The JVM flags of the ./mixtures launcher (transparent huge pages where the kernel offers them).
flags=(-XX:+UseSerialGC -XX:Tier4BackEdgeThreshold=1000000)
if grep -qs '\[always\]\|\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  flags+=(-XX:+UseTransparentHugePages)
fi
echo "file: $file ($(du -mL "$file" | cut -f1) MB), $(nproc) cores, $(java -version 2>&1 | head -1)"
for i in 1 2 3; do
  /usr/bin/python3 -c "
import time, sys, os, pandas as pd
t = time.time(); d = pd.read_csv(sys.argv[1]); s = time.time() - t
print('pandas read_csv %d: %d rows in %.2f s, %.0f MB/s' % ($i, len(d), s, os.path.getsize(sys.argv[1]) / 1e6 / s))" "$file"
  java -Xmx4g "${flags[@]}" -cp "$jar" dev.mixtures.bench.CsvRead "$file" 1 | sed 's/read 1/read, fresh JVM/'
done
java -Xmx4g "${flags[@]}" -cp "$jar" dev.mixtures.bench.CsvRead "$file" 4
