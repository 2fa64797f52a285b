package dev.adjoint.compiler.ir;

import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * One Java overload of a {@link Fn}: its parameter and result types, which {@link Typing#call}
 * chooses from as javac does, and how the {@link Interpreter} computes it under each owner ({@code
 * Math} and {@code StrictMath} may differ in the last bit).
 *
 * @param params the parameter types, one per argument
 * @param result the type of the call's value
 * @param math computes the value for the owner {@code Math} (and for owners with one version)
 * @param strict computes the value for the owner {@code StrictMath}
 */
public record Overload(List<Type> params, Type result, Kernel math, Kernel strict) {
  public Overload {
    params = List.copyOf(params);
  }

  /**
   * Computes a call from its argument values, each already converted to its parameter's type and
   * boxed ({@link Double}, {@link Float}, {@link Integer}, {@link Long}, or an array).
   */
  @FunctionalInterface
  public interface Kernel {
    Object apply(Object[] args);
  }

  /** A {@code double} function of three {@code double} arguments. */
  @FunctionalInterface
  public interface DoubleTernaryOperator {
    double applyAsDouble(double a, double b, double c);
  }

  /** A {@code float} function of three {@code float} arguments. */
  @FunctionalInterface
  public interface FloatTernaryOperator {
    float applyAsFloat(float a, float b, float c);
  }

  /** A {@code float} function of one {@code float} argument. */
  @FunctionalInterface
  public interface FloatUnaryOperator {
    float applyAsFloat(float a);
  }

  /** A {@code float} function of two {@code float} arguments. */
  @FunctionalInterface
  public interface FloatBinaryOperator {
    float applyAsFloat(float a, float b);
  }

  /** The value of this overload for the given owner's version. */
  public Object apply(boolean strictOwner, Object[] args) {
    return (strictOwner ? strict : math).apply(args);
  }

  static Overload of(DoubleUnaryOperator math, DoubleUnaryOperator strict) {
    return new Overload(
        List.of(Type.DOUBLE),
        Type.DOUBLE,
        a -> math.applyAsDouble((Double) a[0]),
        a -> strict.applyAsDouble((Double) a[0]));
  }

  static Overload of(DoubleBinaryOperator math, DoubleBinaryOperator strict) {
    return new Overload(
        List.of(Type.DOUBLE, Type.DOUBLE),
        Type.DOUBLE,
        a -> math.applyAsDouble((Double) a[0], (Double) a[1]),
        a -> strict.applyAsDouble((Double) a[0], (Double) a[1]));
  }

  static Overload of(DoubleTernaryOperator math, DoubleTernaryOperator strict) {
    return new Overload(
        List.of(Type.DOUBLE, Type.DOUBLE, Type.DOUBLE),
        Type.DOUBLE,
        a -> math.applyAsDouble((Double) a[0], (Double) a[1], (Double) a[2]),
        a -> strict.applyAsDouble((Double) a[0], (Double) a[1], (Double) a[2]));
  }

  static Overload ofFloat(FloatUnaryOperator math, FloatUnaryOperator strict) {
    return new Overload(
        List.of(Type.FLOAT),
        Type.FLOAT,
        a -> math.applyAsFloat((Float) a[0]),
        a -> strict.applyAsFloat((Float) a[0]));
  }

  static Overload ofFloat(FloatBinaryOperator math, FloatBinaryOperator strict) {
    return new Overload(
        List.of(Type.FLOAT, Type.FLOAT),
        Type.FLOAT,
        a -> math.applyAsFloat((Float) a[0], (Float) a[1]),
        a -> strict.applyAsFloat((Float) a[0], (Float) a[1]));
  }

  static Overload ofFloat(FloatTernaryOperator math, FloatTernaryOperator strict) {
    return new Overload(
        List.of(Type.FLOAT, Type.FLOAT, Type.FLOAT),
        Type.FLOAT,
        a -> math.applyAsFloat((Float) a[0], (Float) a[1], (Float) a[2]),
        a -> strict.applyAsFloat((Float) a[0], (Float) a[1], (Float) a[2]));
  }

  static Overload ofInt(IntUnaryOperator math, IntUnaryOperator strict) {
    return new Overload(
        List.of(Type.INT),
        Type.INT,
        a -> math.applyAsInt((Integer) a[0]),
        a -> strict.applyAsInt((Integer) a[0]));
  }

  static Overload ofInt(IntBinaryOperator math, IntBinaryOperator strict) {
    return new Overload(
        List.of(Type.INT, Type.INT),
        Type.INT,
        a -> math.applyAsInt((Integer) a[0], (Integer) a[1]),
        a -> strict.applyAsInt((Integer) a[0], (Integer) a[1]));
  }

  static Overload ofLong(LongUnaryOperator math, LongUnaryOperator strict) {
    return new Overload(
        List.of(Type.LONG),
        Type.LONG,
        a -> math.applyAsLong((Long) a[0]),
        a -> strict.applyAsLong((Long) a[0]));
  }

  static Overload ofLong(LongBinaryOperator math, LongBinaryOperator strict) {
    return new Overload(
        List.of(Type.LONG, Type.LONG),
        Type.LONG,
        a -> math.applyAsLong((Long) a[0], (Long) a[1]),
        a -> strict.applyAsLong((Long) a[0], (Long) a[1]));
  }

  /** An overload with a single version, whatever the owner. */
  static Overload exact(List<Type> params, Type result, Kernel kernel) {
    return new Overload(params, result, kernel, kernel);
  }
}
