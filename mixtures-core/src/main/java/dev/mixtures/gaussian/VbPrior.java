package dev.mixtures.gaussian;

import dev.mixtures.data.Standardizer;
import dev.mixtures.linalg.Special;

/**
 * The priors of the Bayesian mixture in the fitted space (PRML 10.39–10.40, MATH.md §3 and §4.8):
 * the weight prior and its concentration (α0 or γ0), β0, ν0, m0 and the inverse scale W0⁻¹ in the
 * layout of {@link VariationalParams#winv} for one component. Also the variational M-step
 * (10.58–10.63, with the ν_k erratum) that turns statistics into a posterior. Immutable.
 */
final class VbPrior implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    /** What to try when a posterior cannot be factored (rounding on nearly collinear columns). */
    static final String ADVICE = "Try standardised columns, a larger covariance prior, or leaving out nearly"
            + " collinear columns";

    final int k;
    final int d;
    final CovarianceType type;
    final Structure structure;
    final WeightPrior weightPrior;
    final double concentration;
    final double beta0;
    final double nu0;
    final double[] m0;
    final double[] w0inv;
    final double regCovar;
    /** ln |W0⁻¹| summed over one component's blocks. */
    final double lnDetW0inv;

    VbPrior(int k, int d, CovarianceType type, WeightPrior weightPrior, double concentration, double beta0, double nu0,
            double[] m0, double[] w0inv, double regCovar) {
        this.k = k;
        this.d = d;
        this.type = type;
        this.weightPrior = weightPrior;
        this.concentration = concentration;
        this.beta0 = beta0;
        this.nu0 = nu0;
        this.m0 = m0;
        this.w0inv = w0inv;
        this.regCovar = regCovar;
        this.structure = type.structure();
        this.lnDetW0inv = structure.priorLogDet(w0inv, d);
    }

    /**
     * The priors of {@code settings} in the fitted space: m0 and W0⁻¹ as given (carried through the
     * standardiser {@code st}, when not null), else the data's {@code mean} and covariance
     * ({@code dataCovariance}, divisor W − 1 as numpy.cov, computed only when needed); α0 = 1/K and
     * ν0 = d unless given.
     */
    static VbPrior of(BayesianGaussianMixture settings, double[] mean, java.util.function.Supplier<double[]> dataCovariance,
            int d, Standardizer st) {
        double[] m0;
        double[] given = settings.meanPrior();
        if (given != null) {
            m0 = given;
            if (st != null) {
                st.forward(m0);
            }
        } else {
            m0 = mean;
        }
        double[] full;
        double[][] covariancePrior = settings.covariancePrior();
        if (covariancePrior != null) {
            full = Matrices.flatten(covariancePrior, "covariance-prior");
            if (st != null) {
                double[] sd = st.sd();
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        full[i * d + j] /= sd[i] * sd[j];
                    }
                }
            }
        } else {
            full = dataCovariance.get();
        }
        CovarianceType type = settings.covariance();
        double[] w0inv = type.structure().priorScale(full, d);
        int k = settings.k();
        double conc = Double.isNaN(settings.concentration()) ? 1.0 / k : settings.concentration();
        double nu = Double.isNaN(settings.nu0()) ? d : settings.nu0();
        return new VbPrior(k, d, type, settings.weightPrior(), conc, settings.beta0(), nu, m0, w0inv,
                settings.regCovar());
    }

    /** The prior's degrees of freedom of one block: ν0, or ν0·D for the spherical Gamma. */
    double blockDof0() {
        return nu0 * structure.replicas(d);
    }

    /**
     * ln of the weight prior's normaliser term of the short bound: ln C(α0) over all K, or
     * k ln γ0 over the {@code inUse} sticks (MATH.md §4.5, §4.8, §4.9).
     */
    double logWeightNorm0(int inUse) {
        if (weightPrior == WeightPrior.DIRICHLET) {
            return Special.lnGamma(k * concentration) - k * Special.lnGamma(concentration);
        }
        // Sticks at their prior after the last in use (idle ones) add ln γ0 + ln B(1, γ0) = 0 each.
        return inUse * Math.log(concentration);
    }

    /**
     * The variational M-step (10.58–10.63, ν_k = ν0 + N_k) from statistics taken about
     * {@code shift}, for as many components as the shift has (k·d numbers; the statistics may have
     * room for more, and moves may have left fewer than K). N_k gets {@link GaussianFamily#N_EPS}
     * added, as in the maximum-likelihood M-step, so a switched-off component divides by a tiny
     * number: its posterior stays the prior.
     */
    VariationalParams mStep(GaussianStatistics st, double[] shift) {
        int k = shift.length / d;
        double[] nk = new double[k];
        double[] xbar = new double[k * d];
        double nTot = 0;
        for (int c = 0; c < k; c++) {
            nk[c] = st.n[c] + GaussianFamily.N_EPS;
            nTot += nk[c];
            for (int i = 0; i < d; i++) {
                xbar[c * d + i] = shift[c * d + i] + st.s[c * d + i] / nk[c];
            }
        }
        double[] c1 = new double[k];
        double[] c2 = null;
        if (weightPrior == WeightPrior.DIRICHLET) {
            for (int c = 0; c < k; c++) {
                c1[c] = concentration + nk[c];
            }
        } else {
            c2 = new double[k];
            double after = 0;
            for (int c = k - 1; c >= 0; c--) {
                c1[c] = 1 + nk[c];
                c2[c] = concentration + after;
                after += nk[c];
            }
        }
        double[] beta = new double[k];
        double[] nu = new double[k];
        double[] means = new double[k * d];
        for (int c = 0; c < k; c++) {
            beta[c] = beta0 + nk[c];
            nu[c] = structure.shared() ? nu0 + nTot : nu0 + nk[c];
            for (int i = 0; i < d; i++) {
                means[c * d + i] = (beta0 * m0[i] + nk[c] * xbar[c * d + i]) / beta[c];
            }
        }
        double[] winv = structure.posteriorScale(st, nk, xbar, beta, this);
        return new VariationalParams(this, c1, c2, beta, nu, means, winv);
    }
}
