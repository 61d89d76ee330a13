package dev.mixtures;

/**
 * Expected sufficient statistics of one chunk of rows, plus that chunk's share of the objective;
 * serialisable, so that statistics taken elsewhere (a Spark task) can be merged here.
 * Chunks are merged in chunk order, so the total is the same bits on any number of threads.
 *
 * @param <S> the concrete type, so that {@link #merge} takes its own kind
 */
public interface Statistics<S extends Statistics<S>> extends java.io.Serializable {
    /** Sets everything back to zero, so the object can be reused in the next iteration. */
    void reset();

    /** Adds {@code other} into this. */
    void merge(S other);
}
