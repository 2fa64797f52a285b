package dev.adjoint.compiler.pass;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loop mechanics of the reverse sweep: the taped forward loop (each iteration stores the carried
 * variables it starts with, into arrays sized by the trip count) and the reversed loop header
 * (the index runs backwards and is reconstructed, never stored).
 */
final class Loops {
  private final NameSupply names;

  Loops(NameSupply names) {
    this.names = names;
  }

  /** The taped forward loop and, for the reverse body, the statements restoring an iteration. */
  record Taped(List<Stmt> forward, List<Stmt> restores, Expr from) {}

  Taped tape(Stmt.For f) {
    List<Stmt> forward = new ArrayList<>();
    Expr from = f.from();
    Set<Var> fromVars = new HashSet<>(Exprs.reads(from));
    fromVars.retainAll(Stmts.writes(f.body()));
    if (!fromVars.isEmpty()) {
      Var start = names.fresh(f.index().name() + "Start", f.index().type());
      forward.add(new Stmt.Declare(start, from));
      from = Exprs.ref(start);
    }
    Expr trips = tripCount(f, from);
    Expr iteration = iteration(f, from);
    List<Stmt> body = new ArrayList<>();
    List<Stmt> restores = new ArrayList<>();
    for (Var c : Saves.carried(f.body())) {
      Var tape = names.fresh(c.name() + "Tape", c.type().arrayOf());
      forward.add(new Stmt.Declare(tape, new Expr.NewArray(tape.type(), trips)));
      body.add(new Stmt.Store(Exprs.ref(tape), iteration, Exprs.ref(c)));
      restores.add(new Stmt.Assign(c, new Expr.Index(Exprs.ref(tape), iteration)));
    }
    body.addAll(f.body());
    forward.add(new Stmt.For(f.index(), from, f.cmp(), f.bound(), f.step(), body));
    return new Taped(forward, restores, from);
  }

  /** The loop running {@code f}'s iterations backwards with {@code body}. */
  Stmt.For reversed(Stmt.For f, Taped taped, List<Stmt> body) {
    Expr from = taped.from();
    long s = f.step();
    Expr one = Expr.Const.ofInt(1);
    Expr last;
    if (s == 1 && f.cmp() == BinOp.LT) {
      last = Exprs.sub(f.bound(), one);
    } else if (s == -1 && f.cmp() == BinOp.GT) {
      last = Exprs.add(f.bound(), one);
    } else if (Math.abs(s) == 1) {
      last = f.bound();
    } else {
      Expr trips = tripCount(f, from);
      last = Exprs.add(from, Exprs.mul(Exprs.sub(trips, one), Expr.Const.ofInt(s)));
    }
    BinOp cmp = s > 0 ? BinOp.GE : BinOp.LE;
    return new Stmt.For(f.index(), last, cmp, from, -s, body);
  }

  /** The number of iterations, as an int (never negative). */
  static Expr tripCount(Stmt.For f, Expr from) {
    long s = Math.abs(f.step());
    boolean inclusive = f.cmp() == BinOp.LE || f.cmp() == BinOp.GE;
    Expr span = f.step() > 0 ? Exprs.sub(f.bound(), from) : Exprs.sub(from, f.bound());
    long extra = inclusive ? s : s - 1;
    if (extra != 0) {
      span = Exprs.add(span, Expr.Const.ofInt(extra));
    }
    if (s != 1) {
      span = Exprs.div(span, Expr.Const.ofInt(s));
    }
    if (span.type() == Type.LONG) {
      span = new Expr.Cast(Type.INT, span);
    }
    return new Expr.Call("Math", Fn.MAX, List.of(Expr.Const.ofInt(0), span), Type.INT);
  }

  /** The iteration number of the current index value: 0 for the first iteration. */
  private static Expr iteration(Stmt.For f, Expr from) {
    Expr i = Exprs.ref(f.index());
    long s = f.step();
    Expr k = s > 0 ? Exprs.sub(i, from) : Exprs.sub(from, i);
    if (Math.abs(s) != 1) {
      k = Exprs.div(k, Expr.Const.ofInt(Math.abs(s)));
    }
    return k.type() == Type.LONG ? new Expr.Cast(Type.INT, k) : k;
  }
}
