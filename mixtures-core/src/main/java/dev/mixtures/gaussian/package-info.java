/**
 * Gaussian mixtures by maximum likelihood ({@link dev.mixtures.gaussian.GaussianMixture}) and by
 * variational Bayes ({@link dev.mixtures.gaussian.BayesianGaussianMixture}), which share the E-step
 * pass and kernels, the statistics and the covariance structures (mclust's fourteen
 * parameterisations, one class each, behind {@code Structure}); these stay package-private, which is
 * why both models live here. The starts (K-means, mclust's hierarchical {@link dev.mixtures.gaussian.Hierarchy},
 * {@link dev.mixtures.gaussian.SharedStarts} for fits that share them) and mclust's conjugate prior
 * ({@link dev.mixtures.gaussian.MixturePrior}) are here too. Imports
 * {@code dev.mixtures}, {@code data}, {@code em}, {@code linalg}, and {@code kmeans} for the K-means start.
 */
package dev.mixtures.gaussian;
