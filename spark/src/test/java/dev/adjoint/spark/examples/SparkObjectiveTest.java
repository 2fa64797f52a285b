package dev.adjoint.spark.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientDescent;
import dev.adjoint.runtime.Lbfgs;
import dev.adjoint.runtime.Result;
import dev.adjoint.spark.Blocks;
import dev.adjoint.spark.ObjectiveSettings;
import dev.adjoint.spark.Packing;
import dev.adjoint.spark.Reduction;
import dev.adjoint.spark.SparkObjective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spark objective in {@code local[2]} against the single-machine generated gradient: values and
 * gradients to 1e-12 relative, the sine fit to 1e-9, the runtime's optimizers driving it, and
 * closures that Spark can serialize (it does so in local mode too).
 */
class SparkObjectiveTest {

  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("SparkObjectiveTest")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static void assertClose(double expected, double actual, double rel, String what) {
    double scale = Math.max(Math.abs(expected), Double.MIN_NORMAL);
    assertTrue(
        Math.abs(expected - actual) <= rel * scale,
        what + ": expected " + expected + " got " + actual);
  }

  /** Relative to the largest gradient component, since single components may be near zero. */
  private static void assertGradientClose(double[] expected, double[] actual, double rel) {
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    for (int i = 0; i < expected.length; i++) {
      assertTrue(
          Math.abs(expected[i] - actual[i]) <= rel * scale,
          "gradient["
              + i
              + "]: expected "
              + Arrays.toString(expected)
              + " got "
              + Arrays.toString(actual));
    }
  }

  @Test
  void sineValueAndGradientMatchOneMachine() {
    double[][] xy = SineLoss.linspace(2000);
    double[] p = {0.01, -0.3, 0.8, 0.2};
    double[] expected = new double[4];
    double v =
        SineLossDerivatives.lossValueAndGradient(p[0], p[1], p[2], p[3], xy[0], xy[1], expected);
    for (boolean ordered : new boolean[] {false, true}) {
      try (SparkObjective f =
          SparkObjective.over(
              SparkSineFit.data(spark, 2000, 3),
              Packing.columns("x", "y"),
              4,
              SparkSineFit.LOSS,
              ObjectiveSettings.defaults().withOrdered(ordered))) {
        assertEquals(2000, f.rows());
        assertEquals(3, f.blockCount());
        double[] g = new double[4];
        assertClose(v, f.valueAndGradient(p, g), 1e-12, "value");
        assertGradientClose(expected, g, 1e-12);
      }
    }
  }

  @Test
  void orderedSumsAreReproducible() {
    try (SparkObjective f =
        SparkObjective.over(
            SparkSineFit.data(spark, 500, 5),
            Packing.columns("x", "y"),
            4,
            SparkSineFit.LOSS,
            ObjectiveSettings.defaults().withOrdered(true))) {
      double[] p = {0.1, 0.2, -0.3, 0.4};
      double[] g1 = new double[4];
      double[] g2 = new double[4];
      double v1 = f.valueAndGradient(p, g1);
      double v2 = f.valueAndGradient(p, g2);
      assertEquals(v1, v2);
      assertTrue(Arrays.equals(g1, g2));
      assertEquals(2, f.evaluations());
    }
  }

  @Test
  void sineFitMatchesOneMachine() {
    SparkSineFit.Fits fits = SparkSineFit.fit(spark, 4, new Lbfgs().withGradientTolerance(1e-9));
    assertTrue(fits.maxRelativeDifference() <= 1e-9, "difference " + fits.maxRelativeDifference());
    assertClose(fits.local().value(), fits.spark().value(), 1e-12, "loss");
  }

  @Test
  void gradientDescentStepsMatchOneMachine() {
    double[][] xy = SineLoss.linspace(2000);
    GradientDescent gd = new GradientDescent(1e-6, 25);
    Result local =
        gd.minimize(SineLossDerivatives.lossObjective(0, 0, 0, 0, xy[0], xy[1]), new double[4]);
    try (SparkObjective f =
        SparkObjective.over(
            SparkSineFit.data(spark, 2000, 2), Packing.columns("x", "y"), 4, SparkSineFit.LOSS)) {
      Result distributed = gd.minimize(f, new double[4]);
      assertEquals(local.iterations(), distributed.iterations());
      assertGradientClose(local.point(), distributed.point(), 1e-11);
    }
  }

