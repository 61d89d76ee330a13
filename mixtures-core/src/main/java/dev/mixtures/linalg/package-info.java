/**
 * The dense kernels the models share, internal to the library (not exported by the module):
 * nearest-centre and distance kernels in plain Java and with the Vector API (the same bits),
 * Cholesky factors, lane-wise exp and log, special functions. Imports nothing of the library.
 */
package dev.mixtures.linalg;
