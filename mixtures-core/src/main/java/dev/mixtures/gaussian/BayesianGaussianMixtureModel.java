package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.EmLoop;
import dev.mixtures.FitTrace;
import dev.mixtures.Training;
import dev.mixtures.em.Workers;
import java.util.List;

/**
 * A fitted Bayesian mixture of Gaussians (PRML §10.2): the variational posterior over weights,
 * means and precisions, the lower bound and its history, and what follows from them:
 * responsibilities (10.49), expected weights (10.69) and covariances, the effective number of
 * components, and the predictive density, a mixture of Student-t (10.81–10.82), with sampling
 * from it. Immutable and thread-safe; arrays handed out are copies, in the data's original units.
 *
 * <p>The fit's moves ({@link Move}) may leave fewer components in use than the settings' K; the
 * model has those, its expected weights renormalised over them.
 *
 * <p>A component counts as <em>effective</em> when its expected count N_k (its share of the row
 * weight) is at least 1 and its expected weight E[π_k] at least 0.001; switched-off components
 * keep N_k ≈ 0 and their prior.
 */
public final class BayesianGaussianMixtureModel implements MixtureDensity {
    private final BayesianGaussianMixture settings;
    private final VariationalParams post;
    private final Standardizer standardizer;
    private final List<String> columns;
    private final int n;
    private final double weight;
    private final double bound;
    private final FitTrace trace;
    private final List<String> notes;

    BayesianGaussianMixtureModel(BayesianGaussianMixture settings, VariationalParams post, Standardizer standardizer,
            List<String> columns, int n, double weight, double bound, FitTrace trace, List<String> notes) {
        this.settings = settings;
        this.post = post;
        this.standardizer = standardizer;
        this.columns = List.copyOf(columns);
        this.n = n;
        this.weight = weight;
        this.bound = bound;
        this.trace = trace;
        this.notes = List.copyOf(notes);
    }

    /**
     * The prior as a model file keeps it, in the fitted space: the weight prior's concentration (α0
     * or γ0), β0, ν0, m0 and W0⁻¹ as a d×d matrix.
     */
    public record Prior(double concentration, double beta0, double nu0, double[] meanPrior, double[][] covariancePrior) {
    }

    /**
     * The posterior as a model file keeps it, in the fitted space: the concentrations α_k (or a_k
     * of the sticks), the sticks' b_k for the Dirichlet process (else null), β_k, ν_k, m_k and W_k⁻¹
     * as d×d per component (diagonal for diag, a multiple of the identity for spherical, all equal for tied).
     */
    public record Posterior(double[] concentrations, double[] stickConcentrations, double[] beta, double[] nu,
            double[][] means, double[][][] scaleInverses) {
    }

    /**
     * The model of a fit run by hand over blocks ({@link BayesianGaussianMixture#steps}): the
     * posterior {@code post} in the fitted space, with the settings it was fitted with (which may
     * ask for standardising: {@code training} then holds the standardiser the blocks were
     * standardised with) and its bound in original units.
     *
     * @throws IllegalArgumentException when the posterior's shape is not the settings' or the training record's
     */
    public static BayesianGaussianMixtureModel of(BayesianGaussianMixture settings, VariationalParams post,
            Training training, double lowerBound) {
        if (post.k > settings.k() || post.prior.k != settings.k() || post.type != settings.covariance() || post.d != training.columns().size()
                || (training.standardizer() != null && training.standardizer().d() != post.d)) {
            throw new BadInputException("a posterior of " + post.k + " " + post.type.label() + " components in "
                    + post.d + " dimensions does not fit these settings or columns");
        }
        return new BayesianGaussianMixtureModel(settings, post, training.standardizer(), training.columns(), training.n(),
                training.weight(), lowerBound, training.trace(), training.notes());
    }

    /**
     * Rebuilds a model from saved parts (model files), all in the fitted space (standardised units
     * when the training record has a standardiser).
     *
     * @throws IllegalArgumentException when the parts are inconsistent or not positive definite
     */
    public static BayesianGaussianMixtureModel restore(BayesianGaussianMixture settings, Prior saved,
            Posterior posterior, Training training, double lowerBound) {
        return restore(settings, saved, posterior, training, lowerBound, List.of(), 0);
    }

