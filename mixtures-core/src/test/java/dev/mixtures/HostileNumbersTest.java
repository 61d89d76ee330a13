package dev.mixtures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.gaussian.BayesianGaussianMixture;
import dev.mixtures.gaussian.GaussianMixture;
import dev.mixtures.kmeans.KMeans;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Numbers at the ends of double precision (issue 18): weights and values whose sums of squares
 * overflow or underflow are refused naming the column or row and the remedy, never fitted to
 * NaN, infinite or wrong answers; standardising copes with any finite scale.
 */
class HostileNumbersTest {
    /** Two blobs in two columns, times {@code scale}. */
    private static double[][] blobs(double scale) {
        SplittableRandom r = new SplittableRandom(3);
        double[][] x = new double[60][2];
        for (int i = 0; i < x.length; i++) {
            double c = i % 2 == 0 ? -3 : 3;
            x[i][0] = (c + r.nextGaussian()) * scale;
            x[i][1] = (c + r.nextGaussian()) * scale;
        }
        return x;
    }

    private static final java.util.List<Function<Dataset, Object>> FITS = java.util.List.of(
            d -> KMeans.builder().k(2).seed(1).build().fit(d),
            d -> GaussianMixture.builder().k(2).seed(1).build().fit(d),
            d -> BayesianGaussianMixture.builder().k(2).seed(1).build().fit(d));

    @Test
    void weightsWhoseTotalOverflowsAreRefused() {
        double[] w = new double[60];
        java.util.Arrays.fill(w, 1e308);
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.of(blobs(1)).withWeights(w));
        assertTrue(e.getMessage().contains("row weights sum to more than"), e.getMessage());
    }

    @Test
    void subnormalWeightsAreRefused() {
        double[] w = new double[60];
        java.util.Arrays.fill(w, 1e-320);
        BadInputException e = assertThrows(BadInputException.class, () -> Dataset.of(blobs(1)).withWeights(w));
        assertTrue(e.getMessage().contains("row 1: weight 1.0E-320 is below"), e.getMessage());
    }

    @Test
    void valuesWhoseSquaresOverflowOrUnderflowAreRefusedNamingTheColumn() {
        for (double scale : new double[] {1e155, 1e-200}) {
            Dataset d = Dataset.of(blobs(scale));
            for (Function<Dataset, Object> fit : FITS) {
                BadInputException e = assertThrows(BadInputException.class, () -> fit.apply(d), "scale " + scale);
                assertTrue(e.getMessage().startsWith("column 1 (x1) spans "), e.getMessage());
                assertTrue(e.getMessage().contains("standardize"), e.getMessage());
            }
        }
    }

    @Test
    void standardisingCopesWithAnyFiniteScale() {
        Standardizer unit = Standardizer.fit(Dataset.of(blobs(1)));
        for (double scale : new double[] {1e300, 1e155, 1e-200, 1e-300}) {
            Standardizer s = Standardizer.fit(Dataset.of(blobs(scale)));
            for (int j = 0; j < 2; j++) {
                assertEquals(unit.sd()[j], s.sd()[j] / scale, 1e-12 * unit.sd()[j], "scale " + scale);
                assertEquals(unit.mean()[j], s.mean()[j] / scale, 1e-12, "scale " + scale);
            }
        }
        // And the fits on standardised columns are those of the unit data (centres in standardised units).
        for (double scale : new double[] {1e155, 1e-200}) {
            KMeans km = KMeans.builder().k(2).seed(1).standardize(true).build();
            double[][] c1 = km.fit(Dataset.of(blobs(1))).centres();
            double[][] cs = km.fit(Dataset.of(blobs(scale))).centres();
            for (int k = 0; k < 2; k++) {
                for (int j = 0; j < 2; j++) {
                    assertEquals(c1[k][j], cs[k][j], 1e-9 * Math.abs(c1[k][j]), "scale " + scale);
                }
            }
            double ll1 = GaussianMixture.builder().k(2).seed(1).standardize(true).build().fit(Dataset.of(blobs(1)))
                    .logLikelihood();
            double lls = GaussianMixture.builder().k(2).seed(1).standardize(true).build().fit(Dataset.of(blobs(scale)))
                    .logLikelihood();
            // ln L in the data's units: shifted by −n·d·ln(scale), the Jacobian.
            assertEquals(ll1 - 60 * 2 * Math.log(scale), lls, 1e-6 * Math.abs(lls), "scale " + scale);
        }
    }
}
