package dev.mixtures.bench;

import dev.mixtures.io.CsvData;
import dev.mixtures.io.CsvDatasetReader;
import dev.mixtures.io.CsvOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Times reading a CSV file with the library's reader, as the CLI reads it: {@code CsvRead FILE
 * TIMES} reads it TIMES times in this JVM and prints one line per read (the first is a fresh JVM's,
 * the JIT still compiling the parser). Run by mixtures-bench/scripts/compare-csv.sh beside pandas.
 */
public final class CsvRead {
    private CsvRead() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int times = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        double mb = Files.size(file) / 1e6;
        for (int i = 1; i <= times; i++) {
            long t = System.nanoTime();
            CsvData d = CsvDatasetReader.read(file, CsvOptions.defaults());
            double s = (System.nanoTime() - t) / 1e9;
            System.out.printf(Locale.ROOT, "mixtures read %d: %d rows × %d in %.2f s, %.0f MB/s%n", i, d.dataset().n(),
                    d.dataset().d(), s, mb / s);
        }
    }
}
