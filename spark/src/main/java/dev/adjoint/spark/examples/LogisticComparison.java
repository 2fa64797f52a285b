package dev.adjoint.spark.examples;

import dev.adjoint.runtime.Lbfgs;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.StoppingCriteria;
import dev.adjoint.spark.ObjectiveSettings;
import dev.adjoint.spark.Packing;
import dev.adjoint.spark.PartitionLoss;
import dev.adjoint.spark.Reduction;
import dev.adjoint.spark.SparkObjective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Logistic regression on synthetic data ({@link LogisticData}), side by side: Spark MLlib's {@code
 * LogisticRegression} and the runtime's L-BFGS on a {@link SparkObjective} over the generated
 * gradient of {@link LogisticLoss}, same data, no regularization, no standardization, same
 * iteration limit and tolerance. Prints the passes over the data each made (Spark jobs of the loss:
 * {@code RDDLossFunction} for MLlib, {@code PartialSums} here), their median duration, the wall
 * time of the fit, and the final mean log-loss of both models, evaluated by the same code.
 *
 * <p>{@code mvn -q -pl spark -am -Pspark-logistic -DskipTests package -Dlogistic.args="--rows
 * 1000000"}; options {@code --rows N --features D --partitions P --max-iter K --tol T --seed S
 * --repeats R}.
 */
public final class LogisticComparison {

  private LogisticComparison() {}

  /**
   * The per-partition loss: the generated objective over the block's matrix and label column (the
   * zero weights it is made with only give the layout's shape: {@code w}, then {@code b}).
   */
  public static final PartitionLoss LOSS =
      (p, block, g) ->
          LogisticLossDerivatives.lossObjective(
                  new double[block.width()], 0, block.matrix(), block.column(0))
              .valueAndGradient(p, g);

