package dev.mixtures.cli;

import dev.mixtures.data.Dataset;
import dev.mixtures.io.InputException;
import dev.mixtures.io.NpyFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mixtures convert}: a CSV file's numeric columns as NumPy's .npy, which every command reads without parsing text. */
@Command(name = "convert", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write the numeric columns of FILE (CSV, or the bundled Old Faithful data) as OUT.npy: float64"
                + " rows in C order, as numpy.save writes them, with the column names in OUT.npy.columns. Every"
                + " command reads .npy files (known by their first bytes).",
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures convert data.csv data.npy && mixtures fit data.npy -k 4",
                "  python3 -c \"import numpy; print(numpy.load('data.npy').shape)\"",
                "",
                "Exit status: 0 on success, 2 on bad input."})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DataOptions data = new DataOptions();

    @Parameters(index = "1", paramLabel = "OUT", description = "The .npy file to write.")
    Path out;

    @Override
    public Integer call() {
        if (!out.getFileName().toString().endsWith(".npy")) {
            throw new InputException("OUT: " + out + " should end in .npy");
        }
        data.checkOutput(out, "OUT");
        DataOptions.Loaded loaded = data.loadToFit(spec.commandLine().getErr());
        Dataset ds = loaded.data;
        if (ds.hasWeights()) {
            throw new InputException("--weights: a .npy file holds the rows only; leave the weights out");
        }
        NpyFiles.write(ds, out);
        spec.commandLine().getOut().printf("%s: %d rows × %d columns (%s) written to %s%n", loaded.source, ds.n(), ds.d(),
                Summary.columnList(ds.columnNames()), out);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
