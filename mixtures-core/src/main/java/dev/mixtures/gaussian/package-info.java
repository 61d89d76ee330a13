/**
 * Gaussian mixtures by maximum likelihood ({@link dev.mixtures.gaussian.GaussianMixture}) and by
 * variational Bayes ({@link dev.mixtures.gaussian.BayesianGaussianMixture}), which share the E-step
 * pass and kernels, the statistics and the covariance structures (one class each, behind
 * {@code Structure}); these stay package-private, which is why both models live here. Imports
 * {@code dev.mixtures}, {@code data}, {@code em}, {@code linalg}, and {@code kmeans} for the K-means start.
 */
package dev.mixtures.gaussian;
