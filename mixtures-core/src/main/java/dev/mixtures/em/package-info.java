/**
 * The EM engine every model runs on, internal to the library (not exported by the module): the one
 * fit ({@link dev.mixtures.em.FitTemplate}), the one loop ({@link dev.mixtures.em.EmLoop}), what a
 * model supplies ({@link dev.mixtures.em.EmFamily}, {@link dev.mixtures.em.EStep}), restarts, worker
 * threads and the validation of settings. Imports {@code data} and the library's vocabulary in
 * {@code dev.mixtures}: models depend on the engine, never the other way.
 */
package dev.mixtures.em;
