package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.FitTrace;
import dev.mixtures.Training;
import dev.mixtures.linalg.Cholesky;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A fitted Gaussian mixture: weights, means and covariances, the log-likelihood and its trace,
 * and what the latent-variable model gives (PRML §9.2): responsibilities, log-densities, labels,
 * samples, information criteria. Immutable and thread-safe. New data are given in the original
 * units, and densities and log-likelihoods are those of the original units even when the fit
 * standardised its columns. Arrays handed out are copies.
 */
public final class GaussianMixtureModel implements MixtureDensity {
    @Override
    public String kind() {
        return "gmm";
    }

    private final GaussianMixture settings;
    private final GaussianParams params;
    private final Standardizer standardizer;
    private final List<String> columns;
    private final int n;
    private final double weight;
    private final double logLik;
    private final double[] sizes;
    private final FitTrace trace;
    private final List<String> notes;
    private final String kernelName;

    GaussianMixtureModel(GaussianMixture settings, GaussianParams params, Standardizer standardizer,
            List<String> columns, int n, double weight, double logLik, double[] sizes, FitTrace trace,
            List<String> notes, String kernelName) {
        this.settings = settings;
        this.params = params;
        this.standardizer = standardizer;
        this.columns = List.copyOf(columns);
        this.n = n;
        this.weight = weight;
        this.logLik = logLik;
        this.sizes = sizes;
        this.trace = trace;
        this.notes = List.copyOf(notes);
        this.kernelName = kernelName;
    }

    /**
     * Rebuilds a model from saved parts (used by model files): weights, means and covariances in
     * the fitted space (standardised units when the training record has a standardiser), the sizes,
     * ln L, and what the fit recorded.
     *
     * @throws IllegalArgumentException when the parts are inconsistent or a covariance is not
     *         symmetric positive definite of the given structure
     */
    public static GaussianMixtureModel restore(GaussianMixture settings, double[] weights, double[][] means,
            double[][][] covariances, double[] sizes, double logLikelihood, Training training) {
        Standardizer standardizer = training.standardizer();
        List<String> columns = training.columns();
        // The builder's checks of given parameters are the checks a restored model needs.
        GaussianMixture checked;
        try {
            checked = settings.toBuilder().initialParameters(weights, means, covariances).build();
        } catch (BadInputException e) {
            throw new BadInputException(e.getMessage().replaceFirst("^init: ", ""), e);
        }
        int k = weights.length;
        int d = means[0].length;
        if (columns.size() != d || sizes.length != k || (standardizer != null && standardizer.d() != d)) {
            throw new BadInputException("inconsistent model: " + k + " components of " + d + " coordinates, "
                    + columns.size() + " column names, " + sizes.length + " sizes");
        }
        double[] m = new double[k * d];
        double[] full = new double[k * d * d];
        // Kept as saved, not renormalised: the fitted weights sum to 1 within rounding, and the
        // restored model must give the fitted one's bits.
        double[] w = weights.clone();
        for (int c = 0; c < k; c++) {
            System.arraycopy(means[c], 0, m, c * d, d);
            System.arraycopy(Matrices.flatten(covariances[c], "covariance"), 0, full, c * d * d, d * d);
        }
        CovarianceType t = checked.covariance();
        GaussianParams p = GaussianParams.of(k, d, t, w, m, t.structure().compact(full, k, d));
        return new GaussianMixtureModel(settings, p, standardizer, columns, training.n(), training.weight(),
                logLikelihood, sizes.clone(), training.trace(), training.notes(), GaussianKernels.best().name());
    }

    /** The parameters in the fitted space (for a continued fit). */
    GaussianParams fittedParams() {
        return params;
    }

    /**
     * This model's fit continued on {@code data} (the data it was fitted on) until ln L per unit
     * of row weight changes by less than {@code tol}, under its own settings otherwise; the
     * trace goes on from this one's.
     */
    public GaussianMixtureModel refine(Dataset data, double tol) {
        return GaussianFit.refine(settings.toBuilder().tol(tol).build(), this, data);
    }

    /** Number of components. */
    public int k() {
        return params.k;
    }

    /** Number of columns. */
    public int d() {
        return params.d;
    }

    /** Covariance structure. */
    public CovarianceType covarianceType() {
        return params.type;
    }

    /** The settings the model was fitted with. */
    public GaussianMixture settings() {
        return settings;
    }

    /** Rows of the training data. */
    public int trainingRows() {
        return n;
    }

