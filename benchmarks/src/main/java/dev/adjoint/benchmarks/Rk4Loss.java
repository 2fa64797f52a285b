package dev.adjoint.benchmarks;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/**
 * Classic fourth-order Runge–Kutta with array state: a ring of m damped pendulums coupled to their
 * neighbours, x''ᵢ = −sin xᵢ + coupling·(xᵢ₋₁ − 2xᵢ + xᵢ₊₁) − damping·x'ᵢ, state {@code u} =
 * (x₀..x_{m−1}, x'₀..x'_{m−1}), the stages k1..k4 and the stage input made once before the time
 * loop and overwritten every step; loss Σ (u_T − target)². And its hand-written adjoint, which
 * stores the state once per step and reverses the four stages by hand: the baseline of {@link
 * ArrayStateBenchmark}.
 */
final class Rk4Loss {
  private Rk4Loss() {}

  @Differentiable
  static double loss(
      double[] u0,
      double coupling,
      double damping,
      @NoDerivative double[] target,
      @NoDerivative double dt,
      @NoDerivative int steps) {
    int n = u0.length;
    double[] u = u0.clone();
    double[] k1 = new double[n];
    double[] k2 = new double[n];
    double[] k3 = new double[n];
    double[] k4 = new double[n];
    double[] stage = new double[n];
    for (int s = 0; s < steps; s++) {
      rates(u, coupling, damping, k1);
      for (int i = 0; i < n; i++) {
        stage[i] = u[i] + 0.5 * dt * k1[i];
      }
      rates(stage, coupling, damping, k2);
      for (int i = 0; i < n; i++) {
        stage[i] = u[i] + 0.5 * dt * k2[i];
      }
      rates(stage, coupling, damping, k3);
      for (int i = 0; i < n; i++) {
        stage[i] = u[i] + dt * k3[i];
      }
      rates(stage, coupling, damping, k4);
      for (int i = 0; i < n; i++) {
        u[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double d = u[i] - target[i];
      loss += d * d;
    }
    return loss;
  }

  /** The right-hand side u' = f(u) into {@code out}. */
  static void rates(double[] u, double coupling, double damping, double[] out) {
    int m = u.length / 2;
    for (int i = 0; i < m; i++) {
      int left = i == 0 ? m - 1 : i - 1;
      int right = i == m - 1 ? 0 : i + 1;
      out[i] = u[m + i];
      out[m + i] =
          -Math.sin(u[i]) + coupling * (u[left] - 2 * u[i] + u[right]) - damping * u[m + i];
    }
  }

  /** Rows of the hand-written adjoint's work matrix. */
  private static final int U = 0;

  private static final int Y2 = 1;
  private static final int Y3 = 2;
  private static final int Y4 = 3;
  private static final int K = 4;
  private static final int Y_BAR = 5;
  private static final int BAR = 6;

  /** The rows {@link #handWritten} needs in its work matrix. */
  static final int WORK_ROWS = 7;

  /**
   * The adjoint by hand: the state before every step in {@code states} (steps × n), then the steps
   * backwards, each recomputing its stage inputs from the stored state and reversing the stages;
   * {@code gradient} gets ∂/∂u0, ∂/∂coupling, ∂/∂damping. The arrays are the caller's, so a call
   * allocates nothing.
   *
   * @param states at least steps × n doubles
   * @param work {@link #WORK_ROWS} rows of n doubles
   */
  static double handWritten(
      double[] u0,
      double coupling,
      double damping,
      double[] target,
      double dt,
      int steps,
      double[] gradient,
      double[] states,
      double[][] work) {
    int n = u0.length;
    double[] u = work[U];
    // going forwards, the rows after U hold k1..k4 and the stage input
    double[] k1 = work[1];
    double[] k2 = work[2];
    double[] k3 = work[3];
    double[] k4 = work[4];
    double[] stage = work[5];
    System.arraycopy(u0, 0, u, 0, n);
    for (int s = 0; s < steps; s++) {
      System.arraycopy(u, 0, states, s * n, n);
      rates(u, coupling, damping, k1);
      for (int i = 0; i < n; i++) {
        stage[i] = u[i] + 0.5 * dt * k1[i];
      }
      rates(stage, coupling, damping, k2);
      for (int i = 0; i < n; i++) {
        stage[i] = u[i] + 0.5 * dt * k2[i];
      }
      rates(stage, coupling, damping, k3);
      for (int i = 0; i < n; i++) {
        stage[i] = u[i] + dt * k3[i];
      }
      rates(stage, coupling, damping, k4);
      for (int i = 0; i < n; i++) {
        u[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
    }
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double d = u[i] - target[i];
      loss += d * d;
    }

    double[] y2 = work[Y2];
    double[] y3 = work[Y3];
    double[] y4 = work[Y4];
    double[] k = work[K];
    double[] yBar = work[Y_BAR];
    double[] bar = work[BAR];
    for (int i = 0; i < n; i++) {
      bar[i] = 2 * (u[i] - target[i]);
    }
    gradient[n] = 0;
    gradient[n + 1] = 0;
    // u' = u + dt/6 (k1 + 2k2 + 2k3 + k4), k1 = f(u), k2 = f(u + dt/2 k1), k3 = f(u + dt/2 k2),
    // k4 = f(u + dt k3). Going backwards, the gradient's first n slots accumulate the adjoint of
    // the state before the step; bar holds the adjoint of the state after it.
    for (int s = steps - 1; s >= 0; s--) {
      System.arraycopy(states, s * n, u, 0, n);
      rates(u, coupling, damping, k);
      for (int i = 0; i < n; i++) {
        y2[i] = u[i] + 0.5 * dt * k[i];
      }
      rates(y2, coupling, damping, k);
      for (int i = 0; i < n; i++) {
        y3[i] = u[i] + 0.5 * dt * k[i];
      }
      rates(y3, coupling, damping, k);
      for (int i = 0; i < n; i++) {
        y4[i] = u[i] + dt * k[i];
      }
      for (int i = 0; i < n; i++) {
        gradient[i] = bar[i];
        k[i] = dt / 6 * bar[i];
      }
      ratesAdjoint(y4, coupling, damping, k, yBar, gradient);
      for (int i = 0; i < n; i++) {
        gradient[i] += yBar[i];
        k[i] = dt / 3 * bar[i] + dt * yBar[i];
      }
      ratesAdjoint(y3, coupling, damping, k, yBar, gradient);
      for (int i = 0; i < n; i++) {
        gradient[i] += yBar[i];
        k[i] = dt / 3 * bar[i] + 0.5 * dt * yBar[i];
      }
      ratesAdjoint(y2, coupling, damping, k, yBar, gradient);
      for (int i = 0; i < n; i++) {
        gradient[i] += yBar[i];
        k[i] = dt / 6 * bar[i] + 0.5 * dt * yBar[i];
      }
      ratesAdjoint(u, coupling, damping, k, yBar, gradient);
      for (int i = 0; i < n; i++) {
        gradient[i] += yBar[i];
      }
      System.arraycopy(gradient, 0, bar, 0, n);
    }
    System.arraycopy(bar, 0, gradient, 0, n);
    return loss;
  }

  /**
   * {@code yBar} = (∂f/∂u)ᵀ kBar at u = {@code y}; adds (∂f/∂coupling)ᵀ kBar and (∂f/∂damping)ᵀ
   * kBar to the two slots of {@code gradient} after the state's.
   */
  private static void ratesAdjoint(
      double[] y,
      double coupling,
      double damping,
      double[] kBar,
      double[] yBar,
      double[] gradient) {
    int n = y.length;
    int m = n / 2;
    java.util.Arrays.fill(yBar, 0, n, 0.0);
    double couplingBar = 0;
    double dampingBar = 0;
    for (int i = 0; i < m; i++) {
      int left = i == 0 ? m - 1 : i - 1;
      int right = i == m - 1 ? 0 : i + 1;
      yBar[m + i] += kBar[i];
      double b = kBar[m + i];
      yBar[i] += b * (-Math.cos(y[i]) - 2 * coupling);
      yBar[left] += b * coupling;
      yBar[right] += b * coupling;
      yBar[m + i] -= b * damping;
      couplingBar += b * (y[left] - 2 * y[i] + y[right]);
      dampingBar -= b * y[m + i];
    }
    gradient[n] += couplingBar;
    gradient[n + 1] += dampingBar;
  }
}
