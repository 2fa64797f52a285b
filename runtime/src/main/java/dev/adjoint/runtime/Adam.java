package dev.adjoint.runtime;

import java.util.Arrays;

/**
 * The Adam optimizer (Kingma and Ba, 2015) with a fixed number of steps, the update of {@code
 * torch.optim.Adam} with its defaults. At step {@code t = 1, 2, …}, with {@code g} the gradient:
 *
 * <pre>{@code
 * m = beta1 m + (1 - beta1) g
 * v = beta2 v + (1 - beta2) g * g
 * x -= learningRate * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * }</pre>
 *
 * elementwise, from {@code m = v = 0}. The first step therefore moves every coordinate with a
 * nonzero gradient by {@code learningRate} (almost exactly) against the sign of its gradient.
 *
 * <pre>{@code
 * Adam.Result r =
 *     new Adam(0.01, 3000)
 *         .onStep(StepListener.every(500, (t, loss, x) -> System.out.println(t + " " + loss)))
 *         .minimize(f, initialWeights);
 * }</pre>
 *
 * <p>The optimizer allocates its working arrays once per {@link #minimize} call; the loop itself
 * allocates nothing beyond what the function and the callback do. Instances are immutable and may
 * be shared.
 */
public final class Adam {

  /** The default learning rate, PyTorch's {@code Adam} default. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  /** The default decay rate of the first-moment estimate. */
  public static final double DEFAULT_BETA1 = 0.9;

  /** The default decay rate of the second-moment estimate. */
  public static final double DEFAULT_BETA2 = 0.999;

  /** The default term added to the denominator. */
  public static final double DEFAULT_EPSILON = 1e-8;

  private final double learningRate;
  private final int steps;
  private final double beta1;
  private final double beta2;
  private final double epsilon;
  private final GradientDescent.StepListener listener;

  /**
   * An optimizer taking {@code steps} Adam steps with the default betas and epsilon.
   *
   * @param learningRate the learning rate, finite and positive
   * @param steps the number of steps, not negative
   */
  public Adam(double learningRate, int steps) {
    this(learningRate, steps, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON, null);
  }

  private Adam(
      double learningRate,
      int steps,
      double beta1,
      double beta2,
      double epsilon,
      GradientDescent.StepListener listener) {
    this.learningRate = Checks.positiveFinite("learningRate", learningRate);
    if (steps < 0) {
      throw new IllegalArgumentException("steps must not be negative, got " + steps);
    }
    this.steps = steps;
    this.beta1 = beta("beta1", beta1);
    this.beta2 = beta("beta2", beta2);
    this.epsilon = Checks.nonNegativeFinite("epsilon", epsilon);
    this.listener = listener;
  }

  private static double beta(String name, double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + beta);
    }
    return beta;
  }

  /**
   * The learning rate.
   *
   * @return the step-size factor
   */
  public double learningRate() {
    return learningRate;
  }

  /**
   * The number of steps.
   *
   * @return how many updates {@link #minimize} makes
   */
  public int steps() {
    return steps;
  }

  /**
   * The decay rate of the first-moment (mean) estimate.
   *
   * @return beta1
   */
  public double beta1() {
    return beta1;
  }

  /**
   * The decay rate of the second-moment (uncentred variance) estimate.
   *
   * @return beta2
   */
  public double beta2() {
    return beta2;
  }

  /**
   * The term added to the denominator for numerical stability.
   *
   * @return epsilon
   */
  public double epsilon() {
    return epsilon;
  }

  /**
   * Returns a copy of this optimizer with a different learning rate.
   *
   * @param learningRate finite and positive
   * @return the new optimizer, other settings kept
   */
  public Adam withLearningRate(double learningRate) {
    return new Adam(learningRate, steps, beta1, beta2, epsilon, listener);
  }

  /**
   * Returns a copy of this optimizer with a different step count.
   *
   * @param steps not negative
   * @return the new optimizer, other settings kept
   */
  public Adam withSteps(int steps) {
    return new Adam(learningRate, steps, beta1, beta2, epsilon, listener);
  }

  /**
   * Returns a copy of this optimizer with different moment decay rates.
   *
   * @param beta1 in [0, 1)
   * @param beta2 in [0, 1)
   * @return the new optimizer, other settings kept
   */
  public Adam withBetas(double beta1, double beta2) {
    return new Adam(learningRate, steps, beta1, beta2, epsilon, listener);
  }

  /**
   * Returns a copy of this optimizer with a different denominator term.
   *
   * @param epsilon finite and not negative
   * @return the new optimizer, other settings kept
   */
  public Adam withEpsilon(double epsilon) {
    return new Adam(learningRate, steps, beta1, beta2, epsilon, listener);
  }

  /**
   * Returns a copy of this optimizer that calls {@code listener} at every step, after the value and
   * gradient are computed and before the point is updated (step indices from 0).
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, other settings kept
   */
  public Adam onStep(GradientDescent.StepListener listener) {
    return new Adam(learningRate, steps, beta1, beta2, epsilon, listener);
  }

  /**
   * Runs {@link #steps()} steps from {@code initialPoint}, which is not modified.
   *
   * @param function the function to minimize
   * @param initialPoint the starting point, of length {@code function.dimension()}
   * @return the final point, the value there (one extra evaluation) and the number of steps
   */
  public Result minimize(DifferentiableFunction function, double[] initialPoint) {
    int n = function.dimension();
    Checks.length("initialPoint", initialPoint, n);
    double[] point = initialPoint.clone();
    double[] gradient = new double[n];
    double[] m = new double[n];
    double[] v = new double[n];
    double b1 = beta1;
    double b2 = beta2;
    double b1Power = 1;
    double b2Power = 1;
    for (int step = 0; step < steps; step++) {
      double value = function.valueAndGradient(point, gradient);
      if (listener != null) {
        listener.onStep(step, value, point);
      }
      b1Power *= b1;
      b2Power *= b2;
      double stepSize = learningRate / (1 - b1Power);
      double secondCorrection = Math.sqrt(1 - b2Power);
      for (int i = 0; i < n; i++) {
        double gi = gradient[i];
        m[i] = b1 * m[i] + (1 - b1) * gi;
        v[i] = b2 * v[i] + (1 - b2) * gi * gi;
        point[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / secondCorrection + epsilon);
      }
    }
    double finalValue = function.valueAndGradient(point, gradient);
    return new Result(point, finalValue, steps);
  }

  @Override
  public String toString() {
    return "Adam[learningRate="
        + learningRate
        + ", steps="
        + steps
        + ", beta1="
        + beta1
        + ", beta2="
        + beta2
        + ", epsilon="
        + epsilon
        + "]";
  }

  /**
   * The outcome of {@link #minimize}.
   *
   * @param point the final point, after the last update (a fresh array owned by the caller)
   * @param value the function value at {@code point}
   * @param steps the number of steps taken
   */
  public record Result(double[] point, double value, int steps) {

    @Override
    public boolean equals(Object o) {
      return o instanceof Result r
          && Arrays.equals(point, r.point)
          && Double.compare(value, r.value) == 0
          && steps == r.steps;
    }

    @Override
    public int hashCode() {
      return 31 * (31 * Arrays.hashCode(point) + Double.hashCode(value)) + steps;
    }

    @Override
    public String toString() {
      return "Adam.Result[steps="
          + steps
          + ", value="
          + value
          + ", point="
          + Arrays.toString(point)
          + "]";
    }
  }
}
