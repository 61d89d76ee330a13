package dev.mixtures.io;

import java.util.List;

/**
 * How to read a CSV file: which columns (names, or 1-based indices), which column holds row
 * weights, the delimiter (null: detected from the first line among comma, semicolon and tab) and
 * whether the first line is a header (null: detected, a header has a cell that is not a number),
 * and which column, if any, holds labels (known classes, any text), read beside the data and kept
 * out of it.
 */
public final class CsvOptions {
    private final List<String> columns;
    private final String weights;
    private final Character delimiter;
    private final Boolean header;
    private final String labels;

    /** Options; every argument may be null for "automatic". */
    public CsvOptions(List<String> columns, String weights, Character delimiter, Boolean header) {
        this(columns, weights, delimiter, header, null);
    }

    private CsvOptions(List<String> columns, String weights, Character delimiter, Boolean header, String labels) {
        this.columns = columns == null || columns.isEmpty() ? null : List.copyOf(columns);
        this.weights = weights;
        this.delimiter = delimiter;
        this.header = header;
        this.labels = labels;
    }

    /** These options with a column of labels (by name or 1-based number), or none when null. */
    public CsvOptions withLabels(String column) {
        return new CsvOptions(columns, weights, delimiter, header, column);
    }

    /** The labels column, or null. */
    public String labels() {
        return labels;
    }

    /** All defaults: every numeric column, no weights, detected delimiter and header. */
    public static CsvOptions defaults() {
        return new CsvOptions(null, null, null, null);
    }

    /** Columns asked for, or null for all numeric ones. */
    public List<String> columns() {
        return columns;
    }

    /** The weights column, or null. */
    public String weights() {
        return weights;
    }

    /** The delimiter, or null to detect it. */
    public Character delimiter() {
        return delimiter;
    }

    /** Whether the first line is a header, or null to detect it. */
    public Boolean header() {
        return header;
    }
}
