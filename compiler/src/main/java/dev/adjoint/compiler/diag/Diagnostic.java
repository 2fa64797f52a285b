package dev.adjoint.compiler.diag;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One reported problem: a code, its formatted message and hint, and where it points. Every message
 * the processor prints is one of these, so that code, message and hint always read the same way
 * ({@link #fullMessage}).
 */
public record Diagnostic(DiagnosticCode code, String message, String hint, Span span) {

  public static Diagnostic of(DiagnosticCode code, Span span, Object... args) {
    Object[] oneLine = new Object[args.length];
    for (int k = 0; k < args.length; k++) {
      oneLine[k] = args[k] instanceof CharSequence text ? oneLine(text) : args[k];
    }
    return new Diagnostic(code, code.format(oneLine), code.formatHint(oneLine), span);
  }

  /**
   * Source text quoted in a message on one line: javac prints the message, then the offending line
   * with a caret, so a quoted snippet spanning lines would break that display.
   */
  static String oneLine(CharSequence text) {
    return text.toString().strip().replaceAll("\\s*\\R\\s*", " ");
  }

  /**
   * A diagnostic about a whole element (a class, a method, a rule, the build), which the processor
   * reports at that element rather than at a sub-expression of a method's source.
   */
  public static Diagnostic atElement(DiagnosticCode code, Object... args) {
    return of(code, Span.METHOD, args);
  }

  /**
   * {@link DiagnosticCode#AD901} while processing {@code what}: the hint is followed by the stack
   * trace it asks the user to report.
   */
  public static Diagnostic internalError(Object what, Throwable t) {
    Diagnostic d = atElement(DiagnosticCode.AD901, what, String.valueOf(t));
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return new Diagnostic(d.code, d.message, d.hint + "\n" + trace, d.span);
  }

  public boolean isError() {
    return code.severity() == DiagnosticCode.Severity.ERROR;
  }

  /** The message followed by the hint, as printed to the user. */
  public String fullMessage() {
    return message + "\n  hint: " + hint;
  }
}
