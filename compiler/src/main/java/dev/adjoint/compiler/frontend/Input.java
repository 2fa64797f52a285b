package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * A differentiated input as the user declared it: a parameter or field that is a number or array
 * ({@code var}, one IR parameter), or a record, whose components are inputs in turn. The leaves in
 * order are the flat layout; the generated gradient record has one component per input, of the
 * input's own type.
 *
 * @param name the parameter's, field's or component's name
 * @param var the IR parameter, for a number or array; null for a record
 * @param record the record's class, for a record; null otherwise
 * @param components a record's components, in declaration order
 */
public record Input(String name, Var var, ClassInfo record, List<Input> components) {
  public Input {
    components = List.copyOf(components);
  }

  static Input leaf(String name, Var var) {
    return new Input(name, var, null, List.of());
  }

  /**
   * How the user writes each leaf, by IR parameter: {@code x}, {@code weights}, {@code p.a()},
   * {@code p.inner().b()}.
   */
  public static java.util.Map<Var, String> labels(List<Input> inputs) {
    java.util.Map<Var, String> out = new java.util.LinkedHashMap<>();
    inputs.forEach(i -> i.label(i.name, out));
    return out;
  }

  private void label(String prefix, java.util.Map<Var, String> out) {
    if (var != null) {
      out.put(var, prefix);
    }
    components.forEach(c -> c.label(prefix + "." + c.name + "()", out));
  }

  /** The IR parameters of this input, in flat-layout order. */
  public List<Var> leaves() {
    List<Var> out = new ArrayList<>();
    if (var != null) {
      out.add(var);
    }
    components.forEach(c -> out.addAll(c.leaves()));
    return out;
  }
}
