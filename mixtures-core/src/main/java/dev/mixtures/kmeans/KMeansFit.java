package dev.mixtures.kmeans;

import dev.mixtures.data.Dataset;
import dev.mixtures.data.Standardizer;
import dev.mixtures.em.EmFamily;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.FitTemplate;
import dev.mixtures.em.Workers;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Kernels;
import java.util.ArrayList;
import java.util.SplittableRandom;

/**
 * What K-means gives the shared {@link FitTemplate}, for one fit on data as fitted: seeding
 * (k-means++, random rows or given centres), the family of its algorithm (Lloyd or Hamerly as
 * {@link AssignFamily}, mini-batch as {@link MiniBatchFamily}), and a last assignment pass whose
 * labels, sizes and cost J are those {@code predict} reproduces.
 */
final class KMeansFit implements FitTemplate.Spec<Centres, KMeansStatistics> {
    private final KMeans settings;
    private final Dataset z;
    private final double[] given;
    final DistanceKernel kernel;
    final KMeans.Algorithm algorithm;

    KMeansFit(KMeans settings, Dataset z, Standardizer st) {
        this.settings = settings;
        this.z = z;
        int k = settings.k();
        if (settings.init() == KMeans.Init.GIVEN) {
            double[][] initial = settings.initialCentres();
            given = new double[k * z.d()];
            for (int c = 0; c < k; c++) {
                if (st != null) {
                    st.forward(initial[c]);
                }
                System.arraycopy(initial[c], 0, given, c * z.d(), z.d());
            }
        } else {
            given = null;
        }
        this.kernel = settings.kernel() != null ? settings.kernel() : Kernels.forSize(z.n(), k, z.d());
        KMeans.Algorithm a = settings.algorithm();
        this.algorithm = a == KMeans.Algorithm.AUTO ? (k > 1 ? KMeans.Algorithm.HAMERLY : KMeans.Algorithm.LLOYD) : a;
    }

    /** The exact assignment family (with Hamerly's bounds when that is the algorithm). */
    @Override
    public AssignFamily family(Workers workers) {
        return new AssignFamily(z, settings.k(), algorithm == KMeans.Algorithm.HAMERLY, kernel, settings.tol(),
                workers.threads());
    }

    /** Mini-batch counts its limit in passes over the data, the loop in batches. */
    @Override
    public int limit(int maxIter) {
        if (algorithm != KMeans.Algorithm.MINIBATCH) {
            return maxIter;
        }
        return (int) Math.min(Integer.MAX_VALUE, maxIter * MiniBatchFamily.batchesPerEpoch(z.n(), settings.batchSize()));
    }

    @Override
    public FitTemplate.Begin<Centres, KMeansStatistics> begin(SplittableRandom rnd, Workers workers) {
        int k = settings.k();
        double[] c0;
        if (given != null) {
            c0 = given.clone();
        } else if (algorithm == KMeans.Algorithm.MINIBATCH) {
            c0 = MiniBatchFamily.seed(z, k, settings.batchSize(), settings.nInit(), settings.init(), rnd, workers, kernel);
        } else if (settings.init() == KMeans.Init.RANDOM) {
            c0 = Seeding.randomRows(z, k, rnd);
        } else {
            c0 = Seeding.kMeansPlusPlus(z, k, rnd, workers, kernel);
        }
        boolean bounds = algorithm == KMeans.Algorithm.HAMERLY;
        Centres start = Centres.initial(c0, k, z.d(), kernel.lanes(), bounds);
        if (algorithm == KMeans.Algorithm.MINIBATCH) {
            MiniBatchFamily mb = new MiniBatchFamily(z, k, settings.batchSize(), kernel, rnd.split(), workers.threads());
            return new FitTemplate.Begin<>(mb, start);
        }
        return new FitTemplate.Begin<>(family(workers), start);
    }

    @Override
    public FitTemplate.End<Centres, KMeansStatistics> end(EmFamily<Centres, KMeansStatistics> family,
            EmLoop.Result<Centres, KMeansStatistics> r, Workers workers) {
        Centres end = r.params();
        EmFamily<Centres, KMeansStatistics> assign = family;
        if (algorithm == KMeans.Algorithm.MINIBATCH) {
            end = Centres.initial(r.params().c, settings.k(), z.d(), kernel.lanes(), false);
            // One exact pass for sizes and J: no labels kept (n ints), no bounds.
            assign = new AssignFamily(z, settings.k(), false, kernel, settings.tol(), workers.threads(), false);
        } else if (r.lastStatistics().changed == 0 && noEmptyCluster(r.lastStatistics())) {
            // No label changed and none was re-seeded: the last M-step gave the same centres, bit
            // for bit, so the last E-step's sizes and J are already those of the final centres.
            return new FitTemplate.End<>(end, r.lastStatistics(), r.lastStatistics().cost);
        }
        // A last E-step with the final centres: the labels, sizes and J that predict() will reproduce.
        KMeansStatistics last = EmLoop.eStep(assign, end, z.n(), workers, new ArrayList<>(), assign.newStatistics());
        return new FitTemplate.End<>(end, last, last.cost);
    }

    private static boolean noEmptyCluster(KMeansStatistics s) {
        for (double c : s.counts) {
            if (!(c > 0)) {
                return false;
            }
        }
        return true;
    }
}
