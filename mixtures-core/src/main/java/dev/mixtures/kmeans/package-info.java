/**
 * K-means as hard-assignment EM: {@link dev.mixtures.kmeans.KMeans} (settings and fit), greedy
 * k-means++ seeding, Lloyd and Hamerly (exact), mini-batch, steps by blocks, and the fitted
 * {@link dev.mixtures.kmeans.KMeansModel}. Imports {@code dev.mixtures}, {@code data}, {@code em} and {@code linalg}.
 */
package dev.mixtures.kmeans;
