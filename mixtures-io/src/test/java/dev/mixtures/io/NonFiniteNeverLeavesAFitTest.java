package dev.mixtures.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mixtures.BadInputException;
import dev.mixtures.FittedModel;
import dev.mixtures.data.Dataset;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.DegenerateComponentException;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.gaussian.WeightPrior;
import dev.mixtures.kmeans.KMeans;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The promise that no NaN or infinity ever leaves a fit or a model file (issue 18), as a property
 * over random data (scales 1e-6 to 1e6, and 1e-170 to 1e170 in a quarter of the cases; offsets up
 * to 1e7; repeated rows; constant columns),
 * random weights (zeros among them) and random settings of every model: each fit either refuses
 * with a BadInputException (or a collapse, which is the data's) or gives a finite objective,
 * labels in range, and a model file whose every number is finite and which loads back to the
 * same objective.
 */
class NonFiniteNeverLeavesAFitTest {
    private static final int CASES = 300;

    @Test
    void everyFitIsFiniteOrRefused() {
        SplittableRandom r = new SplittableRandom(2026_12_06);
        int fitted = 0;
        List<String> refused = new ArrayList<>();
        for (int t = 0; t < CASES; t++) {
            int n = 2 + r.nextInt(60);
            int d = 1 + r.nextInt(4);
            Dataset data = data(r, n, d);
            int k = 1 + r.nextInt(Math.min(4, n));
            boolean standardize = r.nextInt(3) == 0;
            long seed = r.nextLong();
            String what = "case " + t + ": n=" + n + " d=" + d + " k=" + k + (standardize ? " standardized" : "");
            try {
                FittedModel m;
                switch (t % 3) {
                    case 0 -> m = KMeans.builder().k(k).seed(seed).standardize(standardize)
                            .algorithm(KMeans.Algorithm.values()[r.nextInt(KMeans.Algorithm.values().length)])
                            .batchSize(1 + r.nextInt(64)).build().fit(data);
                    case 1 -> m = GaussianMixture.builder().k(k).seed(seed).standardize(standardize)
                            .covariance(CovarianceType.values()[r.nextInt(CovarianceType.values().length)]).build().fit(data);
                    default -> m = BayesianGaussianMixture.builder().k(k).seed(seed).standardize(standardize)
                            .weightPrior(WeightPrior.values()[r.nextInt(2)])
                            .covariance(CovarianceType.values()[r.nextInt(CovarianceType.values().length)]).build().fit(data);
                }
                check(m, data, what + " " + m.kind());
                fitted++;
            } catch (BadInputException | DegenerateComponentException e) {
                refused.add(what + ": " + e.getMessage());
            }
        }
        // The property must have been tested, not refused away.
        assertTrue(fitted >= CASES / 2, fitted + " fitted; refused: " + refused);
    }

    private static void check(FittedModel m, Dataset data, String what) {
        assertTrue(Double.isFinite(m.objective()), what + ": objective " + m.objective());
        for (int label : m.predict(data)) {
            assertTrue(label >= 0 && label < m.k(), what + ": label " + label);
        }
        String json = ModelFiles.toJson(m);
        finite(JsonInput.read(json, what, "model file"), what, "");
        FittedModel back = ModelFiles.fromJson(json, what);
        assertEquals(m.objective(), back.objective(), 0.0, what + ": objective after a round trip");
    }

    /** Every number of the tree finite, and no number written as the text NaN or Infinity. */
    private static void finite(JsonNode node, String what, String path) {
        if (node.isNumber()) {
            assertTrue(Double.isFinite(node.asDouble()), what + ": " + path + " = " + node);
        } else if (node.isTextual()) {
            String s = node.asText();
            assertTrue(!s.equals("NaN") && !s.endsWith("Infinity"), what + ": " + path + " = " + s);
        } else {
            var it = node.fields();
            while (it.hasNext()) {
                var e = it.next();
                finite(e.getValue(), what, path + "." + e.getKey());
            }
            for (int i = 0; node.isArray() && i < node.size(); i++) {
                finite(node.get(i), what, path + "[" + i + "]");
            }
        }
    }

    private static Dataset data(SplittableRandom r, int n, int d) {
        // Mostly moderate scales; one case in four at the far ends, where refusals must be clean.
        double scale = r.nextInt(4) == 0 ? Math.pow(10, r.nextInt(341) - 170) : Math.pow(10, r.nextInt(13) - 6);
        double offset = r.nextBoolean() ? 0 : Math.pow(10, r.nextInt(8)) * (r.nextBoolean() ? 1 : -1);
        int groups = 1 + r.nextInt(4);
        double[][] centres = new double[groups][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = r.nextGaussian() * 5;
            }
        }
        int constant = d > 1 && r.nextInt(8) == 0 ? r.nextInt(d) : -1;
        double[][] x = new double[n][d];
        for (int i = 0; i < n; i++) {
            if (i > 0 && r.nextInt(5) == 0) {
                x[i] = x[r.nextInt(i)].clone(); // a repeated row
                continue;
            }
            double[] c = centres[r.nextInt(groups)];
            for (int j = 0; j < d; j++) {
                x[i][j] = j == constant ? offset : offset + scale * (c[j] + r.nextGaussian());
            }
        }
        Dataset ds = Dataset.of(x);
        if (r.nextBoolean()) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                int u = r.nextInt(6);
                w[i] = u == 0 ? 0 : u == 1 ? 0.5 : u == 2 ? 3 : Math.pow(10, r.nextInt(7) - 3);
            }
            w[r.nextInt(n)] = 1; // not all zero
            ds = ds.withWeights(w);
        }
        return ds;
    }
}
