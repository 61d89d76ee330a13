package dev.mixtures.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * Writes args[0] with AtomicFiles, in a JVM started under a given umask; with a second argument
     * "slow", says "writing" and then takes a minute over it (to be killed part-way).
     */
    public static void main(String[] args) {
        boolean slow = args.length > 1 && args[1].equals("slow");
        AtomicFiles.write(Path.of(args[0]), w -> {
            w.write("x\n");
            if (slow) {
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
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

    @Test
    void aSignalDuringAWriteLeavesNeitherTheOutputNorATemporaryFile() throws Exception {
        Path out = dir.resolve("model.json");
        String jvm = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(jvm, "-cp", System.getProperty("java.class.path"), AtomicFilesTest.class.getName(),
                out.toString(), "slow").redirectErrorStream(true).start();
        java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("writing", r.readLine());
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        try (var left = Files.list(dir)) {
            assertEquals(List.of(), left.map(f -> f.getFileName().toString()).toList(), "nothing left behind");
        }
    }

    @Test
    void targetsThatAreNotRegularFilesAreRefusedAndLeftAlone() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0);
        for (Path target : List.of(fifo, Path.of("/dev/null"))) {
            InputException e = assertThrows(InputException.class, () -> AtomicFiles.checkTarget(target, "--out"));
            assertTrue(e.getMessage().contains("--out " + target + ": not a regular file"), e.getMessage());
            InputException w = assertThrows(InputException.class, () -> AtomicFiles.write(target, x -> x.write("model")));
            assertTrue(w.getMessage().contains("not a regular file"), w.getMessage());
        }
        assertTrue(Files.isRegularFile(Path.of("/dev/null"), java.nio.file.LinkOption.NOFOLLOW_LINKS) == false);
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the pipe is still a pipe");
        try (var left = Files.list(dir)) {
            assertEquals(List.of("pipe"), left.map(f -> f.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void outputsOfOneWorkAreAllWrittenOrNone() throws Exception {
        Path model = dir.resolve("model.json");
        Path labels = dir.resolve("labels.csv");
        Files.writeString(model, "old model");
        // The second output fails after the first was written: neither changes.
        assertThrows(IllegalStateException.class, () -> AtomicFiles.allOrNone(() -> {
            AtomicFiles.write(model, w -> w.write("new model"));
            try {
                assertEquals("old model", Files.readString(model), "held back until the work is done");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            AtomicFiles.write(labels, w -> {
                throw new IllegalStateException("failed half-way");
            });
            return 0;
        }, code -> code == 0));
        assertEquals("old model", Files.readString(model));
        assertTrue(Files.notExists(labels));
        // A work that ends with a failure code writes nothing either.
        AtomicFiles.allOrNone(() -> {
            AtomicFiles.write(model, w -> w.write("new model"));
            return 2;
        }, code -> code == 0);
        assertEquals("old model", Files.readString(model));
        // And one that succeeds writes both.
        AtomicFiles.allOrNone(() -> {
            AtomicFiles.write(model, w -> w.write("new model"));
            AtomicFiles.write(labels, w -> w.write("0\n1\n"));
            return 0;
        }, code -> code == 0);
        assertEquals("new model", Files.readString(model));
        assertEquals("0\n1\n", Files.readString(labels));
        try (var left = Files.list(dir)) {
            assertEquals(List.of("labels.csv", "model.json"), left.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temporary file left");
        }
    }
}
