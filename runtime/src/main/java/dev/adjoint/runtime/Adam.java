package dev.adjoint.runtime;

/**
 * The Adam optimizer (Kingma and Ba, 2015) with the options, defaults and update of {@code
 * torch.optim.Adam}, including its coupled (L2) weight decay and optional AMSGrad. At step {@code t
 * = 1, 2, …}, with {@code g} the gradient, elementwise from {@code m = v = v̂max = 0}:
 *
 * <pre>{@code
 * g = g + weightDecay x                     (if weightDecay != 0)
 * m = beta1 m + (1 - beta1) g
 * v = beta2 v + (1 - beta2) g * g
 * v̂max = max(v̂max, v)                        (if amsgrad; then v̂max replaces v below)
 * x -= lr_t (m / (1 - beta1^t)) / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
 * }</pre>
 *
 * with {@code lr_t} the {@link LearningRateSchedule schedule}'s rate. The first step therefore
 * moves every coordinate with a nonzero gradient by {@code lr} (almost exactly) against the sign of
 * its gradient. {@link AdamW} is the same with decoupled weight decay.
 *
 * <pre>{@code
 * Result r =
 *     new Adam(0.01, 3000)
 *         .onStep(Progress.to(System.out))
 *         .minimize(f, initialWeights);
 * }</pre>
 *
 * <p>{@link #minimize} takes full-batch steps until a test of its {@link StoppingCriteria} fires
 * (by default only the iteration limit given to the constructor); {@link #train} takes mini-batch
 * steps over epochs. Both return the best point seen, which need not be the last: Adam's steps do
 * not shrink with the gradient. The working arrays are allocated once per run. Instances are
 * immutable and may be shared.
 */
public final class Adam extends AdaptiveMoments<Adam> {

  /** The default learning rate, PyTorch's {@code Adam} default. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  /** The default iteration limit of {@link #Adam()}. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** The default decay rate of the first-moment estimate. */
  public static final double DEFAULT_BETA1 = 0.9;

  /** The default decay rate of the second-moment estimate. */
  public static final double DEFAULT_BETA2 = 0.999;

  /** The default term added to the denominator. */
  public static final double DEFAULT_EPSILON = 1e-8;

  /** Adam with {@link #DEFAULT_LEARNING_RATE} for {@link #DEFAULT_MAX_ITERATIONS} steps. */
  public Adam() {
    this(DEFAULT_LEARNING_RATE, DEFAULT_MAX_ITERATIONS);
  }

  /**
   * Adam taking at most {@code maxIterations} steps with the default betas and epsilon, no weight
   * decay, and no other stopping test.
   *
   * @param learningRate the learning rate, finite and positive
   * @param maxIterations the number of steps, not negative
   */
  public Adam(double learningRate, int maxIterations) {
    this(AdamSettings.defaults(learningRate, maxIterations, 0));
  }

  private Adam(AdamSettings settings) {
    super(settings);
  }

  @Override
  Adam copy(AdamSettings settings) {
    return new Adam(settings);
  }

  @Override
  boolean decoupled() {
    return false;
  }
}
