package dev.adjoint.compiler.ir;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out variable names that clash with no name already used in a function, preferring the
 * readable base name ({@code aBar}) and numbering only on a clash ({@code aBar2}).
 */
public final class NameSupply {
  private final Set<String> used = new HashSet<>();

  public NameSupply(Iterable<String> taken) {
    taken.forEach(used::add);
  }

  /** Every name used by the function: parameters and all declared locals. */
  public static NameSupply of(Function f) {
    NameSupply names = new NameSupply(Set.of());
    f.params().forEach(p -> names.used.add(p.name()));
    Stmts.declared(f.body()).forEach(v -> names.used.add(v.name()));
    return names;
  }

  public void reserve(String name) {
    used.add(name);
  }

  /** A fresh name based on {@code base}, reserved from now on. */
  public String fresh(String base) {
    String name = base;
    for (int n = 2; used.contains(name); n++) {
      name = base + n;
    }
    used.add(name);
    return name;
  }

  public Var fresh(String base, Type type) {
    return new Var(fresh(base), type);
  }
}
