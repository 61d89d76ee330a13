package dev.mixtures.metrics;

import dev.mixtures.BadInputException;

/**
 * How well a clustering agrees with known classes (MATH.md §9.2–9.3): the Rand index, the
 * adjusted Rand index (Hubert and Arabie 1985) and the mutual information, normalised by a chosen
 * mean of the two entropies. Counts are taken in doubles, so no overflow on large n. Edge cases
 * follow scikit-learn: ARI = 1 when no pair is split or joined differently; NMI = 1 when both
 * labellings have a single cluster, 0 when the mutual information is 0.
 */
public final class Agreement {
    private Agreement() {
    }

    /** The mean of H(U) and H(V) that normalises the mutual information. */
    public enum Average {
        /** (H_U + H_V)/2, scikit-learn's default since 0.22 and ours. */
        ARITHMETIC,
        /** √(H_U H_V), as in Strehl and Ghosh (2002). */
        GEOMETRIC,
        /** min(H_U, H_V). */
        MIN,
        /** max(H_U, H_V). */
        MAX;

        /** Parses a name (case-insensitive). */
        public static Average parse(String s) {
            for (Average a : values()) {
                if (a.name().equalsIgnoreCase(s.trim())) {
                    return a;
                }
            }
            throw new BadInputException("unknown average '" + s + "': use arithmetic, geometric, min or max");
        }
    }

    private static double pairs(double m) {
        return m * (m - 1) / 2;
    }

    /** The four pair counts (tn, fp, fn, tp) of scikit-learn's pair confusion matrix. */
    private static double[] pairCounts(Contingency c) {
        long[][] t = c.table();
        double n = c.n();
        double index = 0;
        double[] b = new double[t.length == 0 ? 0 : t[0].length];
        double sumA = 0;
        for (long[] row : t) {
            double a = 0;
            for (int j = 0; j < row.length; j++) {
                index += pairs(row[j]);
                a += row[j];
                b[j] += row[j];
            }
            sumA += pairs(a);
        }
        double sumB = 0;
        for (double v : b) {
            sumB += pairs(v);
        }
        double tp = index;
        double fp = sumB - index;
        double fn = sumA - index;
        double tn = pairs(n) - tp - fp - fn;
        return new double[] {tn, fp, fn, tp};
    }

    /** The Rand index: the share of pairs of rows on which the two labellings agree. */
    public static double randIndex(Contingency c) {
        if (c.n() < 2) {
            return 1;
        }
        double[] p = pairCounts(c);
        return (p[0] + p[3]) / pairs(c.n());
    }

    /** The adjusted Rand index: 1 for identical partitions, about 0 by chance, possibly negative. */
    public static double adjustedRand(Contingency c) {
        double[] p = pairCounts(c);
        double tn = p[0];
        double fp = p[1];
        double fn = p[2];
        double tp = p[3];
        if (fn == 0 && fp == 0) {
            return 1;
        }
        return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
    }

    /** The mutual information I(U; V) in nats. */
    public static double mutualInformation(Contingency c) {
        long[][] t = c.table();
        double n = c.n();
        double[] a = new double[t.length];
        double[] b = new double[t[0].length];
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[i].length; j++) {
                a[i] += t[i][j];
                b[j] += t[i][j];
            }
        }
        double mi = 0;
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < t[i].length; j++) {
                if (t[i][j] > 0) {
                    mi += t[i][j] / n * Math.log(n * t[i][j] / (a[i] * b[j]));
                }
            }
        }
        return Math.max(0, mi);
    }

    private static double entropy(long[][] t, boolean rows, double n) {
        int len = rows ? t.length : t[0].length;
        double h = 0;
        for (int x = 0; x < len; x++) {
            double s = 0;
            for (int y = 0; y < (rows ? t[0].length : t.length); y++) {
                s += rows ? t[x][y] : t[y][x];
            }
            if (s > 0) {
                h -= s / n * Math.log(s / n);
            }
        }
        return h;
    }

    /** Normalised mutual information with the given mean of the entropies. */
    public static double normalizedMutualInformation(Contingency c, Average average) {
        long[][] t = c.table();
        if (t.length == 1 && t[0].length == 1) {
            return 1;
        }
        double mi = mutualInformation(c);
        if (mi == 0) {
            return 0;
        }
        double hu = entropy(t, true, c.n());
        double hv = entropy(t, false, c.n());
        double mean;
        switch (average) {
            case GEOMETRIC:
                mean = Math.sqrt(hu * hv);
                break;
            case MIN:
                mean = Math.min(hu, hv);
                break;
            case MAX:
                mean = Math.max(hu, hv);
                break;
            default:
                mean = (hu + hv) / 2;
        }
        return mi / mean;
    }

    /** Normalised mutual information with the arithmetic mean. */
    public static double normalizedMutualInformation(Contingency c) {
        return normalizedMutualInformation(c, Average.ARITHMETIC);
    }
}
