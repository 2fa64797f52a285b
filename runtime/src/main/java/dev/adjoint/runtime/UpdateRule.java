package dev.adjoint.runtime;

/**
 * The update of a first-order optimizer for one run, holding its state (momentum buffer, moment
 * estimates) in arrays allocated once when the run starts: what {@link FirstOrderLoop} applies at
 * every step.
 */
sealed interface UpdateRule permits SgdUpdate, AdamUpdate {

  /**
   * Moves {@code x} in place given the gradient {@code g} there.
   *
   * @param x the point, updated
   * @param g the gradient at {@code x}, only read
   * @param learningRate the scheduled rate of this step
   * @param t the step number, from 1
   */
  void update(double[] x, double[] g, double learningRate, int t);
}
