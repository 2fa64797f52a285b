package dev.adjoint.compiler.emit;

import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.ir.Var;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The names an {@link Objectives objective class} declares itself, chosen apart from the user's:
 * its fields and the parameters and locals of its methods share a scope with fields and locals
 * named as the method's parameters, inputs and their leaves, so {@code point} becomes {@code
 * point2} when the user has a parameter {@code point}.
 *
 * @param offset each leaf's offset field, by leaf
 */
record Names(
    String point,
    String gradient,
    String hessian,
    String jacobian,
    String initial,
    String dimension,
    String workspace,
    String scratch,
    String given,
    String copy,
    String offsets,
    Map<Var, String> offset) {

  static Names of(Differentiated m) {
    Set<String> taken = new HashSet<>();
    m.visible().forEach(v -> taken.add(v.name()));
    for (Input i : m.inputs()) {
      taken.add(i.name());
      i.leaves().forEach(v -> taken.add(v.name()));
    }
    Map<Var, String> offset = new LinkedHashMap<>();
    for (Var leaf : Inputs.leaves(m)) {
      offset.put(leaf, fresh(leaf.name() + "Offset", taken));
    }
    return new Names(
        fresh("point", taken),
        fresh("gradient", taken),
        fresh("hessian", taken),
        fresh("jacobian", taken),
        fresh("initial", taken),
        fresh("dimension", taken),
        fresh("workspace", taken),
        fresh("scratch", taken),
        fresh("given", taken),
        fresh("copy", taken),
        fresh("offsets", taken),
        offset);
  }

  /** The offset field of {@code leaf}. */
  String offset(Var leaf) {
    return offset.get(leaf);
  }

  private static String fresh(String base, Set<String> taken) {
    String name = base;
    for (int n = 2; taken.contains(name); n++) {
      name = base + n;
    }
    taken.add(name);
    return name;
  }
}
