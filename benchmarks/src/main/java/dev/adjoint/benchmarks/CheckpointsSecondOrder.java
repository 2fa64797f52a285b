package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * The diffusion of {@link CheckpointsLoss} with {@code order = 2}, with full storage and with 32
 * snapshots: the Hessian-vector product is forward mode over the checkpointed gradient, so it keeps
 * the same memory bound.
 */
final class CheckpointsSecondOrder {
  private CheckpointsSecondOrder() {}

  /**
   * The diffusion's {@code Σ u²}; second-order derivatives with full storage.
   *
   * @param u0 the initial values of the cells
   * @param kappa the diffusion number
   * @param steps the number of explicit steps
   * @return {@code Σ u²} after the last step
   */
  @Differentiable(order = 2)
  static double energyFull(double[] u0, double kappa, @NoDerivative int steps) {
    int n = u0.length;
    double[] u = u0.clone();
    double[] next = new double[n];
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < n; i++) {
        int left = i == 0 ? n - 1 : i - 1;
        int right = i == n - 1 ? 0 : i + 1;
        next[i] = u[i] + kappa * (u[left] - 2 * u[i] + u[right]) + 0.01 * Math.sin(u[i]);
      }
      for (int i = 0; i < n; i++) {
        u[i] = next[i];
      }
    }
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += u[i] * u[i];
    }
    return e;
  }

  /**
   * {@link #energyFull} whose gradient and Hessian-vector product keep at most 32 snapshots.
   *
   * @param u0 the initial values of the cells
   * @param kappa the diffusion number
   * @param steps the number of explicit steps
   * @return {@code Σ u²} after the last step
   */
  @Differentiable(order = 2, checkpoints = 32)
  static double energyN32(double[] u0, double kappa, @NoDerivative int steps) {
    int n = u0.length;
    double[] u = u0.clone();
    double[] next = new double[n];
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < n; i++) {
        int left = i == 0 ? n - 1 : i - 1;
        int right = i == n - 1 ? 0 : i + 1;
        next[i] = u[i] + kappa * (u[left] - 2 * u[i] + u[right]) + 0.01 * Math.sin(u[i]);
      }
      for (int i = 0; i < n; i++) {
        u[i] = next[i];
      }
    }
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += u[i] * u[i];
    }
    return e;
  }
}
