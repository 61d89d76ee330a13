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
    private final boolean missing;

    /**
     * Options; every argument may be null for "automatic".
     *
     * @throws dev.mixtures.BadInputException for a delimiter CSV reserves ({@link #checkDelimiter})
     */
    public CsvOptions(List<String> columns, String weights, Character delimiter, Boolean header) {
        this(columns, weights, delimiter, header, null, false);
        if (delimiter != null) {
            checkDelimiter(delimiter, "delimiter");
        }
    }

    /**
     * Fails for a delimiter that CSV reserves: the quote character and the line ends.
     *
     * @param setting the setting's name for the message ("--delimiter" on the command line)
     */
    public static void checkDelimiter(char c, String setting) {
        if (c == '"') {
            throw new InputException(setting + ": '\"' is CSV's quote character and cannot separate fields;"
                    + " use ',', ';', 'tab' or another character");
        }
        if (c == '\r' || c == '\n') {
            throw new InputException(setting + ": a line end cannot separate fields; use ',', ';', 'tab' or another character");
        }
    }

    private CsvOptions(List<String> columns, String weights, Character delimiter, Boolean header, String labels,
            boolean missing) {
        this.columns = columns == null || columns.isEmpty() ? null : List.copyOf(columns);
        this.weights = weights;
        this.delimiter = delimiter;
        this.header = header;
        this.labels = labels;
        this.missing = missing;
    }

    /** These options with a column of labels (by name or 1-based number), or none when null. */
    public CsvOptions withLabels(String column) {
        return new CsvOptions(columns, weights, delimiter, header, column, missing);
    }

    /**
     * These options with missing cells allowed ({@link #isMissing}: empty, NA, N/A, NaN, null, in
     * any case), read as NaN into a dataset that {@link dev.mixtures.data.Dataset#hasMissing has
     * them}; a weight is never missing.
     */
    public CsvOptions withMissing(boolean allowed) {
        return new CsvOptions(columns, weights, delimiter, header, labels, allowed);
    }

    /** Whether missing cells are allowed. */
    public boolean missing() {
        return missing;
    }

    /** Whether a cell's text (trimmed) says the value is missing: empty, NA, N/A, NaN or null, in any case. */
    public static boolean isMissing(String cell) {
        String s = cell.trim();
        return s.isEmpty() || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("N/A") || s.equalsIgnoreCase("NaN")
                || s.equalsIgnoreCase("null");
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
