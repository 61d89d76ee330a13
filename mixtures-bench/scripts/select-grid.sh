#!/usr/bin/env bash
# Wall-clock times of model selection from the command line (issues 5 and 15), on this machine:
#   mixtures-bench/scripts/select-grid.sh
# 1. Old Faithful, K = 1..9 x mclust's 14 models (each cell: hc start + emEM starts): the main job
#    (./mixtures fit, 5 starts per cell) and select --n-init 10 (target: under 2 s), three runs each.
# 2. 100,000 x 10 from 5 blobs (SelectionBenchData), K = 1..9 x 14 models (target: under 2 minutes,
#    choosing K = 5), with the true blobs kept out of the fit.
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
./mvnw -q -B -DskipTests package -pl mixtures-cli -am
java -cp "$jar" dev.mixtures.bench.SelectionBenchData "$out" >/dev/null
for i in 1 2 3; do
  /usr/bin/time -f "old-faithful-main-job %e s wall" ./mixtures fit > "$out/fit-faithful.txt"
done
for i in 1 2 3; do
  /usr/bin/time -f "old-faithful-grid-n-init-10 %e s wall" ./mixtures select --n-init 10 > "$out/select-faithful.txt"
done
/usr/bin/time -f "100k-x-10-grid %e s wall" ./mixtures select "$out/selection.csv" --columns x1,x2,x3,x4,x5,x6,x7,x8,x9,x10 \
  -k 1..9 > "$out/select-100k.txt"
grep -E "^Best|^Top|^Bayesian|^Time" "$out/select-100k.txt"
