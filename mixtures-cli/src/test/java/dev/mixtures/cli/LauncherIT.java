package dev.mixtures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher end to end (issue 18): {@code ./mixtures} with the command's shaded jar, as a
 * user runs it. Runs after {@code package} (the build's integration-test phase), when the jar exists.
 */
class LauncherIT {
    @TempDir
    Path dir;

    private static Path script() {
        return Path.of("..", "mixtures").toAbsolutePath().normalize();
    }

    private ProcessBuilder launcher(String... args) {
        Path jar = Path.of("target", "mixtures.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the shaded jar, made by package: " + jar);
        List<String> cmd = new java.util.ArrayList<>(List.of(script().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("MIXTURES_JAR", jar.toString());
        pb.environment().put("MIXTURES_CDS", "0");
        pb.environment().remove("MIXTURES_JAVA_OPTS");
        return pb;
    }

    private List<String> left() throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fitsAndWritesEveryOutput() throws Exception {
        Process p = launcher("fit", "--model", "kmeans", "-k", "2", "--out", "m.json", "--labels", "l.csv")
                .redirectErrorStream(true).start();
        String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), all);
        assertTrue(all.contains("Cost J = "), all);
        assertEquals(List.of("l.csv", "m.json"), left());
    }

    @Test
    void killedByPidDuringAFitLeavesNothing() throws Exception {
        // 60,000 rows of 6 columns, a Gaussian mixture that runs far longer than the test waits.
        Path csv = dir.resolve("data.csv");
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder b = new StringBuilder("a,b,c,d,e,f\n");
        for (int i = 0; i < 60_000; i++) {
            double c = (i % 4) * 3;
            for (int j = 0; j < 6; j++) {
                b.append(String.format(java.util.Locale.ROOT, "%.4f", c + r.nextGaussian())).append(j < 5 ? ',' : '\n');
            }
        }
        Files.writeString(csv, b);
        // Standard error outside the folder checked (destroy() closes the process's pipes).
        Path log = Files.createTempFile("launcher-it", ".err");
        Process p = launcher("fit", "data.csv", "--model", "gmm", "-k", "8", "--max-iter", "100000", "--tol", "0",
                "--out", "m.json", "--labels", "l.csv").redirectError(log.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Thread.sleep(4000);
        assertTrue(p.isAlive(), "still fitting when killed");
        p.destroy(); // SIGTERM to the launcher's pid, which the JVM took over
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String err = Files.readString(log);
        Files.delete(log);
        assertEquals(143, p.exitValue(), err);
        assertEquals(List.of("data.csv"), left(), "no output and no temporary file");
    }
}