    /**
     * As {@link #restore(BayesianGaussianMixture, Prior, Posterior, Training, double)}, with the
     * merges and deletes the fit made and how often it reordered the sticks (model files keep them).
     *
     * @throws IllegalArgumentException as there, or when a move's iteration or count does not fit the trace
     */
    public static BayesianGaussianMixtureModel restore(BayesianGaussianMixture settings, Prior saved,
            Posterior posterior, Training training, double lowerBound, List<MoveEvent> moves, int reorders) {
        BayesianGaussianMixtureModel m = restoreParts(settings, saved, posterior, training, lowerBound);
        int k = m.k();
        int last = 0;
        for (MoveEvent e : moves) {
            if (e.iteration() < last || e.iteration() < 1 || e.inUse() < k || e.inUse() >= settings.k()) {
                throw new BadInputException("inconsistent moves: " + e.describe() + " (K = " + settings.k() + ", "
                        + k + " in use)");
            }
            last = e.iteration();
        }
        if (reorders < 0) {
            throw new BadInputException("inconsistent moves: " + reorders + " reorders");
        }
        if (moves.isEmpty() && reorders == 0) {
            return m;
        }
        VbMoves.State st = new VbMoves.State(last, new int[0], null, 0, false, reorders, List.copyOf(moves), Double.NaN,
                new int[0]);
        return new BayesianGaussianMixtureModel(m.settings, m.post.withMoves(st), m.standardizer, m.columns, m.n,
                m.weight, m.bound, m.trace, m.notes);
    }

