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
 *
 * @param parameterTypes the declared Java type (as the generated class spells it) of each parameter
 *     the IR models by another type: {@code char} and {@code char[]} as {@code int} and {@code
 *     int[]}, a String or enum as {@code OBJECT}; generated methods declare these parameters so
 */
public record Lowered(
    Function function,
    List<Var> wrt,
    Map<String, Span> paramSpans,
    Map<String, String> parameterTypes,
    Diagnostics diagnostics,
    List<Function> helpers) {
  public Lowered {
    parameterTypes = Map.copyOf(parameterTypes);
    helpers = List.copyOf(helpers);
  }

  /** A method rejected before its body was lowered: only diagnostics. */
  static Lowered rejected(Diagnostics diagnostics) {
    return new Lowered(null, List.of(), Map.of(), Map.of(), diagnostics, List.of());
  }
}
