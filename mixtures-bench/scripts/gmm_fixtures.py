#!/usr/bin/python3
"""Writes the scikit-learn fixtures of the Gaussian mixture tests (run once; the output is committed).

For each covariance structure: the same data, the same starting weights, means and precisions,
reg_covar = 1e-6, and scikit-learn's GaussianMixture stopped after 1..STEPS iterations (tol = 0),
recording lower_bound_ (the mean log-likelihood of the parameters each last E-step used) and the
parameters after the M-step. Needs python3-sklearn (Debian); the build never runs this.

Usage: gmm_fixtures.py > mixtures-core/src/test/resources/sklearn/gmm.json
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

warnings.simplefilter("ignore", ConvergenceWarning)
STEPS = 6
rng = np.random.default_rng(2026)
k, d = 3, 3
centres = rng.normal(0, 4, size=(k, d))
X = np.vstack([rng.multivariate_normal(centres[c], np.diag(rng.uniform(0.5, 2.0, d)) + 0.3, size=80 + 20 * c)
               for c in range(k)])
# Offset the columns, as real data are (MATH.md warns about E[xx^T] - mu mu^T on offset data).
X = X + np.array([70.0, -3.0, 0.5])
weights0 = np.array([0.2, 0.3, 0.5])
means0 = X[[5, 150, 250]] + 0.25
full_cov0 = np.array([np.cov(X.T) * s for s in (0.5, 0.8, 1.1)])

out = {"sklearn": sklearn.__version__, "regCovar": 1e-6, "data": X.tolist(), "weights": weights0.tolist(),
       "means": means0.tolist(), "structures": {}}
for ct in ["full", "diag", "spherical", "tied"]:
    if ct == "full":
        cov0 = full_cov0
        prec_init = np.array([np.linalg.inv(c) for c in cov0])
        prec_full = prec_init
    elif ct == "tied":
        cov0 = full_cov0[1]
        prec_init = np.linalg.inv(cov0)
        prec_full = np.array([prec_init] * k)
    elif ct == "diag":
        cov0 = np.array([np.diag(c) for c in full_cov0])
        prec_init = 1.0 / cov0
        prec_full = np.array([np.diag(p) for p in prec_init])
    else:
        cov0 = np.array([np.mean(np.diag(c)) for c in full_cov0])
        prec_init = 1.0 / cov0
        prec_full = np.array([np.eye(d) * p for p in prec_init])
    steps = []
    for it in range(1, STEPS + 1):
        g = GaussianMixture(k, covariance_type=ct, weights_init=weights0, means_init=means0, precisions_init=prec_init,
                            reg_covar=1e-6, max_iter=it, tol=0, n_init=1, random_state=0)
        g.fit(X)
        if ct == "full":
            covs = g.covariances_
        elif ct == "tied":
            covs = np.array([g.covariances_] * k)
        elif ct == "diag":
            covs = np.array([np.diag(c) for c in g.covariances_])
        else:
            covs = np.array([np.eye(d) * c for c in g.covariances_])
        steps.append({"iterations": it, "lowerBound": g.lower_bound_, "weights": g.weights_.tolist(),
                      "means": g.means_.tolist(), "covariances": covs.tolist(), "score": g.score(X),
                      "scoreSamples": g.score_samples(X[:10]).tolist(), "proba": g.predict_proba(X[:10]).tolist()})
    out["structures"][ct] = {"precisions": prec_full.tolist(), "steps": steps}
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
