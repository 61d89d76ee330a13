/** Clustering measures: adjusted Rand index, normalised mutual information, silhouette. Imports {@code data} and {@code em} (worker threads). */
package dev.mixtures.metrics;
