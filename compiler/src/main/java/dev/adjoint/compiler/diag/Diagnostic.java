package dev.adjoint.compiler.diag;

/** One reported problem: a code, its formatted message, and where it points. */
public record Diagnostic(DiagnosticCode code, String message, Span span) {

  public static Diagnostic of(DiagnosticCode code, Span span, Object... args) {
    return new Diagnostic(code, code.format(args), span);
  }

  public boolean isError() {
    return code.severity() == DiagnosticCode.Severity.ERROR;
  }

  /** The message followed by the hint, as printed to the user. */
  public String fullMessage() {
    return message + "\n  hint: " + code.hint();
  }
}
