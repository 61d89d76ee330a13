#!/usr/bin/python3
"""scikit-learn side of the K-means comparison (issue 2). Reads the data that
dev.mixtures.bench.BenchData wrote, limits BLAS/OpenMP to the given thread count, and prints
one JSON line per measurement (with a third argument "lloyd", the Lloyd pass only). Run by
compare-sklearn.sh and alternate-lloyd.sh; needs python3-sklearn (Debian)."""
import json, sys
from threadpoolctl import threadpool_limits
from sklearn.cluster import KMeans

from bench_common import best_of, read

folder, threads = sys.argv[1], int(sys.argv[2])
lloyd_only = len(sys.argv) > 3 and sys.argv[3] == "lloyd"
n, d, k = 1_000_000, 16, 32
X = read(folder, "data.f64", (-1, d))
C = read(folder, "centres.f64", (k, d))
assert X.shape == (n, d)

with threadpool_limits(limits=threads):
    # Raw Lloyd from the same centres (tol=0: only strict convergence stops it). The cost of one
    # iteration is (T(20) - T(1)) / 19, which removes scikit-learn's fixed set-up (validation, copy
    # and centring of X, the final labelling pass) in its favour.
    def lloyd(iters):
        return lambda: KMeans(n_clusters=k, init=C, n_init=1, max_iter=iters, tol=0, algorithm="lloyd").fit(X)
    lloyd(2)()  # warm-up
    t1, m1 = best_of(lloyd(1), 3)
    t20, m20 = best_of(lloyd(20), 3)
    assert m20.n_iter_ == 20, m20.n_iter_
    print(json.dumps({"side": "sklearn", "what": "lloydPass", "threads": threads, "iterations": int(m20.n_iter_),
                      "ms_per_iteration": 1000 * (t20 - t1) / 19, "ms_20_iterations": 1000 * t20,
                      "inertia_20": float(m20.inertia_)}))
    if lloyd_only:
        sys.exit(0)
    # Default fit with one restart: greedy k-means++ then Lloyd to convergence.
    def default_fit():
        return KMeans(n_clusters=k, n_init=1, random_state=7).fit(X)
    t, m = best_of(default_fit, 3)
    print(json.dumps({"side": "sklearn", "what": "defaultFit", "threads": threads, "ms": 1000 * t,
                      "inertia": float(m.inertia_), "iterations": int(m.n_iter_)}))
