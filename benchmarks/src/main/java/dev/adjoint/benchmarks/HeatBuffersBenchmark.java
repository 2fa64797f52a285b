package dev.adjoint.benchmarks;

import java.util.Random;
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
 * Array state exchanged by reference: the primal of {@link HeatBuffersLoss} (64 cells, 2000 steps),
 * its generated gradient, and the hand-written adjoint that stores one state per step. Not in the
 * default suite; run it by name ({@code HeatBuffersBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeatBuffersBenchmark {
  static final int CELLS = 64;
  static final int STEPS = 2000;

  double[] u0 = new double[CELLS];
  double kappa = 0.2;
  double[] gradient = new double[CELLS + 1];
  double[] states = new double[STEPS * CELLS];
  double[] work = new double[CELLS];

  @Setup
  public void setUp() {
    Random r = new Random(3);
    for (int i = 0; i < CELLS; i++) {
      u0[i] = Math.sin(2 * Math.PI * i / CELLS) + 0.1 * r.nextGaussian();
    }
  }

  @Benchmark
  public double primal() {
    return HeatBuffersLoss.energy(u0, kappa, STEPS);
  }

  @Benchmark
  public double generatedGradient() {
    return HeatBuffersLossDerivatives.energyValueAndGradient(u0, kappa, STEPS, gradient);
  }

  @Benchmark
  public double handWrittenAdjoint() {
    return HeatBuffersLoss.handWritten(u0, kappa, STEPS, gradient, states, work);
  }
}
