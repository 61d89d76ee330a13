package dev.mixtures.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.mixtures.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads a CSV file into a {@link Dataset} with FastCSV. Every bad cell is reported as
 * {@code FILE:ROW:COLUMN: reason}, where ROW is the line number in the file (the header is line
 * 1) and COLUMN the 1-based column number, followed by the column's name: a cell that is not a
 * number, NaN or ±Inf, an empty cell, a row with too few or too many fields; and an empty file, a
 * file with no data row, or no numeric column.
 */
public final class CsvDatasetReader {
    private CsvDatasetReader() {
    }

    /**
     * Reads {@code file} as a stream (UTF-8, strictly: a byte sequence that is not UTF-8 is refused),
     * holding the parsed numbers, not the file's text: memory grows with the rows kept, not with the
     * file.
     */
    public static CsvData read(Path file, CsvOptions options) {
        String name = file.toString();
        if (Files.isDirectory(file)) {
            throw new InputException(name + ": is a directory, not a CSV file");
        }
        java.io.InputStream in;
        boolean compressed;
        try {
            in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
            in.mark(4);
            byte[] magic = in.readNBytes(4);
            in.reset();
            boolean gzip = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
            boolean zstd = magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                    && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd;
            // Compressed: read as a stream, whatever the name (the magic bytes decide).
            if (gzip) {
                in = new java.util.zip.GZIPInputStream(in, 1 << 16);
            } else if (zstd) {
                in = new java.io.BufferedInputStream(new io.airlift.compress.zstd.ZstdInputStream(in), 1 << 16);
            }
            compressed = gzip || zstd; // no fast path over the raw bytes
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (java.util.zip.ZipException e) {
            throw new InputException(name + ": not a valid gzip file: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage(), e);
        }
        java.nio.charset.CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try (Reader r = new java.io.InputStreamReader(in, strict)) {
            // The parallel fast path reads plain files only.
            return read(name, r, options, compressed ? null : file);
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads CSV text; {@code name} is used in messages. */
    public static CsvData read(String name, String text, CsvOptions options) {
        return read(name, new StringReader(text), options);
    }

    /**
     * Reads CSV from a reader (a file, standard input, a string) as a stream; {@code name} is used
     * in messages. The delimiter, unless given, is detected on the first non-blank line.
     */
    public static CsvData read(String name, Reader in, CsvOptions options) {
        return read(name, in, options, null);
    }

    /** As {@link #read(String, Reader, CsvOptions)}; {@code file}, when not null, is the file {@code in} reads (for the fast path). */
    private static CsvData read(String name, Reader in, CsvOptions options, Path file) {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
        try {
            // The first non-blank line decides the delimiter; it is then read again with the rest.
            String first = r.readLine();
            int blank = 0;
            while (first != null && first.isBlank()) {
                first = r.readLine();
                blank++;
            }
            if (first == null) {
                throw new InputException(name + ": empty file");
            }
            if (first.startsWith("\uFEFF")) {
                first = first.substring(1);
                if (first.isBlank()) {
                    throw new InputException(name + ": empty file");
                }
            }
            char delim = options.delimiter() != null ? options.delimiter() : detectDelimiter(first);
            // The blank lines skipped are given back, so that row numbers stay the file's line numbers.
            Reader all = new PrefixedReader("\n".repeat(blank) + first + "\n", r);
            // Comments are off; FastCSV still wants its comment character to differ from the separator.
            try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(delim).commentCharacter(delim == '#' ? ';' : '#')
                    .skipEmptyLines(true)
                    .ignoreDifferentFieldCount(true).ofCsvRecord(all)) {
                return parse(name, csv.iterator(), delim, options, file);
            }
        } catch (CsvParseException e) {
            throw new InputException(name + ": malformed CSV: " + parseFailure(e), e);
        } catch (UncheckedIOException e) {
            throw unreadable(name, e.getCause());
        } catch (IOException | io.airlift.compress.MalformedInputException e) {
            throw unreadable(name, e);
        }
    }

    /**
     * The parser's reason, which FastCSV keeps in the cause ("Exception when reading first record"
     * alone said nothing): say, a line of more fields than its limit of 16,384.
     */
    private static String parseFailure(CsvParseException e) {
        StringBuilder m = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            m.append(": ").append(c.getMessage());
        }
        return shorten(m.toString(), 240);
    }

    /** {@code s} whole when short, else its start and its length (a bad cell may be megabytes). */
    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "… (" + s.length() + " characters)";
    }

    /** What a failure while reading says: not UTF-8, a compressed stream cut short or damaged, or the I/O error. */
    private static InputException unreadable(String name, Exception e) {
        if (e instanceof java.nio.charset.CharacterCodingException) {
            return new InputException(name + ": not a UTF-8 text file");
        }
        if (e instanceof java.io.EOFException) {
            return new InputException(name + ": the compressed stream is cut short (a truncated .gz or .zst file?)", e);
        }
        if (e instanceof java.util.zip.ZipException || e instanceof io.airlift.compress.MalformedInputException) {
            return new InputException(name + ": a damaged compressed stream: " + e.getMessage(), e);
        }
        return new InputException(name + ": cannot be read: " + e.getMessage(), e);
    }

    /** The first non-blank line of {@code text} (empty when there is none). */
    private static String firstLine(String text) {
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isBlank()) {
                return line;
            }
        }
        return "";
    }

    /** A string, then a reader: the first line read ahead (for the delimiter) put back before the rest. */
    private static final class PrefixedReader extends Reader {
        private final String prefix;
        private final Reader rest;
        private int at;

        PrefixedReader(String prefix, Reader rest) {
            this.prefix = prefix;
            this.rest = rest;
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (at < prefix.length()) {
                int n = Math.min(len, prefix.length() - at);
                prefix.getChars(at, at + n, buf, off);
                at += n;
                return n;
            }
            return rest.read(buf, off, len);
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }

    /** The delimiter of a first line: tab, semicolon or comma, the most frequent (comma when none). */
    private static char detectDelimiter(String first) {
        int tabs = count(first, '\t');
        int semis = count(first, ';');
        int commas = count(first, ',');
        // Semicolon files often use decimal commas, so on a tie tab and semicolon win over comma.
        if (tabs > 0 && tabs >= semis && tabs >= commas) {
            return '\t';
        }
        if (semis > 0 && semis >= commas) {
            return ';';
        }
        if (semis > 0 && java.util.Arrays.stream(first.split(";", -1)).allMatch(f -> isNumber(f, true))) {
            // More commas than semicolons, all inside numbers with decimal commas: "1,5;2,25".
            return ';';
        }
        return ',';
    }

    /**
     * A cell's text as a number's, when the file separates fields with semicolons and writes
     * decimal commas ("1,5" for 1.5; one comma, no point); else as it is.
     */
    private static String decimalPoint(String s, boolean decimalComma) {
        if (!decimalComma) {
            return s;
        }
        int comma = s.indexOf(',');
        if (comma < 0 || s.indexOf(',', comma + 1) >= 0 || s.indexOf('.') >= 0) {
            return s;
        }
        return s.replace(',', '.');
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }

    private static boolean isNumber(String s) {
        return isNumber(s, false);
    }

    /** Whether {@code s} is a number (with a decimal comma when {@code decimalComma}). */
    private static boolean isNumber(String s, boolean decimalComma) {
        try {
            Double.parseDouble(decimalPoint(s.trim(), decimalComma));
            return !s.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static CsvData parse(String name, Iterator<CsvRecord> it, char delim, CsvOptions options, Path file) {
        if (!it.hasNext()) {
            throw new InputException(name + ": empty file");
        }
        CsvRecord first = it.next();
        int width = first.getFieldCount();
        boolean header;
        if (options.header() != null) {
            header = options.header();
        } else {
            header = false;
            for (String f : first.getFields()) {
                if (!isNumber(f, delim == ';')) {
                    header = true;
                    break;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            String h = header ? first.getField(j).trim() : "";
            names.add(h.isEmpty() ? "column " + (j + 1) : h);
        }
        CsvRecord firstData = header ? (it.hasNext() ? it.next() : null) : first;
        if (firstData == null) {
            throw new InputException(name + ": no data rows after the header");
        }
        int weightCol = options.weights() == null ? -1 : resolve(name, options.weights(), names, "--weights");
        int labelCol = options.labels() == null ? -1 : resolve(name, options.labels(), names, "--truth");
        if (labelCol >= 0 && labelCol == weightCol) {
            throw new InputException("--truth: column '" + names.get(labelCol) + "' is also the --weights column");
        }
        List<Integer> cols = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        if (options.columns() != null) {
            for (String c : options.columns()) {
                int j = resolve(name, c, names, "--columns");
                if (j == weightCol) {
                    throw new InputException("--columns: column '" + names.get(j) + "' is also the --weights column");
                }
                if (j == labelCol) {
                    throw new InputException("--columns: column '" + names.get(j) + "' is also the --truth column");
                }
                if (cols.contains(j)) {
                    throw new InputException("--columns: column '" + names.get(j) + "' is named twice");
                }
                cols.add(j);
            }
        } else {
            for (int j = 0; j < width; j++) {
                if (j == weightCol || j == labelCol) {
                    continue;
                }
                if (j < firstData.getFieldCount() && (isNumber(firstData.getField(j), delim == ';')
                        || (options.missing() && CsvOptions.isMissing(firstData.getField(j))))) {
                    cols.add(j);
                } else {
                    ignored.add(names.get(j));
                }
            }
            if (cols.isEmpty()) {
                throw new InputException(name + ": no numeric column (columns: " + String.join(", ", names) + ")");
            }
        }
        int d = cols.size();
        List<String> colNames = new ArrayList<>();
        for (int j : cols) {
            colNames.add(names.get(j));
        }
        String weightName = weightCol >= 0 ? names.get(weightCol) : null;
        if (file != null && labelCol < 0) {
            long offset = lineOffset(file, firstData.getStartingLineNumber());
            RowBlocks fast = offset < 0 ? null : CsvFastPath.read(file, offset, delim, width,
                    cols.stream().mapToInt(Integer::intValue).toArray(), weightCol);
            if (fast != null) {
                return finish(name, fast, colNames, delim, header, ignored, weightName, null, null);
            }
        }
        RowBlocks values = new RowBlocks(d, weightCol >= 0).allowMissing(options.missing());
        List<String> labels = labelCol >= 0 ? new ArrayList<>() : null;
        int n = 0;
        for (CsvRecord rec = firstData; rec != null; rec = it.hasNext() ? it.next() : null) {
            long line = rec.getStartingLineNumber();
            if (rec.getFieldCount() != width) {
                int col = Math.min(rec.getFieldCount(), width) + 1;
                throw new InputException(name + ":" + line + ":" + col + ": ragged row: " + rec.getFieldCount()
                        + " field(s) where the " + (header ? "header has " : "first row has ") + width);
            }
            if (n == Integer.MAX_VALUE - 8) {
                throw new InputException(name + ": more than " + n + " rows");
            }
            for (int t = 0; t < d; t++) {
                values.add(options.missing() && CsvOptions.isMissing(rec.getField(cols.get(t))) ? Double.NaN
                        : cell(name, line, cols.get(t), names, rec, delim == ';'));
            }
            if (weightCol >= 0) {
                double w = cell(name, line, weightCol, names, rec, delim == ';');
                if (w < 0) {
                    throw new InputException(name + ":" + line + ":" + (weightCol + 1) + ": negative weight " + w
                            + " (column " + names.get(weightCol) + ")");
                }
                values.weight(w);
            }
            if (labels != null) {
                String s = rec.getField(labelCol).trim();
                if (s.isEmpty()) {
                    throw new InputException(name + ":" + line + ":" + (labelCol + 1) + ": empty label (column "
                            + names.get(labelCol) + ")");
                }
                labels.add(s);
            }
            n++;
        }
        return finish(name, values, colNames, delim, header, ignored, weightName,
                labels == null ? null : labels.toArray(new String[0]), labelCol >= 0 ? names.get(labelCol) : null);
    }

    /** The data read: the total weight checked, the dataset made. */
    private static CsvData finish(String name, RowBlocks rows, List<String> colNames,
            char delim, boolean header, List<String> ignored, String weightName, String[] labels, String labelName) {
        if (weightName != null && !(rows.totalWeight() > 0)) {
            throw new InputException(name + ": every weight in column " + weightName + " is zero");
        }
        Dataset ds = rows.dataset(colNames);
        return new CsvData(ds, name, delim, header, ignored, weightName, labels, labelName);
    }

    /**
     * The byte offset where line {@code line} (1-based, lines ended by LF or CRLF) of {@code file}
     * starts, or -1 when it cannot be told by counting line feeds (a lone CR before it).
     */
    private static long lineOffset(Path file, long line) {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long offset = 0;
            long seen = 1;
            int previous = -1;
            while (seen < line) {
                int c = in.read();
                if (c < 0) {
                    return -1;
                }
                if (previous == '\r' && c != '\n') {
                    return -1;
                }
                if (c == '\n') {
                    seen++;
                }
                previous = c;
                offset++;
            }
            return offset;
        } catch (IOException e) {
            return -1;
        }
    }

    /** Said with every missing cell refused. */
    private static final String MISSING_HINT = "; --missing drop leaves out rows with missing cells, --missing model"
            + " fits them (Gaussian mixture)";

    private static double cell(String name, long line, int j, List<String> names, CsvRecord rec, boolean decimalComma) {
        String raw = rec.getField(j).trim();
        String s = decimalPoint(raw, decimalComma);
        String where = name + ":" + line + ":" + (j + 1) + ": ";
        String col = " (column " + names.get(j) + ")";
        if (s.isEmpty()) {
            throw new InputException(where + "empty cell" + col + MISSING_HINT);
        }
        if (CsvOptions.isMissing(s)) {
            throw new InputException(where + "missing value \"" + raw + "\"" + col + MISSING_HINT);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        double v = CsvNumbers.parse(b, 0, b.length);
        if (Double.isFinite(v)) {
            return v;
        }
        boolean javaNumber;
        try {
            javaNumber = !Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            javaNumber = false;
        }
        if (javaNumber || Double.isInfinite(v)) {
            throw new InputException(where + shorten(raw, 60) + " is not a finite number" + col);
        }
        // Java's other forms ("1d", "2f", hex floats) are not numbers in a CSV file.
        throw new InputException(where + "not a number: \"" + shorten(raw, 60) + "\"" + col);
    }

    private static int resolve(String file, String wanted, List<String> names, String option) {
        String w = wanted.trim();
        int byName = names.indexOf(w);
        if (byName >= 0) {
            return byName;
        }
        try {
            int idx = Integer.parseInt(w);
            if (idx >= 1 && idx <= names.size()) {
                return idx - 1;
            }
            throw new InputException(option + ": column number " + idx + " is out of range 1.." + names.size() + " in " + file);
        } catch (NumberFormatException e) {
            throw new InputException(option + ": no column named '" + w + "' in " + file + " (columns: "
                    + String.join(", ", names) + ")");
        }
    }

    /** Header names that mark the first line of a label file as a header even when labels are text. */
    private static final List<String> LABEL_HEADERS = List.of("label", "labels", "class", "cluster", "truth", "target",
            "component", "species", "group", "y", "pred", "prediction");

    /**
     * Reads one column of labels (any text, trimmed; never empty) from {@code file}: the column
     * named or numbered by {@code column}, or else the column named "label" when there is one,
     * or else the first. The first line is a header when a column is asked for by name, when its
     * cell is a usual label heading (label, class, cluster, truth, …), or when it is not a number
     * while the next line's is.
     */
    public static String[] readLabels(Path file, String column) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (IOException e) {
            throw unreadable(name, e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new InputException(name + ": empty file");
        }
        List<CsvRecord> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(detectDelimiter(firstLine(text))).skipEmptyLines(true)
                .ignoreDifferentFieldCount(true).ofCsvRecord(new StringReader(text))) {
            csv.forEach(rows::add);
        } catch (CsvParseException e) {
            throw new InputException(name + ": malformed CSV: " + parseFailure(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CsvRecord first = rows.get(0);
        List<String> heads = new ArrayList<>();
        for (String f : first.getFields()) {
            heads.add(f.trim());
        }
        int col;
        if (column != null) {
            col = resolve(name, column, heads, "label column");
        } else {
            col = heads.indexOf("label") >= 0 ? heads.indexOf("label") : 0;
        }
        String h = heads.get(col);
        boolean byName = column != null && column.trim().equals(h) && !isNumber(h);
        boolean header = byName || LABEL_HEADERS.contains(h.toLowerCase(java.util.Locale.ROOT))
                || (!isNumber(h) && rows.size() > 1 && rows.get(1).getFieldCount() > col
                        && isNumber(rows.get(1).getField(col)));
        String[] out = new String[rows.size() - (header ? 1 : 0)];
        if (out.length == 0) {
            throw new InputException(name + ": no labels after the header");
        }
        for (int r = header ? 1 : 0; r < rows.size(); r++) {
            CsvRecord rec = rows.get(r);
            String s = rec.getFieldCount() > col ? rec.getField(col).trim() : "";
            if (s.isEmpty()) {
                throw new InputException(name + ":" + rec.getStartingLineNumber() + ":" + (col + 1) + ": empty label");
            }
            out[r - (header ? 1 : 0)] = s;
        }
        return out;
    }
}
