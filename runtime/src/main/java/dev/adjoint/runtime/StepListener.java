package dev.adjoint.runtime;

/**
 * Called by an optimizer at every iteration, after the value and gradient at the current point are
 * computed and before the point is updated; the place for logging ({@link Progress}), recording a
 * loss curve ({@link LossHistory}) or stopping early ({@link Step#stop()}).
 *
 * <pre>{@code
 * Result r =
 *     new Adam(0.01, 3000)
 *         .onStep(StepListener.every(500, s -> System.out.println(s.iteration() + " " + s.value())))
 *         .minimize(f, initialWeights);
 * }</pre>
 *
 * <p>The {@link Step} is reused from one iteration to the next and its arrays are the optimizer's
 * working arrays: read them during the call and never write them (see {@link Step}).
 */
@FunctionalInterface
public interface StepListener {

  /**
   * Receives one iteration. Call {@link Step#stop()} to end the run.
   *
   * @param step the iteration, valid only during this call
   */
  void onStep(Step step);

  /**
   * Called once when the run ends, with its result. The default does nothing; {@link Progress}
   * prints a summary.
   *
   * @param result the result the optimizer is about to return
   */
  default void onFinish(Result result) {}

  /**
   * A listener that calls this one and then {@code next}, at every step and at the end.
   *
   * @param next the listener called second
   * @return the combined listener
   */
  default StepListener andThen(StepListener next) {
    if (next == null) {
      throw new NullPointerException("next");
    }
    StepListener first = this;
    return new StepListener() {
      @Override
      public void onStep(Step step) {
        first.onStep(step);
        next.onStep(step);
      }

      @Override
      public void onFinish(Result result) {
        first.onFinish(result);
        next.onFinish(result);
      }
    };
  }

  /**
   * Forwards to {@code listener} every {@code period} iterations, the way the PyTorch tutorials
   * log: at iterations {@code period - 1}, {@code 2 * period - 1}, … (for a period of 100: 99, 199,
   * …). {@link #onFinish} is always forwarded.
   *
   * @param period the period, at least 1
   * @param listener the callback to call on those iterations
   * @return the filtering listener
   */
  static StepListener every(int period, StepListener listener) {
    if (period < 1) {
      throw new IllegalArgumentException("period must be at least 1, got " + period);
    }
    if (listener == null) {
      throw new NullPointerException("listener");
    }
    return new StepListener() {
      @Override
      public void onStep(Step step) {
        if (step.iteration() % period == period - 1) {
          listener.onStep(step);
        }
      }

      @Override
      public void onFinish(Result result) {
        listener.onFinish(result);
      }
    };
  }
}
