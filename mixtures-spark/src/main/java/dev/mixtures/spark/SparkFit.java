package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import dev.mixtures.BlockSteps;
import dev.mixtures.ProgressListener;
import dev.mixtures.Statistics;
import dev.mixtures.data.RowBlock;
import dev.mixtures.gaussian.DegenerateComponentException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Fits any of the library's models ({@link BlockSteps}) over rows held by Spark: each partition's
 * rows become one dense block, cached (memory, spilling to disk); every EM iteration is one Spark job, in which the
 * parameters are shipped with the task, each partition computes its block's statistics with the library's own
 * kernels, and the driver merges them in partition order and runs the library's own M-step. The
 * statistics of a block are a pure function of its rows and the parameters, so a retried task gives
 * the same bits, and merging by partition index makes the result independent of task timing: the
 * same partitioning gives the same bits on every run.
 */
public final class SparkFit {
    private SparkFit() {
    }

    /**
     * Makes the model's block steps where they run (an executor): steps themselves hold settings
     * that are not shipped, so what crosses the wire is this factory and what it captures.
     */
    @FunctionalInterface
    public interface StepsFactory<P, S extends Statistics<S>> extends Serializable {
        /** The steps of the model being fitted. */
        BlockSteps<P, S> create();
    }

    /** The end of a fit: the last parameters, the objective per iteration, and whether it converged. */
    public record Result<P>(P params, double[] history, boolean converged) {
    }

    /** The most values one block (one Java array) holds. */
    static final int MAX_BLOCK = Integer.MAX_VALUE - 16;

    /**
     * The rows of {@code rows} (each of length {@code d}, with an optional weight after them when
     * {@code weighted}) as one dense block per partition, cached (in memory, and on local disk for what
     * does not fit, rather than recomputed from the source each iteration): the fit reads them once
     * per iteration without rebuilding them.
     *
     * @throws IllegalArgumentException (when the blocks are first computed) on a row of the wrong length
     */
    public static JavaRDD<RowBlock> blocks(JavaRDD<double[]> rows, int d, boolean weighted) {
        if (d < 1) {
            throw new BadInputException("d must be at least 1, got " + d);
        }
        int width = weighted ? d + 1 : d;
        return rows.mapPartitions((Iterator<double[]> it) -> {
            double[] values = new double[1024 * d];
            double[] weights = weighted ? new double[1024] : null;
            int n = 0;
            while (it.hasNext()) {
                double[] r = it.next();
                if (r.length != width) {
                    throw new BadInputException("a row has " + r.length + " values, expected " + width);
                }
                if ((long) n * d == values.length) {
                    long grown = Math.min(2L * values.length, MAX_BLOCK / d * d);
                    if (grown == values.length) {
                        throw new BadInputException("a partition holds more than " + MAX_BLOCK / d + " rows of "
                                + d + " values, more than one block can; repartition the data into more partitions");
                    }
                    values = Arrays.copyOf(values, (int) grown);
                    weights = weighted ? Arrays.copyOf(weights, (int) (grown / d)) : null;
                }
                System.arraycopy(r, 0, values, n * d, d);
                if (weighted) {
                    weights[n] = r[d];
                }
                n++;
            }
            List<RowBlock> out = new ArrayList<>(1);
            if (n > 0) {
                out.add(RowBlock.of(Arrays.copyOf(values, n * d), weighted ? Arrays.copyOf(weights, n) : null, n, d));
            }
            return out.iterator();
        }, true).persist(StorageLevel.MEMORY_AND_DISK());
    }

    /**
     * Runs up to {@code maxIter} EM iterations from {@code start} over {@code blocks}: one Spark job
     * each, statistics merged in partition order, the M-step, objective and convergence test on the
     * driver, as the library's own loop runs them.
     */
    public static <P extends Serializable, S extends Statistics<S>> Result<P> fit(JavaRDD<RowBlock> blocks,
            StepsFactory<P, S> factory, P start, int maxIter) {
        return fitAll(blocks, factory, List.of(start), maxIter, ProgressListener.NONE).get(0);
    }

