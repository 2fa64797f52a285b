package dev.adjoint.examples;

import dev.adjoint.runtime.Lbfgs;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.ShardedFunction;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The sine fit at 2·10⁶ points on all cores: the generated objective {@code
 * SineFitDerivatives.lossObjective} bound to each shard's slice of the data, summed by the
 * runtime's {@link ShardedFunction} in shard order, and minimized by L-BFGS. Because the sum never
 * depends on which thread computed which shard, the run on all cores takes exactly the steps of the
 * run on one thread; the program checks that, and times one evaluation both ways.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Psine-fit-parallel -DskipTests package}; options
 * ({@link #USAGE}) go through {@code -DsineFitParallel.args="--points 500000"}.
 */
public final class SineFitParallel {

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: SineFitParallel [options]",
          "  Fits a x^3 + b x^2 + c x + d to sin x at many points with L-BFGS, the loss",
          "  evaluated in shards on all cores.",
          "  --points N      number of points on [-pi, pi] (default 2000000)",
          "  --shard N       points per shard (default 65536)",
          "  --threads N     threads, the caller included (default: all processors)",
          "  --help          print this text");

  /** The default number of points. */
  public static final int POINTS = 2_000_000;

  /** The default shard size: 31 shards at the default number of points. */
  public static final int SHARD_SIZE = 65_536;

  private SineFitParallel() {}

  /**
   * The mean squared error of the cubic over {@code data}, sharded: each shard is the generated
   * objective over copies of its slice of the data (so its points are contiguous in memory and its
   * workspace its own), returning the shard's sum; the sum of the shards is divided by the number
   * of points once, at the end.
   *
   * @param data the points and targets
   * @param shardSize the points per shard
   * @param threads the threads, the caller included
   * @return the loss; close it to stop its threads
   */
  public static ShardedFunction loss(SineData data, int shardSize, int threads) {
    double[] x = data.x();
    double[] y = data.y();
    return ShardedFunction.of(
            data.size(),
            shardSize,
            (from, to) ->
                SineFitDerivatives.lossObjective(
                    0, 0, 0, 0, Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to)))
        .withMeanOver(data.size())
        .withThreads(threads);
  }

  /**
   * Fits the cubic with L-BFGS from {@code (a, b, c, d) = 0}.
   *
   * @param data the points and targets
   * @param shardSize the points per shard
   * @param threads the threads, the caller included
   * @return the optimizer's result, whose point is {@code (a, b, c, d)} and value the mean squared
   *     error
   */
  public static Result fit(SineData data, int shardSize, int threads) {
    try (ShardedFunction loss = loss(data, shardSize, threads)) {
      return new Lbfgs().withGradientTolerance(1e-10).minimize(loss, new double[4]);
    }
  }

  /**
   * The median wall-clock time of one evaluation, after a warm-up.
   *
   * @param loss the function
   * @param calls the calls timed
   * @return seconds per evaluation
   */
  static double secondsPerEvaluation(ShardedFunction loss, int calls) {
    double[] point = {-0.09, 0.01, 0.85, 0.02};
    double[] gradient = new double[4];
    for (int k = 0; k < calls; k++) {
      loss.valueAndGradient(point, gradient);
    }
    long[] times = new long[calls];
    for (int k = 0; k < calls; k++) {
      long start = System.nanoTime();
      loss.valueAndGradient(point, gradient);
      times[k] = System.nanoTime() - start;
    }
    Arrays.sort(times);
    return times[calls / 2] * 1e-9;
  }

  /**
   * Runs the example, printing to {@code out}.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the fit on all threads, or null after {@code --help}
   * @throws IllegalStateException if the runs on one thread and on all threads differ
   */
  public static Result run(String[] args, PrintStream out) {
    ExampleOptions o = ExampleOptions.parse(args, Set.of("points", "shard", "threads"), Set.of());
    if (o.help()) {
      out.println(USAGE);
      return null;
    }
    int points = o.getInt("points", POINTS, 2);
    int shardSize = o.getInt("shard", SHARD_SIZE, 1);
    int threads = o.getInt("threads", Runtime.getRuntime().availableProcessors(), 1);
    SineData data = SineData.linspace(points);
    double one;
    double all;
    int used;
    int shards;
    try (ShardedFunction single = loss(data, shardSize, 1);
        ShardedFunction parallel = loss(data, shardSize, threads)) {
      one = secondsPerEvaluation(single, 20);
      all = secondsPerEvaluation(parallel, 20);
      used = parallel.threads();
      shards = parallel.shardCount();
    }
    out.printf(
        Locale.ROOT,
        "%d points in %d shards of %d: one evaluation %.2f ms on 1 thread, %.2f ms on %d (%.2fx)%n",
        points,
        shards,
        shardSize,
        one * 1e3,
        all * 1e3,
        used,
        one / all);
    Result parallel = fit(data, shardSize, threads);
    Result single = fit(data, shardSize, 1);
    boolean same =
        Arrays.equals(parallel.point(), single.point())
            && parallel.value() == single.value()
            && parallel.evaluations() == single.evaluations();
    Cubic c =
        new Cubic(
            parallel.point()[0], parallel.point()[1], parallel.point()[2], parallel.point()[3]);
    out.printf(
        Locale.ROOT,
        "L-BFGS on %d threads: %s after %d iterations, %d evaluations, %.0f ms: %s%n",
        used,
        parallel.status(),
        parallel.iterations(),
        parallel.evaluations(),
        parallel.elapsed().toNanos() * 1e-6,
        c.toString(7));
    out.printf(
        Locale.ROOT,
        "mean squared error %.9g (least squares %.9g); on 1 thread: %s, %.0f ms%n",
        parallel.value(),
        LeastSquaresCubic.fit(data).loss(data) / points,
        same ? "the same run, bit for bit" : "A DIFFERENT RUN",
        single.elapsed().toNanos() * 1e-6);
    if (!same) {
      throw new IllegalStateException("one thread and " + used + " differ: " + single + parallel);
    }
    return parallel;
  }

  /**
   * Runs the example.
   *
   * @param args the command line, see {@link #USAGE}
   */
  public static void main(String[] args) {
    try {
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("SineFitParallel: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }
}
