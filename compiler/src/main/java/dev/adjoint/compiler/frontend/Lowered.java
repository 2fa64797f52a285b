package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.diag.Diagnostics;
import dev.adjoint.compiler.diag.Span;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import java.util.Map;

/**
 * The frontend's result: the method as an IR function, the parameters to differentiate and the
 * recursive helper methods it calls (functions of the program, called by {@link
 * dev.adjoint.compiler.ir.Expr.Apply}), or (when {@code diagnostics} has errors) only the
 * diagnostics.
 */
public record Lowered(
    Function function,
    List<Var> wrt,
    Map<String, Span> paramSpans,
    Diagnostics diagnostics,
    List<Function> helpers) {
  public Lowered {
    helpers = List.copyOf(helpers);
  }

  /** A method that calls no recursive helper. */
  public Lowered(
      Function function, List<Var> wrt, Map<String, Span> paramSpans, Diagnostics diagnostics) {
    this(function, wrt, paramSpans, diagnostics, List.of());
  }
}
