/**
 * What every fitted model offers ({@link dev.mixtures.FittedModel}, sealed over the three kinds) and
 * the library's version. May import {@code data} and {@code em}; the models live in {@code kmeans}
 * and {@code gaussian}.
 */
package dev.mixtures;
