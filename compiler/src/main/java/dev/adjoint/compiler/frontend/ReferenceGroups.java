package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The array variables that may refer to one array: linked by reference assignments ({@code cur =
 * nxt}) and by alias declarations ({@code double[] t = cur}). Each group holding a reference
 * assignment is lowered by {@link BufferBanks}; groups are listed in the order their first
 * reference appears, and their members in order of appearance, so the lowering is deterministic.
 */
final class ReferenceGroups {
  private ReferenceGroups() {}

  /** The groups of the references, over the alias declarations of {@code body}. */
  static List<Set<Var>> of(List<BufferBanks.Reference> references, List<Stmt> body) {
    Map<Var, Var> parent = new LinkedHashMap<>();
    for (BufferBanks.Reference r : references) {
      union(parent, r.target(), r.source());
    }
    for (Stmt s : Stmts.all(body)) {
      if (s instanceof Stmt.Declare d
          && d.var().type().isArray()
          && d.init() instanceof Expr.Ref r
          && r.type() == d.var().type()) {
        union(parent, d.var(), r.var());
      }
    }
    Map<Var, Set<Var>> byRoot = new LinkedHashMap<>();
    for (BufferBanks.Reference r : references) {
      byRoot.computeIfAbsent(find(parent, r.target()), k -> new LinkedHashSet<>());
    }
    for (Var v : parent.keySet()) {
      Set<Var> group = byRoot.get(find(parent, v));
      if (group != null) {
        group.add(v);
      }
    }
    return List.copyOf(byRoot.values());
  }

  private static Var find(Map<Var, Var> parent, Var v) {
    Var p = parent.computeIfAbsent(v, k -> k);
    return p.equals(v) ? v : find(parent, p);
  }

  private static void union(Map<Var, Var> parent, Var a, Var b) {
    Var ra = find(parent, a);
    Var rb = find(parent, b);
    if (!ra.equals(rb)) {
      parent.put(rb, ra);
    }
  }
}
