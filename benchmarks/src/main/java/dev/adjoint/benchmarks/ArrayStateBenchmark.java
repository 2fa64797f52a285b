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
 * Array state over many steps, each loss as the primal, its generated gradient and a hand-written
 * adjoint that stores one state per step in arrays made once: {@link DiffusionLoss} (64 cells, 20
 * 000 explicit steps, the state copied back from a second array), {@link GaussianProcessLoss} (60
 * points, kernel matrix factored in place) and {@link Rk4Loss} (32 coupled pendulums, 3000 RK4
 * steps). Not in the default suite; run it by name ({@code ArrayStateBenchmark}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class ArrayStateBenchmark {
  static final int DIFFUSION_CELLS = 64;
  static final int DIFFUSION_STEPS = 20_000;
  static final int GP_POINTS = 60;
  static final int PENDULUMS = 32;
  static final int RK4_STEPS = 3000;
  static final double RK4_DT = 0.01;

  double[] u0 = new double[DIFFUSION_CELLS];
  double kappa = 0.2;
  double[] diffusionGradient = new double[DIFFUSION_CELLS + 1];
  double[] diffusionStates = new double[DIFFUSION_STEPS * DIFFUSION_CELLS];
  double[] diffusionState = new double[DIFFUSION_CELLS];
  double[] diffusionBar = new double[DIFFUSION_CELLS];

  double logLengthscale = Math.log(0.8);
  double logVariance = Math.log(1.5);
  double logNoise = Math.log(0.05);
  double[] gpX = new double[GP_POINTS];
  double[] gpY = new double[GP_POINTS];
  double[] gpGradient = new double[3];
  double[][] gpChol = new double[GP_POINTS][GP_POINTS];
  double[][] gpInverse = new double[GP_POINTS][GP_POINTS];
  double[] gpAlpha = new double[GP_POINTS];

  double[] rk4U0 = new double[2 * PENDULUMS];
  double coupling = 0.8;
  double damping = 0.05;
  double[] rk4Target = new double[2 * PENDULUMS];
  double[] rk4Gradient = new double[2 * PENDULUMS + 2];
  double[] rk4States = new double[RK4_STEPS * 2 * PENDULUMS];
  double[][] rk4Work = new double[Rk4Loss.WORK_ROWS][2 * PENDULUMS];

  @Setup
  public void setUp() {
    Random r = new Random(11);
    for (int i = 0; i < DIFFUSION_CELLS; i++) {
      u0[i] = Math.sin(2 * Math.PI * i / DIFFUSION_CELLS) + 0.1 * r.nextGaussian();
    }
    for (int i = 0; i < GP_POINTS; i++) {
      gpX[i] = 10.0 * i / GP_POINTS + 0.05 * r.nextGaussian();
      gpY[i] = Math.sin(gpX[i]) + 0.3 * Math.cos(3 * gpX[i]) + 0.1 * r.nextGaussian();
    }
    for (int i = 0; i < PENDULUMS; i++) {
      rk4U0[i] = 0.5 * Math.sin(2 * Math.PI * i / PENDULUMS) + 0.1 * r.nextGaussian();
      rk4U0[PENDULUMS + i] = 0.1 * r.nextGaussian();
      rk4Target[i] = 0.2 * r.nextGaussian();
    }
  }

  @Benchmark
  public double diffusionPrimal() {
    return DiffusionLoss.energy(u0, kappa, DIFFUSION_STEPS);
  }

  @Benchmark
  public double diffusionGeneratedGradient() {
    return DiffusionLossDerivatives.energyValueAndGradient(
        u0, kappa, DIFFUSION_STEPS, diffusionGradient);
  }

  @Benchmark
  public double diffusionHandWrittenAdjoint() {
    return DiffusionLoss.handWritten(
        u0,
        kappa,
        DIFFUSION_STEPS,
        diffusionGradient,
        diffusionStates,
        diffusionState,
        diffusionBar);
  }

  @Benchmark
  public double gaussianProcessPrimal() {
    return GaussianProcessLoss.nll(logLengthscale, logVariance, logNoise, gpX, gpY);
  }

  @Benchmark
  public double gaussianProcessGeneratedGradient() {
    return GaussianProcessLossDerivatives.nllValueAndGradient(
        logLengthscale, logVariance, logNoise, gpX, gpY, gpGradient);
  }

  @Benchmark
  public double gaussianProcessHandWrittenAdjoint() {
    return GaussianProcessLoss.handWritten(
        logLengthscale, logVariance, logNoise, gpX, gpY, gpGradient, gpChol, gpInverse, gpAlpha);
  }

  @Benchmark
  public double rk4Primal() {
    return Rk4Loss.loss(rk4U0, coupling, damping, rk4Target, RK4_DT, RK4_STEPS);
  }

  @Benchmark
  public double rk4GeneratedGradient() {
    return Rk4LossDerivatives.lossValueAndGradient(
        rk4U0, coupling, damping, rk4Target, RK4_DT, RK4_STEPS, rk4Gradient);
  }

  @Benchmark
  public double rk4HandWrittenAdjoint() {
    return Rk4Loss.handWritten(
        rk4U0, coupling, damping, rk4Target, RK4_DT, RK4_STEPS, rk4Gradient, rk4States, rk4Work);
  }
}
