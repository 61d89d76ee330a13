package dev.mixtures.cli;

import dev.mixtures.BadInputException;
import dev.mixtures.Version;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mixtures} command. Exit codes: 0 success, 2 bad input or settings (a
 * {@link BadInputException}: the message names the setting, or FILE:ROW:COLUMN) or too little
 * memory, 1 an internal error (any other exception: a bug, reported with a short trace).
 */
@Command(name = "mixtures", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Clustering and density estimation with latent-variable models: K-means, Gaussian mixtures by EM,"
                + " and Bayesian mixtures of Gaussians by variational inference; choosing K, measures, figures and"
                + " reports.",
        subcommands = {FitCommand.class, SelectCommand.class, PredictCommand.class, ScoreCommand.class, SampleCommand.class,
            EvaluateCommand.class, PlotCommand.class, ReportCommand.class, ConvertCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  mixtures fit -k 2                               Gaussian mixture on the bundled Old Faithful data",
                "  mixtures fit --model kmeans -k 2 --standardize  K-means, as in the lecture",
                "  mixtures fit data.csv -k 5 --out model.json     fit a CSV file and save the model",
                "  mixtures predict --model model.json new.csv     label new rows (--proba: responsibilities)",
                "  mixtures score --model model.json new.csv       ln p(x) per row",
                "  mixtures sample --model model.json -n 1000      draw points from the model"})
public final class Main implements Runnable {
    /** Exit code for bad input or settings. */
    public static final int BAD_INPUT = 2;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (fit, select, predict, score, sample, evaluate, plot, report)");
    }

    /** Entry point. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the command with these streams and returns the exit code (used by tests in-process). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (causedByOutOfMemory(ex)) {
                return outOfMemory(err);
            }
            if (ex instanceof BadInputException || ex instanceof dev.mixtures.gaussian.DegenerateComponentException) {
                String m = ex.getMessage();
                // The library says which column is constant; the command line knows the option that leaves it out.
                if (m != null && m.contains(") is constant (") && !m.contains("--drop-constant")) {
                    m += " (--drop-constant leaves out every constant column)";
                }
                err.println("mixtures: error: " + m);
                return BAD_INPUT;
            }
            return internalError(err, ex);
        });
        cl.setParameterExceptionHandler((ex, params) -> {
            err.println("mixtures: error: " + ex.getMessage());
            CommandLine c = ex.getCommandLine();
            err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more.");
            return BAD_INPUT;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(err);
        }
    }

    /** Frames of an internal error's trace shown: enough to place it, not a screenful. */
    static final int TRACE_FRAMES = 8;

    /**
     * A failure that is not the input's: "internal error", the exception and its first frames
     * (and its causes' first lines), exit 1.
     */
    static int internalError(PrintStream err, Throwable ex) {
        err.println("mixtures: internal error: " + ex + " (a bug in mixtures; please report it with the command)");
        StackTraceElement[] st = ex.getStackTrace();
        for (int i = 0; i < Math.min(TRACE_FRAMES, st.length); i++) {
            err.println("\tat " + st[i]);
        }
        if (st.length > TRACE_FRAMES) {
            err.println("\t... " + (st.length - TRACE_FRAMES) + " more");
        }
        for (Throwable c = ex.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            err.println("caused by: " + c);
        }
        return 1;
    }

    /** Whatever ran out (a file's rows, a grid, samples), the remedy is the same, in one line. */
    private static int outOfMemory(PrintStream err) {
        long mb = Runtime.getRuntime().maxMemory() >> 20;
        err.println("mixtures: error: not enough memory (the JVM may use " + mb + " MB); give it more with"
                + " MIXTURES_JAVA_OPTS=-Xmx<size>, say -Xmx" + Math.max(2, 2 * mb / 1024) + "g, or use fewer rows");
        return BAD_INPUT;
    }

    /** Whether {@code t} or one of its causes is an OutOfMemoryError (a worker thread's, say). */
    private static boolean causedByOutOfMemory(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** Supplies the version for {@code --version}. */
    public static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mixtures " + Version.VERSION, "Java " + System.getProperty("java.version")
                    + ", distance kernel " + dev.mixtures.linalg.Kernels.best().name()};
        }
    }
}
