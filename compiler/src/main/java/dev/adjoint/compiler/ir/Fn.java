package dev.adjoint.compiler.ir;

import java.util.Arrays;
import java.util.Optional;

/**
 * The {@code java.lang.Math} / {@code StrictMath} functions the IR knows. Their derivative rules
 * live in the passes; here only the name, the arity and whether the function is piecewise constant
 * (zero derivative almost everywhere).
 */
public enum Fn {
  SIN("sin", 1),
  COS("cos", 1),
  TAN("tan", 1),
  ASIN("asin", 1),
  ACOS("acos", 1),
  ATAN("atan", 1),
  ATAN2("atan2", 2),
  SINH("sinh", 1),
  COSH("cosh", 1),
  TANH("tanh", 1),
  EXP("exp", 1),
  EXPM1("expm1", 1),
  LOG("log", 1),
  LOG10("log10", 1),
  LOG1P("log1p", 1),
  SQRT("sqrt", 1),
  CBRT("cbrt", 1),
  POW("pow", 2),
  HYPOT("hypot", 2),
  ABS("abs", 1),
  MIN("min", 2),
  MAX("max", 2),
  TO_RADIANS("toRadians", 1),
  TO_DEGREES("toDegrees", 1),
  FLOOR("floor", 1, true),
  CEIL("ceil", 1, true),
  RINT("rint", 1, true),
  SIGNUM("signum", 1, true),
  /** {@code dev.adjoint.Adjoint.stopGradient(x)}: the value of x, with derivative zero. */
  STOP_GRADIENT("stopGradient", 1, true),
  /** The number of elements of a {@code double[][]}, summed over its rows; a generated helper. */
  TOTAL_LENGTH("totalLength", 1, true),
  /**
   * {@code Double.isNaN(x)}, {@code Double.isInfinite(x)}, {@code Double.isFinite(x)}: boolean
   * tests, no derivative.
   */
  IS_NAN("isNaN", 1, true),
  IS_INFINITE("isInfinite", 1, true),
  IS_FINITE("isFinite", 1, true);

  private final String javaName;
  private final int arity;
  private final boolean piecewiseConstant;

  Fn(String javaName, int arity) {
    this(javaName, arity, false);
  }

  Fn(String javaName, int arity, boolean piecewiseConstant) {
    this.javaName = javaName;
    this.arity = arity;
    this.piecewiseConstant = piecewiseConstant;
  }

  public String javaName() {
    return javaName;
  }

  public int arity() {
    return arity;
  }

  /** Functions whose derivative is zero wherever it exists (floor, ceil, rint, signum). */
  public boolean piecewiseConstant() {
    return piecewiseConstant;
  }

  /** Functions that Java also defines on {@code int} and {@code long} (abs, min, max). */
  public boolean integralOverload() {
    return this == ABS || this == MIN || this == MAX;
  }

  /** The boolean tests of {@code java.lang.Double}. */
  public boolean predicate() {
    return this == IS_NAN || this == IS_INFINITE || this == IS_FINITE;
  }

  /** The {@code Double} test with this Java name, if the IR knows it. */
  public static Optional<Fn> predicate(String name) {
    return Arrays.stream(values())
        .filter(f -> f.predicate() && f.javaName.equals(name))
        .findFirst();
  }

  /** The {@code Math} function with this Java name, if the IR knows it. */
  public static Optional<Fn> byJavaName(String name) {
    return Arrays.stream(values())
        .filter(
            f ->
                f != STOP_GRADIENT
                    && f != TOTAL_LENGTH
                    && !f.predicate()
                    && f.javaName.equals(name))
        .findFirst();
  }
}
