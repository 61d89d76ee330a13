package dev.mixtures.spark;

import dev.mixtures.BadInputException;
import dev.mixtures.FittedModel;
import dev.mixtures.gaussian.MixtureDensity;
import dev.mixtures.io.InputException;
import dev.mixtures.io.ModelFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * What the three Spark models share: a library model ({@link FittedModel}) applied to a DataFrame
 * a partition at a time with the library's own code, adding the predicted cluster or component,
 * and for the mixtures the responsibilities and, when asked, the log-density; saved as Spark's
 * metadata beside the model file the CLI reads ({@code model.json}), so that
 * {@code mixtures predict PATH/model.json data.csv} uses a Spark-fitted model, and a model file
 * fitted locally loads into Spark ({@code load} of the file itself).
 *
 * @param <M> the concrete model
 */
public abstract class MixturesModel<M extends MixturesModel<M>> extends Model<M> implements MLWritable {
    private static final long serialVersionUID = 1L;
    /** The model file inside a saved model's directory. */
    public static final String MODEL_FILE = "model.json";

    private final String uid;
    private final String json;
    private transient FittedModel model;
    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> logDensityCol;

    MixturesModel(String uid, FittedModel model) {
        this.uid = uid;
        this.model = model;
        this.json = ModelFiles.toJson(model);
        featuresCol = featuresColParam(this);
        inputCols = inputColsParam(this);
        predictionCol = predictionColParam(this);
        probabilityCol = probabilityColParam(this);
        logDensityCol = logDensityColParam(this);
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
        setDefault(logDensityCol, "");
    }

    static Param<String> featuresColParam(Params owner) {
        return new Param<>(owner, "featuresCol", "vector column of features (default \"features\")");
    }

    static StringArrayParam inputColsParam(Params owner) {
        return new StringArrayParam(owner, "inputCols", "numeric columns of features, used instead of featuresCol when set");
    }

    static Param<String> predictionColParam(Params owner) {
        return new Param<>(owner, "predictionCol", "output: the cluster or most probable component (default \"prediction\")");
    }

    static Param<String> probabilityColParam(Params owner) {
        return new Param<>(owner, "probabilityCol",
                "output of the mixtures: the responsibilities, a vector (default \"probability\"; empty: none)");
    }

    static Param<String> logDensityColParam(Params owner) {
        return new Param<>(owner, "logDensityCol", "output of the mixtures: ln p(x) of each row (default empty: none)");
    }

    /** The vector column of features (default "features"). */
    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** Numeric columns of features, used instead of featuresCol when set. */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    /** Output: the cluster or most probable component (default "prediction"). */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** Output of the mixtures: the responsibilities (default "probability"; empty for none). */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** Output of the mixtures: ln p(x) of each row (default empty: no such column). */
    public Param<String> logDensityCol() {
        return logDensityCol;
    }

    @SuppressWarnings("unchecked")
    private M self() {
        return (M) this;
    }

    public M setFeaturesCol(String v) {
        set(featuresCol, v);
        return self();
    }

    public M setInputCols(String... v) {
        set(inputCols, v.clone());
        return self();
    }

    public M setPredictionCol(String v) {
        set(predictionCol, v);
        return self();
    }

    public M setProbabilityCol(String v) {
        set(probabilityCol, v);
        return self();
    }

