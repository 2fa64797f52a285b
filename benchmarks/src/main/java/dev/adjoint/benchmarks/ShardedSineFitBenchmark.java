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
import org.openjdk.jmh.annotations.Param;
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

  /** The shard size of the allocation check: 123 shards. */
  public static final int SHARD_SIZE = 16_384;

  double[] point = {-0.09, 0.01, 0.85, 0.02};
  double[] gradient = new double[4];
  double[] x;
  double[] y;

  /**
   * The sharded loss over {@code x} and {@code y} on {@code threads} threads.
   *
   * @param x the points
   * @param y the targets
   * @param shardSize the points per shard
   * @param threads the threads, the caller included
   * @return the function, not started
   */
  static ShardedFunction sharded(double[] x, double[] y, int shardSize, int threads) {
    return ShardedFunction.of(
            x.length,
            shardSize,
            (from, to) ->
                SineLossDerivatives.lossObjective(
                    0, 0, 0, 0, Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to)))
        .withThreads(threads);
  }

  /** Builds the data. */
  @Setup(Level.Trial)
  public void setUp() {
    SineData data = SineData.linspace(POINTS);
    x = data.x();
    y = data.y();
  }

  /** The sharded functions of one shard size, over the data of the benchmark's state. */
  @State(Scope.Thread)
  public static class Sharded {

    /** The points per shard. */
    @Param({"16384", "65536"})
    public int shardSize;

    ShardedFunction oneThread;
    ShardedFunction allCores;

    /**
     * Makes and starts both functions: shards and workers made outside the measurement.
     *
     * @param data the benchmark's state, holding the data
     */
    @Setup(Level.Trial)
    public void setUp(ShardedSineFitBenchmark data) {
      oneThread = sharded(data.x, data.y, shardSize, 1);
      allCores = sharded(data.x, data.y, shardSize, Runtime.getRuntime().availableProcessors());
      oneThread.dimension();
      allCores.dimension();
    }

    /** Stops the workers. */
    @TearDown(Level.Trial)
    public void tearDown() {
      oneThread.close();
      allCores.close();
    }
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
   * @param s the sharded functions
   * @return the loss
   */
  @Benchmark
  public double oneThread(Sharded s) {
    return s.oneThread.valueAndGradient(point, gradient);
  }

  /**
   * The sharded loss on every processor.
   *
   * @param s the sharded functions
   * @return the loss
   */
  @Benchmark
  public double allCores(Sharded s) {
    return s.allCores.valueAndGradient(point, gradient);
  }
}
