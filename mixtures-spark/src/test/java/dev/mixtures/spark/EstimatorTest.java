package dev.mixtures.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mixtures.data.Dataset;
import dev.mixtures.datasets.Blobs;
import dev.mixtures.gaussian.CovarianceType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The estimator in a Pipeline after a VectorAssembler: its model labels every row as the library's
 * model of the same fit does, with responsibilities summing to 1, for a structure of mclust's.
 */
class EstimatorTest {
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = LocalSpark.session("mixtures-estimator-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aPipelineFitsAndLabelsAsTheLibrary() {
        Dataset data = Blobs.generate(1200, 3, 3, 15, 4);
        StructType schema = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < data.n(); i++) {
            rows.add(RowFactory.create(data.get(i, 0), data.get(i, 1), data.get(i, 2)));
        }
        org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(rows, schema).repartition(3);
        MixturesGaussianMixture gmm = new MixturesGaussianMixture().setK(3).setCovariance("VVE").setTol(1e-8).setSeed(2);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("features"), gmm});
        PipelineModel fitted = pipeline.fit(df);
        MixturesGaussianMixtureModel model = (MixturesGaussianMixtureModel) fitted.stages()[1];
        assertEquals(CovarianceType.VVE, model.model().covarianceType());
        List<Row> out = fitted.transform(df).select("a", "b", "c", "prediction", "probability").collectAsList();
        assertEquals(data.n(), out.size());
        double[] x = new double[out.size() * 3];
        for (int i = 0; i < out.size(); i++) {
            for (int j = 0; j < 3; j++) {
                x[i * 3 + j] = out.get(i).getDouble(j);
            }
        }
        int[] expected = model.model().predict(Dataset.of(x, out.size(), 3));
        Map<Integer, Integer> sizes = new HashMap<>();
        for (int i = 0; i < out.size(); i++) {
            int label = out.get(i).getInt(3);
            assertEquals(expected[i], label, "row " + i);
            double s = 0;
            for (double p : ((Vector) out.get(i).get(4)).toArray()) {
                s += p;
            }
            assertEquals(1, s, 1e-12);
            sizes.merge(label, 1, Integer::sum);
        }
        assertEquals(3, sizes.size(), "three well-separated blobs, three labels: " + sizes);
        assertTrue(model.model().trace().converged());

        // The numeric columns themselves (inputCols) give the same fit as their assembled vector.
        MixturesGaussianMixtureModel direct = new MixturesGaussianMixture().setK(3).setCovariance("VVE").setTol(1e-8)
                .setSeed(2).setInputCols("a", "b", "c").fit(df);
        org.junit.jupiter.api.Assertions.assertArrayEquals(model.model().trace().history(),
                direct.model().trace().history());
        List<Row> again = direct.transform(df).select("prediction").collectAsList();
        for (int i = 0; i < again.size(); i++) {
            assertEquals(out.get(i).getInt(3), again.get(i).getInt(0), "row " + i);
        }
    }

    @Test
    void badSettingsAndColumnsAreNamed() {
        assertThrows(IllegalArgumentException.class, () -> new MixturesGaussianMixture().setCovariance("XYZ"));
        StructType schema = new StructType().add("a", DataTypes.DoubleType);
        org.apache.spark.sql.Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(1.0)), schema);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MixturesGaussianMixture().fit(df));
        assertTrue(e.getMessage().contains("no column 'features'"), e.getMessage());
    }
}
