package dev.adjoint.runtime;

/**
 * The shards' functions and one result slot per shard (value, gradient buffer, failure), and the
 * sum over the slots in shard order: the part of a {@link ShardedFunction} that makes its result
 * independent of the threads. Any thread may fill a slot; {@link ShardEvaluator} orders the
 * accesses so that one shard's function is only ever called by one thread at a time, and so that
 * {@link #combine} sees every slot written.
 */
final class ShardResults {

  private final DifferentiableFunction[] functions;
  private final int[] bounds;
  private final double[][] gradients;
  private final double[] values;
  private final Throwable[] failures;
  private final double[] weights;
  private final double divisor;
  private final int dimension;

  /**
   * Makes the shard functions on the calling thread, in shard order, and their slots.
   *
   * @param layout the shard boundaries and weights
   * @param factory makes each shard's function
   * @throws ShardException if the factory throws or returns null
   * @throws IllegalArgumentException if two shards differ in dimension
   */
  ShardResults(ShardLayout layout, ShardFactory factory) {
    int shards = layout.count();
    this.bounds = layout.bounds();
    this.weights = layout.weights();
    this.divisor = layout.divisor();
    this.functions = new DifferentiableFunction[shards];
    int dim = -1;
    for (int s = 0; s < shards; s++) {
      DifferentiableFunction f;
      try {
        f = factory.shard(bounds[s], bounds[s + 1]);
      } catch (RuntimeException | Error e) {
        throw new ShardException(s, bounds[s], bounds[s + 1], e);
      }
      if (f == null) {
        throw new ShardException(
            s, bounds[s], bounds[s + 1], new NullPointerException("the factory returned null"));
      }
      if (dim < 0) {
        dim = f.dimension();
      } else if (f.dimension() != dim) {
        throw new IllegalArgumentException(
            "shard " + s + " has dimension " + f.dimension() + ", shard 0 has " + dim);
      }
      functions[s] = f;
    }
    this.dimension = dim;
    this.gradients = new double[shards][dim];
    this.values = new double[shards];
    this.failures = new Throwable[shards];
  }

  int count() {
    return functions.length;
  }

  int dimension() {
    return dimension;
  }

  /** Evaluates shard {@code s} at {@code point} into its slot; a failure is kept for the caller. */
  void run(int s, double[] point) {
    try {
      values[s] = functions[s].valueAndGradient(point, gradients[s]);
    } catch (Throwable t) { // rethrown by the caller with the shard index
      failures[s] = t;
    }
  }

  /**
   * Throws the failure of the lowest failing shard, the others suppressed, and clears them all so
   * that the function stays usable.
   *
   * @throws ShardException if a shard failed in this evaluation
   */
  void throwFirstFailure() {
    ShardException first = null;
    for (int s = 0; s < failures.length; s++) {
      Throwable t = failures[s];
      if (t != null) {
        failures[s] = null;
        if (first == null) {
          first = new ShardException(s, bounds[s], bounds[s + 1], t);
        } else {
          first.addSuppressed(t);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /**
   * Sums the slots in shard order, weighted, then divided, whichever thread filled them.
   *
   * @param gradient receives the combined gradient
   * @return the combined value
   */
  double combine(double[] gradient) {
    int shards = values.length;
    double value;
    if (weights == null) {
      value = values[0];
      System.arraycopy(gradients[0], 0, gradient, 0, dimension);
      for (int s = 1; s < shards; s++) {
        value += values[s];
        double[] g = gradients[s];
        for (int k = 0; k < dimension; k++) {
          gradient[k] += g[k];
        }
      }
    } else {
      double w0 = weights[0];
      value = w0 * values[0];
      double[] g0 = gradients[0];
      for (int k = 0; k < dimension; k++) {
        gradient[k] = w0 * g0[k];
      }
      for (int s = 1; s < shards; s++) {
        double w = weights[s];
        value += w * values[s];
        double[] g = gradients[s];
        for (int k = 0; k < dimension; k++) {
          gradient[k] += w * g[k];
        }
      }
    }
    if (divisor != 1) {
      value /= divisor;
      for (int k = 0; k < dimension; k++) {
        gradient[k] /= divisor;
      }
    }
    return value;
  }
}
