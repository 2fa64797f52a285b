package dev.adjoint.compiler.diag;

/**
 * Where a diagnostic points: a character range within the method's source text (as read by the
 * javac layer), or {@link #METHOD} for the method as a whole.
 */
public record Span(int start, int end) {
  public static final Span METHOD = new Span(-1, -1);

  public boolean isMethod() {
    return start < 0;
  }
}
