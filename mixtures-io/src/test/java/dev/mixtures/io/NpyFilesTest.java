package dev.mixtures.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** .npy files: written as numpy.save writes them, read back bit for bit; what numpy can write and we cannot read is named. */
class NpyFilesTest {
    @TempDir
    Path dir;

    /** A .npy file as numpy writes one: version 1.0 (or 2.0), the dict, padding to 64, the little-endian values. */
    private Path npy(String name, int major, String dict, double[] values, int keepBytes) throws Exception {
        int lenBytes = major == 1 ? 2 : 4;
        int unpadded = 6 + 2 + lenBytes + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(total + values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        for (double v : values) {
            b.putDouble(v);
        }
        Path f = dir.resolve(name);
        Files.write(f, java.util.Arrays.copyOf(b.array(), keepBytes < 0 ? b.capacity() : keepBytes));
        return f;
    }

    @Test
    void writtenAndReadBitForBit() throws Exception {
        double[] x = {1.5, -0.0, 3e-300, 4, 5.25, Math.PI};
        Dataset data = Dataset.wrap(x, 3, 2, List.of("a", "b"), null);
        Path f = dir.resolve("d.npy");
        NpyFiles.write(data, f);
        assertTrue(NpyFiles.isNpy(f));
        byte[] bytes = Files.readAllBytes(f);
        assertEquals(0, (bytes.length - 6 * 8) % 64, "the header is padded to 64 bytes, as numpy's");
        String header = new String(bytes, 10, bytes.length - 10 - 48, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 2), }"), header);
        Dataset back = NpyFiles.read(f);
        assertArrayEquals(x, back.contiguous().valuesView(), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(0, 1)));
        assertEquals(List.of("a", "b"), back.columnNames());
        Files.delete(NpyFiles.columnsFile(f));
        assertEquals(List.of("x1", "x2"), NpyFiles.read(f).columnNames());
        // Version 2.0 headers and one-dimensional arrays (one column) read too.
        Path v2 = npy("v2.npy", 2, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }", new double[] {7, 8}, -1);
        assertArrayEquals(new double[] {7, 8}, NpyFiles.read(v2).contiguous().valuesView(), 0.0);
        Path one = npy("one.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", new double[] {1, 2, 3}, -1);
        assertEquals(1, NpyFiles.read(one).d());
    }

    @Test
    void whatCannotBeReadIsNamed() throws Exception {
        String[][] cases = {
            {"{'descr': '<i8', 'fortran_order': False, 'shape': (2, 1), }", "holds dtype '<i8'"},
            {"{'descr': '>f8', 'fortran_order': False, 'shape': (2, 1), }", "holds dtype '>f8'"},
            {"{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1), }", "is in Fortran order"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (1, 1, 2), }", "an array of 3 dimensions"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (0, 2), }", "no data"},
            {"{'descr': '<f8', 'fortran_order': False, 'shape': (5, 2), }", "cut short: its header says 5 × 2 values"},
            {"{'fortran_order': False, 'shape': (2, 1), }", "without 'descr'"},
        };
        for (String[] c : cases) {
            Path f = npy("bad.npy", 1, c[0], new double[] {1, 2}, -1);
            InputException e = assertThrows(InputException.class, () -> NpyFiles.read(f), c[0]);
            assertTrue(e.getMessage().startsWith(f + ": ") && e.getMessage().contains(c[1]), e.getMessage());
        }
        Path nan = npy("nan.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }",
                new double[] {1, Double.NaN}, -1);
        assertTrue(assertThrows(InputException.class, () -> NpyFiles.read(nan)).getMessage().matches("(?s).*row 2, column 1 .*NaN is not a finite number.*"));
        Path cut = npy("cut.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }", new double[] {1, 2}, 20);
        assertTrue(assertThrows(InputException.class, () -> NpyFiles.read(cut)).getMessage().contains("cut short"));
        Path text = dir.resolve("text.npy");
        Files.writeString(text, "a,b\n1,2\n");
        assertTrue(assertThrows(InputException.class, () -> NpyFiles.read(text)).getMessage().contains("not a .npy file"));
        assertTrue(assertThrows(InputException.class, () -> NpyFiles.read(dir.resolve("none.npy"))).getMessage()
                .contains("no such file"));
    }

    @Test
    void aMappedFileCutShortWhileInUseIsNamedNotAFault() throws Exception {
        Path f = dir.resolve("cut.npy");
        double[] v = new double[20_000 * 4];
        for (int q = 0; q < v.length; q++) {
            v[q] = (q % 4) + q % 7;
        }
        NpyFiles.write(Dataset.of(v, 20_000, 4), f);
        Dataset mapped = NpyFiles.read(f);
        // Another program cuts the file short while this one still maps it: a read of the lost pages
        // faults (SIGBUS), which the JVM raised as an InternalError ("a fault occurred ...").
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(128);
        }
        dev.mixtures.BadInputException e = assertThrows(dev.mixtures.BadInputException.class,
                () -> dev.mixtures.kmeans.KMeans.builder().k(2).build().fit(mapped));
        assertTrue(e.getMessage().startsWith(f + ": the file changed or was cut short while it was being read"), e.getMessage());
        // And what a caller outside a fit gets, from whatever it holds: the same error, named.
        assertTrue(mapped.readFault(e.getCause()) != null);
    }
}
