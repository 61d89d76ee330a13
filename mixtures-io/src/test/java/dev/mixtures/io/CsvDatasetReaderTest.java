package dev.mixtures.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetReaderTest {

    private static CsvData read(String text) {
        return CsvDatasetReader.read("t.csv", text, CsvOptions.defaults());
    }

    private static void fails(String text, CsvOptions o, String expected) {
        InputException e = assertThrows(InputException.class, () -> CsvDatasetReader.read("t.csv", text, o));
        assertEquals(expected, e.getMessage());
    }

    @Test
    void headerDelimitersAndTextColumns() {
        CsvData c = read("name,a,b\nx,1,2.5\ny,3,-4e1\n");
        assertTrue(c.header());
        assertEquals(List.of("a", "b"), c.dataset().columnNames());
        assertEquals(List.of("name"), c.ignoredColumns());
        assertArrayEquals(new double[] {1, 2.5, 3, -40}, c.dataset().valuesView(), 0.0);

        CsvData semi = read("a;b\n1;2\n3;4\n");
        assertEquals(';', semi.delimiter());
        assertEquals(2, semi.dataset().n());
        CsvData tab = read("1\t2\n3\t4\n");
        assertFalse(tab.header());
        assertEquals('\t', tab.delimiter());
        assertEquals(List.of("column 1", "column 2"), tab.dataset().columnNames());
        assertEquals(2, tab.dataset().n());
    }

    @Test
    void columnsByNameOrNumberAndWeights() {
        String text = "a,b,w,c\n1,2,1,3\n4,5,2,6\n";
        CsvData c = CsvDatasetReader.read("t.csv", text, new CsvOptions(List.of("c", "1"), "w", null, null));
        assertEquals(List.of("c", "a"), c.dataset().columnNames());
        assertArrayEquals(new double[] {3, 1, 6, 4}, c.dataset().valuesView(), 0.0);
        assertArrayEquals(new double[] {1, 2}, c.dataset().weights(), 0.0);
        CsvData all = CsvDatasetReader.read("t.csv", text, new CsvOptions(null, "3", null, null));
        assertEquals(List.of("a", "b", "c"), all.dataset().columnNames());
        assertNull(read("a\n1\n2\n").weightsColumn());
    }

    @Test
    void everyBadCellIsNamedByFileRowAndColumn() {
        CsvOptions o = CsvOptions.defaults();
        fails("a,b\n1,2\n3,x\n", o, "t.csv:3:2: not a number: \"x\" (column b)");
        fails("a,b\n1,2\n3,NaN\n", o, "t.csv:3:2: missing value \"NaN\" (column b); --missing drop leaves out rows with missing cells, --missing model fits them (Gaussian mixture)");
        fails("a,b\n1,-Infinity\n", o, "t.csv:2:2: -Infinity is not a finite number (column b)");
        fails("a,b\n1,2\n,4\n", o, "t.csv:3:1: empty cell (column a); --missing drop leaves out rows with missing cells, --missing model fits them (Gaussian mixture)");
        fails("a,b\n1,2\n3\n", o, "t.csv:3:2: ragged row: 1 field(s) where the header has 2");
        fails("a,b\n1,2\n3,4,5\n", o, "t.csv:3:3: ragged row: 3 field(s) where the header has 2");
        fails("", o, "t.csv: empty file");
        fails("a,b\n", o, "t.csv: no data rows after the header");
        fails("a,b\nx,y\n", o, "t.csv: no numeric column (columns: a, b)");
        fails("a,w\n1,2\n3,-1\n", new CsvOptions(null, "w", null, null), "t.csv:3:2: negative weight -1.0 (column w)");
        fails("a,w\n1,0\n3,0\n", new CsvOptions(null, "w", null, null), "t.csv: every weight in column w is zero");
        fails("a,b\n1,2\n", new CsvOptions(List.of("z"), null, null, null), "--columns: no column named 'z' in t.csv (columns: a, b)");
        fails("a,b\n1,2\n", new CsvOptions(List.of("3"), null, null, null), "--columns: column number 3 is out of range 1..2 in t.csv");
    }

    @Test
    void missingFileAndDirectory(@TempDir Path dir) throws Exception {
        InputException e = assertThrows(InputException.class,
                () -> CsvDatasetReader.read(dir.resolve("nope.csv"), CsvOptions.defaults()));
        assertTrue(e.getMessage().endsWith("nope.csv: no such file"), e.getMessage());
        e = assertThrows(InputException.class, () -> CsvDatasetReader.read(dir, CsvOptions.defaults()));
        assertTrue(e.getMessage().contains("is a directory"));
        Path f = dir.resolve("ok.csv");
        Files.writeString(f, "\uFEFFx,y\n1,2\n3,4\n");
        Dataset ds = CsvDatasetReader.read(f, CsvOptions.defaults()).dataset();
        assertEquals(List.of("x", "y"), ds.columnNames());
    }

    @Test
    void aColumnOfKnownClassesIsReadBesideTheDataAndKeptOutOfIt() {
        CsvData c = CsvDatasetReader.read("t.csv", "x,kind,y\n1,red,2\n3, blue ,4\n", CsvOptions.defaults().withLabels("kind"));
        assertEquals(List.of("x", "y"), c.dataset().columnNames());
        assertArrayEquals(new String[] {"red", "blue"}, c.labels());
        CsvData numeric = CsvDatasetReader.read("t.csv", "x,y,class\n1,2,0\n3,4,1\n", CsvOptions.defaults().withLabels("3"));
        assertEquals(2, numeric.dataset().d(), "a numeric class column is kept out of the features too");
        InputException e = assertThrows(InputException.class,
                () -> CsvDatasetReader.read("t.csv", "x,kind\n1,red\n2, \n", CsvOptions.defaults().withLabels("kind")));
        assertEquals("t.csv:3:2: empty label (column kind)", e.getMessage());
        assertThrows(InputException.class,
                () -> CsvDatasetReader.read("t.csv", "x,kind\n1,red\n", CsvOptions.defaults().withLabels("colour")));
    }

    @Test
    void labelFilesFindTheirHeaderAndColumn(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("plain.csv");
        Files.writeString(plain, "setosa\nsetosa\nvirginica\n");
        assertArrayEquals(new String[] {"setosa", "setosa", "virginica"}, CsvDatasetReader.readLabels(plain, null));
        Path headed = dir.resolve("headed.csv");
        Files.writeString(headed, "label\n0\n2\n");
        assertArrayEquals(new String[] {"0", "2"}, CsvDatasetReader.readLabels(headed, null));
        Path textOverNumbers = dir.resolve("t.csv");
        Files.writeString(textOverNumbers, "cluster_id\n1\n1\n");
        assertArrayEquals(new String[] {"1", "1"}, CsvDatasetReader.readLabels(textOverNumbers, null));
        Path wide = dir.resolve("wide.csv");
        Files.writeString(wide, "x,species,label\n1.5,a,7\n2.5,b,8\n");
        assertArrayEquals(new String[] {"7", "8"}, CsvDatasetReader.readLabels(wide, null), "the column named label");
        assertArrayEquals(new String[] {"a", "b"}, CsvDatasetReader.readLabels(wide, "species"));
        assertArrayEquals(new String[] {"a", "b"}, CsvDatasetReader.readLabels(wide, "2"));
        InputException e = assertThrows(InputException.class, () -> CsvDatasetReader.readLabels(wide, "colour"));
        assertTrue(e.getMessage().contains("no column named 'colour'"), e.getMessage());
    }
    /**
     * A file is read as a stream: bytes that are not UTF-8 far into it are still refused, leading
     * blank lines and a byte-order mark keep row numbers the file's line numbers, and a file of
     * blank lines is empty.
     */
    @Test
    void filesAreStreamedWithTheSameChecksAndLineNumbers(@TempDir Path tmp) throws Exception {
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 0; i < 100_000; i++) {
            rows.append(i).append(',').append(i * 0.5).append('\n');
        }
        Path big = tmp.resolve("big.csv");
        Files.writeString(big, rows);
        CsvData ok = CsvDatasetReader.read(big, CsvOptions.defaults());
        assertEquals(100_000, ok.dataset().n());
        assertEquals(49_999.5, ok.dataset().get(99_999, 1), 0.0);
        byte[] bytes = Files.readAllBytes(big);
        byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length + 4);
        bad[bytes.length] = '7';
        bad[bytes.length + 1] = ',';
        bad[bytes.length + 2] = (byte) 0xC3; // a lone lead byte, then a newline: not UTF-8
        bad[bytes.length + 3] = '\n';
        Path latin = tmp.resolve("latin.csv");
        Files.write(latin, bad);
        InputException e = assertThrows(InputException.class, () -> CsvDatasetReader.read(latin, CsvOptions.defaults()));
        assertTrue(e.getMessage().endsWith("not a UTF-8 text file"), e.getMessage());

        Path gaps = tmp.resolve("gaps.csv");
        Files.writeString(gaps, "\n  \n\uFEFFa;b\n1;2\n3;x\n");
        e = assertThrows(InputException.class, () -> CsvDatasetReader.read(gaps, CsvOptions.defaults()));
        assertTrue(e.getMessage().startsWith(gaps + ":5:2: not a number"), e.getMessage());
        Path blank = tmp.resolve("blank.csv");
        Files.writeString(blank, "\n \n\t\n");
        e = assertThrows(InputException.class, () -> CsvDatasetReader.read(blank, CsvOptions.defaults()));
        assertTrue(e.getMessage().endsWith("empty file"), e.getMessage());
    }
    /** A gzip file (by its magic bytes, whatever its name) is read as a stream; cut short or damaged, it is named. */
    @Test
    void gzipFilesAreReadAsStreams(@TempDir Path tmp) throws Exception {
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 0; i < 50_000; i++) {
            rows.append(i).append(',').append(i * 0.25).append('\n');
        }
        Path plain = tmp.resolve("data.csv");
        Files.writeString(plain, rows);
        Path gz = tmp.resolve("data.csv.gz");
        try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Dataset a = CsvDatasetReader.read(plain, CsvOptions.defaults()).dataset();
        Dataset b = CsvDatasetReader.read(gz, CsvOptions.defaults()).dataset();
        assertArrayEquals(a.valuesView(), b.valuesView(), 0.0);
        Path renamed = tmp.resolve("data-without-extension");
        Files.copy(gz, renamed);
        assertEquals(50_000, CsvDatasetReader.read(renamed, CsvOptions.defaults()).dataset().n());

        byte[] bytes = Files.readAllBytes(gz);
        Path cut = tmp.resolve("cut.csv.gz");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InputException e = assertThrows(InputException.class, () -> CsvDatasetReader.read(cut, CsvOptions.defaults()));
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        byte[] damaged = bytes.clone();
        for (int i = 20; i < 60; i++) {
            damaged[i] = (byte) 0xFF;
        }
        Path bad = tmp.resolve("bad.csv.gz");
        Files.write(bad, damaged);
        e = assertThrows(InputException.class, () -> CsvDatasetReader.read(bad, CsvOptions.defaults()));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
    }
    /**
     * A semicolon file with decimal commas is read as such, header or not (a headerless one was read
     * as comma-separated, its middle cells skipped); a comma that is not a decimal one is refused
     * with FILE:ROW:COLUMN.
     */
    @Test
    void semicolonFilesWithDecimalCommas() {
        CsvData headerless = read("1,5;2,25\n3,0;4,75\n-0,5;1e2\n");
        assertEquals(';', headerless.delimiter());
        assertFalse(headerless.header());
        assertArrayEquals(new double[] {1.5, 2.25, 3.0, 4.75, -0.5, 100}, headerless.dataset().valuesView(), 0.0);
        CsvData named = read("a;b\n1,5;2\n3;4,5\n");
        assertArrayEquals(new double[] {1.5, 2, 3, 4.5}, named.dataset().valuesView(), 0.0);
        fails("a;b\n1,5;2\n1.234,5;3\n", CsvOptions.defaults(), "t.csv:3:1: not a number: \"1.234,5\" (column a)");
        // Comma files are unchanged: a decimal comma there is a field separator.
        assertEquals(',', read("x,y\n1,2\n").delimiter());
    }
    /** A Zstandard file (by its magic bytes) is read as a stream; cut short or damaged, it is named. */
    @Test
    void zstdFilesAreReadAsStreams(@TempDir Path tmp) throws Exception {
        StringBuilder rows = new StringBuilder("x,y\n");
        for (int i = 0; i < 50_000; i++) {
            rows.append(i).append(',').append(i * 0.25).append('\n');
        }
        Path zst = tmp.resolve("data.csv.zst");
        try (var out = new io.airlift.compress.zstd.ZstdOutputStream(Files.newOutputStream(zst))) {
            out.write(rows.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Dataset b = CsvDatasetReader.read(zst, CsvOptions.defaults()).dataset();
        assertEquals(50_000, b.n());
        assertEquals(49_999 * 0.25, b.get(49_999, 1), 0.0);
        byte[] bytes = Files.readAllBytes(zst);
        Path cut = tmp.resolve("cut.csv.zst");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        InputException e = assertThrows(InputException.class, () -> CsvDatasetReader.read(cut, CsvOptions.defaults()));
        assertTrue(e.getMessage().startsWith(cut + ": "), e.getMessage());
        byte[] damaged = bytes.clone();
        for (int i = 12; i < 40; i++) {
            damaged[i] = (byte) 0xA5;
        }
        Path bad = tmp.resolve("bad.csv.zst");
        Files.write(bad, damaged);
        e = assertThrows(InputException.class, () -> CsvDatasetReader.read(bad, CsvOptions.defaults()));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
    }

    @Test
    void hostileLinesAndCellsGetShortMessagesWithTheirReason() {
        // 200,000 fields in a line: the parser's limit, whose reason was lost ("Exception when
        // reading first record").
        String wide = String.join(",", java.util.Collections.nCopies(200_000, "1"));
        InputException e = assertThrows(InputException.class,
                () -> CsvDatasetReader.read("t.csv", wide + "\n" + wide + "\n", CsvOptions.defaults()));
        assertTrue(e.getMessage().startsWith("t.csv: malformed CSV: "), e.getMessage());
        assertTrue(e.getMessage().contains("16384"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
        // A bad cell of a million characters is quoted by its start and its length, not whole.
        InputException big = assertThrows(InputException.class,
                () -> CsvDatasetReader.read("t.csv", "a,b\n1,2\n3," + "x".repeat(1_000_000) + "\n", CsvOptions.defaults()));
        assertTrue(big.getMessage().startsWith("t.csv:3:2: not a number: \"xxxxxxxx"), big.getMessage());
        assertTrue(big.getMessage().contains("(1000000 characters)"), big.getMessage());
        assertTrue(big.getMessage().length() < 300, big.getMessage());
    }

    @Test
    void delimitersThatCsvReservesAreRefusedByName() {
        for (char c : new char[] {'"', '\r', '\n'}) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new CsvOptions(null, null, c, null));
            assertTrue(e.getMessage().startsWith("delimiter: "), e.getMessage());
        }
    }
}
