/**
 * Model selection over a grid of K × mclust's fourteen covariance models ranked by BIC, AIC or ICL
 * (mclust's way: each cell from the hierarchical start, here also from emEM starts; optionally under
 * mclust's prior), with spurious maxima kept from winning and the Bayesian mixture's answer beside. Imports
 * {@code data}, {@code em}, {@code gaussian} and {@code linalg}.
 */
package dev.mixtures.selection;
