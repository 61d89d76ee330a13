package dev.mixtures.gaussian;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts that fits of one dataset can share when only their covariance structure differs, as the
 * cells of a model-selection grid do: the hierarchical tree ({@link Hierarchy}, built on first use)
 * and the K-means partitions that start the fits, keyed by K and by the K-means seed a start draws
 * from its own random stream, so that a fit gives the same bits with or without sharing.
 *
 * <p>Give one to fits of the same data with the same standardisation only. Thread-safe; two fits
 * asking for the same partition at once may both compute it (the same result). Memory: the tree
 * (O(min(n, {@link Hierarchy#SUBSET})²) while it is built) and the partitions of the last
 * {@code capacity} (K, seed) pairs asked for, n ints each.
 */
public final class SharedStarts {
    private final long seed;
    private final Dataset data;
    private Hierarchy tree;
    private final Map<Key, int[]> partitions;

    private record Key(int k, long seed) {
    }

    private SharedStarts(Dataset data, long seed, int capacity) {
        this.data = data;
        this.seed = seed;
        this.partitions = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, int[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Shared starts for fits of {@code data}; {@code seed} draws the hierarchy's subset (above
     * {@link Hierarchy#SUBSET} rows); {@code capacity} (≥ 1) K-means partitions are kept.
     */
    public static SharedStarts of(Dataset data, long seed, int capacity) {
        if (capacity < 1) {
            throw new BadInputException("shared starts: capacity must be at least 1, got " + capacity);
        }
        return new SharedStarts(data, seed, capacity);
    }

    /** Number of rows of the data the starts are for. */
    public int rows() {
        return data.n();
    }

    /** The hierarchical tree of the data, built on first use. */
    public synchronized Hierarchy hierarchy() {
        if (tree == null) {
            tree = Hierarchy.of(data, seed);
        }
        return tree;
    }

    /** The K-means partition of a start with K = k and K-means seed {@code kmeansSeed}: kept, or computed and kept. */
    int[] kmeans(int k, long kmeansSeed, Supplier<int[]> compute) {
        Key key = new Key(k, kmeansSeed);
        synchronized (this) {
            int[] p = partitions.get(key);
            if (p != null) {
                return p;
            }
        }
        int[] p = compute.get();
        synchronized (this) {
            partitions.put(key, p);
        }
        return p;
    }
}
