package dev.mixtures;

import dev.mixtures.data.Standardizer;
import java.util.List;

/**
 * What a fit records beside a model's parameters, as a model file keeps it: the standardiser
 * (or null), the column names, the rows and their total weight, the trace and the notes.
 *
 * @param standardizer the standardisation applied before fitting, or null
 * @param columns      the column names of the training data
 * @param n            the number of training rows
 * @param weight       their total weight (n when unweighted)
 * @param trace        how the fit went
 * @param notes        what the fit reported (re-seeded components, dropped starts, ...)
 */
public record Training(Standardizer standardizer, List<String> columns, int n, double weight, FitTrace trace,
        List<String> notes) {
    /** Copies the lists. */
    public Training {
        columns = List.copyOf(columns);
        notes = List.copyOf(notes);
    }
}
