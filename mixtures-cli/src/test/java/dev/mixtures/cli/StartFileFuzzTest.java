package dev.mixtures.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.mixtures.BadInputException;
import dev.mixtures.gaussian.GaussianMixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the start-file reader of {@code --init} (issue 18): any bytes end in a start the builder
 * accepts or in the documented bad-input error, for data of 2 columns and k unset or 2.
 */
class StartFileFuzzTest {
    private static Path file;

    @FuzzTest(maxDuration = "12s")
    void read(byte[] input) throws IOException {
        if (file == null) {
            file = Files.createTempFile("fuzz", ".json");
            file.toFile().deleteOnExit();
        }
        Files.write(file, input);
        boolean kGiven = input.length % 2 == 0;
        try {
            StartFile.apply(file, 2, GaussianMixture.builder(), kGiven, 2, false, "full");
        } catch (BadInputException expected) {
            // The documented refusal.
        }
    }
}
