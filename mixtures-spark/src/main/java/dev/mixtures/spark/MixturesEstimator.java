package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import dev.mixtures.FittedModel;
import dev.mixtures.ProgressListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the three Spark estimators share: the Params every model has (columns, k, the iteration
 * limit and tolerance, seed, start, restarts, standardising), and the fit itself: the rows checked
 * and turned into cached blocks ({@link SparkData}), the model's own fit on Spark, and a model that
 * carries the estimator's column params. Defaults are the library's own, so a fit on Spark and a
 * local fit with the same settings are the same fit. A line per iteration goes to the driver's
 * log (logger {@code dev.mixtures.spark}, INFO).
 *
 * @param <M> the model
 * @param <E> the concrete estimator
 */
public abstract class MixturesEstimator<M extends MixturesModel<M>, E extends MixturesEstimator<M, E>> extends Estimator<M>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger("dev.mixtures.spark");

    private final String uid;
    private final IntParam k;
    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> weightCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> logDensityCol;
    private final IntParam maxIter;
    private final DoubleParam tol;
    private final LongParam seed;
    private final Param<String> init;
    private final IntParam nInit;
    private final BooleanParam standardize;
    private final Param<String> initialModel;
    private transient ProgressListener listener = ProgressListener.NONE;

    MixturesEstimator(String uid, int defaultK, int defaultMaxIter, double defaultTol, long defaultSeed, int defaultNInit) {
        this.uid = uid;
        k = new IntParam(this, "k", "number of clusters or components (>= 1)", ParamValidators.gtEq(1));
        featuresCol = MixturesModel.featuresColParam(this);
        inputCols = MixturesModel.inputColsParam(this);
        weightCol = new Param<>(this, "weightCol", "numeric column of row weights (unset: every row weighs 1)");
        predictionCol = MixturesModel.predictionColParam(this);
        probabilityCol = MixturesModel.probabilityColParam(this);
        logDensityCol = MixturesModel.logDensityColParam(this);
        maxIter = new IntParam(this, "maxIter", "iteration limit (>= 1)", ParamValidators.gtEq(1));
        tol = new DoubleParam(this, "tol", "convergence tolerance (>= 0), as the library's", ParamValidators.gtEq(0));
        seed = new LongParam(this, "seed", "seed of the start");
        init = new Param<>(this, "init", "start: k-means++, random (K-means); kmeans, k-means++ (mixtures); given "
                + "(from initialModel); empty: given when initialModel is set, else the library's default");
        nInit = new IntParam(this, "nInit", "number of starts, run side by side (>= 1)", ParamValidators.gtEq(1));
        standardize = new BooleanParam(this, "standardize", "fit on standardised columns (the model works in original units)");
        initialModel = new Param<>(this, "initialModel", "a model file (or a saved model's directory) of the same kind"
                + " to start from");
        setDefault(k, defaultK);
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(logDensityCol, "");
        setDefault(maxIter, defaultMaxIter);
        setDefault(tol, defaultTol);
        setDefault(seed, defaultSeed);
        setDefault(init, "");
        setDefault(nInit, defaultNInit);
        setDefault(standardize, false);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** Number of clusters or components (≥ 1). */
    public IntParam k() {
        return k;
    }

    /** The vector column of features (default "features"). */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** Numeric columns of features, used instead of featuresCol when set. */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    /** The numeric column of row weights (unset: every row weighs 1); a weight w counts as w copies of its row. */
    public Param<String> weightCol() {
        return weightCol;
    }

    /** Output: the cluster or most probable component (default "prediction"). */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** Output of the mixtures: the responsibilities (default "probability"; empty for none). */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** Output of the mixtures: ln p(x) of each row (default empty: none). */
    public Param<String> logDensityCol() {
        return logDensityCol;
    }

    /** Iteration limit (the library's default). */
    public IntParam maxIter() {
        return maxIter;
    }

    /** Convergence tolerance, as the library's (its default). */
    public DoubleParam tol() {
        return tol;
    }

    /** Seed of the start. */
    public LongParam seed() {
        return seed;
    }

    /** Start method (empty: given when initialModel is set, else the library's default). */
    public Param<String> init() {
        return init;
    }

    /** Number of starts; they share every pass over the data. */
    public IntParam nInit() {
        return nInit;
    }

    /** Whether to fit on standardised columns. */
    public BooleanParam standardize() {
        return standardize;
    }

    /** A model file (or a saved model's directory) to start from. */
    public Param<String> initialModel() {
        return initialModel;
    }

    @SuppressWarnings("unchecked")
    final E self() {
        return (E) this;
    }

    public E setK(int v) {
        set(k, v);
        return self();
    }

    public E setFeaturesCol(String v) {
        set(featuresCol, v);
        return self();
    }

    public E setInputCols(String... v) {
        set(inputCols, v.clone());
        return self();
    }

    public E setWeightCol(String v) {
        set(weightCol, v);
        return self();
    }

    public E setPredictionCol(String v) {
        set(predictionCol, v);
        return self();
    }

    public E setProbabilityCol(String v) {
        set(probabilityCol, v);
        return self();
    }

    public E setLogDensityCol(String v) {
        set(logDensityCol, v);
        return self();
    }

    public E setMaxIter(int v) {
        set(maxIter, v);
        return self();
    }

    public E setTol(double v) {
        set(tol, v);
        return self();
    }

    public E setSeed(long v) {
        set(seed, v);
        return self();
    }

    public E setInit(String v) {
        checkInit(v);
        set(init, v);
        return self();
    }

    public E setNInit(int v) {
        set(nInit, v);
        return self();
    }

    public E setStandardize(boolean v) {
        set(standardize, v);
        return self();
    }

    public E setInitialModel(String path) {
        set(initialModel, path);
        return self();
    }

    /**
     * Also tells {@code l} of every iteration of every start, on the driver (beside the log line).
     * Not a Param: it is not saved.
     */
    public E setProgressListener(ProgressListener l) {
        listener = l == null ? ProgressListener.NONE : l;
        return self();
    }

    /** Fails unless {@code v} names a start this model runs on Spark. */
    abstract void checkInit(String v);

    /** The model's kind, for log lines. */
    abstract String kind();

    int getK() {
        return (Integer) getOrDefault(k);
    }

    int getMaxIter() {
        return (Integer) getOrDefault(maxIter);
    }

    double getTol() {
        return (Double) getOrDefault(tol);
    }

    long getSeed() {
        return (Long) getOrDefault(seed);
    }

    int getNInit() {
        return (Integer) getOrDefault(nInit);
    }

    boolean getStandardize() {
        return (Boolean) getOrDefault(standardize);
    }

    /** The start method's name: init, or "given" when unset with an initial model, or null for the library's default. */
    String startName() {
        String v = getOrDefault(init);
        if (!v.isEmpty()) {
            return v;
        }
        return isDefined(initialModel) ? "given" : null;
    }

    /**
     * The model to start from (init given), read from initialModel.
     *
     * @throws IllegalArgumentException when initialModel is unset, unreadable, or holds a model of another kind
     */
    <F extends FittedModel> F startModel(SparkSession spark, Class<F> type) {
        if (!isDefined(initialModel)) {
            throw new BadInputException("initialModel: unset, but init is given");
        }
        FittedModel m;
        try {
            m = MixturesModel.readModelFile(spark, getOrDefault(initialModel));
        } catch (BadInputException e) {
            throw new BadInputException("initialModel: " + e.getMessage(), e);
        }
        if (!type.isInstance(m)) {
            throw new BadInputException("initialModel: holds a " + m.kind() + " model; this fit starts from a "
                    + kind() + " model");
        }
        return type.cast(m);
    }

    private String[] features() {
        return isDefined(inputCols) && getOrDefault(inputCols).length > 0 ? getOrDefault(inputCols) : null;
    }

    /** Fits this model's settings to the data on Spark. */
    abstract FittedModel fit(SparkData data, SparkSession spark, ProgressListener listener);

    /** The Spark model of a library model. */
    abstract M model(String uid, FittedModel fitted);

    @Override
    public M fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        String weights = isDefined(weightCol) ? getOrDefault(weightCol) : null;
        String[] cols = features();
        Dataset<Row> df = dataset.toDF();
        SparkRows.Rows rows = SparkRows.of(df, cols == null ? getOrDefault(featuresCol) : null, cols, weights);
        SparkData data = SparkData.of(rows, columnNames(df.schema(), getOrDefault(featuresCol), cols, rows.d()), getStandardize());
        try {
            ProgressListener user = listener;
            String what = kind();
            String objectiveName = what.equals("kmeans") ? "cost J" : what.equals("gmm") ? "ln L" : "lower bound";
            String units = data.standardizer() != null ? " (standardised units)" : "";
            ProgressListener progress = (restart, iteration, max, objective) -> {
                LOG.info("{} start {}, iteration {}/{}: {} = {}{}", what, restart + 1, iteration, max, objectiveName,
                        objective, units);
                user.iteration(restart, iteration, max, objective);
            };
            M m = model(uid, fit(data, df.sparkSession(), progress));
            copyValues(m, ParamMap.empty());
            return m.setParent(this);
        } finally {
            data.release();
        }
    }

    /**
     * The columns' names: inputCols, or the names a VectorAssembler records in the vector column's
     * metadata, else x1 … xd.
     */
    static List<String> columnNames(StructType schema, String featuresCol, String[] inputCols, int d) {
        if (inputCols != null) {
            return Arrays.asList(inputCols);
        }
        List<String> names = new ArrayList<>();
        AttributeGroup g = AttributeGroup.fromStructField(schema.apply(featuresCol));
        if (g.attributes().isDefined() && g.attributes().get().length == d) {
            for (Attribute a : g.attributes().get()) {
                if (a.name().isEmpty()) {
                    break;
                }
                names.add(a.name().get());
            }
        }
        if (names.size() != d || names.stream().distinct().count() != d) {
            names.clear();
            for (int j = 1; j <= d; j++) {
                names.add("x" + j);
            }
        }
        return names;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        StructType s = MixturesModel.inputSchema(schema, getOrDefault(featuresCol), features());
        if (isDefined(weightCol) && !Arrays.asList(schema.fieldNames()).contains(getOrDefault(weightCol))) {
            throw new BadInputException("weightCol: no column '" + getOrDefault(weightCol) + "' (columns: "
                    + Arrays.toString(schema.fieldNames()) + ")");
        }
        s = MixturesModel.addOutput(s, getOrDefault(predictionCol), org.apache.spark.sql.types.DataTypes.IntegerType);
        if (!kind().equals("kmeans") && !getOrDefault(probabilityCol).isEmpty()) {
            s = MixturesModel.addOutput(s, getOrDefault(probabilityCol), new org.apache.spark.ml.linalg.VectorUDT());
        }
        if (!kind().equals("kmeans") && !getOrDefault(logDensityCol).isEmpty()) {
            s = MixturesModel.addOutput(s, getOrDefault(logDensityCol), org.apache.spark.sql.types.DataTypes.DoubleType);
        }
        return s;
    }

    @Override
    public E copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
