package dev.mixtures.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.datasets.OldFaithful;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The golden check: a fixed set of CLI fits covering every model, covariance structure, weight
 * prior, start method, standardisation, row weights, warm starts, model selection and both the
 * plain and the vector kernels (the blobs are large enough for the latter). Their {@code --json}
 * output, timings removed, must match {@code golden/fits.jsonl} in every field it holds, bit for
 * bit; fields added since may be new. A refactoring that changes a number fails here.
 *
 * <p>With {@code -Dgolden.update=PATH} the outputs are written to PATH instead of compared
 * (mixtures-cli/scripts/golden.sh); that is for intended changes only, stated in the commit.
 */
class GoldenFitsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields renamed since the golden outputs were recorded: the new name must hold the old value. */
    private static final Map<String, String> RENAMED = Map.of(
            "centers", "centres",
            "centersStandardized", "centresStandardized");

    @TempDir
    Path dir;

    @Test
    void everyFitMatchesTheGoldenOutput() throws Exception {
        writeInputs(dir);
        List<String> cases = resourceLines("golden/cases.txt");
        String update = System.getProperty("golden.update", "");
        List<String> golden = update.isEmpty() ? resourceLines("golden/fits.jsonl") : List.of();
        if (update.isEmpty()) {
            assertEquals(cases.size(), golden.size(), "golden/fits.jsonl has one line per case in golden/cases.txt");
        }
        List<String> outputs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            String line = cases.get(i).replace("{dir}", dir.toString());
            List<String> args = new ArrayList<>(List.of(line.split(" ")));
            args.add("--json");
            CliTest.Result r = CliTest.run(args.toArray(new String[0]));
            assertEquals(0, r.code, cases.get(i) + ": " + r.err);
            JsonNode out = withoutTimings(JSON.readTree(r.out.replace(dir.toString(), "{dir}")));
            outputs.add(JSON.writeValueAsString(out));
            if (update.isEmpty()) {
                String diff = missingOrChanged("", JSON.readTree(golden.get(i)), out);
                if (diff != null) {
                    failures.add("case " + (i + 1) + " (" + cases.get(i) + "): " + diff);
                }
            }
        }
        if (!update.isEmpty()) {
            Files.write(Path.of(update), outputs, StandardCharsets.UTF_8);
            return;
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + cases.size() + " fits differ from the golden output:\n"
                    + String.join("\n", failures));
        }
    }

    @Test
    void theComparisonSeesAChangedBitAMissingFieldAndToleratesANewOne() throws Exception {
        JsonNode old = JSON.readTree("{\"a\":1.0000000000000002,\"b\":[{\"c\":\"x\"}]}");
        assertEquals(null, missingOrChanged("", old, JSON.readTree("{\"a\":1.0000000000000002,\"b\":[{\"c\":\"x\",\"n\":1}],\"z\":2}")));
        assertTrue(missingOrChanged("", old, JSON.readTree("{\"a\":1.0,\"b\":[{\"c\":\"x\"}]}")).startsWith(".a"));
        assertTrue(missingOrChanged("", old, JSON.readTree("{\"a\":1.0000000000000002,\"b\":[{}]}")).startsWith(".b[0].c"));
        assertTrue(missingOrChanged("", old, JSON.readTree("{\"a\":1.0000000000000002,\"b\":[]}")).startsWith(".b"));
        JsonNode centers = JSON.readTree("{\"centers\":[[1.5]]}");
        assertEquals(null, missingOrChanged("", centers, JSON.readTree("{\"centres\":[[1.5]]}")), "a renamed field");
        assertTrue(missingOrChanged("", centers, JSON.readTree("{\"centres\":[[2.5]]}")).startsWith(".centers"));
    }

    /**
     * Where {@code now} lacks or changes something {@code old} has (a path and both values), or
     * null when every field of {@code old} is in {@code now} with the same value.
     */
    static String missingOrChanged(String path, JsonNode old, JsonNode now) {
        if (old.isObject()) {
            if (!now.isObject()) {
                return path + ": was an object, now " + now;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode n = now.get(e.getKey());
                if (n == null && RENAMED.containsKey(e.getKey())) {
                    n = now.get(RENAMED.get(e.getKey()));
                }
                if (n == null) {
                    return path + "." + e.getKey() + ": missing (was " + e.getValue() + ")";
                }
                String d = missingOrChanged(path + "." + e.getKey(), e.getValue(), n);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (old.isArray()) {
            if (!now.isArray() || now.size() != old.size()) {
                return path + ": was " + old + ", now " + now;
            }
            for (int i = 0; i < old.size(); i++) {
                String d = missingOrChanged(path + "[" + i + "]", old.get(i), now.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (old.isNumber() && now.isNumber()) {
            return Double.doubleToLongBits(old.asDouble()) == Double.doubleToLongBits(now.asDouble())
                    && old.isIntegralNumber() == now.isIntegralNumber() ? null
                    : path + ": was " + old + ", now " + now;
        }
        return old.equals(now) ? null : path + ": was " + old + ", now " + now;
    }

    /** The output without its wall-clock times, wherever they stand. */
    private static JsonNode withoutTimings(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove("seconds");
            o.forEach(GoldenFitsTest::withoutTimings);
        } else if (n.isArray()) {
            n.forEach(GoldenFitsTest::withoutTimings);
        }
        return n;
    }

    private static List<String> resourceLines(String name) throws IOException {
        try (InputStream in = GoldenFitsTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing test resource " + name);
            }
            List<String> lines = new ArrayList<>();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    lines.add(l.strip());
                }
            }
            return lines;
        }
    }

    /** The inputs the cases name, made here from fixed generators so that nothing large is committed. */
    static void writeInputs(Path dir) throws IOException {
        Dataset f = OldFaithful.load();
        StringBuilder w = new StringBuilder("eruptions,waiting,w\n");
        for (int i = 0; i < f.n(); i++) {
            // Weights 0 to 3: zero-weight rows must not count, others count as repeated rows.
            w.append(f.get(i, 0)).append(',').append(f.get(i, 1)).append(',').append(i % 5 == 0 ? 0 : 1 + i % 3).append('\n');
        }
        Files.writeString(dir.resolve("weighted.csv"), w);
        // n·k·d above 2^20 for k ≥ 7: the vector kernels, where the module is present.
        Dataset b = Blobs.generate(20_000, 8, 8, 6.0, 42);
        StringBuilder s = new StringBuilder(String.join(",", b.columnNames())).append('\n');
        for (int i = 0; i < b.n(); i++) {
            for (int j = 0; j < b.d(); j++) {
                s.append(j == 0 ? "" : ",").append(b.get(i, j));
            }
            s.append('\n');
        }
        Files.writeString(dir.resolve("blobs.csv"), s);
        Files.writeString(dir.resolve("centres.csv"), "eruptions,waiting\n2.0,55\n4.3,80\n");
        Files.writeString(dir.resolve("start.json"), "{\"weights\":[0.4,0.6],\"means\":[[2,54],[4.3,80]],"
                + "\"covariances\":[[[0.1,0.5],[0.5,30]],[[0.2,0.9],[0.9,36]]]}");
        Files.writeString(dir.resolve("m0.csv"), "eruptions,waiting\n3.5,70\n");
        Files.writeString(dir.resolve("w0inv.csv"), "1.3,13.9\n13.9,184\n");
    }
}
