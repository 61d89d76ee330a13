#!/usr/bin/python3
"""Writes the scikit-learn fixtures of the Bayesian mixture tests (run once; the output is committed).

For each weight prior (dirichlet_distribution, dirichlet_process) on two data sets: the same
starting responsibilities, reg_covar = 0, full covariances, and scikit-learn's
BayesianGaussianMixture stepped by hand exactly as its fit loop does (initial M-step, then E-step,
M-step, bound), recording after each M-step the posterior parameters, the bound it computes (which
drops constants, MATH.md §5) and predict_proba of the first rows. Needs python3-sklearn (Debian);
the build never runs this.

Usage: vb_fixtures.py FAITHFUL_CSV > mixtures-core/src/test/resources/sklearn/vb.json
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.mixture import BayesianGaussianMixture

STEPS = 6


def blobs():
    rng = np.random.default_rng(2027)
    k, d = 3, 3
    centres = rng.normal(0, 4, size=(k, d))
    X = np.vstack([rng.multivariate_normal(centres[c], np.diag(rng.uniform(0.5, 2.0, d)) + 0.3, size=60 + 20 * c)
                   for c in range(k)])
    return X + np.array([50.0, -3.0, 0.5]), 4, 0.05


def faithful(path):
    X = np.loadtxt(path, delimiter=",", skiprows=1)
    return X, 6, None


def run(X, k, conc, prior_type, seed):
    rng = np.random.default_rng(seed)
    resp = rng.uniform(0.05, 1.0, size=(X.shape[0], k))
    resp /= resp.sum(axis=1, keepdims=True)
    g = BayesianGaussianMixture(n_components=k, covariance_type="full", weight_concentration_prior_type=prior_type,
                                weight_concentration_prior=conc, reg_covar=0.0)
    g._check_parameters(X)
    g._initialize(X, resp)
    steps = []
    for it in range(1, STEPS + 1):
        log_prob_norm, log_resp = g._e_step(X)
        g._m_step(X, log_resp)
        bound = g._compute_lower_bound(log_resp, log_prob_norm)
        wc = g.weight_concentration_
        g._set_parameters(g._get_parameters())
        steps.append({"iterations": it, "sklearnBound": float(bound),
                      "concentration1": (wc[0] if isinstance(wc, tuple) else wc).tolist(),
                      "concentration2": wc[1].tolist() if isinstance(wc, tuple) else None,
                      "beta": g.mean_precision_.tolist(), "nu": g.degrees_of_freedom_.tolist(),
                      "means": g.means_.tolist(), "covariances": g.covariances_.tolist(),
                      "weights": g.weights_.tolist(), "proba": g.predict_proba(X[:10]).tolist()})
    return {"weightPrior": "dirichlet" if prior_type == "dirichlet_distribution" else "dirichlet-process",
            "concentration": g.weight_concentration_prior_, "k": k, "responsibilities": resp.tolist(), "steps": steps}


out = {"sklearn": sklearn.__version__, "regCovar": 0.0, "cases": []}
for name, (X, k, conc) in [("blobs", blobs()), ("faithful", faithful(sys.argv[1]))]:
    for i, pt in enumerate(["dirichlet_distribution", "dirichlet_process"]):
        case = run(X, k, conc, pt, 100 + i)
        case["name"] = name
        case["data"] = X.tolist()
        out["cases"].append(case)
json.dump(out, sys.stdout)
sys.stdout.write("\n")
