/**
 * The data every model is fitted to: {@link dev.mixtures.data.Dataset} (dense row-major rows,
 * optional weights, column names, blocks), standardisation and moments. Imports nothing of the
 * library: every other package may import it.
 */
package dev.mixtures.data;
