package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Nonlinear diffusion on a ring written the plain way: a state {@code u} updated in place from a
 * second array {@code next} that each step fills and then copies back, loss Σ u² at the end; and
 * its hand-written adjoint, which stores the state once per step and runs the steps backwards: the
 * baseline of {@link ArrayStateBenchmark}.
 */
final class DiffusionLoss {
  private DiffusionLoss() {}

  @Differentiable
  static double energy(double[] u0, double kappa, @NoDerivative int steps) {
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
   * The adjoint by hand: the state before every step in {@code states} (steps × n), then the steps
   * backwards; {@code gradient} gets ∂/∂u0 then ∂/∂kappa. {@code states}, {@code u} and {@code bar}
   * are the caller's, so a call allocates nothing.
   *
   * @param states at least steps × n doubles
   * @param u n doubles: the state going forwards
   * @param bar n doubles: the adjoint of the state after the step being reversed
   */
  static double handWritten(
      double[] u0,
      double kappa,
      int steps,
      double[] gradient,
      double[] states,
      double[] u,
      double[] bar) {
    int n = u0.length;
    System.arraycopy(u0, 0, u, 0, n);
    for (int s = 0; s < steps; s++) {
      int base = s * n;
      System.arraycopy(u, 0, states, base, n);
      for (int i = 0; i < n; i++) {
        int left = i == 0 ? n - 1 : i - 1;
        int right = i == n - 1 ? 0 : i + 1;
        double ui = states[base + i];
        u[i] =
            ui
                + kappa * (states[base + left] - 2 * ui + states[base + right])
                + 0.01 * Math.sin(ui);
      }
    }
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += u[i] * u[i];
    }
    for (int i = 0; i < n; i++) {
      bar[i] = 2 * u[i];
    }
    // The adjoint of the state before the step accumulates in the gradient's first n slots; it
    // becomes the adjoint after the step for the next step backwards.
    double kappaBar = 0;
    for (int s = steps - 1; s >= 0; s--) {
      int base = s * n;
      java.util.Arrays.fill(gradient, 0, n, 0.0);
      for (int i = 0; i < n; i++) {
        int left = i == 0 ? n - 1 : i - 1;
        int right = i == n - 1 ? 0 : i + 1;
        double ui = states[base + i];
        double b = bar[i];
        gradient[i] += b * (1 - 2 * kappa + 0.01 * Math.cos(ui));
        gradient[left] += b * kappa;
        gradient[right] += b * kappa;
        kappaBar += b * (states[base + left] - 2 * ui + states[base + right]);
      }
      System.arraycopy(gradient, 0, bar, 0, n);
    }
    System.arraycopy(bar, 0, gradient, 0, n);
    gradient[n] = kappaBar;
    return e;
  }
}
