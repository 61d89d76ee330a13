package dev.mixtures.kmeans;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.FitTrace;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Distances;
import dev.mixtures.linalg.Kernels;
import java.util.List;

/**
 * A fitted K-means model: centres, cluster sizes, cost J and the fit trace; immutable and
 * thread-safe. New data are given in the original units: the model applies its own
 * standardisation when it was fitted with one. Arrays handed out are copies.
 */
public final class KMeansModel implements dev.mixtures.FittedModel {
    @Override
    public String kind() {
        return "kmeans";
    }

    private final KMeans settings;
    private final double[] centres;
    private final int k;
    private final int d;
    private final double[] sizes;
    private final double inertia;
    private final FitTrace trace;
    private final Standardizer standardizer;
    private final List<String> columns;
    private final int n;
    private final String algorithm;
    private final String kernelName;
    private final double[] ct;

    KMeansModel(KMeans settings, double[] centres, int k, int d, double[] sizes, double inertia, FitTrace trace,
            Standardizer standardizer, List<String> columns, int n, String algorithm, String kernelName) {
        this.settings = settings;
        this.centres = centres;
        this.k = k;
        this.d = d;
        this.sizes = sizes;
        this.inertia = inertia;
        this.trace = trace;
        this.standardizer = standardizer;
        this.columns = List.copyOf(columns);
        this.n = n;
        this.algorithm = algorithm;
        this.kernelName = kernelName;
        this.ct = Distances.transposePadded(centres, k, d, Kernels.padded(k), null);
    }

