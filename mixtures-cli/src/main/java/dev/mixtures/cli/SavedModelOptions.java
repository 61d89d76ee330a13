package dev.mixtures.cli;

import dev.mixtures.FittedModel;
import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.io.AtomicFiles;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options of the commands that use a saved model (predict, score, sample): the model file and where the CSV goes. */
final class SavedModelOptions {
    @Option(names = "--model", required = true, paramLabel = "MODEL.json", description = "A model file written by 'mixtures fit --out'.")
    Path modelFile;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the CSV here (whole or not at all) instead of standard output.")
    Path out;

    /** The saved model, of any kind. */
    FittedModel read() {
        return ModelFiles.read(modelFile);
    }

    /**
     * The saved model, which must be a mixture with a density (gmm or vb); otherwise the message
     * says, under {@code option}, what the other kind lacks ({@code lacks}) and what is needed.
     */
    MixtureDensity readMixture(FittedModel m, String option, String lacks, String need) {
        if (!(m instanceof MixtureDensity)) {
            throw new InputException(option + ": " + modelFile + " holds a " + m.kind() + " model, which " + lacks + "; "
                    + need);
        }
        return (MixtureDensity) m;
    }

    /**
     * Fails when {@code --out} cannot be written or would overwrite the input ({@code data}, may be
     * null) or the model file.
     */
    void checkOutput(DataOptions data) {
        if (FitCommand.isStdout(out)) {
            out = null; // "-": standard output, where the rows go without --out
            return;
        }
        if (data != null) {
            data.checkOutput(out, "--out");
        } else if (out != null) {
            AtomicFiles.checkTarget(out, "--out");
        }
        if (out != null && Files.exists(out)) {
            try {
                if (Files.isSameFile(out, modelFile)) {
                    throw new InputException("--out: " + out + " is the model file; it would be overwritten");
                }
            } catch (java.io.IOException e) {
                throw new InputException("--out: " + out + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes CSV text to {@code --out} (whole or not at all) or to standard output. */
    void emit(CommandSpec spec, AtomicFiles.Body content) {
        if (out != null) {
            AtomicFiles.write(out, content);
        } else {
            PrintWriter o = spec.commandLine().getOut();
            try {
                content.write(o);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            o.flush();
        }
    }
}
