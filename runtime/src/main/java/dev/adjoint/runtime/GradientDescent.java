package dev.adjoint.runtime;

import java.util.Arrays;

/**
 * Plain gradient descent with a fixed learning rate: {@code x -= learningRate * gradient(x)} for a
 * fixed number of steps, the update of the PyTorch polynomial-fitting tutorial (and of {@code
 * torch.optim.SGD} without momentum).
 *
 * <p>The optimizer allocates its working point and gradient once per {@link #minimize} call; the
 * loop itself allocates nothing beyond what the function and the callback do.
 *
 * <pre>{@code
 * GradientDescent.Result r =
 *     new GradientDescent(1e-6, 2000)
 *         .onStep(StepListener.every(100, (t, loss, x) -> System.out.println(t + " " + loss)))
 *         .minimize(f, new double[] {0, 0, 0, 0});
 * }</pre>
 *
 * <p>Instances are immutable and may be shared; {@link #minimize} keeps its state in locals.
 */
public final class GradientDescent {

  /** The default learning rate, PyTorch's {@code SGD} default. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  private final double learningRate;
  private final int steps;
  private final StepListener listener;

  /**
   * An optimizer taking {@code steps} steps of size {@code learningRate} times the gradient.
   *
   * @param learningRate the learning rate, finite and positive
   * @param steps the number of steps (gradient evaluations followed by an update), not negative
   */
  public GradientDescent(double learningRate, int steps) {
    this(learningRate, steps, null);
  }

  private GradientDescent(double learningRate, int steps, StepListener listener) {
    this.learningRate = Checks.positiveFinite("learningRate", learningRate);
    if (steps < 0) {
      throw new IllegalArgumentException("steps must not be negative, got " + steps);
    }
    this.steps = steps;
    this.listener = listener;
  }

  /**
   * The learning rate.
   *
   * @return the factor applied to the gradient at every step
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
   * Returns a copy of this optimizer with a different learning rate.
   *
   * @param learningRate the learning rate, finite and positive
   * @return the new optimizer, keeping the step count and callback
   */
  public GradientDescent withLearningRate(double learningRate) {
    return new GradientDescent(learningRate, steps, listener);
  }

  /**
   * Returns a copy of this optimizer with a different step count.
   *
   * @param steps the number of steps, not negative
   * @return the new optimizer, keeping the learning rate and callback
   */
  public GradientDescent withSteps(int steps) {
    return new GradientDescent(learningRate, steps, listener);
  }

  /**
   * Returns a copy of this optimizer that calls {@code listener} at every step, after the value and
   * gradient are computed and before the point is updated.
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, keeping the learning rate and step count
   */
  public GradientDescent onStep(StepListener listener) {
    return new GradientDescent(learningRate, steps, listener);
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
    double lr = learningRate;
    StepListener callback = listener;
    for (int step = 0; step < steps; step++) {
      double value = function.valueAndGradient(point, gradient);
      if (callback != null) {
        callback.onStep(step, value, point);
      }
      for (int i = 0; i < n; i++) {
        point[i] -= lr * gradient[i];
      }
    }
    double finalValue = function.valueAndGradient(point, gradient);
    return new Result(point, finalValue, steps);
  }

  @Override
  public String toString() {
    return "GradientDescent[learningRate=" + learningRate + ", steps=" + steps + "]";
  }

  /**
   * Called by {@link #minimize} at every step.
   *
   * <p>The callback sees the point at which {@code value} was computed, before the step's update.
   * The array is the optimizer's working array, passed without copying so that the loop stays
   * allocation-free: read it, copy it if you keep it, never write it.
   */
  @FunctionalInterface
  public interface StepListener {

    /**
     * Receives one step.
     *
     * @param step the step index, from 0
     * @param value the function value at {@code point}
     * @param point the current point (the optimizer's live array; do not modify)
     */
    void onStep(int step, double value, double[] point);

    /**
     * Forwards to {@code listener} every {@code period} steps, the way the PyTorch tutorial logs:
     * at steps {@code period - 1}, {@code 2 * period - 1}, … (for a period of 100: 99, 199, …).
     *
     * @param period the period, at least 1
     * @param listener the callback to call on those steps
     * @return the filtering listener
     */
    static StepListener every(int period, StepListener listener) {
      if (period < 1) {
        throw new IllegalArgumentException("period must be at least 1, got " + period);
      }
      if (listener == null) {
        throw new NullPointerException("listener");
      }
      return (step, value, point) -> {
        if (step % period == period - 1) {
          listener.onStep(step, value, point);
        }
      };
    }
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
      return "GradientDescent.Result[steps="
          + steps
          + ", value="
          + value
          + ", point="
          + Arrays.toString(point)
          + "]";
    }
  }
}
