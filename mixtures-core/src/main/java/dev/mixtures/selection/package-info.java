/**
 * Model selection over a grid of K × covariance structure ranked by BIC, AIC or ICL (mclust's
 * way), with spurious maxima kept from winning and the Bayesian mixture's answer beside. Imports
 * {@code data}, {@code em}, {@code gaussian} and {@code linalg}.
 */
package dev.mixtures.selection;