    /** Total row weight of the training data (the number of rows when unweighted). */
    public double trainingWeight() {
        return weight;
    }

    /** Column names of the training data. */
    public List<String> columnNames() {
        return columns;
    }

    /** The standardisation applied before fitting, or null. */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** Mixing weights π_k (sum to 1). */
    public double[] weights() {
        return params.weights.clone();
    }

    /** Means in the data's original units, k rows of d. */
    public double[][] means() {
        double[][] r = fittedMeans();
        if (standardizer != null) {
            for (int c = 0; c < r.length; c++) {
                r[c] = standardizer.inverse(r[c]);
            }
        }
        return r;
    }

    /** Covariance matrices in the data's original units, a d×d matrix per component whatever the structure. */
    public double[][][] covariances() {
        double[][][] r = fittedCovariances();
        if (standardizer != null) {
            double[] sd = standardizer.sd();
            for (double[][] m : r) {
                for (int i = 0; i < m.length; i++) {
                    for (int j = 0; j < m.length; j++) {
                        m[i][j] *= sd[i] * sd[j];
                    }
                }
            }
        }
        return r;
    }

    /** Means in the fitted space (standardised units if the fit standardised). */
    public double[][] fittedMeans() {
        int d = params.d;
        double[][] r = new double[params.k][];
        for (int c = 0; c < params.k; c++) {
            r[c] = java.util.Arrays.copyOfRange(params.means, c * d, (c + 1) * d);
        }
        return r;
    }

    /** Covariances in the fitted space, d×d per component. */
    public double[][][] fittedCovariances() {
        double[][][] r = new double[params.k][][];
        for (int c = 0; c < params.k; c++) {
            r[c] = Matrices.unflatten(params.fullCovariance(c), params.d);
        }
        return r;
    }

    /** Effective number of rows (Σ_n w_n r_nk) of each component in the training data. */
    public double[] sizes() {
        return sizes.clone();
    }

    /** ln p(X) of the training data under the final parameters, in original units (PRML 9.14). */
    public double logLikelihood() {
        return logLik;
    }

    /** {@link #logLikelihood} per unit of row weight. */
    public double meanLogLikelihood() {
        return logLik / weight;
    }

    /** Free parameters: (k − 1) weights, k·d means, and the covariances of the structure. */
    public long parameterCount() {
        return params.type.freeParameters(params.k, params.d);
    }

    /** BIC on the training data, scikit-learn's convention (lower is better): −2 ln L + p ln N, N the total row weight. */
    public double bic() {
        return -2 * logLik + parameterCount() * Math.log(weight);
    }

    /** AIC on the training data (lower is better): −2 ln L + 2p. */
    public double aic() {
        return -2 * logLik + 2 * parameterCount();
    }

    /** BIC of {@code data} under this model (lower is better). */
    public double bic(Dataset data) {
        return -2 * score(data) * data.totalWeight() + parameterCount() * Math.log(data.totalWeight());
    }

    /** AIC of {@code data} under this model (lower is better). */
    public double aic(Dataset data) {
        return -2 * score(data) * data.totalWeight() + 2 * parameterCount();
    }

    @Override
    public String objectiveName() {
        return "ln L";
    }

    /** The log-likelihood ({@link #logLikelihood}). */
    @Override
    public double objective() {
        return logLikelihood();
    }

    /** The fit trace: ln L (original units) of the parameters each iteration started from. */
    @Override
    public FitTrace trace() {
        return trace;
    }

    /** Whether the fit met its tolerance. */
    public boolean converged() {
        return trace.converged();
    }

    /** What happened on the way: re-seeded components, starts dropped because they collapsed. */
    public List<String> notes() {
        return notes;
    }

    /** Which arithmetic kernel the fit used ("vector" or "scalar"). */
    public String kernelName() {
        return kernelName;
    }

    private Dataset toFitted(Dataset data) {
        return inFittedSpace(data, params.d, standardizer);
    }

    /** {@code data} in the space a model of d columns was fitted in; fails naming the dimensions. */
    static Dataset inFittedSpace(Dataset data, int d, Standardizer standardizer) {
        if (data.d() != d) {
            throw new BadInputException("the data have " + data.d() + " columns, the model was fitted on " + d);
        }
        return standardizer == null ? data : standardizer.transform(data);
    }

