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
 *     int[]}, a String or enum as {@code OBJECT}, a record or the receiver ({@code self}) as {@code
 *     OBJECT}; generated methods declare these parameters so
 * @param visible the parameters of the generated methods, as the user declared them: the receiver
 *     {@code self} first for an instance method, a record parameter as one {@code OBJECT} variable;
 *     the plain ones are parameters of {@code function} too
 * @param bound the other parameters of {@code function}: fields of the objects among {@code
 *     visible}, read at entry
 * @param inputs the differentiated inputs as declared; their leaves are {@code wrt}
 * @param result for a callee returning an object, where its fields end up; null otherwise
 * @param verbatim the code kept verbatim, in the method and the callees inlined into it
 */
public record Lowered(
    Function function,
    List<Var> wrt,
    Map<String, Span> paramSpans,
    Map<String, String> parameterTypes,
    Diagnostics diagnostics,
    List<Function> helpers,
    List<Var> visible,
    Map<Var, Binding> bound,
    List<Input> inputs,
    ObjectResult result,
    List<VerbatimSite> verbatim) {
  public Lowered {
    verbatim = List.copyOf(verbatim);
    parameterTypes = Map.copyOf(parameterTypes);
    helpers = List.copyOf(helpers);
    visible = List.copyOf(visible);
    bound = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bound));
    inputs = List.copyOf(inputs);
  }

  /** A method without objects: its parameters as declared, each differentiated one an input. */
  public Lowered(
      Function function,
      List<Var> wrt,
      Map<String, Span> paramSpans,
      Map<String, String> parameterTypes,
      Diagnostics diagnostics,
      List<Function> helpers) {
    this(
        function,
        wrt,
        paramSpans,
        parameterTypes,
        diagnostics,
        helpers,
        function == null ? List.of() : function.params(),
        Map.of(),
        wrt.stream().map(v -> Input.leaf(v.name(), v)).toList(),
        null,
        List.of());
  }

  /** A method rejected before its body was lowered: only diagnostics. */
  static Lowered rejected(Diagnostics diagnostics) {
    return new Lowered(null, List.of(), Map.of(), Map.of(), diagnostics, List.of());
  }
}
