package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model-selection benchmark data of issue 5: 100,000 × 10 from 5 Gaussian blobs (centres in
 * [−3, 3]^10, unit SD, seed 2028), written as CSV with a header and a last column {@code blob}
 * holding the true blob, so that the chosen model can be judged with {@code --truth blob}.
 */
public final class SelectionBenchData {
    private SelectionBenchData() {
    }

    /** Writes selection.csv into the folder given as the first argument. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench-results");
        Files.createDirectories(dir);
        int n = 100_000;
        int d = 10;
        int blobs = 5;
        Dataset data = Blobs.generate(n, d, blobs, 3, 2028);
        int[] truth = Blobs.labels(n, blobs);
        CsvWriter.write(dir.resolve("selection.csv"), data, "blob", truth);
        System.out.println(dir.resolve("selection.csv"));
    }
}
