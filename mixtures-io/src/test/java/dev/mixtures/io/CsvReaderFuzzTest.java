package dev.mixtures.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mixtures.BadInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes the CSV reader (issue 18): any bytes end in a dataset or in the documented bad-input
 * error, never another exception or a hang. In a plain test run (regression mode) it replays the
 * inputs under src/test/resources/dev/mixtures/io/CsvReaderFuzzTestInputs/read; the build's fuzz
 * execution (JAZZER_FUZZ=1) mutates them for a bounded time.
 */
class CsvReaderFuzzTest {
    @FuzzTest(maxDuration = "12s")
    void read(byte[] input) {
        InputStreamReader in = new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try {
            CsvData c = CsvDatasetReader.read("f.csv", in, CsvOptions.defaults().withMissing(input.length % 2 == 0));
            FuzzChecks.finite(c.dataset());
        } catch (BadInputException expected) {
            // The documented refusal.
        }
    }
}
