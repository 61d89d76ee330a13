package dev.mixtures.gaussian;

import dev.mixtures.bench.GmmBenchData;
import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import dev.mixtures.kmeans.KMeans;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Bayesian mixture's variational EM on 200,000 × 16, k = 16 (issue 4): {@code vbIteration} is
 * one iteration as scikit-learn's BayesianGaussianMixture does it (E-step with the statistics,
 * M-step with its Cholesky factors and digammas, and the lower bound), from the posterior the
 * first M-step makes from hard labels (each row to the nearest of {@link GmmBenchData}'s means).
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
public class VariationalBench {
    @Param({"1", "2"})
    public int threads;

    @Param({"full", "diag"})
    public String covariance;

    /**
     * Merge candidates the E-step gathers and the M-step prices (issue 19): 0 is the plain
     * iteration; 16 (k pairs, the most a run gathers) adds their entropy terms to the E-step and
     * the moves (pricing, ordering, the screen of all pairs) to the M-step.
     */
    @Param({"0", "16"})
    public int pairs;

    private Dataset data;
    private Workers workers;
    private VariationalFamily family;
    private VariationalParams start;
    private final List<GaussianStatistics> chunks = new ArrayList<>();
    private GaussianStatistics total;

    @Setup(Level.Trial)
    public void setUp() {
        data = GmmBenchData.data();
        int k = GmmBenchData.K;
        CovarianceType t = CovarianceType.parse(covariance);
        BayesianGaussianMixture settings = BayesianGaussianMixture.builder().k(k).covariance(t).build();
        VbPrior prior = settings.prior(data, null);
        workers = new Workers(threads);
        // pairs = 0: the plain iteration (no moves), as it was measured before the moves existed.
        java.util.Set<Move> moves = pairs == 0 ? java.util.EnumSet.noneOf(Move.class) : java.util.EnumSet.allOf(Move.class);
        family = new VariationalFamily(data, prior, new VbMoves(prior, moves, false), 0, GaussianKernels.best(), threads);
        int[] labels = KMeans.nearest(data, GmmBenchData.means(data), k);
        start = family.start((row, r, stride, at) -> {
            for (int c = 0; c < k; c++) {
                r[at + c * stride] = labels[row] == c ? 1.0 : 0.0;
            }
        }, workers);
        if (pairs > 0) {
            int[] cand = new int[2 * pairs];
            for (int i = 0; i < pairs; i++) {
                cand[2 * i] = i % k;
                cand[2 * i + 1] = (i + 1) % k;
            }
            double[] cost = new double[start.k * start.k];
            java.util.Arrays.fill(cost, Double.NaN);
            int[] map = new int[start.k];
            for (int c = 0; c < map.length; c++) {
                map[c] = c;
            }
            start = start.withMoves(new VbMoves.State(0, cand, cost, 0, false, 0, List.of(), Double.NaN, map));
        }
        total = family.newStatistics();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workers.close();
    }

    @Benchmark
    public double vbIteration() {
        EmLoop.eStep(family, start, data.n(), workers, chunks, total);
        VariationalParams next = family.mStep(start, total, 1);
        return family.objective(start, next, total);
    }
}
