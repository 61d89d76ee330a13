package dev.mixtures.cli;

import dev.mixtures.gaussian.MixtureDensity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixtures score}: ln p(x) of every row under a saved mixture. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write ln p(x) of every row of FILE (default: the bundled Old Faithful data) under a saved mixture"
                + " (gmm: the mixture density; vb: the predictive density, a mixture of Student-t), in the data's"
                + " original units, as CSV (column logDensity).",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit -k 2 --out faithful.json && mixtures score --model faithful.json",
                "  mixtures score --model model.json new.csv --out scores.csv",
                "  mixtures score --model model.json new.csv --mean     (one number: the mean ln p per row)",
                "",
                "Exit status: 0 on success, 2 on bad input (a damaged model file, wrong columns, a bad cell)."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    SavedModelOptions model = new SavedModelOptions();

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--mean", description = "Print only the mean ln p per unit of row weight.")
    boolean mean;

    @Override
    public Integer call() {
        MixtureDensity m = model.readMixture(model.read(), "--model", "has no density", "score needs a gmm or vb model");
        model.checkOutput(data);
        DataOptions.Loaded loaded = data.loadFor(m);
        if (mean) {
            double v = m.score(loaded.data);
            model.emit(spec, w -> w.write(v + "\n"));
            return 0;
        }
        double[] ll = m.scoreSamples(loaded.data);
        model.emit(spec, w -> {
            w.write("logDensity\n");
            for (double v : ll) {
                w.write(Double.toString(v));
                w.write('\n');
            }
        });
        return 0;
    }
}
