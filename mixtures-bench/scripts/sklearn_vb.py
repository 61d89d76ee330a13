#!/usr/bin/python3
"""scikit-learn side of the Bayesian mixture comparison (issue 4). Reads the data GmmBenchData
wrote, limits BLAS/OpenMP to the given thread count, and prints one JSON line per measurement:
the time of one iteration of BayesianGaussianMixture (E-step, M-step, lower bound), as
(T(11 iterations) - T(1)) / 10 from the same start, so the set-up cancels in its favour. Run by
compare-vb.sh; needs python3-sklearn."""
import json, sys, warnings
from threadpoolctl import threadpool_limits
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import BayesianGaussianMixture

from bench_common import best_of, read

warnings.simplefilter("ignore", ConvergenceWarning)
folder, threads = sys.argv[1], int(sys.argv[2])
n, d, k = 200_000, 16, 16
X = read(folder, "gmm-data.f64", (-1, d))
assert X.shape == (n, d)

with threadpool_limits(limits=threads):
    for ct in ["full", "diag"]:
        def fit(iters):
            return lambda: BayesianGaussianMixture(n_components=k, covariance_type=ct,
                                                   weight_concentration_prior_type="dirichlet_distribution",
                                                   init_params="random_from_data", random_state=0, reg_covar=0.0,
                                                   max_iter=iters, tol=0, n_init=1).fit(X)
        fit(1)()  # warm-up
        t1, _ = best_of(fit(1), 2)
        t11, g = best_of(fit(11), 2)
        print(json.dumps({"what": "vbIteration", "covariance": ct, "threads": threads,
                          "ms_per_iteration": 1000 * (t11 - t1) / 10, "lower_bound": g.lower_bound_}))
