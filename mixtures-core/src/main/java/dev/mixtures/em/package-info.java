/**
 * The EM engine every model runs on: the one fit ({@link dev.mixtures.em.FitTemplate}), the one loop
 * ({@link dev.mixtures.em.EmLoop}), what a model supplies ({@link dev.mixtures.em.EmFamily}), mergeable
 * {@link dev.mixtures.em.Statistics}, the public seam of statistics by blocks
 * ({@link dev.mixtures.em.BlockSteps}), restarts, worker threads, validation of settings, the fit
 * trace and progress listener. Imports {@code data} only: models depend on the engine, never the
 * other way.
 */
package dev.mixtures.em;