    private void pass(Dataset data, double[] rowLogLik, double[] resp, int[] labels) {
        GaussianPass.overRows(params, toFitted(data), rowLogLik, resp, labels);
        if (rowLogLik != null && standardizer != null) {
            double j = standardizer.logScale();
            if (data.hasMissing()) {
                // A row's density is of its observed cells: only their units count.
                data.forEachRow((i, x, at, w) -> rowLogLik[i] -= standardizer.logScale(x, at));
                return;
            }
            for (int i = 0; i < rowLogLik.length; i++) {
                rowLogLik[i] -= j;
            }
        }
    }

    /** The most probable component of each row (the largest responsibility; ties to the lowest index). */
    public int[] predict(Dataset data) {
        int[] labels = new int[data.n()];
        pass(data, null, null, labels);
        return labels;
    }

    /** Responsibilities γ(z_nk) (PRML 9.23), n rows of k; each row sums to 1. */
    public double[][] predictProba(Dataset data) {
        return GaussianPass.responsibilities(params, toFitted(data));
    }

    /** ln p(x_n) per row, in the data's original units. */
    public double[] scoreSamples(Dataset data) {
        double[] ll = new double[data.n()];
        pass(data, ll, null, null);
        return ll;
    }


    /** Points drawn from the model and the component each came from. */
    public static final class Sample {
        private final double[][] points;
        private final int[] components;

        Sample(double[][] points, int[] components) {
            this.points = points;
            this.components = components;
        }

        /** The points, n rows of d, in original units. */
        public double[][] points() {
            return points;
        }

        /** The component each point was drawn from. */
        public int[] components() {
            return components;
        }
    }

    /**
     * Ancestral sampling (PRML §8.1.2, as in the lecture): a component from the weights, then a
     * point from its Gaussian, x = μ + L ε with Σ = L Lᵀ. The same seed gives the same points.
     */
    public Sample sample(int count, long seed) {
        return collect(count, seed, this);
    }

    /**
     * As {@link #sample(int, long)}, handing each point (original units) and its component to
     * {@code sink} as it is drawn, in the same order and with the same values: memory O(d)
     * whatever {@code count}.
     */
    public void sample(long count, long seed, java.util.function.ObjIntConsumer<double[]> sink) {
        int d = params.d;
        double[][] chol = new double[params.k][];
        for (int c = 0; c < params.k; c++) {
            double[] l = new double[d * d];
            Cholesky.factor(params.fullCovariance(c), d, l);
            chol[c] = l;
        }
        ancestral(count, seed, params.weights, d, standardizer, (c, rnd, e) -> {
            for (int j = 0; j < d; j++) {
                e[j] = rnd.nextGaussian();
            }
            double[] x = new double[d];
            double[] l = chol[c];
            for (int a = 0; a < d; a++) {
                double v = params.means[c * d + a];
                for (int b = 0; b <= a; b++) {
                    v += l[a * d + b] * e[b];
                }
                x[a] = v;
            }
            return x;
        }, sink);
    }

    /** {@code model}'s streamed sampling of {@code count} points gathered into a {@link Sample}. */
    static Sample collect(int count, long seed, MixtureDensity model) {
        if (count < 0) {
            throw new BadInputException("n must be at least 0, got " + count);
        }
        double[][] pts = new double[count][];
        int[] comp = new int[count];
        int[] i = {0};
        model.sample((long) count, seed, (x, c) -> {
            pts[i[0]] = x;
            comp[i[0]++] = c;
        });
        return new Sample(pts, comp);
    }

    /** A point of component c in the fitted space, drawn from {@code rnd} ({@code e}: d doubles of scratch). */
    interface ComponentDraw {
        double[] draw(int c, SplittableRandom rnd, double[] e);
    }

    /**
     * Ancestral sampling of any mixture: for each point, a component from {@code weights} (one
     * uniform draw), then the point from {@code draw}, mapped back to original units, handed to
     * {@code sink} with its component.
     */
    static void ancestral(long count, long seed, double[] weights, int d, Standardizer standardizer, ComponentDraw draw,
            java.util.function.ObjIntConsumer<double[]> sink) {
        if (count < 0) {
            throw new BadInputException("n must be at least 0, got " + count);
        }
        int k = weights.length;
        double[] cum = new double[k];
        double s = 0;
        for (int c = 0; c < k; c++) {
            s += weights[c];
            cum[c] = s;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] e = new double[d];
        for (long i = 0; i < count; i++) {
            double u = rnd.nextDouble() * s;
            int c = 0;
            while (c < k - 1 && u >= cum[c]) {
                c++;
            }
            double[] x = draw.draw(c, rnd, e);
            sink.accept(standardizer == null ? x : standardizer.inverse(x), c);
        }
    }
}
