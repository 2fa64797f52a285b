package dev.adjoint.runtime;

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
      throw new IllegalArgumentException(
          name + " must be finite and not negative, got " + value);
    }
    return value;
  }
}
