#!/usr/bin/env bash
# Wall-clock times of model selection from the command line (issue 5), on this machine:
#   mixtures-bench/scripts/select-grid.sh
# 1. Old Faithful, K = 1..9 x 4 structures, --n-init 10 (target: under 2 s), three runs.
# 2. 100,000 x 10 from 5 blobs (SelectionBenchData), K = 1..10 x 4 structures (target: under 60 s),
#    with the true blobs kept out of the fit and compared with the chosen model's labels.
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
./mvnw -q -B -DskipTests package -pl mixtures-cli -am
java -cp "$jar" dev.mixtures.bench.SelectionBenchData "$out" >/dev/null
for i in 1 2 3; do
  /usr/bin/time -f "old-faithful-grid-n-init-10 %e s wall" ./mixtures select --n-init 10 > "$out/select-faithful.txt"
done
/usr/bin/time -f "100k-x-10-grid %e s wall" ./mixtures select "$out/selection.csv" --columns x1,x2,x3,x4,x5,x6,x7,x8,x9,x10 \
  -k 1..10 > "$out/select-100k.txt"
grep -E "^Best|^Top|^Bayesian|^Time" "$out/select-100k.txt"
