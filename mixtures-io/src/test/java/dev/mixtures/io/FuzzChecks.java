package dev.mixtures.io;

import dev.mixtures.data.Dataset;

/** What every fuzz target asserts of what it accepted. */
final class FuzzChecks {
    private FuzzChecks() {
    }

    /** A dataset read from any input holds finite values and weights (or NaN for a missing cell where allowed). */
    static void finite(Dataset d) {
        d.forEachRow((i, x, at, w) -> {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new AssertionError("row " + i + ": weight " + w);
            }
            for (int j = 0; j < d.d(); j++) {
                if (Double.isInfinite(x[at + j])) {
                    throw new AssertionError("row " + i + ", column " + j + ": " + x[at + j]);
                }
            }
        });
    }
}
