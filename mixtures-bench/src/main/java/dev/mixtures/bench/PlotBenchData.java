package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The figures benchmark data of issue 6: 1,000,000 × 2 from 3 blobs (spread 4, seed 7), as CSV with a header. */
public final class PlotBenchData {
    private PlotBenchData() {
    }

    /** Writes million.csv into the folder given as the first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench-results");
        Files.createDirectories(dir);
        Dataset data = Blobs.generate(1_000_000, 2, 3, 4, 7);
        CsvWriter.write(dir.resolve("million.csv"), data.withColumnNames(java.util.List.of("x", "y")), null, null);
        System.out.println(dir.resolve("million.csv"));
    }
}
