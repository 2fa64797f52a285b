package dev.adjoint.compiler.pass.analysis;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Which variables a statement overwrites: those the reverse sweep may have to restore. */
public final class Overwrites {
  private Overwrites() {}

  /** Scalars that exist before {@code s} and that {@code s} may assign. */
  public static Set<Var> overwritten(Stmt s) {
    Set<Var> out = new LinkedHashSet<>(Stmts.writes(s));
    out.removeAll(Stmts.declared(List.of(s)));
    out.removeIf(v -> v.type().isArray());
    return out;
  }

  /** Whether {@code v} has a value after {@code s} on every path (Java's definite assignment). */
  public static boolean definitelyAssigns(Stmt s, Var v) {
    if (s instanceof Stmt.Assign a) {
      return a.var().equals(v);
    }
    if (s instanceof Stmt.If i) {
      return definitelyAssigns(i.then(), v) && definitelyAssigns(i.otherwise(), v);
    }
    // for every other kind "no" is safe: a loop may run zero times, a declaration is not an
    // assignment of an outer variable, the simple kinds assign nothing
    return false;
  }

  private static boolean definitelyAssigns(List<Stmt> block, Var v) {
    return block.stream().anyMatch(s -> definitelyAssigns(s, v));
  }

  /** Scalars declared outside {@code body} that it assigns: a loop's carried state. */
  public static Set<Var> carried(List<Stmt> body) {
    Set<Var> out = new LinkedHashSet<>(Stmts.writes(body));
    out.removeAll(Stmts.declared(body));
    out.removeIf(v -> v.type().isArray());
    return out;
  }

  /**
   * Whether every use of {@code v} in {@code body} is {@code v = v + e} or {@code v = v - e} with
   * {@code e} not reading it.
   */
  public static boolean onlyAccumulated(List<Stmt> body, Var v) {
    for (Stmt s : Stmts.all(body)) {
      if (s instanceof Stmt.Assign a
          && a.var().equals(v)
          && a.value() instanceof Expr.Binary b
          && (b.op() == BinOp.ADD || b.op() == BinOp.SUB)
          && b.left().equals(Exprs.ref(v))
          && !Exprs.reads(b.right()).contains(v)) {
        continue;
      }
      // its own expressions only: nested statements come by themselves from Stmts.all
      boolean reads = Stmts.exprs(s).stream().anyMatch(e -> Exprs.reads(e).contains(v));
      if (reads || (s instanceof Stmt.Assign a && a.var().equals(v))) {
        return false;
      }
    }
    return true;
  }
}
