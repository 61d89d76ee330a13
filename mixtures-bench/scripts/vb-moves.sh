#!/usr/bin/env bash
# Issue 19: does one start of the Bayesian mixture find the number of blobs? 40 seeded cases of
# 5 to 20 unit-SD Gaussian blobs (centres at least 6 apart) in 2 to 20 dimensions, 500 rows per
# blob, K = 2 x blobs; the weight prior alternates case by case (Dirichlet, Dirichlet process) and
# the structure every two (full, diag). mixtures fits each with its moves (the default) and with
# --moves none; scikit-learn's BayesianGaussianMixture (same K, prior and structure, its defaults
# otherwise, max_iter 1000) on the same files for comparison. "Right" = effective components
# (N_k >= 1 and E[pi_k] >= 0.001; scikit-learn: weights >= 0.001 and N_k >= 1) equal to the blobs,
# and converged.
#   mixtures-bench/scripts/vb-moves.sh [CASES]   (default 40)
set -euo pipefail
cd "$(dirname "$0")/../.."
cases="${1:-40}"
dir=/tmp/mixtures-vb-moves
mkdir -p "$dir"
/usr/bin/python3 - "$cases" "$dir" <<'PY'
import sys, os, numpy as np
cases, out = int(sys.argv[1]), sys.argv[2]
for i in range(cases):
    rng = np.random.default_rng(1000 + i)
    b = int(rng.integers(5, 21)); d = int(rng.integers(2, 21))
    f = os.path.join(out, "vbcase-%d-%d-%d.npy" % (i, b, d))
    if os.path.exists(f):
        continue
    half = 6.0 * max(1.0, b ** (1.0 / d)) * 1.5
    c = []
    while len(c) < b:
        x = rng.uniform(-half, half, d)
        if all(np.sum((x - y) ** 2) >= 36.0 for y in c):
            c.append(x)
    c = np.array(c)
    n = 500 * b
    np.save(f, c[np.arange(n) % b] + rng.normal(0, 1, (n, d)))
PY
files=$(ls "$dir"/vbcase-*.npy | sort -t- -k2 -n | head -n "$cases")
./mvnw -q -B -o -DskipTests package -pl mixtures-bench -am >/dev/null
jar=mixtures-bench/target/benchmarks.jar
echo "$(nproc) cores, $(java -version 2>&1 | head -1), scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)')"
java -Xmx4g --add-modules=jdk.incubator.vector -cp "$jar" dev.mixtures.bench.VbMovesCases $files 2>&1 | grep -v "incubator"
if [ "${SKLEARN:-1}" = 1 ]; then
/usr/bin/python3 - $files <<'PY'
import sys, os, time, warnings, numpy as np
from sklearn.mixture import BayesianGaussianMixture
warnings.simplefilter("ignore")
right = 0; total = 0
for f in sys.argv[1:]:
    _, i, b, d = os.path.basename(f)[:-4].split("-"); i, b = int(i), int(b)
    x = np.load(f)
    prior = "dirichlet_distribution" if i % 2 == 0 else "dirichlet_process"
    cov = "full" if i % 4 < 2 else "diag"
    t = time.time()
    m = BayesianGaussianMixture(n_components=2 * b, weight_concentration_prior_type=prior, covariance_type=cov,
                                max_iter=1000, random_state=i).fit(x)
    s = time.time() - t
    nk = m.weights_ * len(x)
    eff = int(np.sum((m.weights_ >= 1e-3) & (nk >= 1)))
    ok = eff == b and m.converged_
    right += ok; total += 1
    print("scikit-learn case %2d: %2d blobs, %2d effective, converged %s, %4d iterations, %6.2f s%s"
          % (i, b, eff, m.converged_, m.n_iter_, s, "" if ok else " x"))
print("scikit-learn right: %d of %d" % (right, total))
PY
fi
