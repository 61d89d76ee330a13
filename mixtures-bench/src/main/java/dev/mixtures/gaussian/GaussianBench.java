package dev.mixtures.gaussian;

import dev.mixtures.bench.GmmBenchData;
import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
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
 * Gaussian mixture EM on 200,000 × 16, k = 16 (issue 3), from the fixed starting parameters of
 * {@link GmmBenchData} (or {@code after} iterations past them). {@code emIteration}: one EM iteration (E-step with the statistics, then the
 * M-step with its Cholesky factors), the work of one iteration of scikit-learn's GaussianMixture.
 * {@code eStep}: the responsibilities alone (log-densities and log-sum-exp, no statistics).
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@BenchmarkMode(Mode.AverageTime)
public class GaussianBench {
    @Param({"1", "2"})
    public int threads;

    @Param({"full", "diag"})
    public String covariance;

    @Param({"vector"})
    public String kernel;

    /**
     * EM iterations run in the set-up before the measured one, so that it starts mid-fit: an
     * iterative M-step (VEI, VEV, VEE, EVE, VVE) then starts from the decomposition the previous
     * one ended at, as in a fit; 0 measures the first iteration from the fixed start.
     */
    @Param({"0"})
    public int after;

    private Dataset data;
    private Workers workers;
    private GaussianFamily family;
    private GaussianParams start;
    private final List<GaussianStatistics> chunks = new ArrayList<>();
    private GaussianStatistics total;
    private GaussianKernel kern;
    private GaussianPass.Scratch[] scratch;
    private double[] resp;
    private double[] startMeans;
    private GaussianStatistics startStats;

    @Setup(Level.Trial)
    public void setUp() {
        data = GmmBenchData.data();
        kern = GaussianKernels.named(kernel);
        CovarianceType t = CovarianceType.parse(covariance);
        int k = GmmBenchData.K;
        int d = GmmBenchData.D;
        double[] full = new double[k * d * d];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < d; i++) {
                full[c * d * d + i * d + i] = GmmBenchData.START_VARIANCE;
            }
        }
        start = GaussianParams.of(k, d, t, GmmBenchData.weights(), GmmBenchData.means(data),
                t.structure().compact(full, k, d));
        workers = new Workers(threads);
        family = new GaussianFamily(data, k, t, 1e-6, 0, false, kern, threads, GaussianFamily.DataScale.of(data));
        total = family.newStatistics();
        scratch = new GaussianPass.Scratch[threads];
        for (int w = 0; w < threads; w++) {
            scratch[w] = new GaussianPass.Scratch(k, d, t.hasOffDiagonal());
        }
        resp = new double[data.n() * k];
        int[] labels = dev.mixtures.kmeans.KMeans.nearest(data, GmmBenchData.means(data), k);
        GaussianPass.Source source = (row, r, stride, at) -> {
            for (int c = 0; c < k; c++) {
                r[at + c * stride] = labels[row] == c ? 1.0 : 0.0;
            }
        };
        startMeans = family.statistics(source, new double[k * d], workers).meansAboutZero();
        startStats = family.statistics(source, startMeans, workers);
        for (int it = 1; it <= after; it++) {
            EmLoop.eStep(family, start, data.n(), workers, chunks, total);
            start = family.mStep(start, total, it);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workers.close();
    }

    /**
     * The first iteration of a fit that starts from responsibilities, as every fit from a start
     * method does (the grid's, the CLI's): the M-step from the start's statistics (no previous
     * decomposition: an iterative M-step starts cold), then the E-step with its result. The start:
     * every row to the nearest of the fixed starting means.
     */
    @Benchmark
    public GaussianStatistics firstIteration() {
        GaussianParams p = family.mStep(startStats, startMeans, 1);
        return EmLoop.eStep(family, p, data.n(), workers, chunks, total);
    }

    @Benchmark
    public GaussianParams emIteration() {
        EmLoop.eStep(family, start, data.n(), workers, chunks, total);
        return family.mStep(start, total, 1);
    }

    @Benchmark
    public double[] eStep() {
        int n = data.n();
        int chunks = (n + EmLoop.CHUNK_ROWS - 1) / EmLoop.CHUNK_ROWS;
        workers.forEachChunk(chunks, (c, w) -> {
            int from = c * EmLoop.CHUNK_ROWS;
            GaussianPass.run(GaussianPass.Pass.of(kern, start), GaussianPass.Rows.of(data), from,
                    Math.min(n, from + EmLoop.CHUNK_ROWS), null, new GaussianPass.Outputs(null, resp, null, from),
                    scratch[w]);
        });
        return resp;
    }
}
