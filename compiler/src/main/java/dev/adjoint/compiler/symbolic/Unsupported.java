package dev.adjoint.compiler.symbolic;

/**
 * Thrown inside this package when a method or expression is outside the language the formulas
 * cover; the entry points catch it and give no formula (documentation only: nothing is reported).
 */
final class Unsupported extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Unsupported(String what) {
    super(what, null, false, false); // control flow, not an error: no stack trace
  }
}
