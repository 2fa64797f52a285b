package dev.adjoint.runtime;

import java.util.Arrays;

/** Argument checks shared by the runtime classes. */
final class Checks {

  private Checks() {}

  /**
   * Throws unless {@code array} is non-null and has length {@code expected}.
   *
   * @param name the name used in the message
   * @param array the array to check
   * @param expected the required length
   * @throws NullPointerException if {@code array} is null
   * @throws IllegalArgumentException if the length differs
   */
  static void length(String name, double[] array, int expected) {
    if (array == null) {
      throw new NullPointerException(name + " is null");
    }
    if (array.length != expected) {
      throw new IllegalArgumentException(
          name + " has length " + array.length + ", expected " + expected);
    }
  }

  /**
   * Throws unless {@code value} is finite and strictly positive.
   *
   * @param name the name used in the message
   * @param value the value to check
   * @return {@code value}
   */
  static double positiveFinite(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and positive, got " + value);
    }
    return value;
  }

  /**
   * Throws unless {@code value} is finite and not negative.
   *
   * @param name the name used in the message
   * @param value the value to check
   * @return {@code value}
   */
  static double nonNegativeFinite(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be finite and not negative, got " + value);
    }
    return value;
  }

  /**
   * Throws unless {@code matrix} is non-null with {@code n} non-null rows of length {@code n}.
   *
   * @param name the name used in the message
   * @param matrix the matrix to check
   * @param n the required number of rows and columns
   * @throws NullPointerException if {@code matrix} or a row is null
   * @throws IllegalArgumentException if a dimension differs
   */
  static void square(String name, double[][] matrix, int n) {
    if (matrix == null) {
      throw new NullPointerException(name + " is null");
    }
    if (matrix.length != n) {
      throw new IllegalArgumentException(name + " has " + matrix.length + " rows, expected " + n);
    }
    for (int i = 0; i < n; i++) {
      length(name + "[" + i + "]", matrix[i], n);
    }
  }

  /**
   * An array for code under test to write into, filled with NaN: an element it leaves unwritten, or
   * adds into instead of overwriting, stays NaN, which no {@link PassRule} passes.
   *
   * @param n the length
   * @return a fresh array of {@code n} NaNs
   */
  static double[] unwritten(int n) {
    double[] a = new double[n];
    Arrays.fill(a, Double.NaN);
    return a;
  }
}
