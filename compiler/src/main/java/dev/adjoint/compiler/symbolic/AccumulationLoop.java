package dev.adjoint.compiler.symbolic;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.HashSet;
import java.util.Set;

/**
 * The one loop {@link Substitution} accepts: a counted loop whose body is straight-line code that
 * declares its own locals and only adds to one variable declared outside, {@code acc += term} (or
 * {@code acc = acc + term}, {@code acc -= term}, several of them). The method's result must then be
 * that variable, {@code outside + Σ term}.
 */
final class AccumulationLoop {
  /** Stands for the accumulator's value when an iteration starts. */
  private static final Var BEFORE = new Var(" before", Type.DOUBLE);

  /** Stands for the accumulator's value after the loop. */
  private static final Var AFTER = new Var(" after", Type.DOUBLE);

  private final Formula.Loop loop;
  private final Expr outside;
  private final Expr term;

  private AccumulationLoop(Formula.Loop loop, Expr outside, Expr term) {
    this.loop = loop;
    this.outside = outside;
    this.term = term;
  }

  /**
   * Reads loop {@code f}, whose accumulator {@code s} then binds to the sum; anything but an
   * accumulation is {@link Unsupported}.
   */
  static AccumulationLoop of(Stmt.For f, Substitution s) {
    Var acc = accumulator(f);
    Formula.Loop loop =
        new Formula.Loop(
            f.index(), s.substitute(f.from()), f.cmp(), s.substitute(f.bound()), f.step());
    Expr outside = s.valueOf(acc);
    int outsideSize = s.size(Exprs.ref(acc));
    s.free(f.index());
    s.bindSubstituted(acc, Exprs.ref(BEFORE), 1);
    for (Stmt b : f.body()) {
      s.straightLine(b);
    }
    Expr term = peel(s.valueOf(acc));
    s.bindSubstituted(acc, Exprs.ref(AFTER), outsideSize + s.size(term));
    return new AccumulationLoop(loop, outside, term);
  }

  /** The one variable declared outside that the body assigns: a double. */
  private static Var accumulator(Stmt.For f) {
    Set<Var> local = new HashSet<>();
    Var acc = null;
    for (Stmt b : f.body()) {
      if (b instanceof Stmt.Declare d) {
        local.add(d.var());
      } else if (b instanceof Stmt.Assign a && !local.contains(a.var())) {
        if ((acc != null && !acc.equals(a.var())) || a.var().type() != Type.DOUBLE) {
          throw new Unsupported("a loop assigning more than one double outside");
        }
        acc = a.var();
      }
    }
    if (acc == null) {
      throw new Unsupported("a loop with no accumulator");
    }
    return acc;
  }

  /**
   * What an iteration adds: {@code e} is the accumulator's value after one iteration, which must be
   * its value before plus terms that do not read it.
   */
  private static Expr peel(Expr e) {
    if (e instanceof Expr.Ref r && r.var().equals(BEFORE)) {
      return Exprs.num(0);
    }
    if (e instanceof Expr.Binary b && (b.op() == BinOp.ADD || b.op() == BinOp.SUB)) {
      boolean leftReads = reads(b.left());
      boolean rightReads = reads(b.right());
      if (leftReads && !rightReads) {
        return Exprs.binary(b.op(), peel(b.left()), b.right());
      }
      if (rightReads && !leftReads && b.op() == BinOp.ADD) {
        return Exprs.add(b.left(), peel(b.right()));
      }
    }
    throw new Unsupported("not an accumulation");
  }

  private static boolean reads(Expr e) {
    return Exprs.reads(e).contains(BEFORE);
  }

  /** The formula of the method's result {@code value}, which must be the accumulator. */
  Formula result(Expr value) {
    if (!(value instanceof Expr.Ref r && r.var().equals(AFTER))) {
      throw new Unsupported("a result other than the accumulated sum");
    }
    if (Exprs.reads(term).contains(AFTER) || Exprs.reads(outside).contains(AFTER)) {
      throw new Unsupported("a sum reading itself");
    }
    return new Formula.Summed(outside, loop, term);
  }
}
