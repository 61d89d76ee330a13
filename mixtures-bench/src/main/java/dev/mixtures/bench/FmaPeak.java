package dev.mixtures.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The machine's double-precision FMA peak on one core, measured in the same run as the kernels:
 * 16 independent accumulators of the widest vector, so that FMA latency is hidden. One operation
 * is {@link #STEPS} × 16 × lanes FMAs, i.e. twice as many flops.
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FmaPeak {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Steps per operation. */
    public static final int STEPS = 10_000;

    public double a = 1.0000001;
    public double b = 0.9999999;

    /** Flops in one call of {@link #fma}. */
    public static long flops() {
        return 2L * STEPS * 16 * S.length();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    public double fma() {
        DoubleVector va = DoubleVector.broadcast(S, a);
        DoubleVector vb = DoubleVector.broadcast(S, b);
        DoubleVector c0 = DoubleVector.broadcast(S, 0.1), c1 = c0.add(1), c2 = c0.add(2), c3 = c0.add(3);
        DoubleVector c4 = c0.add(4), c5 = c0.add(5), c6 = c0.add(6), c7 = c0.add(7);
        DoubleVector c8 = c0.add(8), c9 = c0.add(9), c10 = c0.add(10), c11 = c0.add(11);
        DoubleVector c12 = c0.add(12), c13 = c0.add(13), c14 = c0.add(14), c15 = c0.add(15);
        for (int i = 0; i < STEPS; i++) {
            c0 = c0.fma(va, vb);
            c1 = c1.fma(va, vb);
            c2 = c2.fma(va, vb);
            c3 = c3.fma(va, vb);
            c4 = c4.fma(va, vb);
            c5 = c5.fma(va, vb);
            c6 = c6.fma(va, vb);
            c7 = c7.fma(va, vb);
            c8 = c8.fma(va, vb);
            c9 = c9.fma(va, vb);
            c10 = c10.fma(va, vb);
            c11 = c11.fma(va, vb);
            c12 = c12.fma(va, vb);
            c13 = c13.fma(va, vb);
            c14 = c14.fma(va, vb);
            c15 = c15.fma(va, vb);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .add(c12).add(c13).add(c14).add(c15).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
