#!/usr/bin/python3
"""scikit-learn side of the Gaussian mixture comparison (issue 3). Reads the data and starting
parameters that dev.mixtures.bench.GmmBenchData wrote, limits BLAS/OpenMP to the given thread
count, and prints one JSON line per measurement. Run by compare-gmm.sh; needs python3-sklearn."""
import json, sys, warnings
import numpy as np
from threadpoolctl import threadpool_limits
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

from bench_common import best_of, read

warnings.simplefilter("ignore", ConvergenceWarning)
folder, threads = sys.argv[1], int(sys.argv[2])
n, d, k, var0 = 200_000, 16, 16, 1.5
X = read(folder, "gmm-data.f64", (-1, d))
w0 = read(folder, "gmm-weights.f64", (k,))
m0 = read(folder, "gmm-means.f64", (k, d))
assert X.shape == (n, d)

with threadpool_limits(limits=threads):
    for ct in ["full", "diag"]:
        prec = np.array([np.eye(d) / var0] * k) if ct == "full" else np.full((k, d), 1 / var0)
        def fit(iters):
            return lambda: GaussianMixture(k, covariance_type=ct, weights_init=w0, means_init=m0, precisions_init=prec,
                                           reg_covar=1e-6, max_iter=iters, tol=0, n_init=1).fit(X)
        fit(1)()  # warm-up
        # One EM iteration is (T(11) - T(1)) / 10: the fixed set-up (validation, the first
        # Cholesky factors, the final E-step) cancels, in scikit-learn's favour.
        t1, _ = best_of(fit(1), 2)
        t11, g = best_of(fit(11), 2)
        te, _ = best_of(lambda: g._estimate_log_prob_resp(X), 3)
        print(json.dumps({"what": "emIteration", "covariance": ct, "threads": threads,
                          "ms_per_iteration": 1000 * (t11 - t1) / 10, "lower_bound": g.lower_bound_}))
        print(json.dumps({"what": "eStep", "covariance": ct, "threads": threads, "ms": 1000 * te}))
