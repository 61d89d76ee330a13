#!/usr/bin/env bash
# Wall-clock times of figures of 1,000,000 points from the command line (issue 6):
#   mixtures-bench/scripts/plot-million.sh
# Writes 1,000,000 x 2 from 3 Gaussian blobs (Blobs, seed 7) as CSV, fits k = 3, then times
# `mixtures plot` for every kind (PNG; progress as SVG), JVM start and reading the CSV included.
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
./mvnw -q -B -DskipTests package -pl mixtures-cli -am
java -cp "$jar" dev.mixtures.bench.PlotBenchData "$out" >/dev/null
./mixtures fit "$out/million.csv" -k 3 --out "$out/million.json" >/dev/null
for kind in data clusters responsibilities density posterior samples; do
  /usr/bin/time -f "$kind %e s wall" ./mixtures plot --model "$out/million.json" "$out/million.csv" --kind "$kind" \
    --out "$out/million-$kind.png" >/dev/null
done
/usr/bin/time -f "progress %e s wall" ./mixtures plot --model "$out/million.json" "$out/million.csv" --kind progress \
  --out "$out/million-progress.svg" >/dev/null
