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
  /** {@code copySign(m, s)}: {@code |m|} with the sign of {@code s} (of {@code -0.0} too). */
  COPY_SIGN(
      "copySign",
      Owners.MATH,
      ofFloat(Math::copySign, StrictMath::copySign),
      Overload.of(Math::copySign, StrictMath::copySign)),
  /** {@code scalb(d, n)}: {@code d * 2^n}, exact unless it overflows or underflows. */
  SCALB(
      "scalb",
      Owners.MATH,
      new Overload(
          List.of(Type.FLOAT, Type.INT),
          Type.FLOAT,
          a -> Math.scalb((Float) a[0], (Integer) a[1]),
          a -> StrictMath.scalb((Float) a[0], (Integer) a[1])),
      new Overload(
          List.of(Type.DOUBLE, Type.INT),
          Type.DOUBLE,
          a -> Math.scalb((Double) a[0], (Integer) a[1]),
          a -> StrictMath.scalb((Double) a[0], (Integer) a[1]))),
  /** {@code IEEEremainder(a, b)}: {@code a - b * q} with q the integer nearest a/b (ties even). */
  IEEE_REMAINDER(
      "IEEEremainder", Owners.MATH, Overload.of(Math::IEEEremainder, StrictMath::IEEEremainder)),
  /** {@code nextUp(x)}, {@code nextDown(x)}, {@code nextAfter(x, d)}: x moved by one ulp. */
  NEXT_UP(
      "nextUp",
      Owners.MATH,
      ofFloat(Math::nextUp, StrictMath::nextUp),
      Overload.of(Math::nextUp, StrictMath::nextUp)),
  NEXT_DOWN(
      "nextDown",
      Owners.MATH,
      ofFloat(Math::nextDown, StrictMath::nextDown),
      Overload.of(Math::nextDown, StrictMath::nextDown)),
  NEXT_AFTER(
      "nextAfter",
      Owners.MATH,
      new Overload(
          List.of(Type.FLOAT, Type.DOUBLE),
          Type.FLOAT,
          a -> Math.nextAfter((Float) a[0], (Double) a[1]),
          a -> StrictMath.nextAfter((Float) a[0], (Double) a[1])),
      Overload.of(Math::nextAfter, StrictMath::nextAfter)),
  /** {@code ulp(x)}: the spacing of the doubles at x, a step function of x. */
  ULP(
      "ulp",
      Owners.MATH,
      true,
      ofFloat(Math::ulp, StrictMath::ulp),
      Overload.of(Math::ulp, StrictMath::ulp)),
  /** {@code getExponent(x)}: the unbiased binary exponent, an {@code int}. */
  GET_EXPONENT(
      "getExponent",
      Owners.MATH,
      true,
      new Overload(
          List.of(Type.FLOAT),
          Type.INT,
          a -> Math.getExponent((Float) a[0]),
          a -> StrictMath.getExponent((Float) a[0])),
      new Overload(
          List.of(Type.DOUBLE),
          Type.INT,
          a -> Math.getExponent((Double) a[0]),
          a -> StrictMath.getExponent((Double) a[0]))),
  /** {@code round(x)}: the closest {@code long} ({@code int} for a float), ties toward +inf. */
  ROUND(
      "round",
      Owners.MATH,
      true,
      new Overload(
          List.of(Type.FLOAT),
          Type.INT,
          a -> Math.round((Float) a[0]),
          a -> StrictMath.round((Float) a[0])),
      new Overload(
          List.of(Type.DOUBLE),
          Type.LONG,
          a -> Math.round((Double) a[0]),
          a -> StrictMath.round((Double) a[0]))),
  /** Integer arithmetic of {@code Math}: {@code int} and {@code long} values, no derivative. */
  FLOOR_DIV(
      "floorDiv",
      Owners.MATH,
      true,
      ofInt(Math::floorDiv, StrictMath::floorDiv),
      integral(Type.LONG, Type.INT, Type.LONG, a -> Math.floorDiv((Long) a[0], (Integer) a[1])),
      ofLong(Math::floorDiv, StrictMath::floorDiv)),
  FLOOR_MOD(
      "floorMod",
      Owners.MATH,
      true,
      ofInt(Math::floorMod, StrictMath::floorMod),
      integral(Type.LONG, Type.INT, Type.INT, a -> Math.floorMod((Long) a[0], (Integer) a[1])),
      ofLong(Math::floorMod, StrictMath::floorMod)),
  ADD_EXACT(
      "addExact",
      Owners.MATH,
      true,
      ofInt(Math::addExact, StrictMath::addExact),
      ofLong(Math::addExact, StrictMath::addExact)),
  SUBTRACT_EXACT(
      "subtractExact",
      Owners.MATH,
      true,
      ofInt(Math::subtractExact, StrictMath::subtractExact),
      ofLong(Math::subtractExact, StrictMath::subtractExact)),
  MULTIPLY_EXACT(
      "multiplyExact",
      Owners.MATH,
      true,
      ofInt(Math::multiplyExact, StrictMath::multiplyExact),
      integral(
          Type.LONG, Type.INT, Type.LONG, a -> Math.multiplyExact((Long) a[0], (Integer) a[1])),
      ofLong(Math::multiplyExact, StrictMath::multiplyExact)),
  NEGATE_EXACT(
      "negateExact",
      Owners.MATH,
      true,
      ofInt(Math::negateExact, StrictMath::negateExact),
      ofLong(Math::negateExact, StrictMath::negateExact)),
  INCREMENT_EXACT(
      "incrementExact",
      Owners.MATH,
      true,
      ofInt(Math::incrementExact, StrictMath::incrementExact),
      ofLong(Math::incrementExact, StrictMath::incrementExact)),
  DECREMENT_EXACT(
      "decrementExact",
      Owners.MATH,
      true,
      ofInt(Math::decrementExact, StrictMath::decrementExact),
      ofLong(Math::decrementExact, StrictMath::decrementExact)),
  ABS_EXACT(
      "absExact",
      Owners.MATH,
      true,
      ofInt(Math::absExact, StrictMath::absExact),
      ofLong(Math::absExact, StrictMath::absExact)),
  TO_INT_EXACT(
      "toIntExact",
      Owners.MATH,
      true,
      integral(Type.LONG, Type.INT, a -> Math.toIntExact((Long) a[0]))),
  MULTIPLY_FULL(
      "multiplyFull",
      Owners.MATH,
      true,
      integral(
          Type.INT, Type.INT, Type.LONG, a -> Math.multiplyFull((Integer) a[0], (Integer) a[1]))),
  MULTIPLY_HIGH(
      "multiplyHigh", Owners.MATH, true, ofLong(Math::multiplyHigh, StrictMath::multiplyHigh)),
  /** {@code dev.adjoint.Adjoint.stopGradient(x)}: the value of x, with derivative zero. */
  STOP_GRADIENT(
      "stopGradient", Owners.ADJOINT, true, exact(List.of(Type.DOUBLE), Type.DOUBLE, a -> a[0])),
  /**
   * The number of elements of a {@code double[][]} or {@code float[][]}, summed over its rows; a
   * generated helper.
   */
  TOTAL_LENGTH(
      "totalLength",
      Owners.GENERATED,
      true,
      exact(List.of(Type.DOUBLE_MATRIX), Type.INT, a -> totalLength((Object[]) a[0])),
      exact(List.of(Type.FLOAT_MATRIX), Type.INT, a -> totalLength((Object[]) a[0]))),
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

  /**
   * An integer overload of {@code Math} whose {@code StrictMath} twin is the same method (the JDK's
   * StrictMath delegates its integer arithmetic to Math).
   */
  private static Overload integral(Type a, Type b, Type result, Overload.Kernel kernel) {
    return exact(List.of(a, b), result, kernel);
  }

  private static Overload integral(Type a, Type result, Overload.Kernel kernel) {
    return exact(List.of(a), result, kernel);
  }

  private static Overload test(DoublePredicate test) {
    return exact(List.of(Type.DOUBLE), Type.BOOLEAN, a -> test.test((Double) a[0]));
  }

  private static int totalLength(Object[] m) {
    int n = 0;
    for (Object row : m) {
      n += java.lang.reflect.Array.getLength(row);
    }
    return n;
  }
}
