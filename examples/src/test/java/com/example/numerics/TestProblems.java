package com.example.numerics;

import dev.adjoint.Differentiable;

/**
 * Classic optimisation benchmark functions (see e.g. the Virtual Library of Simulation
 * Experiments).
 */
public final class TestProblems {

  static final double RASTRIGIN_A = 10.0;
  static final double TWO_PI = 2.0 * Math.PI;

  private TestProblems() {}

  /** n-dimensional Rosenbrock. */
  @Differentiable(order = 2)
  public static double rosenbrock(double[] x) {
    double sum = 0.0;
    for (int i = 0; i < x.length - 1; i++) {
      double t1 = x[i + 1] - x[i] * x[i];
      double t2 = 1.0 - x[i];
      sum += 100.0 * t1 * t1 + t2 * t2;
    }
    return sum;
  }

  @Differentiable
  public static double rastrigin(double[] x) {
    final int n = x.length;
    double sum = RASTRIGIN_A * n;
    for (double xi : x) {
      sum += xi * xi - RASTRIGIN_A * Math.cos(TWO_PI * xi);
    }
    return sum;
  }

  @Differentiable
  public static double griewank(double[] x) {
    double sum = 0.0;
    double prod = 1.0;
    for (int i = 0; i < x.length; i++) {
      sum += x[i] * x[i] / 4000.0;
      prod *= Math.cos(x[i] / Math.sqrt(i + 1));
    }
    return sum - prod + 1.0;
  }

  @Differentiable
  public static double levy(double[] x) {
    int d = x.length;
    double[] w = new double[d];
    for (int i = 0; i < d; i++) {
      w[i] = 1.0 + (x[i] - 1.0) / 4.0;
    }
    double term1 = Math.pow(Math.sin(Math.PI * w[0]), 2);
    double wd = w[d - 1];
    double term3 = Math.pow(wd - 1, 2) * (1 + Math.pow(Math.sin(2 * Math.PI * wd), 2));
    double sum = 0;
    for (int i = 0; i < d - 1; i++) {
      double wi = w[i];
      sum += Math.pow(wi - 1, 2) * (1 + 10 * Math.pow(Math.sin(Math.PI * wi + 1), 2));
    }
    return term1 + sum + term3;
  }

  @Differentiable(order = 2)
  public static double zakharov(double[] x) {
    double sum1 = 0, sum2 = 0;
    int i = 1;
    for (double xi : x) {
      sum1 += xi * xi;
      sum2 += 0.5 * i * xi;
      i++;
    }
    return sum1 + Math.pow(sum2, 2) + Math.pow(sum2, 4);
  }

  /** Powell singular function; x.length must be a multiple of 4. */
  @Differentiable
  public static double powell(double[] x) {
    double sum = 0.0;
    for (int i = 0; i + 3 < x.length; i += 4) {
      double a = x[i] + 10 * x[i + 1];
      double b = x[i + 2] - x[i + 3];
      double c = x[i + 1] - 2 * x[i + 2];
      double e = x[i] - x[i + 3];
      sum += a * a + 5 * b * b + Math.pow(c, 4) + 10 * Math.pow(e, 4);
    }
    return sum;
  }

  @Differentiable(order = 2)
  public static double booth(double x, double y) {
    return Math.pow(x + 2 * y - 7, 2) + Math.pow(2 * x + y - 5, 2);
  }

  @Differentiable(order = 2)
  public static double matyas(double x, double y) {
    return 0.26 * (x * x + y * y) - 0.48 * x * y;
  }

  @Differentiable(order = 2)
  public static double threeHumpCamel(double x, double y) {
    double x2 = x * x;
    return 2 * x2 - 1.05 * x2 * x2 + Math.pow(x, 6) / 6 + x * y + y * y;
  }

  @Differentiable(order = 2)
  public static double himmelblau(double x, double y) {
    double a = x * x + y - 11;
    double b = x + y * y - 7;
    return a * a + b * b;
  }

  @Differentiable
  public static double trid(double[] x) {
    double s1 = 0, s2 = 0;
    int i = 0;
    while (i < x.length) {
      s1 += (x[i] - 1) * (x[i] - 1);
      if (i > 0) {
        s2 += x[i] * x[i - 1];
      }
      i++;
    }
    return s1 - s2;
  }

  @Differentiable(order = 2)
  public static double dixonPrice(double[] x) {
    double result = (x[0] - 1) * (x[0] - 1);
    for (int i = 1; i < x.length; i++) {
      double inner = 2 * x[i] * x[i] - x[i - 1];
      result += (i + 1) * inner * inner;
    }
    return result;
  }

  @Differentiable
  public static double sumOfDifferentPowers(double[] x) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      sum += Math.pow(Math.abs(x[i]), i + 2);
    }
    return sum;
  }
}
