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
 * memory, 3 an output that could not be written (disk full, standard output failing), 141 standard
 * output's reader gone, 1 an internal error (any other exception: a bug, reported with a short
 * trace); a signal ends it with 128 + the signal's number.
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
    /** Exit code for an output that could not be written (disk full, file too large, standard output closed). */
    public static final int OUTPUT_FAILED = 3;
    /** Exit code when standard output is a pipe whose reader has gone, as a process ended by SIGPIPE has. */
    public static final int BROKEN_PIPE = 141;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required (fit, select, predict, score, sample, evaluate, plot, report)");
    }

    /** Entry point. */
    public static void main(String[] args) {
        Recording stdout = new Recording(new java.io.FileOutputStream(java.io.FileDescriptor.out));
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        System.exit(checkOutput(code, out, stdout.failure, err));
    }

    /**
     * The exit code once standard output has been flushed: a PrintStream keeps its write errors to
     * itself, so a full disk behind {@code >} ended in exit 0 and a truncated file. A reader that
     * has gone ({@code | head}) ends the program quietly, as SIGPIPE ends other tools.
     */
    static int checkOutput(int code, PrintStream out, java.io.IOException failure, PrintStream err) {
        out.flush();
        if (!out.checkError()) {
            return code;
        }
        String why = failure == null || failure.getMessage() == null ? "write error" : failure.getMessage();
        if (why.contains("Broken pipe")) {
            return BROKEN_PIPE;
        }
        err.println("mixtures: error: standard output could not be written: " + why);
        return code == 0 ? OUTPUT_FAILED : code;
    }

    /** Passes bytes on whole (not one by one, as FilterOutputStream would) and keeps the first failure. */
    static final class Recording extends java.io.FilterOutputStream {
        java.io.IOException failure;

        Recording(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            try {
                out.write(b, off, len);
            } catch (java.io.IOException e) {
                if (failure == null) {
                    failure = e;
                }
                throw e;
            }
        }

        @Override
        public void write(int b) throws java.io.IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void flush() throws java.io.IOException {
            try {
                out.flush();
            } catch (java.io.IOException e) {
                if (failure == null) {
                    failure = e;
                }
                throw e;
            }
        }
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
            for (Throwable c = ex; c != null; c = c.getCause()) {
                if (dev.mixtures.data.Dataset.isMappingFault(c)) {
                    // Outside a fit, which names the file itself (Dataset.readFault).
                    err.println("mixtures: error: an input .npy file changed or was cut short while it was being read"
                            + " (a memory-mapped file must stay as it is while a command uses it)");
                    return BAD_INPUT;
                }
            }
            if (ex instanceof dev.mixtures.io.OutputException) {
                err.println("mixtures: error: " + ex.getMessage());
                return OUTPUT_FAILED;
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
            // Every output of the command is moved into place only when the whole command succeeded.
            return dev.mixtures.io.AtomicFiles.allOrNone(() -> cl.execute(args), code -> code == 0);
        } catch (OutOfMemoryError e) {
            return outOfMemory(err);
        } catch (dev.mixtures.io.OutputException e) {
            err.println("mixtures: error: " + e.getMessage());
            return OUTPUT_FAILED;
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
