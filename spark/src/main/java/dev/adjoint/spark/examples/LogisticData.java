package dev.adjoint.spark.examples;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.randn;
import static org.apache.spark.sql.functions.when;

import java.util.Random;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Seeded synthetic data for logistic regression: features {@code x0 … x(d-1)} standard normal, a
 * label drawn as {@code 1} with probability {@code σ(w·x + b)} for weights from {@code
 * Random(seed)}, and the features also as MLlib's vector column {@code features}. For a fixed seed,
 * size and partition count the rows are the same on every run (Spark's {@code rand}/{@code randn}
 * are seeded per partition).
 */
final class LogisticData {

  private LogisticData() {}

  /**
   * The feature names.
   *
   * @param d the number of features
   * @return {@code x0 … x(d-1)}
   */
  static String[] featureNames(int d) {
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = "x" + j;
    }
    return names;
  }

  /**
   * The true model: {@code d} weights then the intercept.
   *
   * @param d the number of features
   * @param seed the seed
   * @return {@code d + 1} values
   */
  static double[] trueModel(int d, long seed) {
    Random random = new Random(seed);
    double[] model = new double[d + 1];
    for (int j = 0; j <= d; j++) {
      model[j] = 0.5 * random.nextGaussian();
    }
    return model;
  }

  /**
   * The rows {@code label, x0 … x(d-1), features}, not cached.
   *
   * @param session the session
   * @param rows the number of rows
   * @param d the number of features
   * @param partitions the number of partitions
   * @param seed the seed
   * @return the data set
   */
  static Dataset<Row> generate(SparkSession session, long rows, int d, int partitions, long seed) {
    double[] model = trueModel(d, seed);
    String[] names = featureNames(d);
    Dataset<Row> data = session.range(0, rows, 1, partitions).toDF();
    Column z = lit(model[d]);
    for (int j = 0; j < d; j++) {
      data = data.withColumn(names[j], randn(seed + 1 + j));
      z = z.plus(col(names[j]).multiply(model[j]));
    }
    Column p = lit(1.0).divide(lit(1.0).plus(exp(z.multiply(-1.0))));
    data = data.withColumn("label", when(rand(seed + 1 + d).lt(p), 1.0).otherwise(0.0));
    Dataset<Row> assembled =
        new VectorAssembler().setInputCols(names).setOutputCol("features").transform(data);
    Column[] kept = new Column[d + 2];
    kept[0] = col("label");
    for (int j = 0; j < d; j++) {
      kept[j + 1] = col(names[j]);
    }
    kept[d + 1] = col("features");
    return assembled.select(kept);
  }
}
