package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import dev.mixtures.FittedModel;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.functions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;

/**
 * The fit as a Spark application, for {@code spark-submit}: reads Parquet or CSV from any Hadoop
 * path, fits K-means, the Gaussian mixture or the Bayesian mixture on the numeric columns, writes
 * the model file (the CLI's JSON: {@code mixtures predict model.json …} reads it) and, when asked,
 * labels and probabilities as Parquet, one row per input row. A line per iteration goes to the
 * driver's log. Bad arguments exit with status 2 and one line saying what is wrong.
 *
 * <pre>
 * spark-submit --class dev.mixtures.spark.FitJob mixtures-spark-VERSION-all.jar \
 *     --input hdfs:///data/points.parquet --model gmm -k 8 --covariance VVV \
 *     --out hdfs:///models/points.json --labels hdfs:///out/points-labels.parquet
 * </pre>
 */
public final class FitJob {
    private static final String USAGE = String.join("\n",
            "usage: FitJob --input PATH --out MODEL.json [options]",
            "  --input PATH          Parquet (a file or a directory) or CSV with a header line",
            "  --format parquet|csv  default: from the name (.csv, .csv.gz: csv; else parquet)",
            "  --columns a,b,c       numeric feature columns (default: every numeric column but --weight and --id)",
            "  --weight COLUMN       row weights",
            "  --id COLUMN           carried to --labels",
            "  --model kmeans|gmm|vb default gmm",
            "  -k N                  clusters or components",
            "  --covariance NAME     gmm: mclust's names or full, tied, diag, spherical; vb: the last four",
            "  --weight-prior NAME   vb: dirichlet or dirichlet-process",
            "  --concentration X     vb: the weight prior's concentration",
            "  --init NAME           kmeans: k-means++, random; gmm/vb: kmeans, k-means++; given (with --initial-model)",
            "  --initial-model PATH  a model file to start from",
            "  --n-init N, --max-iter N, --tol X, --seed N, --reg-covar X, --standardize",
            "  --out PATH            the model file (JSON, as the CLI writes it)",
            "  --labels PATH         Parquet of prediction (and probability for mixtures), with --id if given",
            "  --overwrite           replace --out and --labels if they exist");

    private FitJob() {
    }

