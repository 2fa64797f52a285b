package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Copy propagation within a block: after {@code double t = v;}, reads of {@code t} become reads of
 * {@code v} until either is written (the statement writing {@code v} still reads the copy's value
 * correctly when it is a plain assignment). Copies left unread are then dead. This removes the
 * saves a restore made redundant, and the old-adjoint temporaries of {@code t = t * x}.
 */
public final class CopyPropagation {
  private CopyPropagation() {}

  public static Function run(Function f, Set<Var> keep) {
    return f.withBody(Stmts.mapBlocks(f.body(), b -> block(b, keep)));
  }

  private static List<Stmt> block(List<Stmt> in, Set<Var> keep) {
    List<Stmt> block = new ArrayList<>(in);
    for (int p = 0; p < block.size(); p++) {
      if (!(block.get(p) instanceof Stmt.Declare d)
          || !(d.init() instanceof Ref src)
          || keep.contains(d.var())
          || src.var().type() != d.var().type()
          || d.var().type().isArray()) {
        continue;
      }
      Var t = d.var();
      Var v = src.var();
      Expr replacement = Exprs.ref(v);
      for (int q = p + 1; q < block.size(); q++) {
        Stmt s = block.get(q);
        Set<Var> written = Stmts.writes(s);
        boolean simple = s instanceof Stmt.Assign || s instanceof Stmt.Declare;
        if (written.contains(t)) {
          break;
        }
        if (written.contains(v)) {
          if (simple) {
            block.set(q, Stmts.mapExprs(s, e -> Exprs.substitute(e, t, replacement)));
          }
          break;
        }
        block.set(q, Stmts.mapExprs(s, e -> Exprs.substitute(e, t, replacement)));
      }
    }
    return block;
  }
}
