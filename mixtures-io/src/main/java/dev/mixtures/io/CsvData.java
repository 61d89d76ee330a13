package dev.mixtures.io;

import dev.mixtures.data.Dataset;
import java.util.List;

/** A dataset read from a CSV file, with what the reader decided: the source, the delimiter, the columns it skipped. */
public final class CsvData {
    private final Dataset dataset;
    private final String source;
    private final char delimiter;
    private final boolean header;
    private final List<String> ignoredColumns;
    private final String weightsColumn;
    private final String[] labels;
    private final String labelsColumn;

    CsvData(Dataset dataset, String source, char delimiter, boolean header, List<String> ignoredColumns, String weightsColumn,
            String[] labels, String labelsColumn) {
        this.labels = labels;
        this.labelsColumn = labelsColumn;
        this.dataset = dataset;
        this.source = source;
        this.delimiter = delimiter;
        this.header = header;
        this.ignoredColumns = List.copyOf(ignoredColumns);
        this.weightsColumn = weightsColumn;
    }

    /** The data. */
    public Dataset dataset() {
        return dataset;
    }

    /** The file name as given. */
    public String source() {
        return source;
    }

    /** The delimiter used. */
    public char delimiter() {
        return delimiter;
    }

    /** Whether the first line was read as a header. */
    public boolean header() {
        return header;
    }

    /** Columns that were not numeric and were skipped (empty when columns were chosen). */
    public List<String> ignoredColumns() {
        return ignoredColumns;
    }

    /** The column the weights came from, or null. */
    public String weightsColumn() {
        return weightsColumn;
    }

    /** The labels column's text per row (trimmed), or null when none was asked for. */
    public String[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** The name of the labels column, or null when none was asked for. */
    public String labelColumn() {
        return labelsColumn;
    }
}
