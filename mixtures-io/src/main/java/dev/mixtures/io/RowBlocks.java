package dev.mixtures.io;

import dev.mixtures.data.Dataset;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows as a reader parses them, gathered into the blocks a {@link Dataset} holds
 * ({@link Dataset#blockRows}: whole chunks of the fit, about 64 MB): the parsed numbers are kept
 * once, never joined into one array (which would hold them twice and stop at 2^31 values). The
 * first block grows by doubling, so a small file takes little; the last is trimmed at the end.
 */
final class RowBlocks {
    private final int d;
    private final int blockRows;
    private final boolean weighted;
    private final List<double[]> blocks = new ArrayList<>();
    private final List<double[]> weightBlocks = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    private double[] current;
    private double[] currentWeights;
    /** Rows complete in the current block. */
    private int rows;
    /** Values in the current block (rows·d plus those of a row being read). */
    private int at;
    private long total;
    private boolean allowMissing;

    RowBlocks(int d, boolean weighted) {
        this(d, weighted, 1024);
    }

    /** With a guess of the rows to come, so that the first block is made at its size rather than grown to it. */
    RowBlocks(int d, boolean weighted, long expectedRows) {
        this.d = d;
        this.blockRows = Dataset.blockRows(d);
        this.weighted = weighted;
        int first = (int) Math.max(1, Math.min(blockRows, expectedRows));
        current = new double[first * d];
        currentWeights = weighted ? new double[first] : null;
    }

    /** Lets NaN values stand for missing cells in the dataset made. */
    RowBlocks allowMissing(boolean allowed) {
        this.allowMissing = allowed;
        return this;
    }

    /** Rows so far. */
    long rows() {
        return total;
    }

    /** Makes room for one more row in the current block. */
    private void room() {
        int capacity = current.length / d;
        if (rows < capacity) {
            return;
        }
        if (capacity < blockRows) {
            int grown = (int) Math.min(blockRows, 2L * capacity);
            current = java.util.Arrays.copyOf(current, grown * d);
            if (weighted) {
                currentWeights = java.util.Arrays.copyOf(currentWeights, grown);
            }
            return;
        }
        blocks.add(current);
        weightBlocks.add(currentWeights);
        counts.add(rows);
        current = new double[blockRows * d];
        currentWeights = weighted ? new double[blockRows] : null;
        rows = 0;
        at = 0;
    }

    /** The next value of the row being read (row-major). */
    void add(double v) {
        if (at == rows * d) {
            room();
        }
        current[at++] = v;
        if (at == (rows + 1) * d) {
            rows++;
            total++;
        }
    }

    /** The weight of the row just read (after its d values). */
    void weight(double w) {
        currentWeights[rows - 1] = w;
    }

    /** {@code count} whole rows from {@code values} (and their weights). */
    void addRows(double[] values, double[] weights, int count) {
        int done = 0;
        while (done < count) {
            room();
            int capacity = current.length / d;
            int take = Math.min(count - done, capacity - rows);
            System.arraycopy(values, done * d, current, rows * d, take * d);
            if (weighted) {
                System.arraycopy(weights, done, currentWeights, rows, take);
            }
            rows += take;
            at = rows * d;
            total += take;
            done += take;
        }
    }

    /** The total weight, row by row in order. */
    double totalWeight() {
        double s = 0;
        for (int b = 0; b < weightBlocks.size(); b++) {
            for (int i = 0; i < counts.get(b); i++) {
                s += weightBlocks.get(b)[i];
            }
        }
        for (int i = 0; i < rows; i++) {
            s += currentWeights[i];
        }
        return s;
    }

    /** The dataset of every row read (the builder must not be used after). */
    Dataset dataset(List<String> names) {
        if (rows > 0 || blocks.isEmpty()) {
            blocks.add(rows == current.length / d ? current : java.util.Arrays.copyOf(current, rows * d));
            weightBlocks.add(!weighted || rows == currentWeights.length ? currentWeights
                    : java.util.Arrays.copyOf(currentWeights, rows));
            counts.add(rows);
        }
        current = null;
        currentWeights = null;
        return Dataset.ofBlocks(blocks, counts.stream().mapToInt(Integer::intValue).toArray(), d, names,
                weighted ? weightBlocks : null, allowMissing);
    }
}
