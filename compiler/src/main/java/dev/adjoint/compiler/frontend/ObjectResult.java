package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import java.util.Map;

/**
 * The object a callee returns (a record, a helper object): its class and the locals of the callee's
 * function that hold its fields at the end, by path.
 */
record ObjectResult(ClassInfo type, List<Map.Entry<List<String>, Var>> leaves) {
  ObjectResult {
    leaves = List.copyOf(leaves);
  }

  /** The returned object at a call site, its locals renamed as the inliner renamed them. */
  Struct rebuild(Map<Var, Expr> renamed) {
    Struct out = Struct.made(type);
    for (Map.Entry<List<String>, Var> leaf : leaves) {
      Struct s = out;
      List<String> path = leaf.getKey();
      for (int k = 0; k < path.size() - 1; k++) {
        Struct.Member m = s.get(path.get(k)).orElse(null);
        if (m == null) {
          ClassInfo outer = s.type;
          ClassInfo inner =
              outer
                  .field(path.get(k))
                  .flatMap(f -> FieldTypes.resolve(outer, f))
                  .map(FieldTypes.Resolved::object)
                  .orElseThrow();
          m = Struct.Member.of(Struct.made(inner));
          s.set(path.get(k), m);
        }
        s = m.nested();
      }
      Expr e =
          renamed.getOrDefault(leaf.getValue(), dev.adjoint.compiler.ir.Exprs.ref(leaf.getValue()));
      s.set(path.get(path.size() - 1), Struct.Member.of(e));
    }
    return out;
  }
}
