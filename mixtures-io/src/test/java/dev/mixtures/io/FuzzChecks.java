package dev.mixtures.io;

import dev.mixtures.data.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What every fuzz target asserts of what it accepted. */
final class FuzzChecks {
    /** One temporary file per suffix, rewritten for each input (a fuzz run makes a million). */
    private static final Map<String, Path> FILES = new HashMap<>();

    private FuzzChecks() {
    }

    /** The input as the content of a file (the readers under test take paths). */
    static Path asFile(byte[] input, String suffix) throws IOException {
        Path f = FILES.get(suffix);
        if (f == null) {
            f = Files.createTempFile("fuzz", suffix);
            f.toFile().deleteOnExit();
            FILES.put(suffix, f);
        }
        Files.write(f, input);
        return f;
    }

    /** A dataset read from any input holds finite values and weights (or NaN for a missing cell where allowed). */
    static void finite(Dataset d) {
        d.forEachRow((i, x, at, w) -> {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new AssertionError("row " + i + ": weight " + w);
            }
            for (int j = 0; j < d.d(); j++) {
                if (Double.isInfinite(x[at + j])) {
                    throw new AssertionError("row " + i + ", column " + j + ": " + x[at + j]);
                }
            }
        });
    }
}
