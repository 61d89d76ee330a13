/**
 * mixtures: K-means, Gaussian mixtures by EM and Bayesian mixtures of Gaussians by variational
 * inference (C. M. Bishop, PRML ch. 9 and §10.2). Exports the API packages; {@code em} (the EM
 * engine) and {@code linalg} (the kernels) are internal. The Vector API module is optional:
 * without it the plain Java kernels run, with the same bits.
 */
module dev.mixtures.core {
    requires static jdk.incubator.vector;

    exports dev.mixtures;
    exports dev.mixtures.data;
    exports dev.mixtures.datasets;
    exports dev.mixtures.gaussian;
    exports dev.mixtures.kmeans;
    exports dev.mixtures.metrics;
    exports dev.mixtures.selection;
}
