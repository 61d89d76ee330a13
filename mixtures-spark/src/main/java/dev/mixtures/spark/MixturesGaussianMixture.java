package dev.mixtures.spark;

import dev.mixtures.gaussian.CovarianceType;
import dev.mixtures.gaussian.GaussianParams;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.StructType;

/**
 * The library's Gaussian mixture as a Spark ML estimator: every covariance structure (mclust's
 * fourteen), fitted by {@link SparkGaussianMixture} from a vector column of features; its model
 * adds each row's most probable component and its responsibilities. Works inside a
 * {@link org.apache.spark.ml.Pipeline} after a {@code VectorAssembler}.
 */
public final class MixturesGaussianMixture extends Estimator<MixturesGaussianMixtureModel> {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final IntParam k;
    private final Param<String> covariance;
    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> weightCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final IntParam maxIter;
    private final DoubleParam tol;
    private final DoubleParam regCovar;
    private final LongParam seed;

    /** An estimator with the defaults. */
    public MixturesGaussianMixture() {
        this(Identifiable.randomUID("mixturesGaussianMixture"));
    }

    /** An estimator with this uid (Spark's copies and readers use it). */
    public MixturesGaussianMixture(String uid) {
        this.uid = uid;
        k = new IntParam(this, "k", "number of components (>= 1)", ParamValidators.gtEq(1));
        covariance = new Param<>(this, "covariance", "covariance structure: one of mclust's fourteen names or an alias");
        featuresCol = new Param<>(this, "featuresCol", "vector column of features");
        inputCols = new StringArrayParam(this, "inputCols", "numeric columns of features, instead of featuresCol");
        weightCol = new Param<>(this, "weightCol", "numeric column of row weights (unset: every row weighs 1)");
        predictionCol = new Param<>(this, "predictionCol", "output column of the most probable component");
        probabilityCol = new Param<>(this, "probabilityCol", "output column of the responsibilities");
        maxIter = new IntParam(this, "maxIter", "iteration limit (>= 1)", ParamValidators.gtEq(1));
        tol = new DoubleParam(this, "tol", "tolerance on ln L per row (>= 0)", ParamValidators.gtEq(0));
        regCovar = new DoubleParam(this, "regCovar", "added to every variance (>= 0)", ParamValidators.gtEq(0));
        seed = new LongParam(this, "seed", "seed of the start");
        setDefault(k, 2);
        setDefault(covariance, "full");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(maxIter, 100);
        setDefault(tol, 1e-3);
        setDefault(regCovar, 1e-6);
        setDefault(seed, 1L);
    }

    /** Number of components (≥ 1; default 2). */
    public IntParam k() {
        return k;
    }

    /** Covariance structure: mclust's name or full, tied, diag, spherical (default full). */
    public Param<String> covariance() {
        return covariance;
    }

    /** The vector column of features (default "features"). */
    /** Numeric columns of features, used instead of featuresCol when set. */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** The numeric column of row weights (unset: every row weighs 1); a weight of w counts as w copies of its row. */
    public Param<String> weightCol() {
        return weightCol;
    }

    /** Output: the most probable component (default "prediction"). */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** Output: the responsibilities, a vector (default "probability"). */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** Iteration limit of K-means and of EM (default 100). */
    public IntParam maxIter() {
        return maxIter;
    }

    /** Tolerance on ln L per row (default 1e-3, as scikit-learn's). */
    public DoubleParam tol() {
        return tol;
    }

    /** Added to every variance (default 1e-6). */
    public DoubleParam regCovar() {
        return regCovar;
    }

    /** Seed of the start (default 1). */
    public LongParam seed() {
        return seed;
    }

    @Override
    public String uid() {
        return uid;
    }

    public MixturesGaussianMixture setK(int v) {
        set(k, v);
        return this;
    }

    public MixturesGaussianMixture setCovariance(String v) {
        CovarianceType.parse(v);
        set(covariance, v);
        return this;
    }

    public MixturesGaussianMixture setFeaturesCol(String v) {
        set(featuresCol, v);
        return this;
    }

    /** Numeric columns of features, instead of a vector column. */
    public MixturesGaussianMixture setInputCols(String... v) {
        set(inputCols, v.clone());
        return this;
    }

    public MixturesGaussianMixture setWeightCol(String v) {
        set(weightCol, v);
        return this;
    }

    public MixturesGaussianMixture setPredictionCol(String v) {
        set(predictionCol, v);
        return this;
    }

    public MixturesGaussianMixture setProbabilityCol(String v) {
        set(probabilityCol, v);
        return this;
    }

    public MixturesGaussianMixture setMaxIter(int v) {
        set(maxIter, v);
        return this;
    }

    public MixturesGaussianMixture setTol(double v) {
        set(tol, v);
        return this;
    }

    public MixturesGaussianMixture setRegCovar(double v) {
        set(regCovar, v);
        return this;
    }

    public MixturesGaussianMixture setSeed(long v) {
        set(seed, v);
        return this;
    }

    /** The spec of the current settings. */
    SparkGaussianMixture.Spec spec() {
        return new SparkGaussianMixture.Spec((Integer) getOrDefault(k), CovarianceType.parse(getOrDefault(covariance)),
                (Double) getOrDefault(regCovar), (Double) getOrDefault(tol), (Integer) getOrDefault(maxIter),
                (Long) getOrDefault(seed));
    }

    @Override
    public MixturesGaussianMixtureModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        String weights = isDefined(weightCol) ? getOrDefault(weightCol) : null;
        String[] cols = isDefined(inputCols) ? getOrDefault(inputCols) : null;
        SparkRows.Rows rows = SparkRows.of(dataset.toDF(), cols == null ? getOrDefault(featuresCol) : null, cols, weights);
        SparkGaussianMixture.Spec spec = spec();
        org.apache.spark.api.java.JavaRDD<SparkFit.Block> blocks = SparkFit.blocks(rows.rows(), rows.d(), rows.weighted());
        try {
            SparkFit.Result<GaussianParams> r = SparkGaussianMixture.fit(blocks, rows.d(), spec);
            MixturesGaussianMixtureModel m = new MixturesGaussianMixtureModel(uid, spec, r.params(), r.history(),
                    r.converged());
            copyValues(m, ParamMap.empty());
            return m.setParent(this);
        } finally {
            blocks.unpersist(false);
        }
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return MixturesGaussianMixtureModel.outputSchema(schema, getOrDefault(featuresCol),
                isDefined(inputCols) ? getOrDefault(inputCols) : null, getOrDefault(predictionCol),
                getOrDefault(probabilityCol));
    }

    @Override
    public MixturesGaussianMixture copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
