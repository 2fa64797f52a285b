package dev.adjoint.runtime;

/**
 * The loops shared by {@link GradientDescent}, {@link Adam} and {@link AdamW}: full-batch {@link
 * #minimize} and mini-batch {@link #train}, differing only in their {@link UpdateRule}.
 */
final class FirstOrderLoop {

  private FirstOrderLoop() {}

  /** The settings every first-order optimizer has, besides its update rule. */
  record Settings(
      double learningRate,
      LearningRateSchedule schedule,
      StoppingCriteria stopping,
      StepListener listener) {}

  /**
   * Evaluates, tests, reports and updates until a stopping test fires; the iterate {@code x_k} is
   * evaluated before the update {@code k + 1}, so {@code maxIterations} updates take {@code
   * maxIterations + 1} evaluations.
   */
  static Result minimize(
      UpdateRule rule, Settings settings, DifferentiableFunction function, double[] initialPoint) {
    int n = function.dimension();
    Checks.length("initialPoint", initialPoint, n);
    double[] x = initialPoint.clone();
    double[] g = new double[n];
    StoppingCriteria stopping = settings.stopping();
    Monitor monitor = new Monitor(stopping, settings.listener(), x, stopping.maxIterations());
    for (int k = 0; ; k++) {
      double f = function.valueAndGradient(x, g);
      double gradientNorm = Monitor.norm(g);
      Status status = monitor.observe(k, f, gradientNorm, x);
      if (status == null && monitor.listen(k, f, gradientNorm, x, g)) {
        status = Status.STOPPED_BY_LISTENER;
      }
      if (status != null) {
        return monitor.finish(status, x, f, k, k + 1);
      }
      rule.update(x, g, settings.schedule().rate(k, settings.learningRate()), k + 1);
    }
  }

  /**
   * Runs {@code epochs} epochs of mini-batch steps. The stopping tests, the best point and the
   * result's values use {@code evaluation} (or the objective over all samples when it is null) at
   * the initial point and at the end of every epoch; the iteration limit is the epoch count.
   */
  static Result train(
      UpdateRule rule,
      Settings settings,
      BatchedFunction objective,
      MiniBatches batches,
      int epochs,
      DifferentiableFunction evaluation,
      double[] initialPoint) {
    if (objective == null || batches == null) {
      throw new NullPointerException("objective and batches must not be null");
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must not be negative, got " + epochs);
    }
    int n = initialPoint.length;
    double[] x = initialPoint.clone();
    double[] g = new double[n];
    int[] all = evaluation == null ? identity(batches.sampleCount()) : null;
    long stepLimit = (long) epochs * batches.batchesPerEpoch();
    Monitor monitor =
        new Monitor(
            settings.stopping().withMaxIterations(epochs),
            settings.listener(),
            x,
            (int) Math.min(stepLimit, Integer.MAX_VALUE));
    double f = evaluate(evaluation, objective, all, x, g);
    int evaluations = 1;
    Status status = monitor.observe(0, f, Monitor.norm(g), x);
    MiniBatches.Sampler sampler = batches.sampler();
    int step = 0;
    for (int epoch = 0; status == null; epoch++) {
      sampler.nextEpoch();
      double rate = settings.schedule().rate(epoch, settings.learningRate());
      for (int b = 0; b < sampler.batchCount() && status == null; b++) {
        DifferentiableFunction batch = objective.on(sampler.batch(b));
        Checks.length("initialPoint", initialPoint, batch.dimension());
        double fb = batch.valueAndGradient(x, g);
        evaluations++;
        double gradientNorm = Monitor.norm(g);
        if (!Double.isFinite(fb) || !Double.isFinite(gradientNorm)) {
          status = Status.NOT_FINITE;
        } else if (monitor.listen(step, fb, gradientNorm, x, g)) {
          status = Status.STOPPED_BY_LISTENER;
        } else {
          rule.update(x, g, rate, ++step);
          if (monitor.timeUp()) {
            status = Status.TIME_LIMIT;
          }
        }
      }
      // The epoch's end (or where the run stopped) is measured on the evaluation function.
      f = evaluate(evaluation, objective, all, x, g);
      evaluations++;
      Status atEnd = monitor.observe(epoch + 1, f, Monitor.norm(g), x);
      status = status == null ? atEnd : status;
    }
    return monitor.finish(status, x, f, step, evaluations);
  }

  private static double evaluate(
      DifferentiableFunction evaluation,
      BatchedFunction objective,
      int[] all,
      double[] x,
      double[] g) {
    DifferentiableFunction f = evaluation != null ? evaluation : objective.on(all);
    Checks.length("initialPoint", x, f.dimension());
    return f.valueAndGradient(x, g);
  }

  private static int[] identity(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    return all;
  }
}
