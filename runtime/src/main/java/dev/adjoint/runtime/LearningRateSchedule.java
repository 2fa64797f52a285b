package dev.adjoint.runtime;

/**
 * The learning rate as a function of the step count: the closed forms of PyTorch's {@code
 * torch.optim.lr_scheduler} classes, for {@link GradientDescent}, {@link Adam} and {@link AdamW}.
 *
 * <p>A schedule maps the step {@code t = 0, 1, 2, …} and the optimizer's base learning rate to the
 * rate used at that step. In full-batch {@code minimize} the step is the iteration; in stochastic
 * {@code train} it is the epoch, as when PyTorch's {@code scheduler.step()} is called once per
 * epoch.
 *
 * <pre>{@code
 * // Five epochs of linear warm-up from a third of the rate, then cosine annealing over 95.
 * LearningRateSchedule s =
 *     LearningRateSchedule.linearWarmup().then(5, LearningRateSchedule.cosineAnnealing(95));
 * }</pre>
 */
@FunctionalInterface
public interface LearningRateSchedule {

  /** PyTorch's {@code StepLR} default decay factor. */
  double DEFAULT_STEP_GAMMA = 0.1;

  /** PyTorch's {@code LinearLR} default start factor. */
  double DEFAULT_WARMUP_START_FACTOR = 1.0 / 3;

  /** PyTorch's {@code LinearLR} default end factor. */
  double DEFAULT_WARMUP_END_FACTOR = 1.0;

  /** PyTorch's {@code LinearLR} default number of steps. */
  int DEFAULT_WARMUP_STEPS = 5;

  /**
   * The learning rate at step {@code t}.
   *
   * @param t the step, from 0
   * @param baseRate the optimizer's learning rate
   * @return the rate to use at step {@code t}
   */
  double rate(int t, double baseRate);

  /**
   * This schedule for the first {@code milestone} steps, then {@code next} restarted from its step
   * 0 (PyTorch's {@code SequentialLR}): {@code rate(t) = t < milestone ? this.rate(t) : next.rate(t
   * - milestone)}.
   *
   * @param milestone the step at which {@code next} takes over, at least 0
   * @param next the schedule after the milestone
   * @return the composed schedule
   */
  default LearningRateSchedule then(int milestone, LearningRateSchedule next) {
    if (milestone < 0) {
      throw new IllegalArgumentException("milestone must not be negative, got " + milestone);
    }
    if (next == null) {
      throw new NullPointerException("next");
    }
    LearningRateSchedule first = this;
    return (t, base) -> t < milestone ? first.rate(t, base) : next.rate(t - milestone, base);
  }

  /**
   * The base rate at every step.
   *
   * @return the constant schedule
   */
  static LearningRateSchedule constant() {
    return (t, base) -> base;
  }

  /**
   * PyTorch's {@code StepLR} with its default {@code gamma = 0.1}: {@code base · 0.1^⌊t /
   * stepSize⌋}.
   *
   * @param stepSize the number of steps between decays, at least 1
   * @return the schedule
   */
  static LearningRateSchedule step(int stepSize) {
    return step(stepSize, DEFAULT_STEP_GAMMA);
  }

  /**
   * PyTorch's {@code StepLR}: {@code base · gamma^⌊t / stepSize⌋}.
   *
   * @param stepSize the number of steps between decays, at least 1
   * @param gamma the decay factor, finite and positive
   * @return the schedule
   */
  static LearningRateSchedule step(int stepSize, double gamma) {
    if (stepSize < 1) {
      throw new IllegalArgumentException("stepSize must be at least 1, got " + stepSize);
    }
    Checks.positiveFinite("gamma", gamma);
    return (t, base) -> base * Math.pow(gamma, t / stepSize);
  }

  /**
   * PyTorch's {@code ExponentialLR}: {@code base · gamma^t}.
   *
   * @param gamma the decay factor per step, finite and positive
   * @return the schedule
   */
  static LearningRateSchedule exponential(double gamma) {
    Checks.positiveFinite("gamma", gamma);
    return (t, base) -> base * Math.pow(gamma, t);
  }

  /**
   * PyTorch's {@code CosineAnnealingLR} with {@code eta_min = 0}.
   *
   * @param tMax the half period, at least 1
   * @return the schedule
   * @see #cosineAnnealing(int, double)
   */
  static LearningRateSchedule cosineAnnealing(int tMax) {
    return cosineAnnealing(tMax, 0);
  }

  /**
   * PyTorch's {@code CosineAnnealingLR} in its closed form: {@code etaMin + (base - etaMin) (1 +
   * cos(π t / tMax)) / 2}. It reaches {@code etaMin} at {@code t = tMax} and, like PyTorch's closed
   * form, keeps following the cosine after that (rising again); compose with {@link #then} to hold
   * a rate instead.
   *
   * @param tMax the half period, at least 1
   * @param etaMin the smallest rate, finite and not negative
   * @return the schedule
   */
  static LearningRateSchedule cosineAnnealing(int tMax, double etaMin) {
    if (tMax < 1) {
      throw new IllegalArgumentException("tMax must be at least 1, got " + tMax);
    }
    Checks.nonNegativeFinite("etaMin", etaMin);
    return (t, base) -> etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
  }

  /**
   * PyTorch's {@code LinearLR} with its defaults, a linear warm-up: the factor rises from 1/3 to 1
   * over 5 steps.
   *
   * @return the schedule
   * @see #linear(double, double, int)
   */
  static LearningRateSchedule linearWarmup() {
    return linear(DEFAULT_WARMUP_START_FACTOR, DEFAULT_WARMUP_END_FACTOR, DEFAULT_WARMUP_STEPS);
  }

  /**
   * PyTorch's {@code LinearLR}: {@code base · (startFactor + (endFactor - startFactor) · min(t,
   * totalSteps) / totalSteps)}, constant at {@code base · endFactor} from {@code totalSteps} on.
   *
   * @param startFactor the factor at step 0, in (0, 1]
   * @param endFactor the factor from {@code totalSteps} on, in [0, 1]
   * @param totalSteps the number of steps of the ramp, at least 1
   * @return the schedule
   */
  static LearningRateSchedule linear(double startFactor, double endFactor, int totalSteps) {
    if (!(startFactor > 0 && startFactor <= 1)) {
      throw new IllegalArgumentException("startFactor must be in (0, 1], got " + startFactor);
    }
    if (!(endFactor >= 0 && endFactor <= 1)) {
      throw new IllegalArgumentException("endFactor must be in [0, 1], got " + endFactor);
    }
    if (totalSteps < 1) {
      throw new IllegalArgumentException("totalSteps must be at least 1, got " + totalSteps);
    }
    return (t, base) ->
        base
            * (startFactor
                + (endFactor - startFactor) * Math.min(t, totalSteps) / (double) totalSteps);
  }
}