  /**
   * Runs the comparison.
   *
   * @param args the options above
   */
  public static void main(String[] args) {
    long rows = 1_000_000;
    int d = 20;
    int partitions = 4;
    int maxIter = 100;
    double tol = 1e-9;
    long seed = 42;
    int repeats = 3;
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(v);
        case "--features" -> d = Integer.parseInt(v);
        case "--partitions" -> partitions = Integer.parseInt(v);
        case "--max-iter" -> maxIter = Integer.parseInt(v);
        case "--tol" -> tol = Double.parseDouble(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--repeats" -> repeats = Integer.parseInt(v);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("Adjoint logistic regression vs MLlib")
            .config("spark.ui.enabled", "false");
    if (!SparkSessionDefaults.hasMaster()) {
      builder.master("local[*]");
    }
    SparkSession session = builder.getOrCreate();
    session.sparkContext().setLogLevel("WARN");
    JobTimes jobs = new JobTimes();
    session.sparkContext().addSparkListener(jobs);
    try {
      run(session, jobs, rows, d, partitions, maxIter, tol, seed, repeats);
    } finally {
      session.stop();
    }
  }

  private static void run(
      SparkSession session,
      JobTimes jobs,
      long rows,
      int d,
      int partitions,
      int maxIter,
      double tol,
      long seed,
      int repeats) {
    System.out.printf(
        Locale.ROOT,
        "rows %d, features %d, partitions %d, maxIter %d, tol %s, seed %d, repeats %d, cores %d,"
            + " Java %s, Spark %s%n",
        rows,
        d,
        partitions,
        maxIter,
        tol,
        seed,
        repeats,
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        session.version());
    Dataset<Row> data = LogisticData.generate(session, rows, d, partitions, seed).cache();
    long t0 = System.nanoTime();
    long count = data.count();
    System.out.printf(Locale.ROOT, "generated and cached %d rows in %.1f s%n", count, secs(t0));

    LogisticRegression mllib =
        new LogisticRegression()
            .setFamily("binomial")
            .setRegParam(0)
            .setElasticNetParam(0)
            .setStandardization(false)
            .setFitIntercept(true)
            .setMaxIter(maxIter)
            .setTol(tol);
    Lbfgs lbfgs =
        new Lbfgs()
            .withStopping(
                StoppingCriteria.none()
                    .withMaxIterations(maxIter)
                    .withFunctionTolerance(tol)
                    .withGradientTolerance(1e-12));

    // Warm-up: a few iterations of each, so that neither pays for the JIT in the measured run.
    mllib.copy(new org.apache.spark.ml.param.ParamMap()).setMaxIter(3).fit(data);
    t0 = System.nanoTime();
    SparkObjective objective =
        SparkObjective.over(
            data,
            Packing.columns("label").withMatrix(LogisticData.featureNames(d)),
            d + 1,
            LOSS,
            ObjectiveSettings.defaults().withReduction(Reduction.MEAN));
    System.out.printf(
        Locale.ROOT, "packed %d blocks in %.1f s%n", objective.blockCount(), secs(t0));
    new Lbfgs().withMaxIterations(3).minimize(objective, new double[d + 1]);
    pause();

    // Interleaved repeats, so that both see the same load on a shared machine; medians over all.
    List<Long> mllibPasses = new ArrayList<>();
    List<Long> oursPasses = new ArrayList<>();
    double[] mllibSeconds = new double[repeats];
    double[] oursSeconds = new double[repeats];
    LogisticRegressionModel model = null;
    Result ours = null;
    long oursEvaluations = 0;
    for (int r = 0; r < repeats; r++) {
      jobs.clear();
      t0 = System.nanoTime();
      model = mllib.fit(data);
      mllibSeconds[r] = secs(t0);
      pause();
      for (long ms : jobs.durations("RDDLossFunction")) {
        mllibPasses.add(ms);
      }

      jobs.clear();
      long evaluationsBefore = objective.evaluations();
      t0 = System.nanoTime();
      ours = lbfgs.minimize(objective, new double[d + 1]);
      oursSeconds[r] = secs(t0);
      pause();
      for (long ms : jobs.durations("PartialSums")) {
        oursPasses.add(ms);
      }
      oursEvaluations = objective.evaluations() - evaluationsBefore;
    }
    double[] history = model.summary().objectiveHistory();

    double[] mllibPoint = new double[d + 1];
    System.arraycopy(model.coefficients().toArray(), 0, mllibPoint, 0, d);
    mllibPoint[d] = model.intercept();
    double mllibLoss = objective.valueAndGradient(mllibPoint, new double[d + 1]);
    double oursLoss = ours.value();
    objective.close();
    data.unpersist();

    System.out.println();
    System.out.println(
        "| | iterations | passes | median pass (ms) | fit wall (s) | wall per pass (ms) |"
            + " final mean log-loss |");
    System.out.println("|---|---|---|---|---|---|---|");
    row(
        "MLlib LogisticRegression",
        history.length - 1,
        mllibPasses.size() / repeats,
        median(mllibPasses),
        median(mllibSeconds),
        mllibLoss);
    row(
        "Adjoint SparkObjective + Lbfgs",
        ours.iterations(),
        (int) oursEvaluations,
        median(oursPasses),
        median(oursSeconds),
        oursLoss);
    System.out.printf(
        Locale.ROOT,
        "(%d interleaved runs each; medians over %d and %d passes; MLlib fit walls %s s,"
            + " Adjoint %s s)%n",
        repeats,
        mllibPasses.size(),
        oursPasses.size(),
        Arrays.toString(mllibSeconds),
        Arrays.toString(oursSeconds));
    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "MLlib objective history: first %.12f last %.12f (%d entries); Adjoint evaluations %d,"
            + " status %s%n",
        history[0],
        history[history.length - 1],
        history.length,
        oursEvaluations,
        ours.status());
    System.out.printf(
        Locale.ROOT,
        "median pass ratio Adjoint/MLlib %.3f; final loss relative difference %.3e%n",
        median(oursPasses) / median(mllibPasses),
        Math.abs(oursLoss - mllibLoss) / mllibLoss);
    System.out.printf(
        Locale.ROOT,
        "largest coefficient difference %.3e%n",
        maxAbsDifference(ours.point(), mllibPoint));
  }

  private static void row(
      String name, int iterations, int passes, double medianPass, double wall, double loss) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %d | %.1f | %.2f | %.1f | %.12f |%n",
        name,
        iterations,
        passes,
        medianPass,
        wall,
        1000 * wall / passes,
        loss);
  }

  private static double median(List<Long> values) {
    return median(values.stream().mapToDouble(Long::doubleValue).toArray());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
  }

  private static double maxAbsDifference(double[] a, double[] b) {
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      worst = Math.max(worst, Math.abs(a[i] - b[i]));
    }
    return worst;
  }

  private static double secs(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** Listener events arrive asynchronously: give the bus time to deliver the last job's end. */
  private static void pause() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
