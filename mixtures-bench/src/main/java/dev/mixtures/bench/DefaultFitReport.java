package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import dev.mixtures.kmeans.KMeans;
import dev.mixtures.kmeans.KMeansModel;

/**
 * Prints, as one JSON line, the final cost J and iterations of the default fit that
 * {@code KMeansBench.defaultFit} times (seed 7, one restart): the script sets it beside
 * scikit-learn's, since the speed comparison only counts at equal or lower J.
 */
public final class DefaultFitReport {
    private DefaultFitReport() {
    }

    /** Runs the fit once. */
    public static void main(String[] args) {
        Dataset data = BenchData.kmeansData();
        KMeansModel m = KMeans.builder().k(BenchData.K).nInit(1).seed(7).threads(1).build().fit(data);
        System.out.printf(java.util.Locale.ROOT, "{\"side\": \"mixtures\", \"what\": \"defaultFit\", \"inertia\": %.10g, \"iterations\": %d, \"kernel\": \"%s\"}%n",
                m.inertia(), m.trace().iterations(), m.kernelName());
    }
}
