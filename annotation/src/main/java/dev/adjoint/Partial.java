package dev.adjoint;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a custom derivative rule: the annotated static method computes the partial derivative of
 * the function {@code of} with respect to its parameter {@code wrt}. It takes exactly the target's
 * parameters (same types, same order; {@code wrt} names one of them as this method declares it) and
 * returns {@code double}.
 *
 * <pre>{@code
 * @Partial(of = "Special.erf", wrt = "x")
 * static double erfDx(double x) {
 *   return 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
 * }
 * }</pre>
 *
 * <p>Differentiable methods that call the target then use the rule instead of the target's body
 * (which need not be available: library functions work). A call needs a rule for every argument
 * that is not a constant. Misspelled targets, unknown parameters and signature mismatches are
 * compile errors that list what was found.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Partial {
  /**
   * The target function.
   *
   * @return {@code method} in this class, {@code Class.method}, or {@code pkg.Class.method}
   */
  String of();

  /**
   * The parameter of the target this rule differentiates with respect to.
   *
   * @return the parameter's name, as this rule method declares it
   */
  String wrt();
}
