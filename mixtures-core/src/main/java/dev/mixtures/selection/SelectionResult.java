package dev.mixtures.selection;

import dev.mixtures.gaussian.BayesianGaussianMixtureModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The outcome of a {@link ModelSelection}: every cell of the grid (K in increasing order, then the
 * structures in the order given), the best cell by the criterion, and the Bayesian mixture's
 * answer beside it. Immutable.
 */
public final class SelectionResult {
    private final List<Candidate> table;
    private final Criterion criterion;
    private final Candidate best;
    private final BayesianGaussianMixtureModel bayesian;
    private final String bayesianFailure;
    private final long nanos;

    SelectionResult(List<Candidate> table, Criterion criterion, Candidate best, BayesianGaussianMixtureModel bayesian,
            String bayesianFailure, long nanos) {
        this.table = List.copyOf(table);
        this.criterion = criterion;
        this.best = best;
        this.bayesian = bayesian;
        this.bayesianFailure = bayesianFailure;
        this.nanos = nanos;
    }

    /** Every cell. */
    public List<Candidate> table() {
        return table;
    }

    /** The criterion. */
    public Criterion criterion() {
        return criterion;
    }

    /** The best scored cell, or null when none could be scored. */
    public Candidate best() {
        return best;
    }

    /** The scored cells, best first (ties: fewer parameters first). */
    public List<Candidate> ranked() {
        List<Candidate> r = new ArrayList<>();
        for (Candidate c : table) {
            if (c.scored()) {
                r.add(r.size(), c);
            }
        }
        r.sort(Comparator.comparingDouble((Candidate c) -> c.score(criterion)).thenComparingLong(Candidate::parameters));
        return r;
    }

    /** The Bayesian mixture fitted beside the grid, or null. */
    public BayesianGaussianMixtureModel bayesian() {
        return bayesian;
    }

    /** Why the Bayesian mixture could not be fitted, or null. */
    public String bayesianFailure() {
        return bayesianFailure;
    }

    /** Wall-clock time of the selection. */
    public long nanos() {
        return nanos;
    }
}
