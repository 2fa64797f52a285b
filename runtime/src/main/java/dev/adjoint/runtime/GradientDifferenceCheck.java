package dev.adjoint.runtime;

import dev.adjoint.runtime.GradientCheck.GradientFunction;
import dev.adjoint.runtime.GradientCheck.Result;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The gradient check behind {@link GradientCheck#check} and {@link GradientCheck#compare}: an
 * analytic gradient against {@link CentralDifferences} of the value, component by component with a
 * {@link PassRule}.
 */
final class GradientDifferenceCheck {

  private GradientDifferenceCheck() {}

  static Result check(DifferentiableFunction function, double[] point, PassRule rule) {
    Checks.length("point", point, function.dimension());
    return check(function::value, (x, g) -> function.valueAndGradient(x, g), point, rule);
  }

  static Result check(
      ToDoubleFunction<double[]> value, GradientFunction gradient, double[] point, PassRule rule) {
    Objects.requireNonNull(point, "point is null");
    double[] analytic = Checks.unwritten(point.length);
    gradient.gradient(point.clone(), analytic);
    return compare(value, point, analytic, rule);
  }

  static Result compare(
      ToDoubleFunction<double[]> value, double[] point, double[] analytic, PassRule rule) {
    Objects.requireNonNull(point, "point is null");
    Checks.length("analytic gradient", analytic, point.length);
    double[] numeric = CentralDifferences.gradient(value, point);
    return result(point.clone(), analytic.clone(), numeric, rule);
  }

  /** The outcome for arrays the result may keep (copies of the caller's). */
  static Result result(double[] point, double[] analytic, double[] numeric, PassRule rule) {
    boolean passed = true;
    int worst = -1;
    double worstRatio = -1;
    for (int i = 0; i < analytic.length; i++) {
      passed &= rule.passes(analytic[i], numeric[i]);
      double ratio = rule.toleranceRatio(analytic[i], numeric[i]);
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = i;
      }
    }
    double relative = worst < 0 ? 0 : PassRule.relativeError(analytic[worst], numeric[worst]);
    return new Result(
        passed,
        worst,
        relative,
        Math.max(worstRatio, 0),
        point,
        analytic,
        numeric,
        rule.atol(),
        rule.rtol());
  }

  /** The one-line summary of {@link Result#toString()}. */
  static String describe(Result r) {
    StringBuilder s = new StringBuilder("GradientCheck ");
    s.append(r.passed() ? "passed" : "FAILED")
        .append(" (")
        .append(r.analytic().length)
        .append(r.analytic().length == 1 ? " component" : " components")
        .append(String.format(Locale.ROOT, ", atol %s, rtol %s)", r.atol(), r.rtol()));
    if (r.worstIndex() >= 0) {
      double a = r.analytic()[r.worstIndex()];
      double num = r.numeric()[r.worstIndex()];
      s.append(
          String.format(
              Locale.ROOT,
              ": worst component %d at x = %s: analytic %s, numeric %s, |diff| %.3g,"
                  + " relative error %.3g, %.3g x allowed",
              r.worstIndex(),
              r.point()[r.worstIndex()],
              a,
              num,
              Math.abs(a - num),
              r.worstRelativeError(),
              r.worstToleranceRatio()));
    }
    return s.toString();
  }
}
