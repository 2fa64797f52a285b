package dev.adjoint.runtime;

/**
 * An objective that is a sum or mean over samples, restricted to a mini-batch: what the stochastic
 * {@code train} methods of {@link GradientDescent}, {@link Adam} and {@link AdamW} minimize.
 *
 * <p>{@link #on} returns the objective over the samples whose indices are in {@code batch}. It may
 * return the same object every time, rebinding a data argument in place (a generated objective
 * whose data arrays are refilled with the batch's samples), because the optimizer uses the returned
 * function only until the next call of {@code on}. The optimizer reuses the {@code batch} array
 * too: read it during the call, do not keep it.
 *
 * <pre>{@code
 * double[] bx = new double[batchSize], by = new double[batchSize];
 * BatchedFunction objective =
 *     batch -> {
 *       for (int i = 0; i < batch.length; i++) { bx[i] = x[batch[i]]; by[i] = y[batch[i]]; }
 *       int m = batch.length;
 *       return DifferentiableFunction.of(4, (p, g) -> Derivatives.lossValueAndGradient(p, bx, by, m, g));
 *     };
 * }</pre>
 */
@FunctionalInterface
public interface BatchedFunction {

  /**
   * The objective over the samples {@code batch}.
   *
   * @param batch the indices of the batch's samples, each in {@code [0, sampleCount)}; only read,
   *     and only during this call
   * @return the objective over those samples, valid until the next call
   */
  DifferentiableFunction on(int[] batch);
}
