package dev.mixtures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Figures as files: valid SVG and PNG of the stated size, drawn content, bad input. */
class PlotTest {
    @TempDir
    Path dir;

    private static Document svg(Path f) throws Exception {
        DocumentBuilderFactory f2 = DocumentBuilderFactory.newInstance();
        f2.setNamespaceAware(true);
        return f2.newDocumentBuilder().parse(f.toFile());
    }

    private static int groups(Document doc, String cls) {
        NodeList g = doc.getElementsByTagName("g");
        int n = 0;
        for (int i = 0; i < g.getLength(); i++) {
            if (((Element) g.item(i)).getAttribute("class").equals(cls)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void everyFigureOfAGaussianMixtureIsValidSvgOfTheStatedSize() throws Exception {
        Path model = dir.resolve("g.json");
        assertEquals(0, CliTest.run("fit", "-k", "2", "--out", model.toString()).code);
        for (String kind : new String[] {"data", "clusters", "responsibilities", "density", "posterior", "progress",
            "samples"}) {
            Path f = dir.resolve(kind + ".svg");
            CliTest.Result r = CliTest.run("plot", "--model", model.toString(), "--kind", kind, "--out", f.toString(),
                    "--size", "640x480");
            assertEquals(0, r.code, r.err);
            Document doc = svg(f);
            Element root = doc.getDocumentElement();
            assertEquals("svg", root.getLocalName());
            assertEquals("640", root.getAttribute("width"), kind);
            assertEquals("480", root.getAttribute("height"), kind);
            assertTrue(doc.getElementsByTagName("circle").getLength() >= 272, kind + ": every point is drawn");
        }
        // Two components: a 1-σ and a 2-σ ellipse each.
        Document clusters = svg(dir.resolve("clusters.svg"));
        assertEquals(2, groups(clusters, "ellipse sigma1"));
        assertEquals(2, groups(clusters, "ellipse sigma2"));
        assertTrue(svg(dir.resolve("density.svg")).getElementsByTagName("polyline").getLength() >= 8, "a line per level");
    }

    @Test
    void theBayesianMixturesProgressMarksItsMoves() throws Exception {
        // Old Faithful, K = 6: the moves take components out; each iteration that moved gets a marked line.
        Path model = dir.resolve("vb.json");
        assertEquals(0, CliTest.run("fit", "--model", "vb", "-k", "6", "--out", model.toString()).code);
        Path f = dir.resolve("progress.svg");
        CliTest.Result r = CliTest.run("plot", "--model", model.toString(), "--kind", "progress", "--out", f.toString());
        assertEquals(0, r.code, r.err);
        Document doc = svg(f);
        assertTrue(groups(doc, "moves") == 1, "one group of move markers");
        String text = java.nio.file.Files.readString(f);
        int inUse = new com.fasterxml.jackson.databind.ObjectMapper().readTree(model.toFile()).get("parameters")
                .get("componentsInUse").asInt();
        assertTrue(inUse < 6, "in use: " + inUse);
        assertTrue(text.contains("→ " + inUse + " in use"), "the last move leaves " + inUse + " in use");
        Path plain = dir.resolve("plain.json");
        assertEquals(0, CliTest.run("fit", "--model", "vb", "-k", "6", "--moves", "none", "--out", plain.toString()).code);
        Path g = dir.resolve("plain.svg");
        assertEquals(0, CliTest.run("plot", "--model", plain.toString(), "--kind", "progress", "--out", g.toString()).code);
        assertEquals(0, groups(svg(g), "moves"), "no moves, no markers");
    }

    @Test
    void pngHasTheStatedSizeAndTheClusterColours() throws Exception {
        Path f = dir.resolve("c.png");
        CliTest.Result r = CliTest.run("fit", "--model", "kmeans", "-k", "2", "--plot", f.toString());
        assertEquals(0, r.code, r.err);
        BufferedImage img = ImageIO.read(f.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(600, img.getHeight());
        assertEquals(0xffffff, img.getRGB(2, 2) & 0xffffff, "white background");
        int blue = 0;
        int orange = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                blue += rgb == 0x4e79a7 ? 1 : 0;
                orange += rgb == 0xf28e2b ? 1 : 0;
            }
        }
        assertTrue(blue > 200 && orange > 200, "both clusters drawn in their colours: " + blue + ", " + orange);
    }

    @Test
    void theBayesianModelDrawsItsEffectiveComponentsAndTheSelectionItsCriteria() throws Exception {
        Path f = dir.resolve("vb.svg");
        CliTest.Result r = CliTest.run("fit", "--model", "vb", "-k", "6", "--alpha0", "0.001", "--standardize", "--plot",
                f.toString());
        assertEquals(0, r.code, r.err);
        assertEquals(2, groups(svg(f), "ellipse sigma1"), "two effective components of six");
        Path s = dir.resolve("sel.svg");
        CliTest.Result sel = CliTest.run("select", "-k", "1..4", "--plot", s.toString());
        assertEquals(0, sel.code, sel.err);
        Document doc = svg(s);
        for (String t : new String[] {"full", "diag", "spherical", "tied"}) {
            assertEquals(1, groups(doc, "criterion " + t));
        }
    }

    @Test
    void higherDimensionsUseNamedColumnsOrPrincipalComponentsAndManyPointsAreSampled() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,c\n");
        java.util.SplittableRandom g = new java.util.SplittableRandom(5);
        for (int i = 0; i < 30_000; i++) {
            int k = i % 3;
            csv.append(k * 5 + g.nextGaussian()).append(',').append(g.nextGaussian() - k * 4).append(',')
                    .append(g.nextGaussian() + k).append('\n');
        }
        Path data = dir.resolve("abc.csv");
        Files.writeString(data, csv.toString());
        Path model = dir.resolve("m.json");
        assertEquals(0, CliTest.run("fit", data.toString(), "-k", "3", "--out", model.toString()).code);
        Path pc = dir.resolve("pc.svg");
        assertEquals(0, CliTest.run("plot", "--model", model.toString(), data.toString(), "--kind", "density", "--out",
                pc.toString()).code);
        String text = Files.readString(pc);
        assertTrue(text.contains("PC1 (") && text.contains("PC2 ("), "axes named by their components");
        assertTrue(text.contains("20,000 of 30,000 points drawn"), "the sample is said on the figure");
        Path cols = dir.resolve("cols.svg");
        assertEquals(0, CliTest.run("plot", "--model", model.toString(), data.toString(), "--kind", "clusters", "--x", "c",
                "--y", "a", "--out", cols.toString()).code);
        assertTrue(Files.readString(cols).contains(">c</text>"));
    }

    @Test
    void theLecturesReScaledUnits() throws Exception {
        Path f = dir.resolve("rescaled.svg");
        CliTest.Result r = CliTest.run("plot", "--kind", "data", "--rescaled", "--out", f.toString());
        assertEquals(0, r.code, r.err);
        String text = Files.readString(f);
        assertTrue(text.contains(">eruptions (re-scaled)</text>") && text.contains(">waiting (re-scaled)</text>"));
        assertTrue(text.contains(">-1.0</text>") && text.contains(">0.0</text>") && text.contains(">1.0</text>"),
                "ticks around 0 in SD units");
        Path fit = dir.resolve("km.svg");
        assertEquals(0, CliTest.run("fit", "--model", "kmeans", "-k", "2", "--standardize", "--plot", fit.toString()).code);
        assertTrue(Files.readString(fit).contains("(re-scaled)"), "a standardised fit is drawn re-scaled");
    }

    @Test
    void badInputIsNamedAndWritesNothing() throws Exception {
        Path model = dir.resolve("g.json");
        assertEquals(0, CliTest.run("fit", "-k", "2", "--out", model.toString()).code);
        Path km = dir.resolve("k.json");
        assertEquals(0, CliTest.run("fit", "--model", "kmeans", "-k", "2", "--out", km.toString()).code);
        Path out = dir.resolve("never.svg");
        CliTest.bad("--kind: unknown figure 'pie'", "plot", "--model", model.toString(), "--kind", "pie", "--out", out.toString());
        CliTest.bad("--x: no column 'colour'", "plot", "--model", model.toString(), "--kind", "clusters", "--x", "colour", "--y",
                "waiting", "--out", out.toString());
        CliTest.bad("a kmeans model has no responsibilities or density", "plot", "--model", km.toString(), "--kind", "density",
                "--out", out.toString());
        CliTest.bad("should end in .svg or .png", "plot", "--kind", "data", "--out", dir.resolve("x.txt").toString());
        CliTest.bad("--size: 'big' is not WIDTHxHEIGHT", "plot", "--kind", "data", "--size", "big", "--out", out.toString());
        CliTest.bad("--kind clusters: needs --model", "plot", "--kind", "clusters", "--out", out.toString());
        Path three = dir.resolve("three.csv");
        Files.writeString(three, "p,q,r\n1,2,3\n4,5,6\n7,8,9\n");
        CliTest.bad("but the model was fitted on 2", "plot", "--model", model.toString(), three.toString(), "--kind", "clusters",
                "--out", out.toString());
        CliTest.bad("--plot-kind density: a kmeans model has no", "fit", "--model", "kmeans", "--plot", out.toString(),
                "--plot-kind", "density");
        assertFalse(Files.exists(out), "nothing is written on bad input");
    }
}
