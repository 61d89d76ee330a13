/** Data sets for examples and tests: Old Faithful (bundled) and Gaussian blobs. Imports {@code data} only. */
package dev.mixtures.datasets;
