package dev.mixtures.gaussian;

/**
 * The covariance structure of a Gaussian mixture, with the names scikit-learn and mclust use for
 * it. The number of free covariance parameters of each is given by {@link #covarianceParameters}.
 */
public enum CovarianceType {
    /** Each component has its own full covariance matrix (mclust VVV). */
    FULL("full", "VVV", new FullStructure()),
    /** Each component has its own diagonal covariance (mclust VVI). */
    DIAG("diag", "VVI", new DiagStructure()),
    /** Each component has its own single variance, σ_k² I (mclust VII). */
    SPHERICAL("spherical", "VII", new SphericalStructure()),
    /** All components share one full covariance matrix (mclust EEE). */
    TIED("tied", "EEE", new TiedStructure());

    private final String label;
    private final String mclust;
    private final Structure structure;

    CovarianceType(String label, String mclust, Structure structure) {
        this.label = label;
        this.mclust = mclust;
        this.structure = structure;
    }

    /** What the models need of this structure. */
    Structure structure() {
        return structure;
    }

    /** The name used on the command line, in JSON and by scikit-learn. */
    public String label() {
        return label;
    }

    /** mclust's three-letter name. */
    public String mclustName() {
        return mclust;
    }

    /** Whether the structure has off-diagonal terms (full or tied). */
    public boolean hasOffDiagonal() {
        return structure.offDiagonal();
    }

    /** Free covariance parameters for k components in d dimensions. */
    public long covarianceParameters(int k, int d) {
        return structure.parameters(k, d);
    }

    /** All free parameters: weights (k − 1), means (k·d) and covariances. */
    public long freeParameters(int k, int d) {
        return (k - 1) + (long) k * d + covarianceParameters(k, d);
    }

    /** Parses "full", "diag", "spherical", "tied" or an mclust name, ignoring case. */
    public static CovarianceType parse(String s) {
        for (CovarianceType t : values()) {
            if (t.label.equalsIgnoreCase(s) || t.mclust.equalsIgnoreCase(s)) {
                return t;
            }
        }
        throw new IllegalArgumentException("covariance: unknown structure '" + s + "' (full, diag, spherical, tied)");
    }
}
