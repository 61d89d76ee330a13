/**
 * The library's vocabulary, shared by every model: {@link dev.mixtures.FittedModel} (sealed over
 * the three kinds), the fit's {@link dev.mixtures.FitTrace}, {@link dev.mixtures.Training} record and
 * {@link dev.mixtures.ProgressListener}, mergeable {@link dev.mixtures.Statistics} and the public seam
 * of statistics by blocks, {@link dev.mixtures.BlockSteps}; and the library's version. Imports
 * {@code data}; the models live in {@code kmeans} and {@code gaussian}.
 */
package dev.mixtures;
