package dev.mixtures.datasets;

import dev.mixtures.data.Dataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Old Faithful data of the lecture (R's {@code datasets::faithful}): 272 eruptions, columns
 * {@code eruptions} (minutes) and {@code waiting} (minutes to the next eruption). Bundled as a
 * resource so that the library and the CLI work with no file.
 */
public final class OldFaithful {
    /** Name used in summaries for the bundled copy. */
    public static final String NAME = "Old Faithful (bundled, 272 rows)";

    private OldFaithful() {
    }

    /** The bundled file's text (header eruptions,waiting), for readers that select columns or weights. */
    public static String csvText() {
        try (InputStream in = OldFaithful.class.getResourceAsStream("faithful.csv")) {
            if (in == null) {
                throw new IllegalStateException("the bundled faithful.csv is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 272 × 2 data set. */
    public static Dataset load() {
        try (InputStream in = OldFaithful.class.getResourceAsStream("faithful.csv")) {
            if (in == null) {
                throw new IllegalStateException("the bundled faithful.csv is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = r.readLine();
            List<String> names = List.of(header.split(","));
            double[] v = new double[272 * 2];
            int n = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                v[2 * n] = Double.parseDouble(f[0]);
                v[2 * n + 1] = Double.parseDouble(f[1]);
                n++;
            }
            return Dataset.wrap(java.util.Arrays.copyOf(v, 2 * n), n, 2, names, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
