package dev.mixtures.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs get the permissions a new file gets under the user's umask, or keep those of the file they replace. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    /** Writes args[0] with AtomicFiles, in a JVM started under a given umask. */
    public static void main(String[] args) {
        AtomicFiles.write(Path.of(args[0]), w -> w.write("x\n"));
    }

    private static String writtenUnder(String umask, Path file) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder("bash", "-c", "umask " + umask + " && exec \"$0\" -cp \"$1\" "
                + AtomicFilesTest.class.getName() + " \"$2\"", java, System.getProperty("java.class.path"), file.toString())
                .inheritIO().start();
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(0, p.exitValue());
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void newFilesFollowTheUmaskAndReplacedOnesKeepTheirMode() throws Exception {
        assertEquals("rw-------", writtenUnder("077", dir.resolve("private.csv")));
        assertEquals("rw-rw-r--", writtenUnder("002", dir.resolve("group.csv")));
        Path kept = dir.resolve("kept.csv");
        Files.writeString(kept, "old\n");
        Files.setPosixFilePermissions(kept, PosixFilePermissions.fromString("rw-r-----"));
        assertEquals("rw-r-----", writtenUnder("000", kept));
        assertEquals("x\n", Files.readString(kept));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("group.csv", "kept.csv", "private.csv"),
                    left.map(f -> f.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
    }
}