    /** Runs the job; exits 2 on bad arguments or data (a BadInputException), 1 on anything else. */
    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out);
        } catch (BadInputException e) {
            System.err.println("mixtures-spark: " + e.getMessage());
            status = 2;
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The job on the active (or a new) Spark session; returns the exit status. */
    static int run(String[] args, PrintStream out) {
        Map<String, String> o = parse(args);
        if (o.containsKey("help")) {
            out.println(USAGE);
            return 0;
        }
        String input = required(o, "input");
        String outPath = required(o, "out");
        String format = o.getOrDefault("format",
                input.toLowerCase(Locale.ROOT).matches(".*\\.csv(\\.gz)?$") ? "csv" : "parquet");
        if (!format.equals("csv") && !format.equals("parquet")) {
            throw new BadInputException("--format: '" + format + "' (use parquet or csv)");
        }
        SparkSession spark = SparkSession.builder().appName("mixtures fit " + input).getOrCreate();
        boolean overwrite = o.containsKey("overwrite");
        checkTarget(spark, outPath, "--out", overwrite);
        if (o.containsKey("labels")) {
            checkTarget(spark, o.get("labels"), "--labels", overwrite);
        }
        Dataset<Row> df;
        try {
            df = format.equals("csv") ? spark.read().option("header", "true").option("inferSchema", "true").csv(input)
                    : spark.read().parquet(input);
        } catch (Exception e) { // Spark's AnalysisException (no such path, not Parquet) is checked in Scala only
            throw new BadInputException("--input " + input + ": cannot be read as " + format + ": "
                    + firstLine(e.getMessage()), e);
        }
        String[] columns = columns(df, o);
        MixturesEstimator<?, ?> estimator = estimator(o);
        estimator.setInputCols(columns);
        if (o.containsKey("weight")) {
            estimator.setWeightCol(o.get("weight"));
        }
        long start = System.nanoTime();
        MixturesModel<?> model = estimator.fit(df);
        FittedModel m = model.fitted();
        MixturesModel.writeText(spark, new Path(outPath), model.toJson() + "\n");
        if (o.containsKey("labels")) {
            Dataset<Row> labelled = model.transform(df);
            List<Column> keep = new ArrayList<>();
            if (o.containsKey("id")) {
                keep.add(labelled.col(quoted(o.get("id"))));
            }
            keep.add(labelled.col("prediction"));
            if (!m.kind().equals("kmeans")) {
                keep.add(functions.vector_to_array(labelled.col("probability"), "float64").as("probability"));
            }
            labelled.select(keep.toArray(new Column[0])).write().mode(overwrite ? "overwrite" : "errorifexists")
                    .parquet(o.get("labels"));
        }
        out.printf(Locale.ROOT, "%s, k = %d, %d columns %s: %s = %.6g after %d iterations (%s), %.1f s%n", m.kind(),
                m.k(), m.d(), m.columnNames(), m.objectiveName(), m.objective(), m.trace().iterations(),
                m.trace().converged() ? "converged" : "not converged", (System.nanoTime() - start) / 1e9);
        out.println("model: " + outPath + (o.containsKey("labels") ? ", labels: " + o.get("labels") : ""));
        return 0;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String quoted(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /** Fails before the fit when an output exists and may not be replaced. */
    private static void checkTarget(SparkSession spark, String path, String what, boolean overwrite) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(p) && !overwrite) {
                throw new BadInputException(what + " " + path + ": exists (add --overwrite to replace it)");
            }
        } catch (java.io.IOException e) {
            throw new BadInputException(what + " " + path + ": " + e.getMessage(), e);
        }
    }

    private static String[] columns(Dataset<Row> df, Map<String, String> o) {
        if (o.containsKey("columns")) {
            return Arrays.stream(o.get("columns").split(",")).map(String::trim).toArray(String[]::new);
        }
        List<String> numeric = new ArrayList<>();
        for (StructField f : df.schema().fields()) {
            if (f.dataType() instanceof NumericType && !f.name().equals(o.get("weight")) && !f.name().equals(o.get("id"))) {
                numeric.add(f.name());
            }
        }
        if (numeric.isEmpty()) {
            throw new BadInputException("--input: no numeric column (columns: " + Arrays.toString(df.columns()) + ")");
        }
        return numeric.toArray(new String[0]);
    }

    private static MixturesEstimator<?, ?> estimator(Map<String, String> o) {
        String kind = o.getOrDefault("model", "gmm");
        MixturesEstimator<?, ?> e;
        switch (kind) {
            case "kmeans" -> e = new MixturesKMeans();
            case "gmm" -> {
                MixturesGaussianMixture g = new MixturesGaussianMixture();
                if (o.containsKey("covariance")) {
                    g.setCovariance(o.get("covariance"));
                }
                if (o.containsKey("reg-covar")) {
                    g.setRegCovar(number(o, "reg-covar"));
                }
                e = g;
            }
            case "vb" -> {
                MixturesBayesianMixture b = new MixturesBayesianMixture();
                if (o.containsKey("covariance")) {
                    b.setCovariance(o.get("covariance"));
                }
                if (o.containsKey("reg-covar")) {
                    b.setRegCovar(number(o, "reg-covar"));
                }
                if (o.containsKey("weight-prior")) {
                    b.setWeightPrior(o.get("weight-prior"));
                }
                if (o.containsKey("concentration")) {
                    b.setConcentration(number(o, "concentration"));
                }
                e = b;
            }
            default -> throw new BadInputException("--model: '" + kind + "' (use kmeans, gmm or vb)");
        }
        if (o.containsKey("k")) {
            e.setK(integer(o, "k"));
        }
        if (o.containsKey("n-init")) {
            e.setNInit(integer(o, "n-init"));
        }
        if (o.containsKey("max-iter")) {
            e.setMaxIter(integer(o, "max-iter"));
        }
        if (o.containsKey("tol")) {
            e.setTol(number(o, "tol"));
        }
        if (o.containsKey("seed")) {
            e.setSeed(Long.parseLong(o.get("seed")));
        }
        if (o.containsKey("init")) {
            e.setInit(o.get("init"));
        }
        if (o.containsKey("initial-model")) {
            e.setInitialModel(o.get("initial-model"));
        }
        if (o.containsKey("standardize")) {
            e.setStandardize(true);
        }
        return e;
    }

    private static final List<String> FLAGS = List.of("standardize", "overwrite", "help");
    private static final List<String> OPTIONS = List.of("input", "format", "columns", "weight", "id", "model", "k",
            "covariance", "weight-prior", "concentration", "init", "initial-model", "n-init", "max-iter", "tol", "seed",
            "reg-covar", "out", "labels");

    /** --name value pairs and flags; an unknown or repeated option, or one without its value, is an error. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.equals("-k") ? "k" : a.startsWith("--") ? a.substring(2) : null;
            if (name == null || (!FLAGS.contains(name) && !OPTIONS.contains(name))) {
                throw new BadInputException("unknown argument '" + a + "'\n" + USAGE);
            }
            if (o.containsKey(name)) {
                throw new BadInputException(a + " given twice");
            }
            if (FLAGS.contains(name)) {
                o.put(name, "true");
            } else if (i + 1 >= args.length) {
                throw new BadInputException(a + " needs a value");
            } else {
                o.put(name, args[++i]);
            }
        }
        return o;
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null) {
            throw new BadInputException("--" + name + " is required\n" + USAGE);
        }
        return v;
    }

    private static int integer(Map<String, String> o, String name) {
        try {
            return Integer.parseInt(o.get(name));
        } catch (NumberFormatException e) {
            throw new BadInputException("--" + name + ": '" + o.get(name) + "' is not a whole number");
        }
    }

    private static double number(Map<String, String> o, String name) {
        try {
            return Double.parseDouble(o.get(name));
        } catch (NumberFormatException e) {
            throw new BadInputException("--" + name + ": '" + o.get(name) + "' is not a number");
        }
    }
}
