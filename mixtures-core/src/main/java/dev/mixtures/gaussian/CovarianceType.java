package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;

/**
 * The covariance structure of a Gaussian mixture: mclust's fourteen parameterisations
 * Σ_k = λ_k D_k A_k D_kᵀ (volume λ, orientation D, shape A with |A| = 1; each Equal across
 * components, Variable, or the Identity), in mclust's order, with scikit-learn's names for the
 * four it has (spherical = VII, diag = VVI, tied = EEE, full = VVV). The number of free
 * covariance parameters of each is mclust's ({@link #covarianceParameters}). The Bayesian mixture
 * takes the four with a conjugate prior ({@link #hasConjugatePrior}).
 */
public enum CovarianceType {
    /** One variance for all components and coordinates, λ I (spherical, equal volume). */
    EII("EII", "EII", new EiiStructure()),
    /** Each component has its own single variance, λ_k I (scikit-learn's spherical, mclust VII). */
    SPHERICAL("spherical", "VII", new SphericalStructure()),
    /** One diagonal covariance shared by all components, λ A (diagonal, equal volume and shape). */
    EEI("EEI", "EEI", new EeiStructure()),
    /** Diagonal, λ_k A: volume per component, shape shared. */
    VEI("VEI", "VEI", new VeiStructure()),
    /** Diagonal, λ A_k: volume shared, shape per component. */
    EVI("EVI", "EVI", new EviStructure()),
    /** Each component has its own diagonal covariance (scikit-learn's diag, mclust VVI). */
    DIAG("diag", "VVI", new DiagStructure()),
    /** All components share one full covariance matrix (scikit-learn's tied, mclust EEE). */
    TIED("tied", "EEE", new TiedStructure()),
    /** λ_k D A Dᵀ: volume per component, shape and orientation shared. */
    VEE("VEE", "VEE", new VeeStructure()),
    /** λ D A_k Dᵀ: shape per component, volume and orientation shared. */
    EVE("EVE", "EVE", new EveStructure()),
    /** λ_k D A_k Dᵀ: volume and shape per component, orientation shared. */
    VVE("VVE", "VVE", new VveStructure()),
    /** λ D_k A D_kᵀ: orientation per component, volume and shape shared. */
    EEV("EEV", "EEV", new EevStructure()),
    /** λ_k D_k A D_kᵀ: volume and orientation per component, shape shared. */
    VEV("VEV", "VEV", new VevStructure()),
    /** λ D_k A_k D_kᵀ: shape and orientation per component, volume shared. */
    EVV("EVV", "EVV", new EvvStructure()),
    /** Each component has its own full covariance matrix (scikit-learn's full, mclust VVV). */
    FULL("full", "VVV", new FullStructure());

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

    /** The name used on the command line and in JSON: scikit-learn's for the four it has, else mclust's. */
    public String label() {
        return label;
    }

    /** mclust's three-letter name. */
    public String mclustName() {
        return mclust;
    }

    /** Whether the Bayesian mixture has a conjugate prior for this structure (full, tied, diag, spherical). */
    public boolean hasConjugatePrior() {
        return structure.conjugate();
    }

    /** Whether the structure has off-diagonal terms (a d×d block per component or one shared). */
    public boolean hasOffDiagonal() {
        return structure.offDiagonal();
    }

    /**
     * The fewest rows' worth of responsibility a component needs for the covariance parameters it
     * has alone to be estimable: d + 1 when it has its own orientation (mclust's third letter V: a
     * full d×d scatter), 2 when it has only its own volume or shape (a spread per axis), 0 when
     * everything is shared (EII, EEI, EEE: the component is a mean and a weight).
     */
    public int rowsNeeded(int d) {
        if (mclust.charAt(2) == 'V') {
            return d + 1;
        }
        return mclust.charAt(0) == 'V' || mclust.charAt(1) == 'V' ? 2 : 0;
    }

    /** Free covariance parameters for k components in d dimensions. */
    public long covarianceParameters(int k, int d) {
        return structure.parameters(k, d);
    }

    /** All free parameters: weights (k − 1), means (k·d) and covariances. */
    public long freeParameters(int k, int d) {
        return (k - 1) + (long) k * d + covarianceParameters(k, d);
    }

    /** Parses an mclust name (EII … VVV) or "full", "diag", "spherical", "tied", ignoring case and surrounding blanks. */
    public static CovarianceType parse(String s) {
        String name = s == null ? "" : s.strip();
        for (CovarianceType t : values()) {
            if (t.label.equalsIgnoreCase(name) || t.mclust.equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw new BadInputException("covariance: unknown structure '" + s + "'; the fourteen are " + names()
                + " (spherical = VII, diag = VVI, tied = EEE, full = VVV)");
    }

    /** mclust's fourteen names in its order, comma separated. */
    public static String names() {
        StringBuilder b = new StringBuilder();
        for (CovarianceType t : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(t.mclust);
        }
        return b.toString();
    }
}
