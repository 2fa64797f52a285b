package dev.adjoint.compiler.diag;

/** One reported problem: a code, its formatted message and hint, and where it points. */
public record Diagnostic(DiagnosticCode code, String message, String hint, Span span) {

  public static Diagnostic of(DiagnosticCode code, Span span, Object... args) {
    return new Diagnostic(code, code.format(args), code.formatHint(args), span);
  }

  public boolean isError() {
    return code.severity() == DiagnosticCode.Severity.ERROR;
  }

  /** The message followed by the hint, as printed to the user. */
  public String fullMessage() {
    return message + "\n  hint: " + hint;
  }
}
