package dev.adjoint.compiler.ir;

import static dev.adjoint.compiler.ir.Overload.exact;
import static dev.adjoint.compiler.ir.Overload.ofFloat;
import static dev.adjoint.compiler.ir.Overload.ofInt;
import static dev.adjoint.compiler.ir.Overload.ofLong;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.DoublePredicate;

/**
 * The library functions the IR calls ({@code Math}, {@code StrictMath}, the tests of {@code
 * Double}, {@code Adjoint.stopGradient}): the table every stage reads. An entry gives the Java
 * name, the classes that may own a call of it, its Java overloads (parameter and result types, in
 * javac's order of preference, with the kernels the interpreter computes them by) and whether it is
 * piecewise constant (zero derivative almost everywhere). Derivative rules are not IR: they are the
 * passes' table ({@code pass/FnRules}), which holds one entry per function that is not piecewise
 * constant. See {@code package-info.java} for adding a function.
 */
public enum Fn {
  SIN("sin", Owners.MATH, Overload.of(Math::sin, StrictMath::sin)),
  COS("cos", Owners.MATH, Overload.of(Math::cos, StrictMath::cos)),
  TAN("tan", Owners.MATH, Overload.of(Math::tan, StrictMath::tan)),
  ASIN("asin", Owners.MATH, Overload.of(Math::asin, StrictMath::asin)),
  ACOS("acos", Owners.MATH, Overload.of(Math::acos, StrictMath::acos)),
  ATAN("atan", Owners.MATH, Overload.of(Math::atan, StrictMath::atan)),
  ATAN2("atan2", Owners.MATH, Overload.of(Math::atan2, StrictMath::atan2)),
  SINH("sinh", Owners.MATH, Overload.of(Math::sinh, StrictMath::sinh)),
  COSH("cosh", Owners.MATH, Overload.of(Math::cosh, StrictMath::cosh)),
  TANH("tanh", Owners.MATH, Overload.of(Math::tanh, StrictMath::tanh)),
  EXP("exp", Owners.MATH, Overload.of(Math::exp, StrictMath::exp)),
  EXPM1("expm1", Owners.MATH, Overload.of(Math::expm1, StrictMath::expm1)),
  LOG("log", Owners.MATH, Overload.of(Math::log, StrictMath::log)),
  LOG10("log10", Owners.MATH, Overload.of(Math::log10, StrictMath::log10)),
  LOG1P("log1p", Owners.MATH, Overload.of(Math::log1p, StrictMath::log1p)),
  SQRT("sqrt", Owners.MATH, Overload.of(Math::sqrt, StrictMath::sqrt)),
  CBRT("cbrt", Owners.MATH, Overload.of(Math::cbrt, StrictMath::cbrt)),
  POW("pow", Owners.MATH, Overload.of(Math::pow, StrictMath::pow)),
  HYPOT("hypot", Owners.MATH, Overload.of(Math::hypot, StrictMath::hypot)),
  /** {@code fma(a, b, c)}: {@code a * b + c}, rounded once. */
  FMA(
      "fma",
      Owners.MATH,
      ofFloat(Math::fma, StrictMath::fma),
      Overload.of(Math::fma, StrictMath::fma)),
  ABS(
      "abs",
      Owners.MATH,
      ofInt(Math::abs, StrictMath::abs),
      ofLong(Math::abs, StrictMath::abs),
      ofFloat(Math::abs, StrictMath::abs),
      Overload.of(Math::abs, StrictMath::abs)),
  MIN(
      "min",
      Owners.MATH,
      ofInt(Math::min, StrictMath::min),
      ofLong(Math::min, StrictMath::min),
      ofFloat(Math::min, StrictMath::min),
      Overload.of(Math::min, StrictMath::min)),
  MAX(
      "max",
      Owners.MATH,
      ofInt(Math::max, StrictMath::max),
      ofLong(Math::max, StrictMath::max),
      ofFloat(Math::max, StrictMath::max),
      Overload.of(Math::max, StrictMath::max)),
  TO_RADIANS("toRadians", Owners.MATH, Overload.of(Math::toRadians, StrictMath::toRadians)),
  TO_DEGREES("toDegrees", Owners.MATH, Overload.of(Math::toDegrees, StrictMath::toDegrees)),
  FLOOR("floor", Owners.MATH, true, Overload.of(Math::floor, StrictMath::floor)),
  CEIL("ceil", Owners.MATH, true, Overload.of(Math::ceil, StrictMath::ceil)),
  RINT("rint", Owners.MATH, true, Overload.of(Math::rint, StrictMath::rint)),
  SIGNUM(
      "signum",
      Owners.MATH,
      true,
      ofFloat(Math::signum, StrictMath::signum),
      Overload.of(Math::signum, StrictMath::signum)),
  /** {@code dev.adjoint.Adjoint.stopGradient(x)}: the value of x, with derivative zero. */
  STOP_GRADIENT(
      "stopGradient", Owners.ADJOINT, true, exact(List.of(Type.DOUBLE), Type.DOUBLE, a -> a[0])),
  /** The number of elements of a {@code double[][]}, summed over its rows; a generated helper. */
  TOTAL_LENGTH(
      "totalLength",
      Owners.GENERATED,
      true,
      exact(List.of(Type.DOUBLE_MATRIX), Type.INT, a -> totalLength((double[][]) a[0]))),
  /**
   * {@code Double.isNaN(x)}, {@code Double.isInfinite(x)}, {@code Double.isFinite(x)}: boolean
   * tests, no derivative.
   */
  IS_NAN("isNaN", Owners.DOUBLE, true, test(Double::isNaN)),
  IS_INFINITE("isInfinite", Owners.DOUBLE, true, test(Double::isInfinite)),
  IS_FINITE("isFinite", Owners.DOUBLE, true, test(Double::isFinite));

