package dev.mixtures.gaussian;

import java.util.SplittableRandom;

/** Random variates the samplers need beyond Gaussians: χ² and Gamma. */
final class Variates {
    private Variates() {
    }

    /** χ²(t) = 2·Gamma(t/2, 1), by Marsaglia and Tsang (2000), boosted for shapes below 1. */
    static double chiSquare(double t, SplittableRandom rnd) {
        return 2 * gamma(0.5 * t, rnd);
    }

    static double gamma(double shape, SplittableRandom rnd) {
        if (shape < 1) {
            double u = rnd.nextDouble();
            return gamma(shape + 1, rnd) * Math.pow(u, 1 / shape);
        }
        double dd = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * dd);
        while (true) {
            double x;
            double v;
            do {
                x = rnd.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = rnd.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) {
                return dd * v;
            }
        }
    }
}
