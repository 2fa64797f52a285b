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
 * The price of checkpointing: the primal of {@link CheckpointsLoss} (64 cells, 20 000 steps) and
 * the gradient of each variant, from full storage down to 8 snapshots. With {@code -prof gc},
 * {@code gc.alloc.rate.norm} gives the bytes per call. Not in the default suite; run it by name
 * ({@code CheckpointsBenchmark}). N = 1 and 2 are left out: their recomputation grows quadratically
 * with the steps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
public class CheckpointsBenchmark {
  static final int CELLS = 64;
  static final int STEPS = 20_000;

  double[] u0;
  double kappa = 0.2;
  int steps = STEPS;
  double[] gradient = new double[CELLS + 1];

  /** The initial state: one period of a sine with seeded noise, as in the table and the test. */
  @Setup
  public void setUp() {
    u0 = CheckpointsTable.initialState(CELLS);
  }

  @Benchmark
  public double primal() {
    return CheckpointsLoss.energyFull(u0, kappa, steps);
  }

  @Benchmark
  public double full() {
    return CheckpointsLossDerivatives.energyFullValueAndGradient(u0, kappa, steps, gradient);
  }

  @Benchmark
  public double n1024() {
    return CheckpointsLossDerivatives.energyN1024ValueAndGradient(u0, kappa, steps, gradient);
  }

  @Benchmark
  public double n256() {
    return CheckpointsLossDerivatives.energyN256ValueAndGradient(u0, kappa, steps, gradient);
  }

  @Benchmark
  public double n64() {
    return CheckpointsLossDerivatives.energyN64ValueAndGradient(u0, kappa, steps, gradient);
  }

  @Benchmark
  public double n32() {
    return CheckpointsLossDerivatives.energyN32ValueAndGradient(u0, kappa, steps, gradient);
  }

  @Benchmark
  public double n16() {
    return CheckpointsLossDerivatives.energyN16ValueAndGradient(u0, kappa, steps, gradient);
  }

  @Benchmark
  public double n8() {
    return CheckpointsLossDerivatives.energyN8ValueAndGradient(u0, kappa, steps, gradient);
  }
}