    public M setLogDensityCol(String v) {
        set(logDensityCol, v);
        return self();
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The library's model (predict, score, sample, save with {@link ModelFiles}). */
    FittedModel fitted() {
        if (model == null) {
            model = ModelFiles.fromJson(json, uid);
        }
        return model;
    }

    /** The model file's text: what {@code model.json} holds. */
    public String toJson() {
        return json;
    }

    private String[] features() {
        return isDefined(inputCols) && getOrDefault(inputCols).length > 0 ? getOrDefault(inputCols) : null;
    }

    private boolean density() {
        return fitted() instanceof MixtureDensity;
    }

    @Override
    public org.apache.spark.sql.Dataset<Row> transform(org.apache.spark.sql.Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        String features = getOrDefault(featuresCol);
        String[] cols = features();
        List<String> names = Arrays.asList(dataset.columns());
        int at = names.indexOf(features);
        int[] numeric = cols == null ? null : Arrays.stream(cols).mapToInt(names::indexOf).toArray();
        boolean proba = density() && !getOrDefault(probabilityCol).isEmpty();
        boolean logDensity = density() && !getOrDefault(logDensityCol).isEmpty();
        String text = json;
        String name = uid;
        int d = fitted().d();
        return dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            FittedModel m = ModelFiles.fromJson(text, name);
            List<Row> batch = new ArrayList<>();
            rows.forEachRemaining(batch::add);
            double[] x = new double[batch.size() * d];
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                if (numeric != null) {
                    for (int j = 0; j < d; j++) {
                        if (row.isNullAt(numeric[j])) {
                            throw new BadInputException("inputCols: a row has a null in '" + cols[j] + "'");
                        }
                        x[i * d + j] = ((Number) row.get(numeric[j])).doubleValue();
                    }
                    continue;
                }
                Vector v = (Vector) row.get(at);
                if (v == null || v.size() != d) {
                    throw new BadInputException("featuresCol '" + features + "': a row has "
                            + (v == null ? "no vector" : "a vector of size " + v.size()) + ", the model " + d);
                }
                System.arraycopy(v.toArray(), 0, x, i * d, d);
            }
            dev.mixtures.data.Dataset data = dev.mixtures.data.Dataset.of(x, batch.size(), d);
            int[] labels = batch.isEmpty() ? new int[0] : m.predict(data);
            double[][] resp = proba && !batch.isEmpty() ? ((MixtureDensity) m).predictProba(data) : null;
            double[] ll = logDensity && !batch.isEmpty() ? ((MixtureDensity) m).scoreSamples(data) : null;
            List<Row> result = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Row r = batch.get(i);
                Object[] values = new Object[r.length() + 1 + (proba ? 1 : 0) + (logDensity ? 1 : 0)];
                for (int j = 0; j < r.length(); j++) {
                    values[j] = r.get(j);
                }
                int c = r.length();
                values[c++] = labels[i];
                if (proba) {
                    values[c++] = Vectors.dense(resp[i]);
                }
                if (logDensity) {
                    values[c] = ll[i];
                }
                result.add(RowFactory.create(values));
            }
            return result.iterator();
        }, Encoders.row(out));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        StructType s = inputSchema(schema, getOrDefault(featuresCol), features());
        s = addOutput(s, getOrDefault(predictionCol), DataTypes.IntegerType);
        if (density() && !getOrDefault(probabilityCol).isEmpty()) {
            s = addOutput(s, getOrDefault(probabilityCol), new VectorUDT());
        }
        if (density() && !getOrDefault(logDensityCol).isEmpty()) {
            s = addOutput(s, getOrDefault(logDensityCol), DataTypes.DoubleType);
        }
        return s;
    }

    /**
     * Checks that the features are there and of the right type: {@code inputCols} (numeric) when
     * not null, else {@code features} (a vector).
     */
    static StructType inputSchema(StructType schema, String features, String[] inputCols) {
        for (String c : inputCols != null ? inputCols : new String[] {features}) {
            String what = inputCols != null ? "inputCols" : "featuresCol";
            if (!Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new BadInputException(what + ": no column '" + c + "' (columns: "
                        + Arrays.toString(schema.fieldNames()) + ")");
            }
            DataType t = schema.apply(c).dataType();
            if (inputCols != null ? !(t instanceof NumericType) : !(t instanceof VectorUDT)) {
                throw new BadInputException(what + ": column '" + c + "' is " + t.simpleString() + ", not "
                        + (inputCols != null ? "numeric" : "an ML vector"));
            }
        }
        return schema;
    }

    static StructType addOutput(StructType schema, String name, DataType type) {
        if (Arrays.asList(schema.fieldNames()).contains(name)) {
            throw new BadInputException("output column '" + name + "' already exists");
        }
        return schema.add(name, type, false);
    }

    /** A copy with the same model, uid and parent, and {@code extra} params. */
    abstract M copyOf();

    @Override
    public M copy(ParamMap extra) {
        return copyValues(copyOf(), extra).setParent(parent());
    }

    /** Saves Spark's metadata (the params) and the model file {@code model.json} under the path. */
    @Override
    public MLWriter write() {
        MixturesModel<M> self = this;
        return new MLWriter() {
            @Override
            public void saveImpl(String path) {
                DefaultParamsWriter.saveMetadata(self, path, sparkSession());
                writeText(sparkSession(), new Path(path, MODEL_FILE), json + "\n");
            }
        };
    }

    /** Writes {@code text} to {@code file} on any Hadoop file system, whole or not at all (a temporary file, then a rename). */
    static void writeText(SparkSession spark, Path file, String text) {
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
            try (OutputStream out = fs.create(tmp, true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            fs.delete(file, false);
            if (!fs.rename(tmp, file)) {
                fs.delete(tmp, false);
                throw new IOException("cannot move " + tmp + " to " + file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(file + ": cannot be written: " + e.getMessage(), e);
        }
    }

    /**
     * The library model in a model file on any Hadoop file system: {@code path} itself, or
     * {@code path/model.json} when it is a directory (a model saved by Spark).
     *
     * @throws IllegalArgumentException naming the path when it is absent, unreadable or not a model file
     */
    static FittedModel readModelFile(SparkSession spark, String path) {
        Path p = new Path(path);
        try {
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(p)) {
                throw new BadInputException(path + ": no such model file or directory");
            }
            Path file = fs.getFileStatus(p).isDirectory() ? new Path(p, MODEL_FILE) : p;
            if (!fs.exists(file)) {
                throw new BadInputException(path + ": a directory without " + MODEL_FILE);
            }
            long len = fs.getFileStatus(file).getLen();
            if (len > Integer.MAX_VALUE / 2) {
                throw new BadInputException(file + ": " + len + " bytes is too large for a model file");
            }
            byte[] bytes = new byte[(int) len];
            try (FSDataInputStream in = fs.open(file)) {
                in.readFully(bytes);
            }
            return ModelFiles.fromJson(new String(bytes, StandardCharsets.UTF_8), file.toString());
        } catch (InputException e) {
            throw new BadInputException(e.getMessage(), e);
        } catch (IOException e) {
            throw new BadInputException(path + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The reader of a model class: a directory saved by {@link #write} (params restored from
     * Spark's metadata), or a model file written by the CLI or the library (default params).
     */
    static <M extends MixturesModel<M>, F extends FittedModel> MLReader<M> reader(Class<M> type, Class<F> kind,
            BiFunction<String, F, M> make) {
        return new MLReader<M>() {
            @Override
            public M load(String path) {
                FittedModel m = readModelFile(sparkSession(), path);
                if (!kind.isInstance(m)) {
                    throw new BadInputException(path + ": holds a " + m.kind() + " model, not what "
                            + type.getSimpleName() + " reads");
                }
                Path p = new Path(path);
                boolean directory;
                try {
                    directory = p.getFileSystem(sc().hadoopConfiguration()).getFileStatus(p).isDirectory();
                } catch (IOException e) {
                    throw new BadInputException(path + ": cannot be read: " + e.getMessage(), e);
                }
                if (!directory) {
                    return make.apply(Identifiable.randomUID(type.getSimpleName()), kind.cast(m));
                }
                DefaultParamsReader.Metadata meta = DefaultParamsReader.loadMetadata(path, sparkSession(), type.getName());
                M model = make.apply(meta.uid(), kind.cast(m));
                meta.getAndSetParams(model, scala.Option.empty());
                return model;
            }
        };
    }
}
