package dev.adjoint.runtime;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, 2019), with the options, defaults and
 * update of {@code torch.optim.AdamW}: before the Adam step of {@link Adam} (without its coupled
 * decay), every step shrinks the point, {@code x *= 1 - lr_t weightDecay}, so that the decay is not
 * rescaled by the moment estimates. The default weight decay is PyTorch's 0.01.
 *
 * <pre>{@code
 * Result r = new AdamW(1e-3, 5000).withWeightDecay(0.05).minimize(f, initialWeights);
 * }</pre>
 *
 * <p>{@link #minimize} takes full-batch steps until a test of its {@link StoppingCriteria} fires
 * (by default only the iteration limit given to the constructor); {@link #train} takes mini-batch
 * steps over epochs. Both return the best point seen. The working arrays are allocated once per
 * run. Instances are immutable and may be shared.
 */
public final class AdamW {

  /** The default learning rate, PyTorch's {@code AdamW} default. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  /** The default iteration limit of {@link #AdamW()}. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  /** The default decoupled weight decay, PyTorch's {@code AdamW} default. */
  public static final double DEFAULT_WEIGHT_DECAY = 1e-2;

  private final AdamSettings settings;

  /**
   * AdamW with {@link #DEFAULT_LEARNING_RATE} and {@link #DEFAULT_WEIGHT_DECAY} for {@link
   * #DEFAULT_MAX_ITERATIONS} steps.
   */
  public AdamW() {
    this(DEFAULT_LEARNING_RATE, DEFAULT_MAX_ITERATIONS);
  }

  /**
   * AdamW taking at most {@code maxIterations} steps with the default betas, epsilon and weight
   * decay, and no other stopping test.
   *
   * @param learningRate the learning rate, finite and positive
   * @param maxIterations the number of steps, not negative
   */
  public AdamW(double learningRate, int maxIterations) {
    this(AdamSettings.defaults(learningRate, maxIterations, DEFAULT_WEIGHT_DECAY));
  }

  private AdamW(AdamSettings settings) {
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
   * The decoupled weight decay.
   *
   * @return not negative, {@link #DEFAULT_WEIGHT_DECAY} by default
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
  public AdamW withLearningRate(double learningRate) {
    return new AdamW(settings.withLearningRate(learningRate));
  }

  /**
   * Returns a copy with different moment decay rates.
   *
   * @param beta1 in [0, 1)
   * @param beta2 in [0, 1)
   * @return the new optimizer, other settings kept
   */
  public AdamW withBetas(double beta1, double beta2) {
    return new AdamW(settings.withBetas(beta1, beta2));
  }

  /**
   * Returns a copy with a different denominator term.
   *
   * @param epsilon finite and not negative
   * @return the new optimizer, other settings kept
   */
  public AdamW withEpsilon(double epsilon) {
    return new AdamW(settings.withEpsilon(epsilon));
  }

  /**
   * Returns a copy with a different decoupled weight decay: every step first multiplies the point
   * by {@code 1 - lr_t weightDecay}.
   *
   * @param weightDecay finite and not negative
   * @return the new optimizer, other settings kept
   */
  public AdamW withWeightDecay(double weightDecay) {
    return new AdamW(settings.withWeightDecay(weightDecay));
  }

  /**
   * Returns a copy with or without AMSGrad: the running maximum of the second-moment estimate
   * replaces the estimate in the denominator.
   *
   * @param amsgrad whether to use AMSGrad
   * @return the new optimizer, other settings kept
   */
  public AdamW withAmsgrad(boolean amsgrad) {
    return new AdamW(settings.withAmsgrad(amsgrad));
  }

  /**
   * Returns a copy with a learning-rate schedule.
   *
   * @param schedule the schedule, not null
   * @return the new optimizer, other settings kept
   */
  public AdamW withSchedule(LearningRateSchedule schedule) {
    return new AdamW(settings.withSchedule(schedule));
  }

  /**
   * Returns a copy with different stopping criteria.
   *
   * @param stopping the criteria, not null
   * @return the new optimizer, other settings kept
   */
  public AdamW withStopping(StoppingCriteria stopping) {
    return new AdamW(settings.withStopping(stopping));
  }

  /**
   * Returns a copy with a different iteration limit, other criteria kept.
   *
   * @param maxIterations not negative
   * @return the new optimizer, other settings kept
   */
  public AdamW withMaxIterations(int maxIterations) {
    return withStopping(stopping().withMaxIterations(maxIterations));
  }

  /**
   * Returns a copy that calls {@code listener} at every step, after the value and gradient are
   * computed and before the point is updated.
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, other settings kept
   */
  public AdamW onStep(StepListener listener) {
    return new AdamW(settings.withListener(listener));
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
    return settings.minimize(true, function, initialPoint);
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
    return settings.train(true, objective, batches, epochs, null, initialPoint);
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
    return settings.train(true, objective, batches, epochs, evaluation, initialPoint);
  }

  @Override
  public String toString() {
    return settings.describe("AdamW");
  }
}
