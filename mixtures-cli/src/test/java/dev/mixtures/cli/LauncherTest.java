package dev.mixtures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ./mixtures launcher, run with a stand-in for java (JAVA_HOME) and a given jar (MIXTURES_JAR):
 * it drops the JVM's incubator-module warning and passes the rest of standard error as it comes,
 * a progress bar's carriage returns included, and tells the program whether its standard error
 * is a terminal (under `script`, a pseudo-terminal).
 */
class LauncherTest {
    @TempDir
    Path dir;

    private Path fakeJdk() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = bin.resolve("java");
        // Says what it was given, then draws a bar with no line end, waits, and finishes the line.
        Files.writeString(java, String.join("\n", "#!/usr/bin/env bash",
                "echo 'WARNING: Using incubator modules: jdk.incubator.vector' >&2",
                "echo \"args: $*\"",
                "printf '\\r[###   ] 3 iterations' >&2",
                "sleep 1",
                "printf '\\rdone\\n' >&2", ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.resolve("jdk");
    }

    private ProcessBuilder launcher(List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JAVA_HOME", fakeJdk().toString());
        pb.environment().put("MIXTURES_JAR", dir.resolve("given.jar").toString());
        pb.environment().put("MIXTURES_CDS", "0");
        return pb;
    }

    private static Path script() {
        return Path.of("..", "mixtures").toAbsolutePath().normalize();
    }

    @Test
    void stderrPassesAsItComesWithoutTheWarning() throws Exception {
        Process p = launcher(List.of(script().toString(), "fit")).start();
        InputStream err = p.getErrorStream();
        // The bar arrives while the program is still running (a line filter would hold it back).
        String bar = "\r[###   ] 3 iterations";
        byte[] first = new byte[bar.length()];
        int got = 0;
        long start = System.nanoTime();
        while (got < first.length) {
            int r = err.read(first, got, first.length - got);
            if (r < 0) {
                break;
            }
            got += r;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(bar, new String(first, 0, got, StandardCharsets.UTF_8));
        assertTrue(p.isAlive(), "the bar came before the program ended (" + seconds + " s)");
        String rest = new String(err.readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("\rdone\n", rest);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(out.contains("-Dmixtures.stderr.tty=false"), out);
        assertTrue(out.contains("-jar " + dir.resolve("given.jar") + " fit"), out);
    }

    @Test
    void aTerminalIsToldAsSuch() throws Exception {
        Path log = dir.resolve("typescript");
        Process p = launcher(List.of("script", "-qec", script() + " fit", log.toString())).redirectErrorStream(true)
                .start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(all.contains("-Dmixtures.stderr.tty=true"), all);
        assertTrue(all.contains("[###   ] 3 iterations"), all);
        assertFalse(all.contains("WARNING: Using incubator"), all);
    }

    @Test
    void theProgramBelievesTheLauncher() {
        assertTrue(Progress.terminal("true", false, false));
        assertFalse(Progress.terminal("false", true, false), "a pipe behind the launcher, though the JVM has a console");
        assertTrue(Progress.terminal(null, true, false), "no launcher: the JVM's console decides");
        assertFalse(Progress.terminal("true", true, true), "never under CI");
    }
    /** Out of memory, anywhere: exit 2 and one line that says what to do, not a stack trace. */
    @Test
    void outOfMemoryIsOneLine() throws Exception {
        Path csv = dir.resolve("big.csv");
        StringBuilder b = new StringBuilder("a,b,c,d\n");
        for (int i = 0; i < 300_000; i++) {
            b.append(i).append(',').append(i % 7).append(',').append(i % 11).append(',').append(i % 13).append('\n');
        }
        Files.writeString(csv, b);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx24m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "fit", csv.toString(), "--model", "kmeans", "-k", "3")
                .redirectErrorStream(true).start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), all);
        assertTrue(all.startsWith("mixtures: error: not enough memory (the JVM may use "), all);
        assertTrue(all.contains("MIXTURES_JAVA_OPTS=-Xmx"), all);
        assertEquals(1, all.lines().count(), all);
    }

