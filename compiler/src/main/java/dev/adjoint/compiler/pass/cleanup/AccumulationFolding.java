package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns "start at zero, then accumulate once" into a plain assignment: {@code double aBar = 0.0;
 * ...; aBar += e;} becomes {@code double aBar = e;} at the accumulation, when nothing in between
 * touches {@code aBar}. This is what makes adjoints read like hand-written ones.
 */
public final class AccumulationFolding {
  private AccumulationFolding() {}

  public static Function run(Function f) {
    return f.withBody(Stmts.mapBlocks(f.body(), AccumulationFolding::block));
  }

  private static List<Stmt> block(List<Stmt> in) {
    List<Stmt> block = new ArrayList<>(in);
    for (int p = 0; p < block.size(); p++) {
      Var v = zeroed(block.get(p));
      if (v == null) {
        continue;
      }
      for (int q = p + 1; q < block.size(); q++) {
        Stmt s = block.get(q);
        if (!touches(s, v)) {
          continue;
        }
        Expr increment = increment(s, v);
        if (increment != null) {
          boolean declared = block.get(p) instanceof Stmt.Declare;
          block.set(q, declared ? new Stmt.Declare(v, increment) : new Stmt.Assign(v, increment));
          block.remove(p);
          p--;
        }
        break;
      }
    }
    return block;
  }

  /** The variable a statement sets to the constant zero, or null. */
  private static Var zeroed(Stmt s) {
    if (s instanceof Stmt.Declare d && isZero(d.init()) && d.var().type().isFloating()) {
      return d.var();
    }
    if (s instanceof Stmt.Assign a && isZero(a.value()) && a.var().type().isFloating()) {
      return a.var();
    }
    return null;
  }

  private static boolean isZero(Expr e) {
    return e instanceof Const c && c.type().isNumeric() && c.value() == 0;
  }

  private static boolean touches(Stmt s, Var v) {
    return Stmts.reads(s).contains(v) || Stmts.writes(s).contains(v);
  }

  /** {@code e} when {@code s} is {@code v = v + e} with {@code e} not reading {@code v}. */
  private static Expr increment(Stmt s, Var v) {
    if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Cast c && c.type() == v.type()) {
      Expr inner = increment(new Stmt.Assign(v, c.operand()), v);
      return inner == null
          ? null
          : (inner.type() == v.type() ? inner : new Expr.Cast(v.type(), inner));
    }
    if (s instanceof Stmt.Assign a
        && a.var().equals(v)
        && a.value() instanceof Binary b
        && b.op() == BinOp.ADD
        && b.left() instanceof Ref r
        && r.var().equals(v)
        && !Exprs.reads(b.right()).contains(v)) {
      return b.right();
    }
    if (s instanceof Stmt.Assign a
        && a.var().equals(v)
        && a.value() instanceof Binary b
        && b.op() == BinOp.SUB
        && b.left() instanceof Ref r
        && r.var().equals(v)
        && !Exprs.reads(b.right()).contains(v)) {
      return Exprs.neg(b.right());
    }
    return null;
  }
}
