package com.example.numerics;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** Time-stepping simulations with losses on the trajectory. */
public final class Dynamics {

  static final double GRAVITY = 9.81;

  private Dynamics() {}

  // ---------- pendulum ----------

  static double[] pendulumRhs(double[] s, double length) {
    return new double[] {s[1], -GRAVITY / length * Math.sin(s[0])};
  }

  static double[] axpy(double a, double[] x, double[] y) {
    double[] r = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      r[i] = a * x[i] + y[i];
    }
    return r;
  }

  static double[] rk4Pendulum(double[] s, double length, double dt) {
    double[] k1 = pendulumRhs(s, length);
    double[] k2 = pendulumRhs(axpy(dt / 2, k1, s), length);
    double[] k3 = pendulumRhs(axpy(dt / 2, k2, s), length);
    double[] k4 = pendulumRhs(axpy(dt, k3, s), length);
    double[] next = new double[s.length];
    for (int i = 0; i < s.length; i++) {
      next[i] = s[i] + dt / 6.0 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
    }
    return next;
  }

  /** Explicit Euler, state updated in place; returns the final angle. */
  @Differentiable
  public static double pendulumEuler(
      double theta0,
      double omega0,
      double length,
      @NoDerivative double dt,
      @NoDerivative int steps) {
    double[] state = {theta0, omega0};
    for (int n = 0; n < steps; n++) {
      double theta = state[0];
      double omega = state[1];
      state[0] += dt * omega;
      state[1] -= dt * GRAVITY / length * Math.sin(theta);
    }
    return state[0];
  }

  /** RK4 with helpers returning new arrays; loss against observed angles. */
  @Differentiable
  public static double pendulumRk4Loss(
      double theta0,
      double omega0,
      double length,
      @NoDerivative double[] observed,
      @NoDerivative double dt) {
    double[] state = new double[] {theta0, omega0};
    double loss = 0;
    for (int n = 0; n < observed.length; n++) {
      state = rk4Pendulum(state, length, dt);
      double d = state[0] - observed[n];
      loss += d * d;
    }
    return loss;
  }

  // ---------- Lorenz ----------

  static double[] lorenz(double[] u, double sigma, double rho, double beta) {
    double x = u[0], y = u[1], z = u[2];
    return new double[] {sigma * (y - x), x * (rho - z) - y, x * y - beta * z};
  }

  /** Explicit Euler of the Lorenz system with in-place update and a temporary copy. */
  @Differentiable
  public static double lorenzEuler(
      double sigma,
      double rho,
      double beta,
      double[] u0,
      @NoDerivative double dt,
      @NoDerivative long steps) {
    double[] u = u0.clone();
    for (long t = 0; t < steps; t++) {
      double[] du = lorenz(u, sigma, rho, beta);
      for (int i = 0; i < 3; i++) {
        u[i] += dt * du[i];
      }
    }
    return u[0] * u[0] + u[1] * u[1] + u[2] * u[2];
  }

  /** RK4 of Lorenz; stores trajectory in a double[][] then computes the loss on it. */
  @Differentiable
  public static double lorenzRk4Trajectory(
      double sigma,
      double rho,
      double beta,
      @NoDerivative double[][] observed,
      @NoDerivative double dt) {
    int steps = observed.length;
    double[][] traj = new double[steps + 1][3];
    traj[0][0] = 1.0;
    traj[0][1] = 1.0;
    traj[0][2] = 1.0;
    for (int k = 0; k < steps; k++) {
      double[] u = traj[k];
      double[] k1 = lorenz(u, sigma, rho, beta);
      double[] k2 = lorenz(axpy(0.5 * dt, k1, u), sigma, rho, beta);
      double[] k3 = lorenz(axpy(0.5 * dt, k2, u), sigma, rho, beta);
      double[] k4 = lorenz(axpy(dt, k3, u), sigma, rho, beta);
      for (int i = 0; i < 3; i++) {
        traj[k + 1][i] = u[i] + dt * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
      }
    }
    return trajectoryLoss(traj, observed);
  }

  static double trajectoryLoss(double[][] traj, double[][] obs) {
    double loss = 0;
    for (int k = 0; k < obs.length; k++) {
      for (int i = 0; i < obs[k].length; i++) {
        double d = traj[k + 1][i] - obs[k][i];
        loss += d * d;
      }
    }
    return loss / obs.length;
  }

  // ---------- SIR epidemic ----------

  static void sirRhs(double[] s, double beta, double gamma, double[] out) {
    double n = s[0] + s[1] + s[2];
    double infection = beta * s[0] * s[1] / n;
    double recovery = gamma * s[1];
    out[0] = -infection;
    out[1] = infection - recovery;
    out[2] = recovery;
  }

  /** Euler of SIR with a while loop on simulated time, loss on infected counts. */
  @Differentiable
  public static double sirEulerLoss(
      double beta, double gamma, @NoDerivative double[] observedI, @NoDerivative double dt) {
    double S = 990, I = 10, R = 0;
    double t = 0;
    int k = 0;
    double loss = 0;
    while (k < observedI.length) {
      double N = S + I + R;
      double newInf = beta * S * I / N * dt;
      double newRec = gamma * I * dt;
      S -= newInf;
      I += newInf - newRec;
      R += newRec;
      t += dt;
      double diff = I - observedI[k];
      loss += diff * diff;
      k++;
    }
    return loss / observedI.length;
  }

  /** RK4 of SIR with a void helper writing into scratch arrays. */
  @Differentiable
  public static double sirRk4(
      double beta, double gamma, @NoDerivative int steps, @NoDerivative double dt) {
    double[] s = {0.99, 0.01, 0.0};
    double[] k1 = new double[3], k2 = new double[3], k3 = new double[3], k4 = new double[3];
    double[] tmp = new double[3];
    double peak = 0;
    for (int n = 0; n < steps; n++) {
      sirRhs(s, beta, gamma, k1);
      for (int i = 0; i < 3; i++) tmp[i] = s[i] + 0.5 * dt * k1[i];
      sirRhs(tmp, beta, gamma, k2);
      for (int i = 0; i < 3; i++) tmp[i] = s[i] + 0.5 * dt * k2[i];
      sirRhs(tmp, beta, gamma, k3);
      for (int i = 0; i < 3; i++) tmp[i] = s[i] + dt * k3[i];
      sirRhs(tmp, beta, gamma, k4);
      for (int i = 0; i < 3; i++) {
        s[i] += dt / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
      }
      peak += s[1] * dt; // integrated infections
    }
    return peak + s[2];
  }

  // ---------- leapfrog ----------

  /** Leapfrog (kick-drift-kick) of an anharmonic oscillator; loss against observed positions. */
  @Differentiable
  public static double leapfrogLoss(
      double k, double x0, double v0, @NoDerivative double[] observed, @NoDerivative double dt) {
    double x = x0;
    double v = v0;
    double a = -k * x - 0.1 * x * x * x;
    double loss = 0.0;
    for (double obs : observed) {
      v += 0.5 * dt * a;
      x += dt * v;
      a = -k * x - 0.1 * x * x * x;
      v += 0.5 * dt * a;
      loss += (x - obs) * (x - obs);
    }
    return loss;
  }

  // ---------- heat equation ----------

  /** 1-D heat equation, FTCS stencil, Dirichlet boundaries; loss against a target profile. */
  @Differentiable
  public static double heatEquation(
      double[] u0,
      double alpha,
      @NoDerivative double[] target,
      @NoDerivative double dx,
      @NoDerivative double dt,
      @NoDerivative int steps) {
    final int n = u0.length;
    double[] u = new double[n];
    System.arraycopy(u0, 0, u, 0, n);
    double[] next = new double[n];
    final double r = alpha * dt / (dx * dx);
    for (int step = 0; step < steps; step++) {
      next[0] = 0.0;
      next[n - 1] = 0.0;
      for (int i = 1; i < n - 1; i++) {
        next[i] = u[i] + r * (u[i - 1] - 2 * u[i] + u[i + 1]);
      }
      System.arraycopy(next, 0, u, 0, n);
    }
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double d = u[i] - target[i];
      loss += d * d;
    }
    return 0.5 * loss;
  }

  /**
   * Workaround copy of failing/DoWhileUninit.java: damped oscillator with do/while, early break
   * when energy is small, and a ternary.
   */
  @Differentiable
  public static double dampedEnergyInit(
      double c, double k, @NoDerivative double dt, @NoDerivative int maxSteps) {
    double x = 1.0, v = 0.0;
    int n = 0;
    double energy = 0; // workaround: see failing/DoWhileUninit.java
    do {
      double acc = -c * v - k * x;
      x += dt * v;
      v += dt * acc;
      energy = 0.5 * v * v + 0.5 * k * x * x;
      n++;
      if (energy < 1e-8) break;
    } while (n < maxSteps);
    return energy > 1.0 ? Math.log(energy) : energy;
  }
}
