package dev.mixtures.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mixtures.BadInputException;
import dev.mixtures.FittedModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Fuzzes the model-file reader (issue 18): any bytes end in a model or in the documented
 * bad-input error. Seeds (replayed in every test run): a saved model of each kind under
 * src/test/resources/dev/mixtures/io/ModelFileFuzzTestInputs/read.
 */
class ModelFileFuzzTest {
    @FuzzTest(maxDuration = "12s")
    void read(byte[] input) throws IOException {
        Path file = FuzzChecks.asFile(input, ".json");
        try {
            FittedModel m = ModelFiles.read(file);
            // What loaded must answer: its kind and a round trip through the writer.
            ModelFiles.fromJson(ModelFiles.toJson(m), "again");
        } catch (BadInputException expected) {
            // The documented refusal.
        }
    }
}
