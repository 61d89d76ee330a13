package dev.mixtures.spark;

import dev.mixtures.FitTrace;
import dev.mixtures.Training;
import dev.mixtures.gaussian.GaussianMixtureModel;
import dev.mixtures.gaussian.GaussianParams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A Gaussian mixture fitted by {@link MixturesGaussianMixture}: a Transformer that adds each row's
 * most probable component and its responsibilities, computed a partition at a time with the
 * library's own kernels. {@link #model()} gives the library's model (predict, score, sample, save).
 */
public final class MixturesGaussianMixtureModel extends Model<MixturesGaussianMixtureModel> {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final SparkGaussianMixture.Spec spec;
    private final GaussianParams params;
    private final double[] history;
    private final boolean converged;
    private final Param<String> featuresCol;
    private final StringArrayParam inputCols;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;

    MixturesGaussianMixtureModel(String uid, SparkGaussianMixture.Spec spec, GaussianParams params, double[] history,
            boolean converged) {
        this.uid = uid;
        this.spec = spec;
        this.params = params;
        this.history = history.clone();
        this.converged = converged;
        featuresCol = new Param<>(this, "featuresCol", "vector column of features");
        inputCols = new StringArrayParam(this, "inputCols", "numeric columns of features, instead of featuresCol");
        predictionCol = new Param<>(this, "predictionCol", "output column of the most probable component");
        probabilityCol = new Param<>(this, "probabilityCol", "output column of the responsibilities");
        setDefault(featuresCol, "features");
        setDefault(predictionCol, "prediction");
        setDefault(probabilityCol, "probability");
    }

    /** The vector column of features. */
    /** Numeric columns of features, used instead of featuresCol when set. */
    public StringArrayParam inputCols() {
        return inputCols;
    }

    public Param<String> featuresCol() {
        return featuresCol;
    }

    /** Output: the most probable component. */
    public Param<String> predictionCol() {
        return predictionCol;
    }

    /** Output: the responsibilities. */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The library's model of this fit (in the units of the features). */
    public GaussianMixtureModel model() {
        return model(spec, params, history, converged);
    }

    private static GaussianMixtureModel model(SparkGaussianMixture.Spec spec, GaussianParams p, double[] history,
            boolean converged) {
        int d = p.d();
        List<String> columns = IntStream.rangeClosed(1, d).mapToObj(j -> "x" + j).collect(Collectors.toList());
        double ll = history.length == 0 ? Double.NaN : history[history.length - 1];
        Training t = new Training(null, columns, 0, 0, new FitTrace(history, converged, spec.seed(), 0, 0), List.of());
        double[] sizes = new double[p.k()];
        return GaussianMixtureModel.restore(spec.settings(), p.weights(), p.means(), p.covariances(), sizes, ll, t);
    }

    /** ln L per iteration of the fit. */
    public double[] history() {
        return history.clone();
    }

    /** Whether EM converged. */
    public boolean converged() {
        return converged;
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema());
        String features = getOrDefault(featuresCol);
        String[] cols = isDefined(inputCols) ? getOrDefault(inputCols) : null;
        List<String> names = Arrays.asList(dataset.columns());
        int at = names.indexOf(features);
        int[] numeric = cols == null ? null : Arrays.stream(cols).mapToInt(names::indexOf).toArray();
        SparkGaussianMixture.Spec s = spec;
        GaussianParams p = params;
        double[] h = history;
        boolean c = converged;
        return dataset.toDF().mapPartitions((MapPartitionsFunction<Row, Row>) rows -> {
            GaussianMixtureModel m = model(s, p, h, c);
            List<Row> batch = new ArrayList<>();
            rows.forEachRemaining(batch::add);
            int d = p.d();
            double[] x = new double[batch.size() * d];
            for (int i = 0; i < batch.size(); i++) {
                Row row = batch.get(i);
                if (numeric != null) {
                    for (int j = 0; j < d; j++) {
                        if (row.isNullAt(numeric[j])) {
                            throw new IllegalArgumentException("inputCols: a row has a null in '" + cols[j] + "'");
                        }
                        x[i * d + j] = ((Number) row.get(numeric[j])).doubleValue();
                    }
                    continue;
                }
                Vector v = (Vector) row.get(at);
                if (v == null || v.size() != d) {
                    throw new IllegalArgumentException("featuresCol '" + features + "': a row has "
                            + (v == null ? "no vector" : "a vector of size " + v.size()) + ", the model " + d);
                }
                System.arraycopy(v.toArray(), 0, x, i * d, d);
            }
            double[][] resp = batch.isEmpty() ? new double[0][] : m.predictProba(dev.mixtures.data.Dataset.of(x, batch.size(), d));
            List<Row> result = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Row r = batch.get(i);
                Object[] values = new Object[r.length() + 2];
                for (int j = 0; j < r.length(); j++) {
                    values[j] = r.get(j);
                }
                int best = 0;
                for (int q = 1; q < resp[i].length; q++) {
                    if (resp[i][q] > resp[i][best]) {
                        best = q;
                    }
                }
                values[r.length()] = best;
                values[r.length() + 1] = Vectors.dense(resp[i]);
                result.add(RowFactory.create(values));
            }
            Iterator<Row> it = result.iterator();
            return it;
        }, Encoders.row(out));
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(schema, getOrDefault(featuresCol), isDefined(inputCols) ? getOrDefault(inputCols) : null,
                getOrDefault(predictionCol), getOrDefault(probabilityCol));
    }

    /**
     * The schema with the two output columns; the features are {@code inputCols} (numeric) when
     * not null, else {@code features} (a vector).
     */
    static StructType outputSchema(StructType schema, String features, String[] inputCols, String prediction,
            String probability) {
        for (String c : inputCols != null ? inputCols : new String[] {features}) {
            String what = inputCols != null ? "inputCols" : "featuresCol";
            if (!Arrays.asList(schema.fieldNames()).contains(c)) {
                throw new IllegalArgumentException(what + ": no column '" + c + "' (columns: "
                        + Arrays.toString(schema.fieldNames()) + ")");
            }
            org.apache.spark.sql.types.DataType t = schema.apply(c).dataType();
            if (inputCols != null ? !(t instanceof org.apache.spark.sql.types.NumericType) : !(t instanceof VectorUDT)) {
                throw new IllegalArgumentException(what + ": column '" + c + "' is " + t.simpleString() + ", not "
                        + (inputCols != null ? "numeric" : "an ML vector"));
            }
        }
        for (String o : new String[] {prediction, probability}) {
            if (Arrays.asList(schema.fieldNames()).contains(o)) {
                throw new IllegalArgumentException("output column '" + o + "' already exists");
            }
        }
        return schema.add(prediction, DataTypes.IntegerType, false).add(probability, new VectorUDT(), false);
    }

    @Override
    public MixturesGaussianMixtureModel copy(ParamMap extra) {
        MixturesGaussianMixtureModel m = new MixturesGaussianMixtureModel(uid, spec, params, history, converged);
        return copyValues(m, extra).setParent(parent());
    }
}
