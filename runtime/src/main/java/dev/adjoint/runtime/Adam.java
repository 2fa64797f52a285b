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
public final class Adam {

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

  private final AdamSettings settings;

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
    this.settings = settings;
  }

  /**
   * The base learning rate.
   *
   * @return the step-size factor, before the schedule
   */
  public double learningRate() {
    return settings.loop().learningRate();
  }

  /**
   * The decay rate of the first-moment (mean) estimate.
   *
   * @return beta1
   */
  public double beta1() {
    return settings.beta1();
  }

  /**
   * The decay rate of the second-moment (uncentred variance) estimate.
   *
   * @return beta2
   */
  public double beta2() {
    return settings.beta2();
  }

  /**
   * The term added to the denominator for numerical stability.
   *
   * @return epsilon
   */
  public double epsilon() {
    return settings.epsilon();
  }

  /**
   * The L2 penalty added to the gradient.
   *
   * @return not negative, 0 by default
   */
  public double weightDecay() {
    return settings.weightDecay();
  }

  /**
   * Whether the AMSGrad variant is used.
   *
   * @return false by default
   */
  public boolean amsgrad() {
    return settings.amsgrad();
  }

  /**
   * The learning-rate schedule.
   *
   * @return the schedule, {@link LearningRateSchedule#constant()} by default
   */
  public LearningRateSchedule schedule() {
    return settings.loop().schedule();
  }

  /**
   * The stopping criteria.
   *
   * @return the criteria of {@link #minimize}
   */
  public StoppingCriteria stopping() {
    return settings.loop().stopping();
  }

  /**
   * Returns a copy with a different learning rate.
   *
   * @param learningRate finite and positive
   * @return the new optimizer, other settings kept
   */
  public Adam withLearningRate(double learningRate) {
    return new Adam(settings.withLearningRate(learningRate));
  }

  /**
   * Returns a copy with different moment decay rates.
   *
   * @param beta1 in [0, 1)
   * @param beta2 in [0, 1)
   * @return the new optimizer, other settings kept
   */
  public Adam withBetas(double beta1, double beta2) {
    return new Adam(settings.withBetas(beta1, beta2));
  }

  /**
   * Returns a copy with a different denominator term.
   *
   * @param epsilon finite and not negative
   * @return the new optimizer, other settings kept
   */
  public Adam withEpsilon(double epsilon) {
    return new Adam(settings.withEpsilon(epsilon));
  }

  /**
   * Returns a copy with coupled (L2) weight decay: {@code weightDecay · x} is added to the gradient
   * before the moments are updated. Prefer {@link AdamW} for decoupled decay.
   *
   * @param weightDecay finite and not negative
   * @return the new optimizer, other settings kept
   */
  public Adam withWeightDecay(double weightDecay) {
    return new Adam(settings.withWeightDecay(weightDecay));
  }

  /**
   * Returns a copy with or without AMSGrad: the running maximum of the second-moment estimate
   * replaces the estimate in the denominator.
   *
   * @param amsgrad whether to use AMSGrad
   * @return the new optimizer, other settings kept
   */
  public Adam withAmsgrad(boolean amsgrad) {
    return new Adam(settings.withAmsgrad(amsgrad));
  }

  /**
   * Returns a copy with a learning-rate schedule.
   *
   * @param schedule the schedule, not null
   * @return the new optimizer, other settings kept
   */
  public Adam withSchedule(LearningRateSchedule schedule) {
    return new Adam(settings.withSchedule(schedule));
  }

  /**
   * Returns a copy with different stopping criteria.
   *
   * @param stopping the criteria, not null
   * @return the new optimizer, other settings kept
   */
  public Adam withStopping(StoppingCriteria stopping) {
    return new Adam(settings.withStopping(stopping));
  }

  /**
   * Returns a copy with a different iteration limit, other criteria kept.
   *
   * @param maxIterations not negative
   * @return the new optimizer, other settings kept
   */
  public Adam withMaxIterations(int maxIterations) {
    return withStopping(stopping().withMaxIterations(maxIterations));
  }

  /**
   * Returns a copy that calls {@code listener} at every step, after the value and gradient are
   * computed and before the point is updated.
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, other settings kept
   */
  public Adam onStep(StepListener listener) {
    return new Adam(settings.withListener(listener));
  }

  /**
   * Minimizes {@code function} from {@code initialPoint}, which is not modified, with full-batch
   * steps until a stopping test fires.
   *
   * @param function the function to minimize
   * @param initialPoint the starting point, of length {@code function.dimension()}
   * @return the best point seen, the last point, the counts and why the run stopped
   */
  public Result minimize(DifferentiableFunction function, double[] initialPoint) {
    return settings.minimize(false, function, initialPoint);
  }

  /**
   * Trains on mini-batches for {@code epochs} epochs, measuring points by the objective over all
   * samples; see {@link GradientDescent#train(BatchedFunction, MiniBatches, int,
   * DifferentiableFunction, double[])} for what a run does.
   *
   * @param objective the objective over a batch
   * @param batches the batch size, sample count and seed
   * @param epochs the number of passes over the samples, not negative
   * @param initialPoint the starting point, not modified
   * @return the best epoch-end point by the full objective, the last point, and why the run stopped
   */
  public Result train(
      BatchedFunction objective, MiniBatches batches, int epochs, double[] initialPoint) {
    return settings.train(false, objective, batches, epochs, null, initialPoint);
  }

  /**
   * Trains on mini-batches for {@code epochs} epochs, measuring points by {@code evaluation}; see
   * {@link GradientDescent#train(BatchedFunction, MiniBatches, int, DifferentiableFunction,
   * double[])} for what a run does.
   *
   * @param objective the objective over a batch
   * @param batches the batch size, sample count and seed
   * @param epochs the number of passes over the samples, not negative
   * @param evaluation the full-data or held-out loss; null for the objective over all samples
   * @param initialPoint the starting point, not modified
   * @return the best epoch-end point by {@code evaluation}, the last point, and why the run stopped
   */
  public Result train(
      BatchedFunction objective,
      MiniBatches batches,
      int epochs,
      DifferentiableFunction evaluation,
      double[] initialPoint) {
    return settings.train(false, objective, batches, epochs, evaluation, initialPoint);
  }

  @Override
  public String toString() {
    return settings.describe("Adam");
  }
}
