package dev.adjoint.examples;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;
import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.GradientDescent;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.StepListener;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * Recovers the stiffness {@code k} and damping {@code c} of a damped oscillator {@code x'' + c x' +
 * k x = 0} from a noisy trajectory, by plain gradient descent on the squared error of a simulation:
 * the gradient flows back through 1000 explicit Euler steps.
 *
 * <p>The simulation ({@link #eulerStep}, updating a {@code double[] state = {x, v}} in place) is
 * ordinary Java and is called both to generate the observations (with known {@code k = 4}, {@code c
 * = 0.5}, Gaussian noise of standard deviation 0.02) and inside the differentiable {@link #loss};
 * Adjoint inlines the call and generates {@code DampedOscillatorDerivatives.lossValueAndGradient(k,
 * c, observed, dt, gradient)}, an adjoint of the whole time loop that stores the state of each step
 * for the backward sweep.
 *
 * <p>Run it with {@code mvn -q -pl examples -am -Pdamped-oscillator -DskipTests package} from the
 * repository root; options ({@link #USAGE}) go through {@code -DdampedOscillator.args="--init
 * 2,2"}.
 */
public final class DampedOscillator {

  /** The true stiffness used to generate the data. */
  public static final double TRUE_K = 4.0;

  /** The true damping used to generate the data. */
  public static final double TRUE_C = 0.5;

  /** The time step. */
  public static final double DT = 0.01;

  /** The number of Euler steps: the trajectory covers t in [0, 10]. */
  public static final int STEPS = 1000;

  /** The standard deviation of the observation noise. */
  public static final double NOISE = 0.02;

  /** The seed of the observation noise. */
  public static final long SEED = 2024;

  /** The initial guess for {@code k}. */
  public static final double INITIAL_K = 1.0;

  /** The initial guess for {@code c}. */
  public static final double INITIAL_C = 1.0;

  /** The gradient-descent learning rate. */
  public static final double LEARNING_RATE = 1e-3;

  /** The number of gradient-descent steps. */
  public static final int ITERATIONS = 200;

  /** How often the estimates are printed, in iterations. */
  public static final int LOG_EVERY = 20;

  /** The usage text. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: DampedOscillator [options]",
          "  Fits k and c of x'' + c x' + k x = 0, x(0) = 1, v(0) = 0, to a noisy trajectory",
          "  simulated with k = "
              + TRUE_K
              + ", c = "
              + TRUE_C
              + ", by gradient descent through "
              + STEPS
              + " explicit Euler steps.",
          "  --init K,C     initial guess (default " + INITIAL_K + "," + INITIAL_C + ")",
          "  --lr X         learning rate (default " + LEARNING_RATE + ")",
          "  --iterations N gradient-descent steps (default " + ITERATIONS + ")",
          "  --noise X      noise standard deviation (default " + NOISE + ")",
          "  --seed N       seed of the noise (default " + SEED + ")",
          "  --every N      print the estimates every N iterations (default " + LOG_EVERY + ")",
          "  --help         print this text");

  private DampedOscillator() {}

  /**
   * One explicit Euler step of {@code x' = v, v' = -c v - k x}, in place.
   *
   * @param state {@code {x, v}}, overwritten with the state one step later
   * @param k the stiffness
   * @param c the damping
   * @param dt the time step
   */
  static void eulerStep(double[] state, double k, double c, double dt) {
    double x = state[0];
    double v = state[1];
    state[0] = x + dt * v;
    state[1] = v + dt * (-c * v - k * x);
  }

  /**
   * The sum of squared differences between the simulated positions and the observations.
   *
   * @param k the stiffness
   * @param c the damping
   * @param observed the observed positions at times {@code 0, dt, 2 dt, …} ({@code observed[0]} is
   *     the known initial position and is not compared)
   * @param dt the time step
   * @return {@code Σ_{i>=1} (x_i - observed[i])²} with {@code x_i} from {@link #eulerStep}
   */
  @Differentiable
  static double loss(double k, double c, @NoDerivative double[] observed, @NoDerivative double dt) {
    double[] state = {1.0, 0.0};
    double sum = 0;
    for (int i = 1; i < observed.length; i++) {
      eulerStep(state, k, c, dt);
      double error = state[0] - observed[i];
      sum += error * error;
    }
    return sum;
  }

  /**
   * The positions of the simulation from {@code x(0) = 1, v(0) = 0}.
   *
   * @param k the stiffness
   * @param c the damping
   * @param dt the time step
   * @param steps the number of steps
   * @return {@code steps + 1} positions, at times {@code 0, dt, …, steps dt}
   */
  public static double[] simulate(double k, double c, double dt, int steps) {
    double[] state = {1.0, 0.0};
    double[] positions = new double[steps + 1];
    positions[0] = state[0];
    for (int i = 1; i <= steps; i++) {
      eulerStep(state, k, c, dt);
      positions[i] = state[0];
    }
    return positions;
  }

  /**
   * The simulated trajectory with independent Gaussian noise added to every position after the
   * first.
   *
   * @param k the stiffness
   * @param c the damping
   * @param noise the standard deviation of the noise
   * @param seed the seed of the noise
   * @return {@link #STEPS} + 1 observed positions with time step {@link #DT}
   */
  public static double[] observe(double k, double c, double noise, long seed) {
    Random random = new Random(seed);
    double[] observed = simulate(k, c, DT, STEPS);
    for (int i = 1; i < observed.length; i++) {
      observed[i] += noise * random.nextGaussian();
    }
    return observed;
  }

  /**
   * The loss as a function of {@code (k, c)}, backed by the generated derivatives.
   *
   * @param observed the observations
   * @param dt their time step
   * @return the loss and its gradient
   */
  public static DifferentiableFunction objective(double[] observed, double dt) {
    // the generated objective; the (k, c) it is made with only give the layout's shape
    return DampedOscillatorDerivatives.lossObjective(0, 0, observed, dt);
  }

  /**
   * Fits {@code (k, c)} by plain gradient descent.
   *
   * @param observed the observations, with time step {@link #DT}
   * @param initial the initial {@code (k, c)}
   * @param learningRate the learning rate
   * @param iterations the number of steps
   * @param log called at every step with the loss before the step, or null
   * @return the optimizer's result, whose point is {@code (k, c)}
   */
  public static Result fit(
      double[] observed, double[] initial, double learningRate, int iterations, StepListener log) {
    return new GradientDescent(learningRate, iterations)
        .onStep(log)
        .minimize(objective(observed, DT), initial);
  }

  /**
   * Generates the observations, fits them as {@code args} say and prints the estimates next to the
   * truth.
   *
   * @param args the command line, see {@link #USAGE}
   * @param out where to print
   * @return the fitted {@code (k, c)}
   */
  public static double[] run(String[] args, PrintStream out) {
    ExampleOptions o = options(args);
    double[] initial = o.getDoubles("init", new double[] {INITIAL_K, INITIAL_C});
    double lr = o.getPositive("lr", LEARNING_RATE);
    int iterations = o.getInt("iterations", ITERATIONS, 0);
    double noise = o.getDouble("noise", NOISE);
    long seed = o.getLong("seed", SEED);
    int every = o.getInt("every", LOG_EVERY, 1);

    double[] observed = observe(TRUE_K, TRUE_C, noise, seed);
    out.printf(
        Locale.ROOT,
        "Damped oscillator x'' + c x' + k x = 0, x(0) = 1, v(0) = 0: %d explicit Euler steps of"
            + " dt = %s%n",
        STEPS,
        DT);
    out.printf(
        Locale.ROOT,
        "Observations: simulated with k = %s, c = %s, plus Gaussian noise sd %s (seed %d)%n",
        TRUE_K,
        TRUE_C,
        noise,
        seed);
    out.printf(
        Locale.ROOT,
        "Gradient descent from k = %s, c = %s, learning rate %s, %d steps%n",
        initial[0],
        initial[1],
        lr,
        iterations);
    out.println(" step  k         c         loss");
    Result r =
        fit(
            observed,
            initial,
            lr,
            iterations,
            s -> {
              if (s.iteration() % every == 0) {
                double[] p = s.point();
                out.printf(
                    Locale.ROOT, "%5d  %.6f  %.6f  %.6f%n", s.iteration(), p[0], p[1], s.value());
              }
            });
    double k = r.point()[0];
    double c = r.point()[1];
    out.printf(
        Locale.ROOT,
        "final loss %.6f (noise alone: about %.2f)%n",
        r.value(),
        STEPS * noise * noise);
    out.println("            fitted     true   error");
    out.printf(Locale.ROOT, "k (stiff.)  %.5f  %.3f  %+.3f%%%n", k, TRUE_K, 100 * (k / TRUE_K - 1));
    out.printf(Locale.ROOT, "c (damp.)   %.5f  %.3f  %+.3f%%%n", c, TRUE_C, 100 * (c / TRUE_C - 1));
    return r.point();
  }

  private static ExampleOptions options(String[] args) {
    return ExampleOptions.parse(
        args, Set.of("init", "lr", "iterations", "noise", "seed", "every"), Set.of());
  }

  /**
   * Runs the example.
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
      System.err.println("DampedOscillator: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
    }
  }
}
