package com.example.numerics;

import dev.adjoint.Differentiable;
import dev.adjoint.NoDerivative;

/** Minimised reproductions of failures found by GradientCheckMain. */
public final class Repro {
  private Repro() {}

  /** Row alias u = traj[k] of a local double[][], next row written from it. */
  @Differentiable
  public static double aliasRow(double a, @NoDerivative int steps) {
    double[][] traj = new double[steps + 1][1];
    traj[0][0] = 1.0;
    for (int k = 0; k < steps; k++) {
      double[] u = traj[k];
      traj[k + 1][0] = u[0] + 0.1 * a * u[0];
    }
    return traj[steps][0];
  }

  /** Same without the alias. */
  @Differentiable
  public static double noAliasRow(double a, @NoDerivative int steps) {
    double[][] traj = new double[steps + 1][1];
    traj[0][0] = 1.0;
    for (int k = 0; k < steps; k++) {
      traj[k + 1][0] = traj[k][0] + 0.1 * a * traj[k][0];
    }
    return traj[steps][0];
  }

  static double[] scale(double a, double[] x) {
    return new double[] {a * x[0]};
  }

  /** Row of a double[][] passed to a helper returning a new array. */
  @Differentiable
  public static double rowToHelper(double a, @NoDerivative int steps) {
    double[][] traj = new double[steps + 1][1];
    traj[0][0] = 1.0;
    for (int k = 0; k < steps; k++) {
      double[] d = scale(a, traj[k]);
      traj[k + 1][0] = traj[k][0] + 0.1 * d[0];
    }
    return traj[steps][0];
  }

  /** Local double[] passed to a helper returning a new array, inside a loop. */
  @Differentiable
  public static double vecToHelper(double a, @NoDerivative int steps) {
    double[] s = {1.0};
    for (int k = 0; k < steps; k++) {
      double[] d = scale(a, s);
      s[0] = s[0] + 0.1 * d[0];
    }
    return s[0];
  }

  /** Row alias of a local double[][], no loop. */
  @Differentiable
  public static double aliasRowNoLoop(double a) {
    double[][] m = new double[2][1];
    m[0][0] = a;
    double[] u = m[0];
    return u[0] * u[0];
  }

  /** Row alias of a differentiated double[][] parameter. */
  @Differentiable
  public static double aliasParamRow(double[][] w) {
    double[] r = w[0];
    return r[0] * r[1] + w[1][0];
  }

  /** Alias of a local double[]. */
  @Differentiable
  public static double aliasVector(double a) {
    double[] s = {a, 2 * a};
    double[] t = s;
    return t[0] * t[1];
  }

  /** Enhanced for over rows of a local double[][]. */
  @Differentiable
  public static double enhancedForLocalRows(double a) {
    double[][] m = new double[3][2];
    for (int i = 0; i < 3; i++) {
      m[i][0] = a * (i + 1);
      m[i][1] = a * a;
    }
    double s = 0;
    for (double[] row : m) {
      s += row[0] * row[1];
    }
    return s;
  }

  /**
   * Dynamics.lorenzRk4Trajectory with the row alias replaced by an element copy (workaround check).
   */
  @Differentiable
  public static double lorenzRk4TrajectoryCopy(
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
      double[] u = {traj[k][0], traj[k][1], traj[k][2]};
      double[] k1 = Dynamics.lorenz(u, sigma, rho, beta);
      double[] k2 = Dynamics.lorenz(Dynamics.axpy(0.5 * dt, k1, u), sigma, rho, beta);
      double[] k3 = Dynamics.lorenz(Dynamics.axpy(0.5 * dt, k2, u), sigma, rho, beta);
      double[] k4 = Dynamics.lorenz(Dynamics.axpy(dt, k3, u), sigma, rho, beta);
      for (int i = 0; i < 3; i++) {
        traj[k + 1][i] = u[i] + dt * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
      }
    }
    double loss = 0;
    for (int k = 0; k < steps; k++) {
      for (int i = 0; i < 3; i++) {
        double d = traj[k + 1][i] - observed[k][i];
        loss += d * d;
      }
    }
    return loss / steps;
  }
}
