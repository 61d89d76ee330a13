package dev.mixtures.cli;

import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mixtures score}: ln p(x) of every row under a saved mixture. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write ln p(x) of every row of FILE (default: the bundled Old Faithful data) under a saved Gaussian"
                + " mixture, in the data's original units, as CSV (column logDensity).",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit -k 2 --out faithful.json && mixtures score --model faithful.json",
                "  mixtures score --model model.json new.csv --out scores.csv",
                "  mixtures score --model model.json new.csv --mean     (one number: the mean ln p per row)",
                "",
                "Exit status: 0 on success, 2 on bad input (a damaged model file, wrong columns, a bad cell)."})
final class ScoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A gmm model file written by 'mixtures fit --out'.")
    Path modelFile;

    @Mixin
    DataOptions data = new DataOptions();

    @Option(names = "--out", paramLabel = "FILE", description = "Write the scores here instead of standard output.")
    Path out;

    @Option(names = "--mean", description = "Print only the mean ln p per unit of row weight.")
    boolean mean;

    @Override
    public Integer call() {
        var any = ModelFiles.read(modelFile);
        if (!(any instanceof GaussianMixtureModel)) {
            throw new InputException("--model: " + modelFile + " holds a " + any.kind() + " model, which has no density; score needs a gmm model");
        }
        GaussianMixtureModel m = (GaussianMixtureModel) any;
        PredictCommand.checkOutput(out, modelFile, data);
        DataOptions.Loaded loaded = PredictCommand.loadMatching(m, data);
        if (mean) {
            double v = m.score(loaded.data);
            PredictCommand.emit(spec, out, w -> w.write(v + "\n"));
            return 0;
        }
        double[] ll = m.scoreSamples(loaded.data);
        PredictCommand.emit(spec, out, w -> {
            w.write("logDensity\n");
            for (double v : ll) {
                w.write(Double.toString(v));
                w.write('\n');
            }
        });
        return 0;
    }
}
