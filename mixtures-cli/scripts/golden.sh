#!/usr/bin/env bash
# Rewrites the golden check's outputs (mixtures-cli/src/test/resources/golden/fits.jsonl) from the
# current code: the --json of every CLI fit in golden/cases.txt, timings removed. Run it only for an
# intended change of results, and say so in the commit; a refactoring must leave the file as it is
# (GoldenFitsTest, part of `./mvnw -B verify`, compares every field bit for bit).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/mixtures-cli/src/test/resources/golden/fits.jsonl"
cd "$root"
./mvnw -q -B -pl mixtures-cli -am install -DskipTests
./mvnw -q -B -pl mixtures-cli test -Dtest=GoldenFitsTest#everyFitMatchesTheGoldenOutput \
  -Dgolden.update="$out.tmp"
mv -f "$out.tmp" "$out"
echo "wrote $(wc -l < "$out") golden outputs to $out"