    private static BayesianGaussianMixtureModel restoreParts(BayesianGaussianMixture settings, Prior saved,
            Posterior posterior, Training training, double lowerBound) {
        double concentration = saved.concentration();
        double beta0 = saved.beta0();
        double nu0 = saved.nu0();
        double[] m0 = saved.meanPrior();
        double[][] w0inv = saved.covariancePrior();
        double[] conc1 = posterior.concentrations();
        double[] conc2 = posterior.stickConcentrations();
        double[] beta = posterior.beta();
        double[] nu = posterior.nu();
        double[][] means = posterior.means();
        double[][][] winv = posterior.scaleInverses();
        Standardizer standardizer = training.standardizer();
        List<String> columns = training.columns();
        int k = beta.length;
        int d = m0.length;
        CovarianceType t = settings.covariance();
        if (k > settings.k() || k < 1) {
            throw new BadInputException("inconsistent model: " + k + " components in use, K = " + settings.k());
        }
        boolean dp = settings.weightPrior() == WeightPrior.DIRICHLET_PROCESS;
        if (conc1.length != k || nu.length != k || means.length != k || winv.length != k || (dp != (conc2 != null))
                || (conc2 != null && conc2.length != k) || w0inv.length != d || columns.size() != d
                || (standardizer != null && standardizer.d() != d)) {
            throw new BadInputException("inconsistent model: " + k + " components of " + d + " coordinates");
        }
        for (double v : concat(conc1, conc2, beta, nu, new double[] {concentration, beta0, nu0})) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new BadInputException("a concentration, β, or ν is " + v + "; all must be positive");
            }
        }
        if (t.hasOffDiagonal()) {
            for (double v : concat(nu, new double[] {nu0})) {
                if (!(v > d - 1)) {
                    throw new BadInputException("nu0 must be greater than d − 1 = " + (d - 1) + " for " + t.label()
                            + " covariances, and so must every ν_k; found " + v);
                }
            }
        }
        // The Gaussian mixture's checks of given covariances (symmetric, positive definite, of the
        // structure) are the checks the saved scale matrices need.
        double[] equal = new double[k];
        java.util.Arrays.fill(equal, 1.0 / k);
        try {
            GaussianMixture.builder().k(k).covariance(t).initialParameters(equal, means, winv).build();
        } catch (BadInputException e) {
            throw new BadInputException(e.getMessage().replaceFirst("^init: ", "scale matrices: ")
                    .replace("covariance", "scale matrix"), e);
        }
        double[] flatW0 = Matrices.flatten(w0inv, "covariance prior");
        double[] full = new double[k * d * d];
        double[] m = new double[k * d];
        for (int c = 0; c < k; c++) {
            System.arraycopy(Matrices.flatten(winv[c], "scale of component " + (c + 1)), 0, full, c * d * d,
                    d * d);
            System.arraycopy(means[c], 0, m, c * d, d);
        }
        double[] w0 = t.structure().compact(flatW0, 1, d);
        // The prior's K is the settings' (moves may have left fewer components in use).
        VbPrior prior = new VbPrior(settings.k(), d, t, settings.weightPrior(), concentration, beta0, nu0, m0.clone(), w0,
                settings.regCovar());
        double[] w = t.structure().compact(full, k, d);
        VariationalParams p;
        try {
            p = new VariationalParams(prior, conc1.clone(), conc2 == null ? null : conc2.clone(), beta.clone(),
                    nu.clone(), m, w);
        } catch (DegenerateComponentException e) {
            throw new BadInputException("component " + (e.component() + 1) + ": " + e.what(), e);
        }
        return new BayesianGaussianMixtureModel(settings, p, standardizer, columns, training.n(), training.weight(),
                lowerBound, training.trace(), training.notes());
    }

    private static double[] concat(double[]... parts) {
        int len = 0;
        for (double[] p : parts) {
            len += p == null ? 0 : p.length;
        }
        double[] all = new double[len];
        int o = 0;
        for (double[] p : parts) {
            if (p != null) {
                System.arraycopy(p, 0, all, o, p.length);
                o += p.length;
            }
        }
        return all;
    }

    @Override
    public String kind() {
        return "vb";
    }

    /**
     * The components in use: K of the settings less those the moves merged or deleted
     * ({@link #moves()}). Every array of the model has this many entries.
     */
    @Override
    public int k() {
        return post.k;
    }

    /** The merges and deletes the fit made, in order (empty with {@code moves none} or none needed). */
    public List<MoveEvent> moves() {
        return post.moves.history();
    }

    /** How many times the fit put the Dirichlet process's sticks in order of size (0 for the Dirichlet). */
    public int reorders() {
        return post.moves.reorders();
    }

    /**
     * The components in use after each iteration of the trace: K until the first move, then as
     * the moves left them (its last entry is {@link #k()} when the trace is the fit's).
     */
    public int[] componentsInUseHistory() {
        int iterations = trace == null ? 0 : trace.iterations();
        int[] h = new int[iterations];
        List<MoveEvent> moves = moves();
        int at = 0;
        int count = settings.k();
        for (int it = 1; it <= iterations; it++) {
            while (at < moves.size() && moves.get(at).iteration() <= it) {
                count = moves.get(at++).inUse();
            }
            h[it - 1] = count;
        }
        return h;
    }

    @Override
    public int d() {
        return post.d;
    }

    /** Covariance structure. */
    public CovarianceType covarianceType() {
        return post.type;
    }

    /** The weight prior. */
    public WeightPrior weightPrior() {
        return post.prior.weightPrior;
    }

    /** The settings of the fit. */
    public BayesianGaussianMixture settings() {
        return settings;
    }

    @Override
    public List<String> columnNames() {
        return columns;
    }

    @Override
    public Standardizer standardizer() {
        return standardizer;
    }

    /** Rows of the training data. */
    public int trainingRows() {
        return n;
    }

    /** Total row weight of the training data. */
    public double trainingWeight() {
        return weight;
    }

    /** The lower bound L(q) of ln p(X) (PRML 10.70), all constants included, in the data's original units. */
    public double lowerBound() {
        return bound;
    }

    @Override
    public String objectiveName() {
        return "lower bound";
    }

    /** The lower bound ({@link #lowerBound}). */
    @Override
    public double objective() {
        return lowerBound();
    }

    /** The bound after every iteration, original units. */
    @Override
    public FitTrace trace() {
        return trace;
    }

    /** Whether the bound settled within tol. */
    public boolean converged() {
        return trace.converged();
    }

    /** What happened during the fit that a user should know. */
    public List<String> notes() {
        return notes;
    }

    /** E[π_k] (10.69; for the Dirichlet process the stick-breaking means, renormalised). */
    public double[] weights() {
        return post.expectedWeights();
    }

    /** N_k, the expected number of rows (weight) each component explains in the last M-step. */
    public double[] sizes() {
        double[] s = new double[post.k];
        double base = post.conc2 == null ? post.prior.concentration : 1;
        for (int c = 0; c < post.k; c++) {
            s[c] = Math.max(0, post.conc1[c] - base);
        }
        return s;
    }

    /** Which components are effective (see the class comment). */
    public boolean[] effective() {
        double[] s = sizes();
        double[] w = weights();
        boolean[] e = new boolean[post.k];
        for (int c = 0; c < post.k; c++) {
            e[c] = s[c] >= 1 && w[c] >= 1e-3;
        }
        return e;
    }

    /** The number of effective components. */
    public int effectiveComponents() {
        int count = 0;
        for (boolean b : effective()) {
            if (b) {
                count++;
            }
        }
        return count;
    }

    /** m_k = E[μ_k], original units. */
    public double[][] means() {
        double[][] m = new double[post.k][];
        for (int c = 0; c < post.k; c++) {
            double[] v = java.util.Arrays.copyOfRange(post.means, c * post.d, (c + 1) * post.d);
            m[c] = standardizer == null ? v : standardizer.inverse(v);
        }
        return m;
    }

    /** m_k in the fitted space (standardised units when standardised). */
    public double[][] fittedMeans() {
        double[][] m = new double[post.k][];
        for (int c = 0; c < post.k; c++) {
            m[c] = java.util.Arrays.copyOfRange(post.means, c * post.d, (c + 1) * post.d);
        }
        return m;
    }

    /** E[Λ_k]⁻¹ = W_k⁻¹/ν_k, the expected covariance as scikit-learn reports it, d×d, original units. */
    public double[][][] covariances() {
        double[][][] w = scaleInverse(true);
        for (int c = 0; c < post.k; c++) {
            double f = 1 / post.nu[c];
            for (double[] row : w[c]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] *= f;
                }
            }
        }
        return w;
    }

    /**
     * W_k⁻¹, the inverse scale of each component's Wishart, d×d, original units, so that
     * E[Λ_k] = ν_k W_k. For diag its diagonal holds each coordinate's Gamma rate ×2; for spherical
     * it is t_k·I, the common precision's Gamma rate ×2/D.
     */
    public double[][][] scaleInverses() {
        return scaleInverse(true);
    }

    /** W_k⁻¹ in the fitted space (for model files). */
    public double[][][] fittedScaleInverses() {
        return scaleInverse(false);
    }

    private double[][][] scaleInverse(boolean original) {
        int k = post.k;
        int d = post.d;
        double[][][] out = new double[k][d][d];
        for (int c = 0; c < k; c++) {
            double[] e = post.prior.structure.expand(post.winv, c, d);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    double v = e[i * d + j];
                    if (original && standardizer != null) {
                        v *= standardizer.sd()[i] * standardizer.sd()[j];
                    }
                    out[c][i][j] = v;
                }
            }
        }
        return out;
    }

    /** The posterior weight concentrations: α_k, or a_k of the sticks' Beta(a_k, b_k). */
    public double[] concentrations() {
        return post.conc1.clone();
    }

    /** b_k of the sticks' Beta(a_k, b_k) for the Dirichlet process, or null. */
    public double[] stickConcentrations() {
        return post.conc2 == null ? null : post.conc2.clone();
    }

    /** β_k. */
    public double[] beta() {
        return post.beta.clone();
    }

    /** ν_k. */
    public double[] degreesOfFreedom() {
        return post.nu.clone();
    }

    /** The prior's concentration α0 or γ0 as used. */
    public double priorConcentration() {
        return post.prior.concentration;
    }

    /** β0 as used. */
    public double priorBeta() {
        return post.prior.beta0;
    }

    /** ν0 as used. */
    public double priorDegreesOfFreedom() {
        return post.prior.nu0;
    }

    /** m0 as used, in the fitted space. */
    public double[] fittedMeanPrior() {
        return post.prior.m0.clone();
    }

    /** W0⁻¹ as used, d×d in the fitted space (diag: its diagonal; spherical: t0·I). */
    public double[][] fittedCovariancePrior() {
        int d = post.d;
        double[] e = post.prior.structure.expand(post.prior.w0inv, 0, d);
        double[][] out = new double[d][d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(e, i * d, out[i], 0, d);
        }
        return out;
    }

    /** m0 in original units. */
    public double[] meanPrior() {
        double[] m = post.prior.m0.clone();
        return standardizer == null ? m : standardizer.inverse(m);
    }

    /** W0⁻¹ in original units. */
    public double[][] covariancePrior() {
        double[][] w = fittedCovariancePrior();
        if (standardizer != null) {
            for (int i = 0; i < w.length; i++) {
                for (int j = 0; j < w.length; j++) {
                    w[i][j] *= standardizer.sd()[i] * standardizer.sd()[j];
                }
            }
        }
        return w;
    }

    private Dataset toFitted(Dataset data) {
        return GaussianMixtureModel.inFittedSpace(data, post.d, standardizer);
    }

    /** The most probable component of each row under q (the largest responsibility; ties to the lowest). */
    @Override
    public int[] predict(Dataset data) {
        int[] labels = new int[data.n()];
        GaussianPass.overRows(post.estep, toFitted(data), null, null, labels);
        return labels;
    }

    /** Responsibilities r_nk (10.49) of new rows under the posterior; each row sums to 1. */
    public double[][] predictProba(Dataset data) {
        return GaussianPass.responsibilities(post.estep, toFitted(data));
    }

    /** ln of the predictive density (10.81), a mixture of Student-t, per row, original units. */
    public double[] scoreSamples(Dataset data) {
        Dataset z = toFitted(data);
        Predictive pr = new Predictive(post);
        double[] out = new double[z.n()];
        int chunks = (z.n() + EmLoop.CHUNK_ROWS - 1) / EmLoop.CHUNK_ROWS;
        int threads = Math.max(1, Math.min(chunks, Runtime.getRuntime().availableProcessors()));
        double jac = standardizer == null ? 0 : standardizer.logScale();
        try (Workers workers = new Workers(threads)) {
            workers.forEachChunk(chunks, (ch, w) -> {
                double[] a = new double[post.k];
                double[] y = new double[post.d];
                // Λ of every component, made once per chunk rather than per incomplete row.
                MissingRows missing = z.hasMissing() ? pr.missingRows() : null;
                int to = Math.min(z.n(), (ch + 1) * EmLoop.CHUNK_ROWS);
                for (int r = ch * EmLoop.CHUNK_ROWS; r < to; r++) {
                    // A row's density is of its observed cells: only their units count.
                    out[r] = pr.logDensity(z, r, a, y, missing)
                            - (standardizer == null ? 0 : z.isComplete(r) ? jac : standardizer.logScale(data.row(r), 0));
                }
            });
        }
        return out;
    }


    /**
     * Points drawn from the predictive density (10.81): a component from E[π], then a point from
     * its Student-t, x = m + A ε √(dof/u) with A Aᵀ the t's scale matrix and u ~ χ²(dof) (one u per
     * coordinate for diag, whose t's are independent). The same seed gives the same points.
     */
    public GaussianMixtureModel.Sample sample(int count, long seed) {
        return GaussianMixtureModel.collect(count, seed, this);
    }

    /** As {@link #sample(int, long)}, each point handed to {@code sink} as it is drawn: memory O(d). */
    public void sample(long count, long seed, java.util.function.ObjIntConsumer<double[]> sink) {
        Predictive pr = new Predictive(post);
        GaussianMixtureModel.ancestral(count, seed, pr.weights, post.d, standardizer, pr::draw, sink);
    }

    /** The responsibilities of this model on {@code data}, as a start for another fit (warm start). */
    GaussianPass.Source startOn(Dataset data) {
        double[][] r = predictProba(data);
        int k = post.k;
        return (row, out, stride, at) -> {
            for (int c = 0; c < k; c++) {
                out[at + c * stride] = r[row][c];
            }
        };
    }
}