  /** The classes a call may name as its owner ({@link Expr.Call#owner()}). */
  private static final class Owners {
    static final List<String> MATH = List.of("Math", "StrictMath");
    static final List<String> DOUBLE = List.of("Double");
    static final List<String> ADJOINT = List.of("dev.adjoint.Adjoint");

    /** Helpers the generated class defines itself, called without an owner. */
    static final List<String> GENERATED = List.of("");
  }

  private final String javaName;

  @SuppressWarnings("ImmutableEnumChecker") // only List.of constants: unmodifiable
  private final List<String> owners;

  private final boolean piecewiseConstant;

  // List.of: unmodifiable; an Overload is a record of types and stateless kernels
  @SuppressWarnings("ImmutableEnumChecker")
  private final List<Overload> overloads;

  Fn(String javaName, List<String> owners, Overload... overloads) {
    this(javaName, owners, false, overloads);
  }

  Fn(String javaName, List<String> owners, boolean piecewiseConstant, Overload... overloads) {
    this.javaName = javaName;
    this.owners = owners;
    this.piecewiseConstant = piecewiseConstant;
    this.overloads = List.of(overloads);
  }

  public String javaName() {
    return javaName;
  }

  /** The owners a call may name, the usual one first. */
  public List<String> owners() {
    return owners;
  }

  /** Whether a call owned by {@code owner} uses the {@code StrictMath} version of the function. */
  public static boolean strict(String owner) {
    return owner.equals("StrictMath");
  }

  /** The Java overloads, in the order javac prefers them (most specific first). */
  public List<Overload> overloads() {
    return overloads;
  }

  public int arity() {
    return overloads.get(0).params().size();
  }

  /** Functions whose derivative is zero wherever it exists (floor, ceil, rint, signum). */
  public boolean piecewiseConstant() {
    return piecewiseConstant;
  }

  /** Functions that Java also defines on {@code int} and {@code long} (abs, min, max). */
  public boolean integralOverload() {
    return overloads.stream().anyMatch(o -> o.result() == Type.INT || o.result() == Type.LONG);
  }

  /** The boolean tests of {@code java.lang.Double}. */
  public boolean predicate() {
    return overloads.get(0).result() == Type.BOOLEAN;
  }

  /** The function {@code owner.name} (owner as a call names it: {@code Math}, {@code Double}). */
  public static Optional<Fn> find(String owner, String name) {
    return Arrays.stream(values())
        .filter(f -> f.javaName.equals(name) && f.owners.contains(owner))
        .findFirst();
  }

  private static Overload test(DoublePredicate test) {
    return exact(List.of(Type.DOUBLE), Type.BOOLEAN, a -> test.test((Double) a[0]));
  }

  private static int totalLength(double[][] m) {
    int n = 0;
    for (double[] row : m) {
      n += row.length;
    }
    return n;
  }
}
