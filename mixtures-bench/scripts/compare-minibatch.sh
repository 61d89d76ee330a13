#!/usr/bin/env bash
# Mini-batch K-means: mixtures against scikit-learn's MiniBatchKMeans, in one script on one machine.
#   mixtures-bench/scripts/compare-minibatch.sh [ROWS] [K] [BATCH]   (default 1,000,000 × 16, k = 32, batch 1024)
# The data (32 Gaussian blobs, numpy) are made once in /tmp as .npy; both sides read the same file,
# then time the fit alone for seeds 1 and 2 (same batch size; scikit-learn with n_init = 3, as
# mixtures' run below; both with k-means++ seeding on samples of 3 × batch rows). J is the cost over
# all rows. mixtures also runs its exact K-means once, for the ratio to the full algorithm.
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"; k="${2:-32}"; batch="${3:-1024}"
file="/tmp/mixtures-minibatch-$rows.npy"
if [ ! -f "$file" ]; then
  /usr/bin/python3 - "$rows" "$file" <<'PY'
import sys, numpy as np
n = int(sys.argv[1]); rng = np.random.default_rng(7)
c = rng.normal(0, 5, (32, 16)); x = c[rng.integers(0, 32, n)] + rng.normal(0, 1, (n, 16))
np.save(sys.argv[2], x)
PY
fi
./mvnw -q -B -o -DskipTests package -pl mixtures-bench -am >/dev/null
jar=mixtures-bench/target/benchmarks.jar
echo "file: $file, $(nproc) cores, $(java -version 2>&1 | head -1), scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)')"
/usr/bin/python3 - "$file" "$k" "$batch" <<'PY'
import sys, time, warnings, numpy as np
from sklearn.cluster import MiniBatchKMeans
warnings.simplefilter("ignore")
x = np.load(sys.argv[1]); k = int(sys.argv[2]); b = int(sys.argv[3])
for seed in (1, 2):
    t = time.time()
    m = MiniBatchKMeans(n_clusters=k, batch_size=b, n_init=3, random_state=seed).fit(x)
    s = time.time() - t
    print("scikit-learn minibatch seed %d: %.3f s, %d batches, J = %.6e" % (seed, s, m.n_steps_, m.inertia_))
PY
java -Xmx2g --add-modules=jdk.incubator.vector -cp "$jar" dev.mixtures.bench.MiniBatchRun "$file" "$k" "$batch" 1 2 1 2 2>&1 \
  | grep -v "incubator"