    /**
     * Runs several starts side by side: one Spark job per iteration computes, for every block, the
     * statistics of every start still running, so restarts share each pass over the data. Each
     * start stops on its own test; its result (in the order of {@code starts}) is what
     * {@link #fit} would give it alone, bit for bit. A start whose M-step finds a collapsed
     * component ({@link DegenerateComponentException}) is dropped (its result is null) while
     * another runs on, as the library drops such a start; when every start fails, the first
     * failure is thrown. {@code listener} hears every iteration of every start on the driver.
     */
    public static <P extends Serializable, S extends Statistics<S>> List<Result<P>> fitAll(JavaRDD<RowBlock> blocks,
            StepsFactory<P, S> factory, List<P> starts, int maxIter, ProgressListener listener) {
        if (maxIter < 1) {
            throw new BadInputException("max-iter must be at least 1, got " + maxIter);
        }
        int r = starts.size();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(blocks.context());
        BlockSteps<P, S> steps = factory.create();
        List<P> params = new ArrayList<>(starts);
        double[] previous = new double[r];
        Arrays.fill(previous, Double.NaN);
        double[][] history = new double[r][maxIter];
        int[] done = new int[r];
        boolean[] running = new boolean[r];
        Arrays.fill(running, true);
        boolean[] converged = new boolean[r];
        RuntimeException[] failed = new RuntimeException[r];
        for (int it = 0; it < maxIter; it++) {
            List<Integer> active = new ArrayList<>();
            List<P> current = new ArrayList<>();
            for (int s = 0; s < r; s++) {
                if (running[s]) {
                    active.add(s);
                    current.add(params.get(s));
                }
            }
            if (active.isEmpty()) {
                break;
            }
            List<List<S>> perStart = statistics(jsc, blocks, factory, current);
            for (int a = 0; a < active.size(); a++) {
                int s = active.get(a);
                S merged = merge(perStart.get(a), steps.newStatistics());
                P next;
                try {
                    next = steps.parameters(params.get(s), merged);
                } catch (DegenerateComponentException e) {
                    running[s] = false;
                    failed[s] = e;
                    continue;
                }
                double objective = steps.objective(params.get(s), next, merged);
                history[s][done[s]++] = objective;
                params.set(s, next);
                listener.iteration(s, it + 1, maxIter, objective);
                if (steps.converged(previous[s], objective, merged) && steps.mayStop(next)) {
                    converged[s] = true;
                    running[s] = false;
                }
                previous[s] = objective;
            }
        }
        List<Result<P>> results = new ArrayList<>(r);
        RuntimeException first = null;
        for (int s = 0; s < r; s++) {
            if (failed[s] != null) {
                first = first == null ? failed[s] : first;
                results.add(null);
            } else {
                results.add(new Result<>(params.get(s), Arrays.copyOf(history[s], done[s]), converged[s]));
            }
        }
        if (first != null && results.stream().allMatch(x -> x == null)) {
            throw first;
        }
        return results;
    }

    /**
     * One Spark job: the statistics of every block under each of {@code params}, as one list per
     * parameter set, in partition order. The parameters travel in the task's closure, which Spark
     * ships once per job as the stage's broadcast task binary: a broadcast of their own would be a
     * second broadcast per iteration (10–20 ms on local[2] here, a fifth of a K-means iteration on
     * 10^7 rows).
     */
    static <P extends Serializable, S extends Statistics<S>> List<List<S>> statistics(JavaSparkContext jsc,
            JavaRDD<RowBlock> blocks, StepsFactory<P, S> factory, List<P> params) {
        ArrayList<P> shared = new ArrayList<>(params);
        List<List<S>> perBlock = inOrder(blocks, (index, b) -> {
            BlockSteps<P, S> steps = factory.create();
            List<S> out = new ArrayList<>(shared.size());
            for (P p : shared) {
                out.add(steps.statistics(p, b));
            }
            return out;
        });
        List<List<S>> perStart = new ArrayList<>(params.size());
        for (int s = 0; s < params.size(); s++) {
            List<S> column = new ArrayList<>(perBlock.size());
            for (List<S> block : perBlock) {
                column.add(block.get(s));
            }
            perStart.add(column);
        }
        return perStart;
    }

    /** What a task computes from one block, given its partition's index. */
    @FunctionalInterface
    interface BlockTask<T> extends Serializable {
        T apply(int partition, RowBlock block);
    }

    /**
     * {@code task} of every block, in partition order: one Spark job, and a result that task
     * timing cannot reorder (the fits merge statistics in this order, so their bits do not depend
     * on it).
     */
    static <T> List<T> inOrder(JavaRDD<RowBlock> blocks, BlockTask<T> task) {
        List<Tuple2<Integer, T>> parts = new ArrayList<>(blocks.mapPartitionsWithIndex((index, rows) -> {
            List<Tuple2<Integer, T>> out = new ArrayList<>(1);
            while (rows.hasNext()) {
                out.add(new Tuple2<>(index, task.apply(index, rows.next())));
            }
            return out.iterator();
        }, true).collect());
        parts.sort(Comparator.comparingInt(Tuple2::_1));
        List<T> ordered = new ArrayList<>(parts.size());
        for (Tuple2<Integer, T> p : parts) {
            ordered.add(p._2());
        }
        return ordered;
    }

    /** {@code parts} merged into {@code into}, in list order. */
    static <S extends Statistics<S>> S merge(List<S> parts, S into) {
        for (S p : parts) {
            into.merge(p);
        }
        return into;
    }
}
