package dev.mixtures.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mixtures.BadInputException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fuzzes the label reader (issue 18): any bytes, with or without a column asked for, end in
 * labels (none empty) or in the documented bad-input error.
 */
class LabelReaderFuzzTest {
    @FuzzTest(maxDuration = "12s")
    void read(byte[] input) throws IOException {
        Path file = FuzzChecks.asFile(input, ".csv");
        String column = input.length % 3 == 0 ? null : input.length % 3 == 1 ? "label" : "2";
        try {
            for (String s : CsvDatasetReader.readLabels(file, column)) {
                if (s.isEmpty()) {
                    throw new AssertionError("an empty label");
                }
            }
        } catch (BadInputException expected) {
            // The documented refusal.
        }
    }
}
