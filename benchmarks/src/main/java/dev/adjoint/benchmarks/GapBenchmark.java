package dev.adjoint.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time between the generated and the hand-written gradient goes: the steps of {@link
 * GeneratedVsHandWritten} between the two, at 2000 points. Not in the default suite: {@code java
 * -jar target/adjoint-benchmarks.jar GapBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class GapBenchmark {

  double a = -0.09;
  double b = 0.01;
  double c = 0.85;
  double d = 0.02;

  double[] x;
  double[] y;
  double[] gradient;

  /** Builds the seed's 2000 points. */
  @Setup
  public void setUp() {
    SineData data = SineData.linspace(SineData.POINTS);
    x = data.x();
    y = data.y();
    gradient = new double[4];
  }

  /**
   * The generator's output before commit 15161e8.
   *
   * @return the loss
   */
  @Benchmark
  public double previousGenerated() {
    return GeneratedVsHandWritten.previousGenerated(a, b, c, d, x, y, gradient);
  }

  /**
   * The same with {@code x[i]} in a local.
   *
   * @return the loss
   */
  @Benchmark
  public double previousGeneratedLocalX() {
    return GeneratedVsHandWritten.previousGeneratedLocalX(a, b, c, d, x, y, gradient);
  }

  /**
   * The current generated gradient.
   *
   * @return the loss
   */
  @Benchmark
  public double generated() {
    return SineLossDerivatives.lossValueAndGradient(a, b, c, d, x, y, gradient);
  }

  /**
   * Generated, with the primal on shared powers.
   *
   * @return the loss
   */
  @Benchmark
  public double sharedPowers() {
    return GeneratedVsHandWritten.sharedPowers(a, b, c, d, x, y, gradient);
  }

  /**
   * Shared powers, the factor 2 after the loop.
   *
   * @return the loss
   */
  @Benchmark
  public double twoAfterLoop() {
    return GeneratedVsHandWritten.twoAfterLoop(a, b, c, d, x, y, gradient);
  }

  /**
   * The hand-written gradient.
   *
   * @return the loss
   */
  @Benchmark
  public double handWritten() {
    return SineLoss.handWritten(a, b, c, d, x, y, gradient);
  }
}
