package dev.adjoint.spark.examples;

import dev.adjoint.runtime.Lbfgs;
import dev.adjoint.runtime.Result;
import dev.adjoint.spark.ObjectiveSettings;
import dev.adjoint.spark.Packing;
import dev.adjoint.spark.PartitionLoss;
import dev.adjoint.spark.SparkObjective;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The seed's sine fit on Spark: the 2000 tutorial points in a DataFrame of columns {@code x, y},
 * fitted by the runtime's L-BFGS through a {@link SparkObjective} whose per-partition loss is the
 * generated {@code SineLossDerivatives.lossValueAndGradient}, and again on one machine through the
 * generated {@code lossObjective}; prints both fits and their largest relative difference. The
 * partitions' sums are added in partition order ({@link ObjectiveSettings#withOrdered(boolean)}),
 * so every value is reproducible and the line search near the minimum compares like with like.
 *
 * <p>Locally: {@code mvn -q -pl spark -am -Pspark-sine-fit -DskipTests package} from the repository
 * root. On a cluster: {@code spark-submit --class dev.adjoint.spark.examples.SparkSineFit
 * spark/target/adjoint-spark-examples.jar [partitions]}. Without a master set by {@code
 * spark-submit} it runs in {@code local[*]}.
 */
public final class SparkSineFit {

  /** The tutorial's number of points. */
  public static final int POINTS = 2000;

  /**
   * The per-partition loss: the generated objective over the block's columns (the zeros it is made
   * with only give the layout's shape).
   */
  public static final PartitionLoss LOSS =
      (p, block, g) ->
          SineLossDerivatives.lossObjective(0, 0, 0, 0, block.column(0), block.column(1))
              .valueAndGradient(p, g);

  private SparkSineFit() {}

  /**
   * The fits on Spark and on one machine.
   *
   * @param spark the fit through the Spark objective
   * @param local the fit through the generated single-machine objective
   */
  public record Fits(Result spark, Result local) {

    /**
     * The largest difference between the coefficients of the two fits, relative to the largest
     * coefficient: {@code b} and {@code d} are zero up to rounding (sin is odd), so their own
     * relative differences mean nothing.
     *
     * @return {@code max_k |spark_k - local_k| / max_k |local_k|}
     */
    public double maxRelativeDifference() {
      double worst = 0;
      double scale = 0;
      for (int k = 0; k < 4; k++) {
        double s = spark.point()[k];
        double l = local.point()[k];
        worst = Math.max(worst, Math.abs(s - l));
        scale = Math.max(scale, Math.abs(l));
      }
      return worst / scale;
    }
  }

  /**
   * The tutorial's points as a DataFrame of doubles {@code x, y}.
   *
   * @param session the session
   * @param n the number of points
   * @param partitions the number of partitions
   * @return the rows, in order of {@code x}
   */
  public static Dataset<Row> data(SparkSession session, int n, int partitions) {
    double[][] xy = SineLoss.linspace(n);
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create(xy[0][i], xy[1][i]));
    }
    StructType schema =
        new StructType()
            .add("x", DataTypes.DoubleType, false)
            .add("y", DataTypes.DoubleType, false);
    return session
        .createDataFrame(rows, schema)
        .repartitionByRange(partitions, functions.col("x"))
        .sortWithinPartitions("x");
  }

  /**
   * Fits the cubic with L-BFGS from zero, on Spark and on one machine.
   *
   * @param session the session
   * @param partitions the number of partitions of the data
   * @param lbfgs the optimizer, used for both fits
   * @return both results
   */
  public static Fits fit(SparkSession session, int partitions, Lbfgs lbfgs) {
    Result spark;
    try (SparkObjective objective =
        SparkObjective.over(
            data(session, POINTS, partitions),
            Packing.columns("x", "y"),
            4,
            LOSS,
            ObjectiveSettings.defaults().withOrdered(true))) {
      spark = lbfgs.minimize(objective, new double[4]);
    }
    double[][] xy = SineLoss.linspace(POINTS);
    SineLossDerivatives.LossObjective local =
        SineLossDerivatives.lossObjective(0, 0, 0, 0, xy[0], xy[1]);
    return new Fits(spark, lbfgs.minimize(local, local.start()));
  }

  /**
   * Runs the fit and prints both results.
   *
   * @param args optionally the number of partitions (default 4)
   */
  public static void main(String[] args) {
    int partitions = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    SparkSession.Builder builder = SparkSession.builder().appName("Adjoint sine fit");
    if (!SparkSessionDefaults.hasMaster()) {
      builder.master("local[*]");
    }
    SparkSession session = builder.getOrCreate();
    session.sparkContext().setLogLevel("WARN");
    try {
      Lbfgs lbfgs = new Lbfgs();
      Fits fits = fit(session, partitions, lbfgs);
      print("Spark (" + partitions + " partitions)", fits.spark());
      print("One machine", fits.local());
      System.out.printf(
          Locale.ROOT, "Largest relative difference: %.3e%n", fits.maxRelativeDifference());
    } finally {
      session.stop();
    }
  }

  private static void print(String label, Result r) {
    double[] p = r.point();
    System.out.printf(
        Locale.ROOT,
        "%-24s a %.12f  b %.12f  c %.12f  d %.12f  loss %.9f  %s after %d iterations,"
            + " %d evaluations%n",
        label,
        p[0],
        p[1],
        p[2],
        p[3],
        r.value(),
        r.status(),
        r.iterations(),
        r.evaluations());
  }
}
