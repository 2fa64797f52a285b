package dev.adjoint.runtime;

/**
 * What {@link Adam} and {@link AdamW} share: their settings, the copies with one setting changed,
 * and the runs. The two differ only in how the weight decay enters the step (added to the gradient,
 * or shrinking the point), which {@link #decoupled()} says, and in their defaults.
 *
 * @param <T> the optimizer's own type, which the {@code with…} copies return
 */
public abstract sealed class AdaptiveMoments<T extends AdaptiveMoments<T>> permits Adam, AdamW {

  /** The learning rate, moments, decay, schedule, stopping criteria and listener. */
  final AdamSettings settings;

  AdaptiveMoments(AdamSettings settings) {
    this.settings = settings;
  }

  /** The same optimizer with {@code settings}. */
  abstract T copy(AdamSettings settings);

  /** Whether the weight decay shrinks the point (AdamW) instead of adding to the gradient. */
  abstract boolean decoupled();

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
   * The weight decay: coupled (an L2 penalty added to the gradient) for {@link Adam}, decoupled
   * (the point shrunk before the step) for {@link AdamW}.
   *
   * @return not negative; 0 by default for {@link Adam}, {@link AdamW#DEFAULT_WEIGHT_DECAY} for
   *     {@link AdamW}
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
  public T withLearningRate(double learningRate) {
    return copy(settings.withLearningRate(learningRate));
  }

  /**
   * Returns a copy with different moment decay rates.
   *
   * @param beta1 in [0, 1)
   * @param beta2 in [0, 1)
   * @return the new optimizer, other settings kept
   */
  public T withBetas(double beta1, double beta2) {
    return copy(settings.withBetas(beta1, beta2));
  }

  /**
   * Returns a copy with a different denominator term.
   *
   * @param epsilon finite and not negative
   * @return the new optimizer, other settings kept
   */
  public T withEpsilon(double epsilon) {
    return copy(settings.withEpsilon(epsilon));
  }

  /**
   * Returns a copy with a different weight decay: for {@link Adam}, {@code weightDecay · x} is
   * added to the gradient before the moments are updated; for {@link AdamW}, every step first
   * multiplies the point by {@code 1 - lr_t weightDecay}.
   *
   * @param weightDecay finite and not negative
   * @return the new optimizer, other settings kept
   */
  public T withWeightDecay(double weightDecay) {
    return copy(settings.withWeightDecay(weightDecay));
  }

  /**
   * Returns a copy with or without AMSGrad: the running maximum of the second-moment estimate
   * replaces the estimate in the denominator.
   *
   * @param amsgrad whether to use AMSGrad
   * @return the new optimizer, other settings kept
   */
  public T withAmsgrad(boolean amsgrad) {
    return copy(settings.withAmsgrad(amsgrad));
  }

  /**
   * Returns a copy with a learning-rate schedule.
   *
   * @param schedule the schedule, not null
   * @return the new optimizer, other settings kept
   */
  public T withSchedule(LearningRateSchedule schedule) {
    return copy(settings.withSchedule(schedule));
  }

  /**
   * Returns a copy with different stopping criteria.
   *
   * @param stopping the criteria, not null
   * @return the new optimizer, other settings kept
   */
  public T withStopping(StoppingCriteria stopping) {
    return copy(settings.withStopping(stopping));
  }

  /**
   * Returns a copy with a different iteration limit, other criteria kept.
   *
   * @param maxIterations not negative
   * @return the new optimizer, other settings kept
   */
  public T withMaxIterations(int maxIterations) {
    return withStopping(stopping().withMaxIterations(maxIterations));
  }

  /**
   * Returns a copy that calls {@code listener} at every step, after the value and gradient are
   * computed and before the point is updated.
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, other settings kept
   */
  public T onStep(StepListener listener) {
    return copy(settings.withListener(listener));
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
    return settings.minimize(decoupled(), function, initialPoint);
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
    return settings.train(decoupled(), objective, batches, epochs, null, initialPoint);
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
    return settings.train(decoupled(), objective, batches, epochs, evaluation, initialPoint);
  }

  @Override
  public String toString() {
    return settings.describe(getClass().getSimpleName());
  }
}