    /**
     * Rebuilds a model from saved parts (used by model files). {@code centres} are k rows in the
     * fitted space (standardised units when {@code standardizer} is not null).
     */
    public static KMeansModel restore(KMeans settings, double[][] centres, double[] sizes, double inertia, FitTrace trace,
            Standardizer standardizer, List<String> columns, int n, String algorithm) {
        int k = centres.length;
        if (k < 1) {
            throw new BadInputException("a K-means model needs at least one centre");
        }
        int d = centres[0].length;
        if (columns.size() != d || sizes.length != k || (standardizer != null && standardizer.d() != d)) {
            throw new BadInputException("inconsistent model: " + k + " centres of " + d + " coordinates, "
                    + columns.size() + " column names, " + sizes.length + " sizes");
        }
        double[] c = new double[k * d];
        for (int i = 0; i < k; i++) {
            if (centres[i].length != d) {
                throw new BadInputException("centre " + (i + 1) + " has " + centres[i].length + " coordinates, not " + d);
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(centres[i][j])) {
                    throw new BadInputException("centre " + (i + 1) + " coordinate " + (j + 1) + " is not finite");
                }
            }
            System.arraycopy(centres[i], 0, c, i * d, d);
        }
        return new KMeansModel(settings, c, k, d, sizes.clone(), inertia, trace, standardizer, columns, n, algorithm,
                Kernels.best().name());
    }

    /** Number of clusters. */
    public int k() {
        return k;
    }

    /** Number of columns. */
    public int d() {
        return d;
    }

    /** Rows (not weight) of the training data. */
    public int trainingRows() {
        return n;
    }

    /** The settings the model was fitted with. */
    public KMeans settings() {
        return settings;
    }

    /** Centres in the fitted space (standardised units if the fit standardised), k rows. */
    public double[][] centres() {
        double[][] r = new double[k][];
        for (int c = 0; c < k; c++) {
            r[c] = java.util.Arrays.copyOfRange(centres, c * d, (c + 1) * d);
        }
        return r;
    }

    /** Centres in the data's original units. */
    public double[][] centresInOriginalUnits() {
        double[][] r = centres();
        if (standardizer != null) {
            for (double[] p : r) {
                standardizer.inverse(p);
            }
        }
        return r;
    }

    /** Weight (row count when unweighted) of each cluster in the training data. */
    public double[] sizes() {
        return sizes.clone();
    }

    /** Final cost J (PRML 9.1) on the training data, in the fitted space. */
    public double inertia() {
        return inertia;
    }

    @Override
    public String objectiveName() {
        return "cost J";
    }

    /** The cost J ({@link #inertia}). */
    @Override
    public double objective() {
        return inertia();
    }

    /** How the fit went. */
    @Override
    public FitTrace trace() {
        return trace;
    }

    /** The standardisation applied before fitting, or null. */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** Column names of the training data. */
    public List<String> columnNames() {
        return columns;
    }

    /** The algorithm that ran ("lloyd", "hamerly", "minibatch"). */
    public String algorithm() {
        return algorithm;
    }

    /** The distance kernel that ran. */
    public String kernelName() {
        return kernelName;
    }

    private Dataset toFitted(Dataset data) {
        if (data.d() != d) {
            throw new BadInputException("the data have " + data.d() + " columns, the model was fitted on " + d);
        }
        return standardizer == null ? data : standardizer.transform(data);
    }

    /** Index of the nearest centre for each row (ties to the lowest index). */
    public int[] predict(Dataset data) {
        return predict(data, Kernels.forSize(data.n(), k, d));
    }

    /** {@link #predict(Dataset)} with a given distance kernel (every kernel gives the same labels). */
    int[] predict(Dataset data, DistanceKernel kernel) {
        Dataset z = toFitted(data);
        int[] labels = new int[z.n()];
        nearest(z, labels, new double[z.n()], kernel);
        return labels;
    }

    /** Index of the nearest centre for one point given in original units. */
    public int predict(double[] point) {
        if (point.length != d) {
            throw new BadInputException("the point has " + point.length + " coordinates, the model " + d);
        }
        double[] p = point.clone();
        if (standardizer != null) {
            standardizer.forward(p);
        }
        int best = 0;
        double m = Double.POSITIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            double v = Distances.squared(p, 0, centres, c * d, d);
            if (v < m) {
                m = v;
                best = c;
            }
        }
        return best;
    }

    /** Euclidean distance from every row to every centre, in the fitted space: n rows of k. */
    public double[][] transform(Dataset data) {
        Dataset z = toFitted(data);
        double[][] out = new double[z.n()][k];
        DistanceKernel kernel = Kernels.forSize(z.n(), k, d);
        int kp = Kernels.padded(k);
        int block = 128;
        double[] buf = new double[block * kp];
        dev.mixtures.data.RowWindow win = new dev.mixtures.data.RowWindow();
        for (int b = 0; b < z.n(); b += block) {
            int e = Math.min(z.n(), b + block);
            z.window(b, e, win);
            kernel.squaredDistances(win.values(), d, b + win.shift(), e + win.shift(), ct, kp, buf);
            for (int i = b; i < e; i++) {
                for (int c = 0; c < k; c++) {
                    out[i][c] = Math.sqrt(buf[(i - b) * kp + c]);
                }
            }
        }
        return out;
    }

    /** The cost J of new data: Σ w_n min_k ‖x_n − μ_k‖², in the fitted space. */
    public double cost(Dataset data) {
        Dataset z = toFitted(data);
        double[] best = new double[z.n()];
        nearest(z, new int[z.n()], best);
        double total = 0;
        for (int i = 0; i < z.n(); i++) {
            total += z.weight(i) * best[i];
        }
        return total;
    }

    /** The nearest centre and its squared distance for every row, through the kernel as in the fit. */
    private void nearest(Dataset z, int[] labels, double[] best) {
        nearest(z, labels, best, Kernels.forSize(z.n(), k, d));
    }

    private void nearest(Dataset z, int[] labels, double[] best, DistanceKernel kernel) {
        int kp = Kernels.padded(k);
        double[] cl = Distances.laneBlocked(centres, k, d, kp, kernel.lanes(), null);
        int block = 128;
        double[] buf = new double[Kernels.scratch(block, kp, d)];
        int[] lab = new int[block];
        double[] dist = new double[block];
        dev.mixtures.data.RowWindow win = new dev.mixtures.data.RowWindow();
        for (int b = 0; b < z.n(); b += block) {
            int e = Math.min(z.n(), b + block);
            z.window(b, e, win);
            kernel.nearest(win.values(), d, b + win.shift(), e + win.shift(), cl, kp, k, buf, lab, dist, null);
            System.arraycopy(lab, 0, labels, b, e - b);
            System.arraycopy(dist, 0, best, b, e - b);
        }
    }
}
