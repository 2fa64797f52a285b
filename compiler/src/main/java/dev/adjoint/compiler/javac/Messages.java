package dev.adjoint.compiler.javac;

import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.DiagnosticCode;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Prints {@link Diagnostic}s through javac's {@link Messager}: the severity becomes javac's kind,
 * the text is always {@link Diagnostic#fullMessage}. Diagnostics with a position inside a method's
 * source go through {@link JavacMethods#report} instead, which finds the tree to point at.
 */
public final class Messages {
  private Messages() {}

  static Kind kind(DiagnosticCode.Severity severity) {
    return switch (severity) {
      case ERROR -> Kind.ERROR;
      case WARNING -> Kind.WARNING;
      case NOTE -> Kind.NOTE;
    };
  }

  /** Reports {@code d} at {@code at}, or without a position when {@code at} is null. */
  public static void print(Messager messager, Diagnostic d, Element at) {
    if (at == null) {
      messager.printMessage(kind(d.code().severity()), d.fullMessage());
    } else {
      messager.printMessage(kind(d.code().severity()), d.fullMessage(), at);
    }
  }
}
