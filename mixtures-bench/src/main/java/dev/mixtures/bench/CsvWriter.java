package dev.mixtures.bench;

import dev.mixtures.data.Dataset;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes benchmark data as CSV with a header, for the command-line benchmarks. */
final class CsvWriter {
    private CsvWriter() {
    }

    /** The data's columns, and a last column {@code labelName} of "b" + label when labels are given. */
    static void write(Path file, Dataset data, String labelName, int[] labels) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write(String.join(",", data.columnNames()) + (labels != null ? "," + labelName : "") + "\n");
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < data.n(); i++) {
                line.setLength(0);
                for (int j = 0; j < data.d(); j++) {
                    line.append(j > 0 ? "," : "").append(data.get(i, j));
                }
                if (labels != null) {
                    line.append(",b").append(labels[i]);
                }
                w.write(line.append('\n').toString());
            }
        }
    }
}
