package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Nonlinear diffusion on a ring, stepped with two buffers that swap every step ({@code double[] t =
 * cur; cur = nxt; nxt = t;}), loss Σ u² at the end; and its hand-written adjoint, which stores the
 * state once per step and runs the steps backwards with two adjoint buffers: the baseline of {@link
 * HeatBuffersBenchmark}.
 */
final class HeatBuffersLoss {
  private HeatBuffersLoss() {}

  @Differentiable
  static double energy(double[] u0, double kappa, @NoDerivative int steps) {
    int n = u0.length;
    double[] cur = u0.clone();
    double[] nxt = new double[n];
    for (int s = 0; s < steps; s++) {
      for (int i = 0; i < n; i++) {
        double left = cur[i == 0 ? n - 1 : i - 1];
        double right = cur[i == n - 1 ? 0 : i + 1];
        nxt[i] = cur[i] + kappa * (left - 2 * cur[i] + right) + 0.01 * Math.sin(cur[i]);
      }
      double[] t = cur;
      cur = nxt;
      nxt = t;
    }
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += cur[i] * cur[i];
    }
    return e;
  }

  /**
   * The adjoint by hand: the states of every step in {@code states} (steps × n, the caller's), then
   * the steps backwards; {@code gradient} gets ∂/∂u0 then ∂/∂kappa.
   */
  static double handWritten(
      double[] u0, double kappa, int steps, double[] gradient, double[] states, double[] work) {
    int n = u0.length;
    double[] cur = work;
    System.arraycopy(u0, 0, cur, 0, n);
    for (int s = 0; s < steps; s++) {
      System.arraycopy(cur, 0, states, s * n, n);
      int base = s * n;
      for (int i = 0; i < n; i++) {
        double left = states[base + (i == 0 ? n - 1 : i - 1)];
        double right = states[base + (i == n - 1 ? 0 : i + 1)];
        double u = states[base + i];
        cur[i] = u + kappa * (left - 2 * u + right) + 0.01 * Math.sin(u);
      }
    }
    double e = 0;
    for (int i = 0; i < n; i++) {
      e += cur[i] * cur[i];
    }
    double[] bar = gradient; // ∂/∂u0 accumulates in place, step by step
    for (int i = 0; i < n; i++) {
      bar[i] = 2 * cur[i];
    }
    double kappaBar = 0;
    double[] prev = cur; // reused: the adjoint of the state before the step
    for (int s = steps - 1; s >= 0; s--) {
      int base = s * n;
      java.util.Arrays.fill(prev, 0, n, 0.0);
      for (int i = 0; i < n; i++) {
        int l = i == 0 ? n - 1 : i - 1;
        int r = i == n - 1 ? 0 : i + 1;
        double u = states[base + i];
        double b = bar[i];
        prev[i] += b * (1 - 2 * kappa + 0.01 * Math.cos(u));
        prev[l] += b * kappa;
        prev[r] += b * kappa;
        kappaBar += b * (states[base + l] - 2 * u + states[base + r]);
      }
      System.arraycopy(prev, 0, bar, 0, n);
    }
    gradient[n] = kappaBar;
    return e;
  }
}
