package dev.mixtures.io;

import dev.mixtures.BadInputException;
import dev.mixtures.data.Dataset;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy's {@code .npy} format for data: a two-dimensional array of little-endian float64 in C
 * (row-major) order, as {@code numpy.save} writes it and {@code numpy.load} reads it, with the
 * column names in a sidecar text file ({@code data.npy.columns}, one name per line; numpy's own
 * header may hold no other keys). How Python users hand data over, and read without parsing text.
 */
public final class NpyFiles {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFiles() {
    }

    /** Whether {@code file} starts with the .npy magic bytes. */
    public static boolean isNpy(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(MAGIC.length);
            return java.util.Arrays.equals(head, MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** The sidecar holding the column names of {@code file}. */
    public static Path columnsFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".columns");
    }

    /**
     * Writes the data's rows as {@code file} (format version 1.0, {@code <f8}, C order) and their
     * column names beside it, each whole or not at all. Weights are not written (a .npy holds one array).
     */
    public static void write(Dataset data, Path file) {
        int n = data.n();
        int d = data.d();
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + n + ", " + d + "), }";
        // The header (magic, version, length, dict) is padded with spaces to a multiple of 64 bytes, ending in \n.
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int total = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(total - unpadded) + "\n";
        AtomicFiles.writeBinary(file, out -> {
            out.write(MAGIC);
            out.write(new byte[] {1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            IOException[] failed = {null};
            data.forEachRow((i, x, at, w) -> {
                if (failed[0] != null) {
                    return;
                }
                try {
                    for (int j = 0; j < d; j++) {
                        if (!buf.hasRemaining()) {
                            flush(buf, out);
                        }
                        buf.putDouble(x[at + j]);
                    }
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
            flush(buf, out);
        });
        AtomicFiles.write(columnsFile(file), w -> {
            for (String c : data.columnNames()) {
                w.write(c.replace('\n', ' ') + "\n");
            }
        });
    }

    private static void flush(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    /**
     * Reads a .npy file of float64 rows (a two-dimensional C-order array; one-dimensional: one
     * column), with the column names of its sidecar when there is one (else x1 … xd).
     *
     * @throws InputException naming the file: not a .npy file, another dtype or Fortran order,
     *         a shape that is not one or two dimensions, a file shorter than its header says, or a
     *         value that is not finite
     */
    public static Dataset read(Path file) {
        return read(file, false);
    }

    /** As {@link #read(Path)}; with {@code allowMissing}, NaN values are missing cells (numpy's way to write them). */
    public static Dataset read(Path file, boolean allowMissing) {
        String name = file.toString();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(pre, 0);
            pre.flip();
            byte[] magic = new byte[Math.min(MAGIC.length, pre.remaining())];
            pre.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC) || pre.remaining() < 4) {
                throw new InputException(name + ": not a .npy file (no NumPy magic bytes)");
            }
            int major = pre.get() & 0xff;
            pre.get();
            long headerLen;
            int lenBytes;
            if (major == 1) {
                headerLen = pre.getShort() & 0xffff;
                lenBytes = 2;
            } else if (major == 2 || major == 3) {
                if (pre.remaining() < 4) {
                    throw new InputException(name + ": a .npy file cut short in its header");
                }
                headerLen = pre.getInt() & 0xffffffffL;
                lenBytes = 4;
            } else {
                throw new InputException(name + ": .npy format version " + major + " is not known");
            }
            long dataStart = MAGIC.length + 2 + lenBytes + headerLen;
            if (headerLen > 1 << 20 || ch.size() < dataStart) {
                throw new InputException(name + ": a .npy file cut short in its header");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            ch.read(hb, MAGIC.length + 2 + lenBytes);
            String header = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
            String descr = group(DESCR, header, name, "descr");
            if (!descr.equals("<f8") && !descr.equals("=f8") && !descr.equals("f8")) {
                throw new InputException(name + ": holds dtype '" + descr + "'; mixtures reads little-endian float64"
                        + " ('<f8': numpy.save(file, x.astype('<f8')))");
            }
            if (group(FORTRAN, header, name, "fortran_order").equals("True")) {
                throw new InputException(name + ": is in Fortran order; save it in C order"
                        + " (numpy.save(file, numpy.ascontiguousarray(x)))");
            }
            List<Long> shape = new ArrayList<>();
            for (String s : group(SHAPE, header, name, "shape").split(",")) {
                if (!s.isBlank()) {
                    shape.add(Long.parseLong(s.trim()));
                }
            }
            if (shape.isEmpty() || shape.size() > 2) {
                throw new InputException(name + ": an array of " + shape.size() + " dimensions; mixtures reads rows"
                        + " (two dimensions: rows × columns)");
            }
            long n = shape.get(0);
            long d = shape.size() == 2 ? shape.get(1) : 1;
            if (n < 1 || d < 1) {
                throw new InputException(name + ": no data (shape " + shape + ")");
            }
            if (n > Integer.MAX_VALUE - 8 || d > Integer.MAX_VALUE - 8) {
                throw new InputException(name + ": " + n + " rows × " + d + " columns: more rows or columns than mixtures"
                        + " takes (" + (Integer.MAX_VALUE - 8) + ")");
            }
            long bytes = n * d * 8;
            if (ch.size() < dataStart + bytes) {
                throw new InputException(name + ": cut short: its header says " + n + " × " + d + " values ("
                        + bytes + " bytes), the file has " + (ch.size() - dataStart));
            }
            // Mapped, not read: a pass streams the rows from the page cache, so the file may be
            // larger than the heap.
            try {
                return Dataset.map(file, dataStart, (int) n, (int) d, columnNames(file, (int) d), allowMissing);
            } catch (BadInputException e) {
                throw new InputException(name + ": " + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name + ": no such file");
        } catch (NumberFormatException e) {
            throw new InputException(name + ": a .npy header with a bad shape", e);
        } catch (IOException e) {
            throw new InputException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static String group(Pattern p, String header, String name, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InputException(name + ": a .npy header without '" + key + "'");
        }
        return m.group(1);
    }

    /** The sidecar's names when it has d of them, else x1 … xd. */
    private static List<String> columnNames(Path file, int d) throws IOException {
        Path side = columnsFile(file);
        if (Files.isRegularFile(side) && Files.size(side) < 1 << 24) {
            List<String> names = Files.readAllLines(side, StandardCharsets.UTF_8);
            names.removeIf(String::isBlank);
            if (names.size() == d && names.stream().distinct().count() == d) {
                return names;
            }
        }
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= d; j++) {
            names.add("x" + j);
        }
        return names;
    }
}
