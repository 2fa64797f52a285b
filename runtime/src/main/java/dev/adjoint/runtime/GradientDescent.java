package dev.adjoint.runtime;

/**
 * Stochastic gradient descent with the options and update of {@code torch.optim.SGD}: learning
 * rate, momentum, dampening, (coupled, L2) weight decay and Nesterov momentum. At step {@code t =
 * 1, 2, …}, with {@code g} the gradient at {@code x}, elementwise:
 *
 * <pre>{@code
 * g = g + weightDecay x                                    (if weightDecay != 0)
 * b = t == 1 ? g : momentum b + (1 - dampening) g          (if momentum != 0)
 * g = nesterov ? g + momentum b : b                        (if momentum != 0)
 * x = x - lr_t g
 * }</pre>
 *
 * with {@code lr_t} the {@link LearningRateSchedule schedule}'s rate. With the defaults (no
 * momentum, no decay) this is plain gradient descent {@code x -= lr ∇f(x)}, the update of the
 * PyTorch polynomial-fitting tutorial.
 *
 * <p>{@link #minimize} takes full-batch steps until a test of its {@link StoppingCriteria} fires
 * (by default only the iteration limit given to the constructor); {@link #train} takes mini-batch
 * steps over epochs. Both return the best point seen. The working arrays are allocated once per
 * run; the loop itself allocates nothing beyond what the function and the listener do.
 *
 * <pre>{@code
 * Result r =
 *     new GradientDescent(1e-6, 2000)
 *         .withMomentum(0.9)
 *         .onStep(StepListener.every(100, s -> System.out.println(s.iteration() + " " + s.value())))
 *         .minimize(f, new double[] {0, 0, 0, 0});
 * }</pre>
 *
 * <p>Instances are immutable and may be shared.
 */
public final class GradientDescent {

  /** The default learning rate, PyTorch's {@code SGD} default. */
  public static final double DEFAULT_LEARNING_RATE = 1e-3;

  /** The default iteration limit of {@link #GradientDescent()}. */
  public static final int DEFAULT_MAX_ITERATIONS = 1000;

  private final FirstOrderLoop.Settings settings;
  private final double momentum;
  private final double dampening;
  private final double weightDecay;
  private final boolean nesterov;

  /**
   * Plain gradient descent with {@link #DEFAULT_LEARNING_RATE} for {@link #DEFAULT_MAX_ITERATIONS}.
   */
  public GradientDescent() {
    this(DEFAULT_LEARNING_RATE, DEFAULT_MAX_ITERATIONS);
  }

  /**
   * Plain gradient descent taking at most {@code maxIterations} steps of {@code learningRate} times
   * the gradient, with no other stopping test.
   *
   * @param learningRate the learning rate, finite and positive
   * @param maxIterations the number of steps (gradient evaluations followed by an update), not
   *     negative
   */
  public GradientDescent(double learningRate, int maxIterations) {
    this(
        new FirstOrderLoop.Settings(
            learningRate,
            LearningRateSchedule.constant(),
            StoppingCriteria.none().withMaxIterations(maxIterations),
            null),
        0,
        0,
        0,
        false);
  }

  private GradientDescent(
      FirstOrderLoop.Settings settings,
      double momentum,
      double dampening,
      double weightDecay,
      boolean nesterov) {
    Checks.positiveFinite("learningRate", settings.learningRate());
    if (settings.schedule() == null || settings.stopping() == null) {
      throw new NullPointerException("schedule and stopping must not be null");
    }
    this.settings = settings;
    this.momentum = fraction("momentum", momentum);
    this.dampening = fraction("dampening", dampening);
    this.weightDecay = Checks.nonNegativeFinite("weightDecay", weightDecay);
    this.nesterov = nesterov;
  }

