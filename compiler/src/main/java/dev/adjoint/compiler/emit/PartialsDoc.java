package dev.adjoint.compiler.emit;

import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.Binding;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.symbolic.SymbolicPartials;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paragraph of a gradient method's Javadoc that shows each scalar input's partial derivative as
 * a simplified formula ({@link SymbolicPartials}), for the IDE's hover: nothing for a method the
 * formulas do not cover. Documentation only: the generated code never computes from these.
 */
final class PartialsDoc {
  private PartialsDoc() {}

  /** The paragraph for {@code m}, or the empty string. */
  static String of(Differentiated m) {
    List<Var> leaves = new ArrayList<>();
    m.inputs().forEach(i -> leaves.addAll(i.leaves()));
    return SymbolicPartials.javadoc(m.primal(), leaves, m.request().methodName(), labels(m));
  }

  /**
   * How the user writes each variable a formula may read: inputs by their labels ({@code p.a()}),
   * other fields and components by their path ({@code offset}, {@code p.scale()}).
   */
  private static Map<Var, String> labels(Differentiated m) {
    Map<Var, String> out = new LinkedHashMap<>(Input.labels(m.inputs()));
    for (Map.Entry<Var, Binding> e : m.bound().entrySet()) {
      if (!out.containsKey(e.getKey())) {
        out.put(e.getKey(), path(e.getValue()));
      }
    }
    return out;
  }

  private static String path(Binding b) {
    // a field of the receiver reads as the user's code names it, without "self."
    StringBuilder out = new StringBuilder(b.root().name().equals("self") ? "" : b.root().name());
    for (Binding.Access a : b.path()) {
      out.append(out.length() == 0 ? "" : ".").append(a.name());
      if (a.kind() == Binding.Kind.ACCESSOR) {
        out.append("()");
      }
    }
    return out.toString();
  }
}