  /** Rows of a small logistic-regression problem: label then d features. */
  private static List<double[]> logisticRows(int n, int d, long seed) {
    Random random = new Random(seed);
    List<double[]> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] row = new double[d + 1];
      double z = 0.3;
      for (int j = 1; j <= d; j++) {
        row[j] = random.nextGaussian();
        z += (j % 2 == 0 ? 0.5 : -0.7) * row[j];
      }
      row[0] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      rows.add(row);
    }
    return rows;
  }

  @Test
  void meanLogLossOverDatasetMatchesOneMachine() {
    int n = 1500;
    int d = 5;
    List<double[]> rows = logisticRows(n, d, 7);
    StructType schema = new StructType().add("label", DataTypes.DoubleType, false);
    String[] features = LogisticData.featureNames(d);
    for (String name : features) {
      schema = schema.add(name, DataTypes.DoubleType, false);
    }
    List<Row> sparkRows = new ArrayList<>();
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double[] r = rows.get(i);
      sparkRows.add(RowFactory.create(Arrays.stream(r).boxed().toArray()));
      y[i] = r[0];
      System.arraycopy(r, 1, x, i * d, d);
    }
    // Three partitions in row order, so each block holds a contiguous slice of the rows.
    Dataset<Row> data =
        spark
            .createDataFrame(sparkRows, schema)
            .coalesce(1)
            .repartitionByRange(3, org.apache.spark.sql.functions.monotonically_increasing_id());
    double[] point = {0.1, -0.2, 0.3, -0.4, 0.5, 0.05};
    double[] expected = new double[d + 1];
    double v =
        LogisticLossDerivatives.lossValueAndGradient(
            Arrays.copyOf(point, d), point[d], x, y, expected);
    try (SparkObjective f =
        SparkObjective.over(
            data,
            Packing.columns("label").withMatrix(features),
            d + 1,
            LogisticComparison.LOSS,
            ObjectiveSettings.defaults().withReduction(Reduction.MEAN))) {
      double[] g = new double[d + 1];
      assertClose(v, f.valueAndGradient(point, g), 1e-12, "mean log-loss");
      assertGradientClose(expected, g, 1e-12);
      Result r = new Lbfgs().withGradientTolerance(1e-9).minimize(f, new double[d + 1]);
      assertTrue(r.converged(), r.toString());
    }
  }

  @Test
  void rddOfArraysPacksLikeADataset() {
    List<double[]> rows = logisticRows(300, 3, 11);
    JavaRDD<double[]> rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 4);
    double[] x = new double[300 * 3];
    double[] y = new double[300];
    for (int i = 0; i < 300; i++) {
      y[i] = rows.get(i)[0];
      System.arraycopy(rows.get(i), 1, x, i * 3, 3);
    }
    double[] point = {0.2, 0.1, -0.1, 0.3};
    double[] expected = new double[4];
    double v =
        LogisticLossDerivatives.lossValueAndGradient(
            Arrays.copyOf(point, 3), point[3], x, y, expected);
    try (SparkObjective f =
        SparkObjective.overBlocks(
            Blocks.pack(rdd, new int[] {0}, new int[] {1, 2, 3}),
            4,
            LogisticComparison.LOSS,
            ObjectiveSettings.defaults().withReduction(Reduction.MEAN).withAggregationDepth(3))) {
      double[] g = new double[4];
      assertClose(v, f.valueAndGradient(point, g), 1e-12, "value");
      assertGradientClose(expected, g, 1e-12);
    }
  }

  @Test
  void emptyPartitionsAreSkipped() {
    // Three rows in six partitions: at least three blocks are empty, and a mean over none is 0/0.
    List<double[]> rows = logisticRows(3, 2, 3);
    JavaRDD<double[]> rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(rows, 6);
    try (SparkObjective f =
        SparkObjective.overBlocks(
            Blocks.pack(rdd, new int[] {0}, new int[] {1, 2}),
            3,
            LogisticComparison.LOSS,
            ObjectiveSettings.defaults().withReduction(Reduction.MEAN))) {
      double[] g = new double[3];
      double v = f.valueAndGradient(new double[3], g);
      assertEquals(Math.log(2), v, 1e-15);
      assertFalse(Double.isNaN(g[0]));
    }
  }

  @Test
  void closeUnpersistsTheBlocks() {
    int before = spark.sparkContext().getPersistentRDDs().size();
    SparkObjective f =
        SparkObjective.over(
            SparkSineFit.data(spark, 100, 2), Packing.columns("x", "y"), 4, SparkSineFit.LOSS);
    assertEquals(before + 1, spark.sparkContext().getPersistentRDDs().size());
    f.close();
    assertEquals(before, spark.sparkContext().getPersistentRDDs().size());
  }

  @Test
  void blocksPersistedByTheCallerStayCached() {
    JavaRDD<double[]> rdd =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .parallelize(logisticRows(50, 2, 5), 2);
    JavaRDD<dev.adjoint.spark.DataBlock> blocks =
        Blocks.pack(rdd, new int[] {0}, new int[] {1, 2}).cache();
    SparkObjective f =
        SparkObjective.overBlocks(blocks, 3, LogisticComparison.LOSS, ObjectiveSettings.defaults());
    f.close();
    assertTrue(spark.sparkContext().getPersistentRDDs().contains(blocks.id()));
    blocks.unpersist(true);
  }

  @Test
  void columnNamesWithDotsAreColumns() {
    Dataset<Row> data = SparkSineFit.data(spark, 200, 2).withColumnRenamed("x", "sample.x");
    double[][] xy = SineLoss.linspace(200);
    double[] p = {0.5, 0.1, -0.2, 0.3};
    double[] expected = new double[4];
    double v =
        SineLossDerivatives.lossValueAndGradient(p[0], p[1], p[2], p[3], xy[0], xy[1], expected);
    try (SparkObjective f =
        SparkObjective.over(data, Packing.columns("sample.x", "y"), 4, SparkSineFit.LOSS)) {
      double[] g = new double[4];
      assertClose(v, f.valueAndGradient(p, g), 1e-12, "value");
      assertGradientClose(expected, g, 1e-12);
    }
  }

  @Test
  void rejectsBadColumnsAndLengths() {
    Dataset<Row> data =
        SparkSineFit.data(spark, 10, 1).withColumn("s", org.apache.spark.sql.functions.lit("a"));
    assertThrows(
        IllegalArgumentException.class,
        () -> SparkObjective.over(data, Packing.columns("x", "s"), 4, SparkSineFit.LOSS));
    assertThrows(
        IllegalArgumentException.class,
        () -> SparkObjective.over(data, Packing.columns("x", "nope"), 4, SparkSineFit.LOSS));
    try (SparkObjective f =
        SparkObjective.over(data, Packing.columns("x", "y"), 4, SparkSineFit.LOSS)) {
      assertThrows(
          IllegalArgumentException.class, () -> f.valueAndGradient(new double[3], new double[4]));
    }
  }
}
