package dev.adjoint.runtime;

/** The settings {@link Adam} and {@link AdamW} share, validated once here. */
record AdamSettings(
    FirstOrderLoop.Settings loop,
    double beta1,
    double beta2,
    double epsilon,
    double weightDecay,
    boolean amsgrad) {

  AdamSettings {
    Checks.positiveFinite("learningRate", loop.learningRate());
    if (loop.schedule() == null || loop.stopping() == null) {
      throw new NullPointerException("schedule and stopping must not be null");
    }
    beta("beta1", beta1);
    beta("beta2", beta2);
    Checks.nonNegativeFinite("epsilon", epsilon);
    Checks.nonNegativeFinite("weightDecay", weightDecay);
  }

  static AdamSettings defaults(double learningRate, int maxIterations, double weightDecay) {
    return new AdamSettings(
        new FirstOrderLoop.Settings(
            learningRate,
            LearningRateSchedule.constant(),
            StoppingCriteria.none().withMaxIterations(maxIterations),
            null),
        Adam.DEFAULT_BETA1,
        Adam.DEFAULT_BETA2,
        Adam.DEFAULT_EPSILON,
        weightDecay,
        false);
  }

  private static void beta(String name, double beta) {
    if (!(beta >= 0 && beta < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + beta);
    }
  }

  AdamSettings withLoop(
      double learningRate,
      LearningRateSchedule schedule,
      StoppingCriteria stopping,
      StepListener listener) {
    return new AdamSettings(
        new FirstOrderLoop.Settings(learningRate, schedule, stopping, listener),
        beta1,
        beta2,
        epsilon,
        weightDecay,
        amsgrad);
  }

  AdamSettings withLearningRate(double learningRate) {
    return withLoop(learningRate, loop.schedule(), loop.stopping(), loop.listener());
  }

  AdamSettings withSchedule(LearningRateSchedule schedule) {
    return withLoop(loop.learningRate(), schedule, loop.stopping(), loop.listener());
  }

  AdamSettings withStopping(StoppingCriteria stopping) {
    return withLoop(loop.learningRate(), loop.schedule(), stopping, loop.listener());
  }

  AdamSettings withListener(StepListener listener) {
    return withLoop(loop.learningRate(), loop.schedule(), loop.stopping(), listener);
  }

  AdamSettings withBetas(double beta1, double beta2) {
    return new AdamSettings(loop, beta1, beta2, epsilon, weightDecay, amsgrad);
  }

  AdamSettings withEpsilon(double epsilon) {
    return new AdamSettings(loop, beta1, beta2, epsilon, weightDecay, amsgrad);
  }

  AdamSettings withWeightDecay(double weightDecay) {
    return new AdamSettings(loop, beta1, beta2, epsilon, weightDecay, amsgrad);
  }

  AdamSettings withAmsgrad(boolean amsgrad) {
    return new AdamSettings(loop, beta1, beta2, epsilon, weightDecay, amsgrad);
  }

  UpdateRule rule(int n, boolean decoupled) {
    return new AdamUpdate(n, beta1, beta2, epsilon, weightDecay, decoupled, amsgrad);
  }

  Result minimize(boolean decoupled, DifferentiableFunction function, double[] initialPoint) {
    return FirstOrderLoop.minimize(
        rule(function.dimension(), decoupled), loop, function, initialPoint);
  }

  Result train(
      boolean decoupled,
      BatchedFunction objective,
      MiniBatches batches,
      int epochs,
      DifferentiableFunction evaluation,
      double[] initialPoint) {
    return FirstOrderLoop.train(
        rule(initialPoint.length, decoupled),
        loop,
        objective,
        batches,
        epochs,
        evaluation,
        initialPoint);
  }

  String describe(String name) {
    return name
        + "[learningRate="
        + loop.learningRate()
        + ", beta1="
        + beta1
        + ", beta2="
        + beta2
        + ", epsilon="
        + epsilon
        + ", weightDecay="
        + weightDecay
        + ", amsgrad="
        + amsgrad
        + ", stopping="
        + loop.stopping()
        + "]";
  }
}