  private static double fraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
    }
    return value;
  }

  /**
   * The base learning rate.
   *
   * @return the factor applied to the gradient, before the schedule
   */
  public double learningRate() {
    return settings.learningRate();
  }

  /**
   * The momentum factor.
   *
   * @return in [0, 1], 0 for none (the default)
   */
  public double momentum() {
    return momentum;
  }

  /**
   * The dampening of the momentum.
   *
   * @return in [0, 1], 0 by default
   */
  public double dampening() {
    return dampening;
  }

  /**
   * The L2 penalty added to the gradient.
   *
   * @return not negative, 0 by default
   */
  public double weightDecay() {
    return weightDecay;
  }

  /**
   * Whether the momentum is Nesterov's.
   *
   * @return false by default
   */
  public boolean nesterov() {
    return nesterov;
  }

  /**
   * The learning-rate schedule.
   *
   * @return the schedule, {@link LearningRateSchedule#constant()} by default
   */
  public LearningRateSchedule schedule() {
    return settings.schedule();
  }

  /**
   * The stopping criteria.
   *
   * @return the criteria of {@link #minimize}
   */
  public StoppingCriteria stopping() {
    return settings.stopping();
  }

  /**
   * Returns a copy with a different learning rate.
   *
   * @param learningRate finite and positive
   * @return the new optimizer, other settings kept
   */
  public GradientDescent withLearningRate(double learningRate) {
    return with(
        new FirstOrderLoop.Settings(
            learningRate, settings.schedule(), settings.stopping(), settings.listener()));
  }

  /**
   * Returns a copy with momentum.
   *
   * @param momentum in [0, 1]
   * @return the new optimizer, other settings kept
   */
  public GradientDescent withMomentum(double momentum) {
    return new GradientDescent(settings, momentum, dampening, weightDecay, nesterov);
  }

  /**
   * Returns a copy with a different dampening of the momentum.
   *
   * @param dampening in [0, 1]
   * @return the new optimizer, other settings kept
   */
  public GradientDescent withDampening(double dampening) {
    return new GradientDescent(settings, momentum, dampening, weightDecay, nesterov);
  }

  /**
   * Returns a copy with L2 weight decay: {@code weightDecay · x} is added to the gradient.
   *
   * @param weightDecay finite and not negative
   * @return the new optimizer, other settings kept
   */
  public GradientDescent withWeightDecay(double weightDecay) {
    return new GradientDescent(settings, momentum, dampening, weightDecay, nesterov);
  }

  /**
   * Returns a copy with or without Nesterov momentum, which (as in PyTorch) needs a positive
   * momentum and zero dampening when the optimizer runs.
   *
   * @param nesterov whether to use Nesterov momentum
   * @return the new optimizer, other settings kept
   */
  public GradientDescent withNesterov(boolean nesterov) {
    return new GradientDescent(settings, momentum, dampening, weightDecay, nesterov);
  }

  /**
   * Returns a copy with a learning-rate schedule.
   *
   * @param schedule the schedule, not null
   * @return the new optimizer, other settings kept
   */
  public GradientDescent withSchedule(LearningRateSchedule schedule) {
    return with(
        new FirstOrderLoop.Settings(
            settings.learningRate(), schedule, settings.stopping(), settings.listener()));
  }

  /**
   * Returns a copy with different stopping criteria.
   *
   * @param stopping the criteria, not null
   * @return the new optimizer, other settings kept
   */
  public GradientDescent withStopping(StoppingCriteria stopping) {
    return with(
        new FirstOrderLoop.Settings(
            settings.learningRate(), settings.schedule(), stopping, settings.listener()));
  }

  /**
   * Returns a copy with a different iteration limit, other criteria kept.
   *
   * @param maxIterations not negative
   * @return the new optimizer, other settings kept
   */
  public GradientDescent withMaxIterations(int maxIterations) {
    return withStopping(settings.stopping().withMaxIterations(maxIterations));
  }

  /**
   * Returns a copy that calls {@code listener} at every step, after the value and gradient are
   * computed and before the point is updated.
   *
   * @param listener the callback, or null for none
   * @return the new optimizer, other settings kept
   */
  public GradientDescent onStep(StepListener listener) {
    return with(
        new FirstOrderLoop.Settings(
            settings.learningRate(), settings.schedule(), settings.stopping(), listener));
  }

  private GradientDescent with(FirstOrderLoop.Settings settings) {
    return new GradientDescent(settings, momentum, dampening, weightDecay, nesterov);
  }

  /**
   * Minimizes {@code function} from {@code initialPoint}, which is not modified, with full-batch
   * steps until a stopping test fires. The step-{@code t} schedule rate is used at iteration {@code
   * t}.
   *
   * @param function the function to minimize
   * @param initialPoint the starting point, of length {@code function.dimension()}
   * @return the best point seen, the last point, the counts and why the run stopped
   * @throws IllegalStateException if Nesterov momentum is set without momentum or with dampening
   */
  public Result minimize(DifferentiableFunction function, double[] initialPoint) {
    return FirstOrderLoop.minimize(rule(function.dimension()), settings, function, initialPoint);
  }

  /**
   * Trains on mini-batches for {@code epochs} epochs; the result's values are those of the
   * objective over all samples (see {@link #train(BatchedFunction, MiniBatches, int,
   * DifferentiableFunction, double[])}).
   *
   * @param objective the objective over a batch
   * @param batches the batch size, sample count and seed
   * @param epochs the number of passes over the samples, not negative
   * @param initialPoint the starting point, not modified
   * @return the best epoch-end point by the full objective, the last point, and why the run stopped
   */
  public Result train(
      BatchedFunction objective, MiniBatches batches, int epochs, double[] initialPoint) {
    return train(objective, batches, epochs, null, initialPoint);
  }

  /**
   * Trains on mini-batches: every epoch visits every sample once in shuffled batches, taking one
   * step per batch with the gradient of {@code objective.on(batch)}; the schedule's rate of step
   * {@code e} is used in epoch {@code e}. The listener sees every batch step (its value is the
   * batch's loss). At the start and at the end of every epoch {@code evaluation} is evaluated: its
   * values choose the best point, feed the convergence tests of {@link #stopping()} and are the
   * result's values. The epoch count replaces the criteria's iteration limit; the time limit is
   * checked after every batch.
   *
   * @param objective the objective over a batch
   * @param batches the batch size, sample count and seed
   * @param epochs the number of passes over the samples, not negative
   * @param evaluation the function measuring the point (the full-data loss, or a held-out loss);
   *     null for the objective over all samples
   * @param initialPoint the starting point, not modified
   * @return the best epoch-end point by {@code evaluation}, the last point, and why the run stopped
   * @throws IllegalStateException if Nesterov momentum is set without momentum or with dampening
   */
  public Result train(
      BatchedFunction objective,
      MiniBatches batches,
      int epochs,
      DifferentiableFunction evaluation,
      double[] initialPoint) {
    return FirstOrderLoop.train(
        rule(initialPoint.length), settings, objective, batches, epochs, evaluation, initialPoint);
  }

  private UpdateRule rule(int n) {
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalStateException("Nesterov momentum requires a momentum and zero dampening");
    }
    return new SgdUpdate(n, momentum, dampening, weightDecay, nesterov);
  }

  @Override
  public String toString() {
    return "GradientDescent[learningRate="
        + settings.learningRate()
        + ", momentum="
        + momentum
        + ", dampening="
        + dampening
        + ", weightDecay="
        + weightDecay
        + ", nesterov="
        + nesterov
        + ", stopping="
        + settings.stopping()
        + "]";
  }
}
