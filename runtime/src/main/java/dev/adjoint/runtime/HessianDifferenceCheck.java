package dev.adjoint.runtime;

import dev.adjoint.runtime.GradientCheck.GradientFunction;
import dev.adjoint.runtime.GradientCheck.HessianResult;
import java.util.Locale;
import java.util.Objects;

/**
 * The Hessian check behind {@link GradientCheck#checkHessian} and {@link
 * GradientCheck#compareHessian}: a Hessian against {@link CentralDifferences} of the gradient,
 * entry by entry with a {@link PassRule}, and its symmetry relative to its largest entry.
 */
final class HessianDifferenceCheck {

  private HessianDifferenceCheck() {}

  static HessianResult check(
      TwiceDifferentiableFunction function,
      double[] point,
      PassRule rule,
      double symmetryTolerance) {
    int n = function.dimension();
    Checks.length("point", point, n);
    double[] g = Checks.unwritten(n);
    double[][] h = new double[n][];
    for (int i = 0; i < n; i++) {
      h[i] = Checks.unwritten(n);
    }
    function.valueGradientAndHessian(point.clone(), g, h);
    return compare(
        (x, grad) -> function.valueAndGradient(x, grad), point, h, rule, symmetryTolerance);
  }

  static HessianResult compare(
      GradientFunction gradient,
      double[] point,
      double[][] analytic,
      PassRule rule,
      double symmetryTolerance) {
    Checks.nonNegativeFinite("symmetryTolerance", symmetryTolerance);
    Objects.requireNonNull(point, "point is null");
    int n = point.length;
    Checks.square("analytic Hessian", analytic, n);
    double[][] numeric = CentralDifferences.jacobian(gradient::gradient, n, point);
    return result(point.clone(), deepCopy(analytic), numeric, rule, symmetryTolerance);
  }

  /** The outcome for arrays the result may keep (copies of the caller's). */
  static HessianResult result(
      double[] point,
      double[][] analytic,
      double[][] numeric,
      PassRule rule,
      double symmetryTolerance) {
    int n = point.length;
    boolean entriesPass = true;
    int worstRow = -1;
    int worstColumn = -1;
    double worstRatio = -1;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        entriesPass &= rule.passes(analytic[i][j], numeric[i][j]);
        double ratio = rule.toleranceRatio(analytic[i][j], numeric[i][j]);
        if (ratio > worstRatio) {
          worstRatio = ratio;
          worstRow = i;
          worstColumn = j;
        }
      }
    }
    double asymmetry = asymmetry(analytic);
    // NaN (a non-finite entry) is not symmetric.
    boolean symmetric = asymmetry <= symmetryTolerance;
    double relative =
        worstRow < 0
            ? 0
            : PassRule.relativeError(
                analytic[worstRow][worstColumn], numeric[worstRow][worstColumn]);
    return new HessianResult(
        entriesPass && symmetric,
        symmetric,
        worstRow,
        worstColumn,
        relative,
        Math.max(worstRatio, 0),
        asymmetry,
        point,
        analytic,
        numeric,
        rule.atol(),
        rule.rtol(),
        symmetryTolerance);
  }

  /**
   * {@code max |H_ij - H_ji| / max |H_kl|}: 0 for a zero matrix, NaN when an entry is not finite.
   * Relative to the largest entry, so that one tolerance fits functions of any scale.
   */
  private static double asymmetry(double[][] h) {
    double largest = 0;
    for (double[] row : h) {
      for (double x : row) {
        if (!Double.isFinite(x)) {
          return Double.NaN;
        }
        largest = Math.max(largest, Math.abs(x));
      }
    }
    double asymmetry = 0;
    if (largest > 0) {
      for (int i = 0; i < h.length; i++) {
        for (int j = i + 1; j < h.length; j++) {
          asymmetry = Math.max(asymmetry, Math.abs(h[i][j] - h[j][i]) / largest);
        }
      }
    }
    return asymmetry;
  }

  private static double[][] deepCopy(double[][] a) {
    double[][] copy = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      copy[i] = a[i].clone();
    }
    return copy;
  }

  /** The one-line summary of {@link HessianResult#toString()}. */
  static String describe(HessianResult r) {
    StringBuilder s = new StringBuilder("HessianCheck ");
    s.append(r.passed() ? "passed" : "FAILED")
        .append(
            String.format(
                Locale.ROOT,
                " (%d x %d, atol %s, rtol %s, symmetry %s)",
                r.point().length,
                r.point().length,
                r.atol(),
                r.rtol(),
                r.symmetryTolerance()));
    if (r.worstRow() >= 0) {
      double a = r.analytic()[r.worstRow()][r.worstColumn()];
      double num = r.numeric()[r.worstRow()][r.worstColumn()];
      s.append(
          String.format(
              Locale.ROOT,
              ": worst entry (%d, %d): analytic %s, numeric %s, |diff| %.3g,"
                  + " relative error %.3g, %.3g x allowed",
              r.worstRow(),
              r.worstColumn(),
              a,
              num,
              Math.abs(a - num),
              r.worstRelativeError(),
              r.worstToleranceRatio()));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "; asymmetry %.3g (%s)",
            r.asymmetry(),
            r.symmetric() ? "symmetric" : "not symmetric"));
    return s.toString();
  }
}
