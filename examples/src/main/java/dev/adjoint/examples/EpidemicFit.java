package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.Lbfgs;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.StepListener;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Recovers the infection rate {@code beta} and recovery rate {@code gamma} of an SIR epidemic from
 * noisy observations of the infected fraction, by L-BFGS on the squared misfit of a long
 * simulation: the gradient flows back through 8 million explicit Euler steps, and {@code
 * checkpoints = 64} keeps its memory bounded.
 *
 * <p>The model is {@code S' = -beta S I, I' = beta S I - gamma I, R' = gamma I} for the
 * susceptible, infected and recovered fractions of a population, from {@code S = 0.999, I = 0.001,
 * R = 0}, over {@link #DAYS} days. The infected fraction is observed every 10 days ({@link
 * #OBSERVATIONS} values, simulated with {@code beta = 0.3}, {@code gamma = 0.1} per day plus
 * Gaussian noise).
 *
 * <p>The simulation is one plain {@code for} loop over the steps. A reverse-mode gradient of such a
 * loop normally keeps what every step needs for the backward sweep: with full storage ({@link
 * #misfitFullStorage}) that is two doubles per step, 122 MiB at the default step count, more than a
 * 64 MiB heap holds. {@link #misfit} is the same method with {@code @Differentiable(checkpoints =
 * 64)}: the generated gradient keeps at most 64 snapshots of the loop's state and recomputes the
 * steps in between (binomial checkpointing), so it needs a few kilobytes whatever the step count,
 * at the price of a few extra forward sweeps.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Plong-simulation -DskipTests package} from the
 * repository root, which forks a JVM with {@code -Xmx64m}; options ({@link #USAGE}) go through
 * {@code -DlongSimulation.args="--steps 800000"}, and {@code --full-storage} uses {@link
 * #misfitFullStorage} instead, which stops with an out-of-memory report.
 */
public final class EpidemicFit {

  /** The true infection rate, per day. */
  public static final double TRUE_BETA = 0.3;

  /** The true recovery rate, per day. */
  public static final double TRUE_GAMMA = 0.1;

  /** The susceptible fraction at day 0. */
  public static final double S0 = 0.999;

  /** The infected fraction at day 0 (nobody has recovered yet). */
  public static final double I0 = 0.001;

  /** The simulated time span in days. */
  public static final double DAYS = 160;

  /** The number of observations of the infected fraction, evenly spaced, the last at the end. */
  public static final int OBSERVATIONS = 16;

  /** The default number of Euler steps: a time step of 2e-5 days. */
  public static final int STEPS = 8_000_000;

  /** The number of snapshots the gradient of {@link #misfit} may keep. */
  public static final int CHECKPOINTS = 64;

  /** The standard deviation of the observation noise. */
  public static final double NOISE = 0.002;

  /** The seed of the observation noise. */
  public static final long SEED = 17;

  /** The initial guess for {@code beta}. */
  public static final double INITIAL_BETA = 0.5;

  /** The initial guess for {@code gamma}. */
  public static final double INITIAL_GAMMA = 0.2;

  /** The most L-BFGS iterations. */
  public static final int ITERATIONS = 40;

  /** The tolerance on the gradient norm at which L-BFGS stops. */
  public static final double GRADIENT_TOLERANCE = 1e-7;

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: EpidemicFit [options]",
          "  Fits beta and gamma of the SIR model S' = -beta S I, I' = beta S I - gamma I,",
          "  R' = gamma I, over "
              + (int) DAYS
              + " days, to "
              + OBSERVATIONS
              + " noisy observations of I simulated with beta = "
              + TRUE_BETA
              + ", gamma = "
              + TRUE_GAMMA
              + ",",
          "  by L-BFGS with the gradient through every explicit Euler step.",
          "  --steps N       Euler steps, a positive multiple of "
              + OBSERVATIONS
              + " (default "
              + STEPS
              + ")",
          "  --full-storage  use the gradient that stores every step instead of "
              + CHECKPOINTS
              + " checkpoints",
          "  --init B,G      initial guess (default " + INITIAL_BETA + "," + INITIAL_GAMMA + ")",
          "  --iterations N  most L-BFGS iterations (default " + ITERATIONS + ")",
          "  --noise X       noise standard deviation (default " + NOISE + ")",
          "  --seed N        seed of the noise (default " + SEED + ")",
          "  --help          print this text");

  private EpidemicFit() {}

  /**
   * The sum of squared differences between the simulated and the observed infected fractions; its
   * generated gradient keeps at most {@link #CHECKPOINTS} snapshots of the loop's state.
   *
   * @param beta the infection rate per day
   * @param gamma the recovery rate per day
   * @param observed the observed infected fractions, one every {@code every} steps
   * @param every the number of steps between observations
   * @param dt the time step in days
   * @return {@code Σ_k (I(k every) - observed[k - 1])²} over {@code k = 1 … observed.length}
   */
  @Differentiable(checkpoints = CHECKPOINTS)
  static double misfit(
      double beta,
      double gamma,
      @NoDerivative double[] observed,
      @NoDerivative int every,
      @NoDerivative double dt) {
    double s = S0;
    double i = I0;
    double r = 0; // not observed: the model as written, which the generated code leaves out
    double sum = 0;
    int steps = observed.length * every;
    for (int step = 1; step <= steps; step++) {
      double infection = beta * s * i * dt;
      double recovery = gamma * i * dt;
      s -= infection;
      i += infection - recovery;
      r += recovery;
      if (step % every == 0) {
        double error = i - observed[step / every - 1];
        sum += error * error;
      }
    }
    return sum;
  }

  /**
   * {@link #misfit} with the default full storage: its generated gradient keeps what every step
   * needs, so its memory grows with the number of steps.
   *
   * @param beta the infection rate per day
   * @param gamma the recovery rate per day
   * @param observed the observed infected fractions, one every {@code every} steps
   * @param every the number of steps between observations
   * @param dt the time step in days
   * @return the same value as {@link #misfit}
   */
  @Differentiable
  static double misfitFullStorage(
      double beta,
      double gamma,
      @NoDerivative double[] observed,
      @NoDerivative int every,
      @NoDerivative double dt) {
    double s = S0;
    double i = I0;
    double r = 0; // not observed: the model as written, which the generated code leaves out
    double sum = 0;
    int steps = observed.length * every;
    for (int step = 1; step <= steps; step++) {
      double infection = beta * s * i * dt;
      double recovery = gamma * i * dt;
      s -= infection;
      i += infection - recovery;
      r += recovery;
      if (step % every == 0) {
        double error = i - observed[step / every - 1];
        sum += error * error;
      }
    }
    return sum;
  }

  /**
   * The state {@code (S, I, R)} after {@code steps} Euler steps, by the recurrence of {@link
   * #misfit}.
   *
   * @param beta the infection rate per day
   * @param gamma the recovery rate per day
   * @param steps the number of steps
   * @param dt the time step in days
   * @return {@code {S, I, R}}
   */
  public static double[] state(double beta, double gamma, int steps, double dt) {
    double s = S0;
    double i = I0;
    double r = 0;
    for (int step = 1; step <= steps; step++) {
      double infection = beta * s * i * dt;
      double recovery = gamma * i * dt;
      s -= infection;
      i += infection - recovery;
      r += recovery;
    }
    return new double[] {s, i, r};
  }

  /**
   * The infected fraction every {@code every} steps, by the recurrence of {@link #misfit}.
   *
   * @param beta the infection rate per day
   * @param gamma the recovery rate per day
   * @param count the number of values
   * @param every the number of steps between them
   * @param dt the time step in days
   * @return {@code I} after {@code every, 2 every, …, count every} steps
   */
  public static double[] infected(double beta, double gamma, int count, int every, double dt) {
    double s = S0;
    double i = I0;
    double[] values = new double[count];
    for (int step = 1; step <= count * every; step++) {
      double infection = beta * s * i * dt;
      double recovery = gamma * i * dt;
      s -= infection;
      i += infection - recovery;
      if (step % every == 0) {
        values[step / every - 1] = i;
      }
    }
    return values;
  }

  /**
   * The simulated infected fractions with independent Gaussian noise.
   *
   * @param beta the infection rate per day
   * @param gamma the recovery rate per day
   * @param steps the number of Euler steps over {@link #DAYS} days, a multiple of {@link
   *     #OBSERVATIONS}
   * @param noise the standard deviation of the noise
   * @param seed the seed of the noise
   * @return {@link #OBSERVATIONS} observed infected fractions, the last at day {@link #DAYS}
   */
  public static double[] observe(double beta, double gamma, int steps, double noise, long seed) {
    Random random = new Random(seed);
    double[] observed = infected(beta, gamma, OBSERVATIONS, steps / OBSERVATIONS, timeStep(steps));
    for (int k = 0; k < observed.length; k++) {
      observed[k] += noise * random.nextGaussian();
    }
    return observed;
  }

  /**
   * The time step of a simulation of {@link #DAYS} days.
   *
   * @param steps the number of steps
   * @return {@code DAYS / steps}
   */
  public static double timeStep(int steps) {
    return DAYS / steps;
  }

  /**
   * The misfit as a function of {@code (beta, gamma)}, backed by the generated derivatives.
   *
   * @param observed the observations, {@link #OBSERVATIONS} of them
   * @param steps the number of Euler steps over {@link #DAYS} days
   * @param fullStorage whether to use the gradient of {@link #misfitFullStorage} instead of the
   *     checkpointed one of {@link #misfit}
   * @return the misfit and its gradient
   */
  public static DifferentiableFunction objective(
      double[] observed, int steps, boolean fullStorage) {
    int every = steps / observed.length;
    double dt = timeStep(steps);
    // the generated objectives; the (beta, gamma) they are made with only give the layout's shape
    return fullStorage
        ? EpidemicFitDerivatives.misfitFullStorageObjective(0, 0, observed, every, dt)
        : EpidemicFitDerivatives.misfitObjective(0, 0, observed, every, dt);
  }

  /**
   * Fits {@code (beta, gamma)} by L-BFGS.
   *
   * @param objective the misfit, see {@link #objective}
   * @param initial the initial {@code (beta, gamma)}
   * @param iterations the most iterations
   * @param log called at every iteration, or null
   * @return the optimizer's result, whose point is {@code (beta, gamma)}
   */
  public static Result fit(
      DifferentiableFunction objective, double[] initial, int iterations, StepListener log) {
    return new Lbfgs()
        .withGradientTolerance(GRADIENT_TOLERANCE)
        .withMaxIterations(iterations)
        .onStep(log)
        .minimize(objective, initial);
  }

  /**
   * Generates the observations, fits them as {@code args} say and prints the gradient, the
   * estimates next to the truth and the peak heap.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the optimizer's result
   * @throws OutOfMemoryError if the gradient does not fit in the heap (after printing how far the
   *     run got)
   */
  public static Result run(String[] args, PrintStream out) {
    ExampleOptions o = options(args);
    int steps = o.getInt("steps", STEPS, OBSERVATIONS);
    if (steps % OBSERVATIONS != 0) {
      throw new IllegalArgumentException(
          "option --steps must be a multiple of " + OBSERVATIONS + ", got " + steps);
    }
    boolean fullStorage = o.flag("full-storage");
    double[] initial = o.getDoubles("init", new double[] {INITIAL_BETA, INITIAL_GAMMA});
    int iterations = o.getInt("iterations", ITERATIONS, 0);
    double noise = o.getDouble("noise", NOISE);
    long seed = o.getLong("seed", SEED);

    double[] observed = observe(TRUE_BETA, TRUE_GAMMA, steps, noise, seed);
    out.printf(
        Locale.ROOT,
        "SIR epidemic over %d days: %d explicit Euler steps of dt = %.3g days%n",
        (int) DAYS,
        steps,
        timeStep(steps));
    out.printf(
        Locale.ROOT,
        "Observations: I every %d days, simulated with beta = %s, gamma = %s, plus Gaussian"
            + " noise sd %s (seed %d)%n",
        (int) DAYS / OBSERVATIONS,
        TRUE_BETA,
        TRUE_GAMMA,
        noise,
        seed);
    out.printf(
        Locale.ROOT,
        "Gradient: %s; max heap %d MiB%n",
        fullStorage
            ? "full storage (@Differentiable)"
            : "checkpointed (@Differentiable(checkpoints = " + CHECKPOINTS + "))",
        Runtime.getRuntime().maxMemory() >> 20);
    DifferentiableFunction f = objective(observed, steps, fullStorage);
    // the objective keeps its workspace, and with it what the gradient stored before running out:
    // freed at the error, this reserve leaves room for the report
    reserve = new byte[1 << 20];
    Memory.resetPeak();
    try {
      double[] g = new double[2];
      long start = System.nanoTime();
      long before = Memory.allocatedBytes();
      double loss = f.valueAndGradient(initial, g);
      long allocated = before < 0 ? -1 : Memory.allocatedBytes() - before;
      double millis = (System.nanoTime() - start) / 1e6;
      out.printf(
          Locale.ROOT,
          "At beta = %s, gamma = %s: misfit %.6e, gradient (%.6e, %.6e), %.0f ms, %s allocated%n",
          initial[0],
          initial[1],
          loss,
          g[0],
          g[1],
          millis,
          allocated < 0 ? "(unknown)" : Memory.format(allocated));
      long fitStart = System.nanoTime();
      out.println("iteration  beta        gamma       misfit");
      Result r =
          fit(
              f,
              initial,
              iterations,
              s ->
                  out.printf(
                      Locale.ROOT,
                      "%9d  %.8f  %.8f  %.6e%n",
                      s.iteration(),
                      s.point()[0],
                      s.point()[1],
                      s.value()));
      double seconds = (System.nanoTime() - fitStart) / 1e9;
      double[] p = r.point();
      f.valueAndGradient(p, g);
      out.printf(
          Locale.ROOT,
          "%s after %d iterations (%d gradients, %.1f s): misfit %.6e, gradient (%.3e, %.3e)%n",
          r.status(),
          r.iterations(),
          r.evaluations(),
          seconds,
          r.value(),
          g[0],
          g[1]);
      out.println("        fitted      true   error");
      out.printf(
          Locale.ROOT,
          "beta    %.6f  %.3f  %+.3f%%%n",
          p[0],
          TRUE_BETA,
          100 * (p[0] / TRUE_BETA - 1));
      out.printf(
          Locale.ROOT,
          "gamma   %.6f  %.3f  %+.3f%%%n",
          p[1],
          TRUE_GAMMA,
          100 * (p[1] / TRUE_GAMMA - 1));
      out.printf(
          Locale.ROOT,
          "Peak heap used: %s of %s%n",
          Memory.format(Memory.peakHeapBytes()),
          Memory.format(Runtime.getRuntime().maxMemory()));
      reserve = null;
      return r;
    } catch (OutOfMemoryError e) {
      reserve = null;
      out.printf(
          Locale.ROOT,
          "Out of memory in the gradient (%s) with a max heap of %d MiB%n",
          e.getMessage(),
          Runtime.getRuntime().maxMemory() >> 20);
      throw e;
    }
  }

  /** Memory set aside for reporting an out-of-memory error; see {@link #run}. */
  @SuppressWarnings("unused") // held, never read: its release is the point
  private static byte[] reserve;

  private static ExampleOptions options(String[] args) {
    return ExampleOptions.parse(
        args, Set.of("steps", "init", "iterations", "noise", "seed"), Set.of("full-storage"));
  }

  /**
   * Runs the example; exits with status 1 if the gradient runs out of memory.
   *
   * @param args see {@link #USAGE}
   */
  public static void main(String[] args) {
    try {
      if (options(args).help()) {
        System.out.println(USAGE);
        return;
      }
      run(args, System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("EpidemicFit: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    } catch (OutOfMemoryError e) {
      System.exit(1);
    }
  }

  /** Heap figures: the peak use since a reset, and the bytes the current thread allocated. */
  private static final class Memory {

    private Memory() {}

    static void resetPeak() {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          pool.resetPeakUsage();
        }
      }
    }

    /** The sum of the heap pools' peaks, an upper bound on the peak of their sum. */
    static long peakHeapBytes() {
      long bytes = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          bytes += pool.getPeakUsage().getUsed();
        }
      }
      return bytes;
    }

    /** The bytes the current thread has allocated so far, or -1 where the JVM does not count. */
    static long allocatedBytes() {
      if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
          && threads.isThreadAllocatedMemorySupported()
          && threads.isThreadAllocatedMemoryEnabled()) {
        return threads.getCurrentThreadAllocatedBytes();
      }
      return -1;
    }

    static String format(long bytes) {
      if (bytes < 1 << 20) {
        return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
      }
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
  }
}