    /**
     * A signal to the launcher's pid reaches the program: killed during a run, the stand-in for
     * java (which would write its output after two seconds) never writes it. Both ways the
     * launcher runs: replaced by the JVM, and (on the run that writes the class-data archive)
     * with the JVM as its child and the signal passed on.
     */
    @Test
    void aSignalToTheLauncherEndsTheProgram() throws Exception {
        for (String cds : List.of("0", "1")) {
            Path bin = Files.createDirectories(dir.resolve("slow" + cds + "/bin"));
            Path java = bin.resolve("java");
            Path marker = dir.resolve("written" + cds);
            Files.writeString(java, String.join("\n", "#!/usr/bin/env bash", "echo started", "sleep 2",
                    "echo done > '" + marker + "'", ""));
            Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
            ProcessBuilder pb = new ProcessBuilder(script().toString(), "fit");
            pb.environment().put("JAVA_HOME", bin.getParent().toString());
            pb.environment().put("MIXTURES_JAR", dir.resolve("given.jar").toString());
            pb.environment().put("MIXTURES_CDS", cds);
            Process p = pb.start();
            // Wait until the program runs, then end the launcher by its pid, as `kill PID` would.
            byte[] line = new byte["started\n".length()];
            int got = 0;
            while (got < line.length) {
                int r = p.getInputStream().read(line, got, line.length - got);
                assertTrue(r > 0, "the stand-in started");
                got += r;
            }
            p.destroy();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertTrue(p.exitValue() != 0, "MIXTURES_CDS=" + cds + ": exit " + p.exitValue());
            Thread.sleep(3000);
            assertFalse(Files.exists(marker), "MIXTURES_CDS=" + cds + ": the program went on after the launcher was killed");
        }
    }

    /** Standard output's write errors: a full disk is exit 3 and one line; a reader gone is 141, quietly. */
    @Test
    void standardOutputThatCannotBeWrittenIsAnError() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "fit",
                "--model", "kmeans", "-k", "2", "--json");
        if (Files.exists(Path.of("/dev/full"))) {
            Process p = new ProcessBuilder(cmd).redirectOutput(new java.io.File("/dev/full")).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(Main.OUTPUT_FAILED, p.exitValue(), err);
            assertEquals("mixtures: error: standard output could not be written: No space left on device", err.strip());
        }
        Process p = new ProcessBuilder(cmd).start();
        p.getInputStream().close(); // the reader goes before the first line
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(Main.BROKEN_PIPE, p.exitValue(), err);
        assertEquals("", err.strip());
    }

    /**
     * sample streams its points: a million of them from a 32 MB heap (held whole, they took 50 MB
     * and more; -n 2000000000 ran out of memory), the same file as the in-memory draw gives.
     */
    @Test
    void sampleStreamsAnyNumberOfPoints() throws Exception {
        Path model = dir.resolve("g.json");
        CliTest.Result fit = CliTest.run("fit", "--model", "gmm", "-k", "2", "--out", model.toString());
        assertEquals(0, fit.code, fit.err);
        Path out = dir.resolve("points.csv");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sample", "--model", model.toString(), "-n", "1000000", "--seed", "3", "--out", out.toString())
                .redirectErrorStream(true).start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), all);
        try (var lines = Files.lines(out)) {
            assertEquals(1_000_001, lines.count());
        }
        // The first points are those of the library's in-memory draw with the same seed.
        var m = (dev.mixtures.gaussian.GaussianMixtureModel) dev.mixtures.io.ModelFiles.read(model);
        double[][] first = m.sample(3, 3).points();
        List<String> head;
        try (var lines = Files.lines(out)) {
            head = lines.skip(1).limit(3).toList();
        }
        for (int i = 0; i < 3; i++) {
            assertTrue(head.get(i).startsWith(first[i][0] + "," + first[i][1] + ","), head.get(i));
        }
    }
}
