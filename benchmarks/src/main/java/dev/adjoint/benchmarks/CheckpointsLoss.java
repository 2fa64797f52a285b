package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Nonlinear diffusion on a ring, stepped explicitly into a second buffer that is copied back every
 * step, loss Σ u² at the end: one method body copied with {@code @Differentiable(checkpoints = N)}
 * for N = 0 (full storage), 1024, 256, 64, 32, 16 and 8, the variants {@link CheckpointsBenchmark}
 * and {@link CheckpointsTable} compare. The bodies must stay character for character the same, so
 * that the variants differ only in how their gradients store the loop.
 */
final class CheckpointsLoss {

  private CheckpointsLoss() {}

  /**
   * The energy after {@code steps} explicit steps from {@code u0}; its gradient stores every step
   * (the primal of every variant, and the baseline of their gradients).
   *
   * @param u0 the initial values of the cells
   * @param kappa the diffusion number, at most 1/2 for a stable scheme
   * @param steps the number of explicit steps
   * @return {@code Σ u²} after the last step
   */
  @Differentiable
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
   * {@link #energyFull} whose gradient keeps at most 1024 snapshots of the loop's state.
   *
   * @param u0 the initial values of the cells
   * @param kappa the diffusion number, at most 1/2 for a stable scheme
   * @param steps the number of explicit steps
   * @return {@code Σ u²} after the last step
   */
  @Differentiable(checkpoints = 1024)
  static double energyN1024(double[] u0, double kappa, @NoDerivative int steps) {
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
   * {@link #energyFull} whose gradient keeps at most 256 snapshots of the loop's state.
   *
   * @param u0 the initial values of the cells
   * @param kappa the diffusion number, at most 1/2 for a stable scheme
   * @param steps the number of explicit steps
   * @return {@code Σ u²} after the last step
   */
  @Differentiable(checkpoints = 256)
  static double energyN256(double[] u0, double kappa, @NoDerivative int steps) {
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
   * {@link #energyFull} whose gradient keeps at most 64 snapshots of the loop's state.
   *
   * @param u0 the initial values of the cells
   * @param kappa the diffusion number, at most 1/2 for a stable scheme
   * @param steps the number of explicit steps
   * @return {@code Σ u²} after the last step
   */
  @Differentiable(checkpoints = 64)
  static double energyN64(double[] u0, double kappa, @NoDerivative int steps) {
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
   * {@link #energyFull} whose gradient keeps at most 32 snapshots of the loop's state.
   *
   * @param u0 the initial values of the cells
   * @param kappa the diffusion number, at most 1/2 for a stable scheme
   * @param steps the number of explicit steps
   * @return {@code Σ u²} after the last step
   */
  @Differentiable(checkpoints = 32)
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

  /**
   * {@link #energyFull} whose gradient keeps at most 16 snapshots of the loop's state.
   *
   * @param u0 the initial values of the cells
   * @param kappa the diffusion number, at most 1/2 for a stable scheme
   * @param steps the number of explicit steps
   * @return {@code Σ u²} after the last step
   */
  @Differentiable(checkpoints = 16)
  static double energyN16(double[] u0, double kappa, @NoDerivative int steps) {
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
   * {@link #energyFull} whose gradient keeps at most 8 snapshots of the loop's state.
   *
   * @param u0 the initial values of the cells
   * @param kappa the diffusion number, at most 1/2 for a stable scheme
   * @param steps the number of explicit steps
   * @return {@code Σ u²} after the last step
   */
  @Differentiable(checkpoints = 8)
  static double energyN8(double[] u0, double kappa, @NoDerivative int steps) {
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
