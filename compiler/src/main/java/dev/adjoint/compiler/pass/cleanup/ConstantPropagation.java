package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Constant propagation of compiler-made variables declared once with a constant and never assigned
 * (an adjoint seeded with 1.0, for instance). The user's own variables are kept, named.
 */
public final class ConstantPropagation {
  private ConstantPropagation() {}

  public static Function run(Function f, Set<Var> keep) {
    Map<Var, Integer> declarations = new HashMap<>();
    Map<Var, Expr> values = new HashMap<>();
    Set<Var> assigned = new HashSet<>();
    scan(f.body(), declarations, values, assigned);
    Map<Var, Expr> constants = new HashMap<>();
    values.forEach(
        (v, c) -> {
          if (declarations.get(v) == 1 && !assigned.contains(v) && !keep.contains(v)) {
            constants.put(v, c);
          }
        });
    if (constants.isEmpty()) {
      return f;
    }
    List<Stmt> body =
        Stmts.mapExprs(
            f.body(),
            e ->
                Exprs.rewrite(
                    e,
                    n ->
                        n instanceof Expr.Ref r && constants.containsKey(r.var())
                            ? constants.get(r.var())
                            : n));
    body =
        Stmts.mapBlocks(
            body,
            block -> {
              List<Stmt> out = new ArrayList<>();
              for (Stmt s : block) {
                if (!(s instanceof Stmt.Declare d && constants.containsKey(d.var()))) {
                  out.add(s);
                }
              }
              return out;
            });
    return f.withBody(body);
  }

  private static void scan(
      List<Stmt> block, Map<Var, Integer> declarations, Map<Var, Expr> values, Set<Var> assigned) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d) {
        declarations.merge(d.var(), 1, Integer::sum);
        if (d.init() instanceof Const c) {
          values.put(d.var(), c);
        }
      } else if (s instanceof Stmt.Assign a) {
        assigned.add(a.var());
      } // a filter: only scalar declarations and assignments hold constants; blocks are searched
      for (List<Stmt> nested : Stmts.blocks(s)) {
        scan(nested, declarations, values, assigned);
      }
    }
  }
}
