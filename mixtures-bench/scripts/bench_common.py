"""Shared helpers of the scikit-learn side scripts (sklearn_kmeans.py, sklearn_gmm.py)."""
import time

import numpy as np


def read(folder, name, shape):
    """A raw little-endian double file written by the Java side, reshaped."""
    return np.fromfile(f"{folder}/{name}", dtype="<f8").reshape(shape)


def best_of(fn, repeats):
    """The shortest of `repeats` timed calls (seconds) and the last call's result."""
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); r = fn(); times.append(time.perf_counter() - t)
    return min(times), r
