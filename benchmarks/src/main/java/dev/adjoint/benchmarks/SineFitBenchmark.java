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
 * The seed's sine fit at 2000 points: the loss and gradient computed six ways. Every method returns
 * the loss (consumed by JMH) and writes the gradient into a field of the state, so neither can be
 * optimised away.
 *
 * <p>The Hipparchus benchmarks warm up for 10 s instead of 5: their C2 code settles late (a warm-up
 * iteration of 4 ms/op after one of 0.4 ms/op was seen before they reach ~0.1 ms/op).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SineFitBenchmark {

  /** A point near the seed's fit; fields, not constants, so the JIT cannot fold them. */
  double a = -0.09;

  double b = 0.01;
  double c = 0.85;
  double d = 0.02;

  double[] x;
  double[] y;
  double[] gradient;

  /** The generated objective over the same data, and a point {@code (a, b, c, d)} for it. */
  SineLossDerivatives.LossObjective objective;

  double[] point;

  /** Builds the seed's 2000 points. */
  @Setup
  public void setUp() {
    SineData data = SineData.linspace(SineData.POINTS);
    x = data.x();
    y = data.y();
    gradient = new double[4];
    objective = SineLossDerivatives.lossObjective(0, 0, 0, 0, x, y);
    point = new double[] {a, b, c, d};
  }

  /**
   * The gradient Adjoint generates at compile time.
   *
   * @return the loss
   */
  @Benchmark
  public double generated() {
    return SineLossDerivatives.lossValueAndGradient(a, b, c, d, x, y, gradient);
  }

  /**
   * The same gradient through the generated adapter the optimizers take: the flat point read into
   * {@code (a, b, c, d)}, then {@link #generated}'s call.
   *
   * @return the loss
   */
  @Benchmark
  public double generatedObjective() {
    return objective.valueAndGradient(point, gradient);
  }

  /**
   * The hand-written fused gradient: the limit.
   *
   * @return the loss
   */
  @Benchmark
  public double handWritten() {
    return SineLoss.handWritten(a, b, c, d, x, y, gradient);
  }

  /**
   * The loss alone, no derivatives.
   *
   * @return the loss
   */
  @Benchmark
  public double primal() {
    return SineLoss.loss(a, b, c, d, x, y);
  }

  /**
   * Central differences: 9 evaluations of the loss.
   *
   * @return the loss
   */
  @Benchmark
  public double centralDifferences() {
    return SineLoss.centralDifferences(a, b, c, d, x, y, gradient);
  }

  /**
   * Hipparchus {@code Gradient}, the loss transcribed literally.
   *
   * @return the loss
   */
  @Benchmark
  @Warmup(iterations = 10, time = 1)
  public double hipparchus() {
    return SineLoss.hipparchus(a, b, c, d, x, y, gradient);
  }

  /**
   * Hipparchus {@code Gradient} with the powers of x as plain doubles.
   *
   * @return the loss
   */
  @Benchmark
  @Warmup(iterations = 10, time = 1)
  public double hipparchusPowers() {
    return SineLoss.hipparchusPowers(a, b, c, d, x, y, gradient);
  }
}
