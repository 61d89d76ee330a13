package dev.mixtures.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-level number parser gives Double.parseDouble's bits on the forms CSV users write and
 * refuses Java's others; a file read by the parallel fast path gives the general reader's data
 * bit for bit, and a file it gives up on the general reader's exact errors.
 */
class CsvFastPathTest {
    @TempDir
    Path tmp;

    private static double parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return CsvNumbers.parse(b, 0, b.length);
    }

    @Test
    void numbersHaveDoubleParseDoublesBits() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 300_000; i++) {
            StringBuilder s = new StringBuilder();
            int form = r.nextInt(6);
            if (r.nextInt(4) == 0) {
                s.append(r.nextBoolean() ? '-' : '+');
            }
            int intDigits = form == 0 ? 0 : r.nextInt(form == 5 ? 25 : 10);
            for (int j = 0; j < intDigits; j++) {
                s.append((char) ('0' + r.nextInt(10)));
            }
            if (form == 0 || r.nextBoolean()) {
                s.append('.');
                int frac = form == 0 || intDigits == 0 ? 1 + r.nextInt(20) : r.nextInt(20);
                for (int j = 0; j < frac; j++) {
                    s.append((char) ('0' + r.nextInt(10)));
                }
            } else if (intDigits == 0) {
                s.append('7');
            }
            if (r.nextInt(3) == 0) {
                s.append(r.nextBoolean() ? 'e' : 'E');
                if (r.nextBoolean()) {
                    s.append(r.nextBoolean() ? '-' : '+');
                }
                s.append(r.nextInt(form == 4 ? 400 : 30));
            }
            String t = s.toString();
            double expected = Double.parseDouble(t);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(parse(t)), t);
        }
        for (String t : new String[] {"0", "-0", "-0.0", "5.", ".5", "1e5", "1E+05", "123456789012345678901234",
            "0.1", "4.35", "9007199254740993", "2.2250738585072011e-308", "1e-400", "1e23", "8.41e21"}) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(t)), Double.doubleToRawLongBits(parse(t)), t);
        }
        for (String t : new String[] {"", "-", ".", "1d", "2f", "0x1p3", "NaN", "Infinity", "1e", "1e+", "1.2.3", "1 2",
            "e5", "--1", "1,5"}) {
            assertTrue(Double.isNaN(parse(t)), t);
        }
    }

    private CsvData both(String name, String text, CsvOptions o) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        CsvData viaFile = CsvDatasetReader.read(f, o);
        CsvData viaText = CsvDatasetReader.read(f.toString(), text, o);
        assertArrayEquals(viaText.dataset().valuesView(), viaFile.dataset().valuesView(), 0.0, name);
        assertEquals(viaText.dataset().columnNames(), viaFile.dataset().columnNames(), name);
        assertEquals(viaText.dataset().n(), viaFile.dataset().n(), name);
        if (viaText.dataset().hasWeights()) {
            assertArrayEquals(viaText.dataset().weights(), viaFile.dataset().weights(), 0.0, name);
        }
        return viaFile;
    }

    @Test
    void theFastPathReadsWhatTheGeneralReaderReads() throws Exception {
        // More than two blocks of 8 MB, CRLF line ends, blank lines, spaces, a text column left out.
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder big = new StringBuilder("id,a,b,c,w\r\n");
        int rows = 0;
        while (big.length() < 2 * CsvFastPath.BLOCK + 1_000_000) {
            big.append("row").append(rows).append(',').append(String.format(Locale.ROOT, "%.6f", r.nextGaussian()))
                    .append(", ").append(r.nextInt(1000)).append(',').append(r.nextDouble() * 1e-3).append(',')
                    .append(1 + r.nextInt(3)).append("\r\n");
            if (rows % 100_000 == 0) {
                big.append("\r\n");
            }
            rows++;
        }
        CsvData d = both("big.csv", big.toString(), new CsvOptions(null, "w", null, null));
        assertEquals(rows, d.dataset().n());
        // It was the fast path that read it (the general reader would have given the same data).
        RowBlocks fast = CsvFastPath.read(tmp.resolve("big.csv"), "id,a,b,c,w\r\n".length(), ',', 5,
                new int[] {1, 2, 3}, 4);
        assertTrue(fast != null, "the fast path read the file");
        assertArrayEquals(d.dataset().contiguous().valuesView(),
                fast.dataset(java.util.List.of("a", "b", "c")).contiguous().valuesView(), 0.0);
        assertTrue(CsvFastPath.read(tmp.resolve("big.csv"), 0, ',', 5, new int[] {1, 2, 3}, 4) == null,
                "from the header line it gives up (not numbers)");
        assertEquals(java.util.List.of("a", "b", "c"), d.dataset().columnNames());
        both("plain.csv", "x;y\n1,5;2\n", CsvOptions.defaults()); // a decimal comma: the general reader decides
        both("noheader.csv", "1,2\n\n3,4\n5,6", CsvOptions.defaults());
        both("tabs.tsv", "x\ty\n 1\t2 \n3\t4\n", CsvOptions.defaults());
    }

    @Test
    void errorsAreTheGeneralReadersWherever(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 300_000; i++) {
            text.append(i).append(',').append(i * 0.25).append('\n');
        }
        String good = text.toString();
        String[][] cases = {
            {good + "7,\n", ":300002:2: empty cell"},
            {good + "7,1d\n", ":300002:2: not a number: \"1d\""},
            {good + "7,NaN\n", ":300002:2: missing value \"NaN\" (column y)"},
            {good + "7,2,3\n", ":300002:3: ragged row"},
            {good + "7,\"2\"\n", null},
            {good + "7,0x1p3\n", ":300002:2: not a number: \"0x1p3\""},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("case.csv");
            Files.writeString(f, c[0]);
            if (c[1] == null) {
                assertEquals(300_001, CsvDatasetReader.read(f, CsvOptions.defaults()).dataset().n());
                continue;
            }
            InputException e = assertThrows(InputException.class, () -> CsvDatasetReader.read(f, CsvOptions.defaults()));
            assertTrue(e.getMessage().startsWith(f + c[1]), e.getMessage());
        }
    }
}
