package dev.mixtures.kmeans;

import dev.mixtures.bench.BenchData;
import dev.mixtures.data.Dataset;
import dev.mixtures.em.EmLoop;
import dev.mixtures.em.Workers;
import dev.mixtures.linalg.DistanceKernel;
import dev.mixtures.linalg.Kernels;
import dev.mixtures.linalg.ScalarDistanceKernel;
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
 * K-means on 1,000,000 × 16, k = 32 (issue 2). {@code lloydPass}: one Lloyd iteration (assign +
 * update, all k distances for every row) from the fixed start centres, the same work as one
 * iteration of scikit-learn's {@code KMeans(algorithm="lloyd")}. {@code defaultFit}: the default
 * fit with one restart (greedy k-means++, then Hamerly to convergence).
 */
@State(Scope.Benchmark)
@Fork(value = 2, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx6g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KMeansBench {
    @Param({"1", "2"})
    public int threads;

    @Param({"vector"})
    public String kernel;

    private Dataset data;
    private Workers workers;
    private AssignFamily lloyd;
    private Centres start;
    private final List<KMeansStatistics> chunks = new ArrayList<>();
    private KMeansStatistics total;
    private DistanceKernel kern;

    @Setup(Level.Trial)
    public void setUp() {
        data = BenchData.kmeansData();
        kern = "scalar".equals(kernel) ? ScalarDistanceKernel.INSTANCE : Kernels.best();
        if (!kern.name().startsWith(kernel)) {
            throw new IllegalStateException("asked for kernel " + kernel + " but this JVM runs " + kern.name());
        }
        workers = new Workers(threads);
        lloyd = new AssignFamily(data, BenchData.K, false, kern, 0, threads);
        start = Centres.initial(BenchData.startCentres(data), BenchData.K, BenchData.D, kern.lanes(), false);
        total = lloyd.newStatistics();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        workers.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public Centres lloydPass() {
        EmLoop.eStep(lloyd, start, data.n(), workers, chunks, total);
        return lloyd.mStep(start, total, 1);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @Warmup(iterations = 2)
    @Measurement(iterations = 5)
    public KMeansModel defaultFit() {
        return KMeans.builder().k(BenchData.K).nInit(1).seed(7).threads(threads).kernel(kern).build().fit(data);
    }
}
