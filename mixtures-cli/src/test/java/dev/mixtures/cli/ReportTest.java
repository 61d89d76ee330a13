package dev.mixtures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in a real browser: headless Chromium (Debian's chromium, which .ci/run
 * installs) loads it with no console message, every figure is in the page it built, and the
 * figures are drawn (a screenshot of each is not blank). Outside CI, without Chromium, the
 * browser half is skipped; in CI a missing browser fails.
 */
class ReportTest {
    @TempDir
    Path dir;

    private static String chromium() {
        for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
            for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File f = new File(p, name);
                if (f.canExecute()) {
                    return f.getPath();
                }
            }
        }
        return null;
    }

    private static String run(List<String> cmd, Path stderr) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the browser finished");
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void theReportHasEveryFigureAndABrowserShowsThemWithoutComplaint() throws Exception {
        Path html = dir.resolve("report.html");
        CliTest.Result r = CliTest.run("report", "--out", html.toString());
        assertEquals(0, r.code, r.err);
        String text = Files.readString(html);
        assertFalse(text.contains("<script"), "no script");
        assertFalse(text.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched from the network");
        String[] kinds = {"data", "clusters", "responsibilities", "density", "posterior", "progress", "samples", "selection"};
        for (String k : kinds) {
            assertTrue(text.contains("<figure id=\"figure-" + k + "\">\n<svg"), "figure " + k);
        }
        assertTrue(text.contains("<table class=\"selection\">") && text.contains("[1]"), "the selection table");

        String browser = chromium();
        assumeTrue(browser != null || "true".equals(System.getenv("CI")), "Chromium is not installed here");
        assertTrue(browser != null, "CI installs Debian's chromium (see .ci/run)");
        List<String> base = new ArrayList<>(List.of(browser, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + dir.resolve("profile")));
        List<String> dump = new ArrayList<>(base);
        dump.add("--dump-dom");
        dump.add(html.toUri().toString());
        Path log = dir.resolve("chromium.log");
        String dom = run(dump, log);
        for (String k : kinds) {
            Matcher m = Pattern.compile("<figure id=\"figure-" + k + "\">\\s*<svg[^>]*>(.*?)</svg>", Pattern.DOTALL)
                    .matcher(dom);
            assertTrue(m.find(), "the browser's page has figure " + k);
            assertTrue(m.group(1).contains("<circle") || m.group(1).contains("<polyline"), "figure " + k + " has marks");
        }
        for (String line : Files.readAllLines(log)) {
            assertFalse(line.contains(":CONSOLE("), "a console message: " + line);
        }
        // Drawn, not only present: each figure, shown alone at its own size, is not blank.
        for (String k : kinds) {
            Path one = dir.resolve(k + ".html");
            Matcher m = Pattern.compile("<figure id=\"figure-" + k + "\">\\s*(<svg.*?</svg>)", Pattern.DOTALL).matcher(text);
            assertTrue(m.find());
            Files.writeString(one, "<!DOCTYPE html><html><body style=\"margin:0\">" + m.group(1) + "</body></html>");
            Path png = dir.resolve(k + ".png");
            List<String> shot = new ArrayList<>(base);
            shot.add("--window-size=1200,800");
            shot.add("--screenshot=" + png);
            shot.add(one.toUri().toString());
            run(shot, dir.resolve(k + ".log"));
            BufferedImage img = ImageIO.read(png.toFile());
            int coloured = 0;
            for (int y = 0; y < img.getHeight(); y += 2) {
                for (int x = 0; x < img.getWidth(); x += 2) {
                    int rgb = img.getRGB(x, y) & 0xffffff;
                    int rr = rgb >> 16;
                    int gg = (rgb >> 8) & 0xff;
                    int bb = rgb & 0xff;
                    coloured += Math.max(rr, Math.max(gg, bb)) - Math.min(rr, Math.min(gg, bb)) > 40 ? 1 : 0;
                }
            }
            assertTrue(coloured > 100, "figure " + k + " shows coloured marks in the browser: " + coloured);
        }
    }

    @Test
    void badReportOptionsAreNamed() {
        CliTest.bad("--out: the report needs a file ending in .html", "report", "--out", dir.resolve("r.txt").toString());
        CliTest.bad("--json: the report is HTML", "report", "--json", "--out", dir.resolve("r.html").toString());
        assertFalse(Files.exists(dir.resolve("r.html")));
    }
}
