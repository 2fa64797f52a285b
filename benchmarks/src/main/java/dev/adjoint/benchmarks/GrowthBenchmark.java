package dev.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The generated sine-fit gradient as the data grows from 2·10³ to 2·10⁶ points: the time per point
 * should stay flat and the allocation per call at 0 bytes. The hand-written gradient runs at the
 * same sizes for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class GrowthBenchmark {

  /** The number of points. */
  @Param({"2000", "20000", "200000", "2000000"})
  public int n;

  double a = -0.09;
  double b = 0.01;
  double c = 0.85;
  double d = 0.02;

  double[] x;
  double[] y;
  double[] gradient;

  /** Builds {@code n} points on [-π, π]. */
  @Setup
  public void setUp() {
    SineData data = SineData.linspace(n);
    x = data.x();
    y = data.y();
    gradient = new double[4];
  }

  /**
   * The generated gradient at {@code n} points.
   *
   * @return the loss
   */
  @Benchmark
  public double generated() {
    return SineLossDerivatives.lossValueAndGradient(a, b, c, d, x, y, gradient);
  }

  /**
   * The hand-written fused gradient at {@code n} points, for the ratio at every size.
   *
   * @return the loss
   */
  @Benchmark
  public double handWritten() {
    return SineLoss.handWritten(a, b, c, d, x, y, gradient);
  }
}
