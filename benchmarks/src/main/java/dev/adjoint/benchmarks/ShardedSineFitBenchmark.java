package dev.adjoint.benchmarks;

import dev.adjoint.runtime.ShardedFunction;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The sine fit's value and gradient at 2·10⁶ points on all cores: a {@link ShardedFunction} over
 * shards of {@value #SHARD_SIZE} points, each the generated {@code
 * SineLossDerivatives.LossObjective} bound to its slice of the data, on one thread and on every
 * processor, against the plain generated gradient over the whole arrays in the same run. All three
 * return the same loss (the sharded ones bit-identically to each other).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ShardedSineFitBenchmark {

  /** The number of points. */
  public static final int POINTS = 2_000_000;

  /** Points per shard: 31 shards, so two threads share them evenly to within one shard. */
  public static final int SHARD_SIZE = 65_536;

  double[] point = {-0.09, 0.01, 0.85, 0.02};
  double[] gradient = new double[4];
  double[] x;
  double[] y;
  ShardedFunction oneThread;
  ShardedFunction allCores;

  /**
   * The sharded loss over {@code x} and {@code y} on {@code threads} threads.
   *
   * @param x the points
   * @param y the targets
   * @param threads the threads, the caller included
   * @return the function, not started
   */
  static ShardedFunction sharded(double[] x, double[] y, int threads) {
    return ShardedFunction.of(
            x.length,
            SHARD_SIZE,
            (from, to) ->
                SineLossDerivatives.lossObjective(
                    0, 0, 0, 0, Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to)))
        .withThreads(threads);
  }

  /** Builds the data and both sharded functions. */
  @Setup(Level.Trial)
  public void setUp() {
    SineData data = SineData.linspace(POINTS);
    x = data.x();
    y = data.y();
    oneThread = sharded(x, y, 1);
    allCores = sharded(x, y, Runtime.getRuntime().availableProcessors());
    oneThread.dimension(); // start both: shards and workers made outside the measurement
    allCores.dimension();
  }

  /** Stops the workers. */
  @TearDown(Level.Trial)
  public void tearDown() {
    oneThread.close();
    allCores.close();
  }

  /**
   * The generated gradient over all 2·10⁶ points in one call: the baseline.
   *
   * @return the loss
   */
  @Benchmark
  public double generated() {
    return SineLossDerivatives.lossValueAndGradient(
        point[0], point[1], point[2], point[3], x, y, gradient);
  }

  /**
   * The sharded loss on the calling thread alone.
   *
   * @return the loss
   */
  @Benchmark
  public double oneThread() {
    return oneThread.valueAndGradient(point, gradient);
  }

  /**
   * The sharded loss on every processor.
   *
   * @return the loss
   */
  @Benchmark
  public double allCores() {
    return allCores.valueAndGradient(point, gradient);
  }
}
