package com.example.numerics;

import dev.adjoint.Differentiable;

/** Probes that compiled with the processor (moved from probe/Probes.java). */
public final class Extras {
  private Extras() {}

  @Differentiable
  public static double sqrtOfSquares(double[] x) {
    double s = 0;
    for (double v : x) s += v * v;
    return Math.sqrt(s);
  }

  @Differentiable
  public static double arrayReturnFromLocalFunction(double a) {
    double[] s = {a, a};
    s = new double[] {s[0] * 2, s[1] * 3, 0}; // different length
    return s[0] + s[1];
  }

  @Differentiable
  public static double mathSquare(double a) {
    return Math.pow(a, 2) + Math.exp(Math.log1p(a * a)) + Math.toDegrees(a) + Math.signum(a) * a;
  }

  @Differentiable
  public static double integerDivisionMix(double[] x) {
    int mid = x.length / 2;
    double left = 0, right = 0;
    for (int i = 0; i < mid; i++) left += x[i];
    for (int i = mid; i < x.length; i++) right += x[i];
    return left / mid - right / (x.length - mid);
  }

  @Differentiable
  public static double doubleCounter(double a) {
    double s = 0;
    for (double t = 0; t < 1.0; t += 0.25) {
      s += a * t;
    }
    return s;
  }

  @Differentiable
  public static double mathClampViaMinMax(double[] p) {
    double s = 0;
    for (int i = 0; i < p.length; i++) {
      double q = Math.min(Math.max(p[i], 1e-3), 1 - 1e-3);
      s += -Math.log(q);
    }
    return s;
  }
}
