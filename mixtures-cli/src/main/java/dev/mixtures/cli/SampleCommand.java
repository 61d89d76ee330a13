package dev.mixtures.cli;

import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.io.InputException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixtures sample}: points drawn from a saved mixture. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Draw N points from a saved mixture (a component from the weights, then a point from its"
                + " Gaussian, or for a vb model from its predictive Student-t) and write them as CSV, in the data's"
                + " original units, with the component (0-based) last.",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit -k 2 --out faithful.json && mixtures sample --model faithful.json -n 500 --seed 7",
                "  mixtures sample --model model.json -n 100000 --out samples.csv",
                "",
                "Exit status: 0 on success, 2 on bad input (a damaged model file, N < 0)."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SavedModelOptions model = new SavedModelOptions();

    @Option(names = {"-n", "--n"}, required = true, paramLabel = "N", description = "Number of points.")
    long n;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        if (n < 0) {
            throw new InputException("-n: the number of points must be at least 0, got " + n);
        }
        MixtureDensity m = model.readMixture(model.read(), "--model", "cannot be sampled", "sample needs a gmm or vb model");
        model.checkOutput(null);
        List<String> cols = m.columnNames();
        String component = cols.contains("component") ? "component_" : "component";
        // Streamed: each point written as it is drawn, so -n is bounded by the disk, not the heap.
        model.emit(spec, w -> {
            w.write(String.join(",", cols.stream().map(SampleCommand::quote).toArray(String[]::new)) + "," + component + "\n");
            StringBuilder line = new StringBuilder();
            try {
                m.sample(n, seed, (x, c) -> {
                    line.setLength(0);
                    for (double v : x) {
                        line.append(v).append(',');
                    }
                    try {
                        w.write(line.append(c).append('\n').toString());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        });
        return 0;
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
