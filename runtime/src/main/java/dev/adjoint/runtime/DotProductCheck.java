package dev.adjoint.runtime;

import dev.adjoint.runtime.GradientCheck.DotProductResult;
import dev.adjoint.runtime.GradientCheck.GradientFunction;
import dev.adjoint.runtime.GradientCheck.JacobianVectorProduct;
import dev.adjoint.runtime.GradientCheck.TangentFunction;
import dev.adjoint.runtime.GradientCheck.VectorJacobianProduct;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;

/**
 * The dot-product test behind {@link GradientCheck#dotProduct}: forward mode against reverse mode,
 * {@code ⟨∇f, v⟩ = ∇f · v} for scalar functions and {@code ⟨w, J v⟩ = ⟨Jᵀ w, v⟩} for array-valued
 * ones. Both sides are exact up to rounding, so the test needs no differences, only a {@link
 * PassRule} with a relative tolerance measured against the magnitude of the sum's terms.
 */
final class DotProductCheck {

  private DotProductCheck() {}

  static double[] randomDirection(int n, Random random) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative, got " + n);
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextGaussian();
    }
    return v;
  }

  static DotProductResult gradient(
      GradientFunction gradient,
      TangentFunction tangent,
      double[] point,
      double[] direction,
      double tolerance) {
    Checks.nonNegativeFinite("tolerance", tolerance);
    Objects.requireNonNull(point, "point is null");
    Checks.length("direction", direction, point.length);
    double[] g = Checks.unwritten(point.length);
    gradient.gradient(point.clone(), g);
    double reverse = 0;
    double scale = 0;
    for (int i = 0; i < g.length; i++) {
      reverse += g[i] * direction[i];
      scale += Math.abs(g[i] * direction[i]);
    }
    double forward = tangent.tangent(point.clone(), direction.clone());
    return result(reverse, forward, scale, tolerance, point, direction);
  }

  static DotProductResult jacobian(
      JacobianVectorProduct jvp,
      VectorJacobianProduct vjp,
      double[] point,
      double[] v,
      double[] w,
      double tolerance) {
    Checks.nonNegativeFinite("tolerance", tolerance);
    Objects.requireNonNull(point, "point is null");
    Checks.length("v", v, point.length);
    Objects.requireNonNull(w, "w is null");
    double[] jv = Checks.unwritten(w.length);
    jvp.apply(point.clone(), v.clone(), jv);
    double[] jtw = Checks.unwritten(point.length);
    vjp.apply(point.clone(), w.clone(), jtw);
    double forward = 0;
    double forwardScale = 0;
    for (int i = 0; i < w.length; i++) {
      forward += w[i] * jv[i];
      forwardScale += Math.abs(w[i] * jv[i]);
    }
    double reverse = 0;
    double reverseScale = 0;
    for (int j = 0; j < v.length; j++) {
      reverse += jtw[j] * v[j];
      reverseScale += Math.abs(jtw[j] * v[j]);
    }
    return result(reverse, forward, Math.max(forwardScale, reverseScale), tolerance, point, v);
  }

  /**
   * The outcome: the error is measured against the larger of the terms' magnitude {@code scale} and
   * {@code |forward|}, so a sum that cancels to nearly 0 is not judged by its rounding noise.
   */
  static DotProductResult result(
      double reverse,
      double forward,
      double scale,
      double tolerance,
      double[] point,
      double[] direction) {
    double s = Math.max(scale, Math.abs(forward));
    double error = Math.abs(reverse - forward);
    double relative;
    if (Double.isNaN(error) || Double.isNaN(s)) {
      relative = Double.NaN;
    } else if (error == 0) {
      relative = 0;
    } else {
      relative = error / s;
    }
    boolean passed = new PassRule(0, tolerance).passes(reverse, forward, s);
    return new DotProductResult(
        passed, reverse, forward, relative, s, tolerance, point.clone(), direction.clone());
  }

  /** The one-line summary of {@link DotProductResult#toString()}. */
  static String describe(DotProductResult r) {
    return String.format(
        Locale.ROOT,
        "DotProduct %s (%d %s, tolerance %s): reverse %s, forward %s, relative error %.3g",
        r.passed() ? "passed" : "FAILED",
        r.point().length,
        r.point().length == 1 ? "input" : "inputs",
        r.tolerance(),
        r.reverse(),
        r.forward(),
        r.relativeError());
  }
}
