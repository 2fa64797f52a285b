package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Expr.Unary;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adjoint guards under forward mode. Reverse mode runs the adjoint code of an expression with
 * singular partials only for a nonzero adjoint {@code X} (see {@link Stmt.If#guard()}). Its tangent
 * is another matter: where {@code X == 0} but {@code XDot != 0} (a least-squares residual at its
 * root), the second-order terms {@code XDot * partial} are real and must not be skipped.
 *
 * <p>Forward mode therefore turns {@code if (X != 0) { body }} into
 *
 * <pre>
 * if (X != 0) { tangent(body) } else if (XDot != 0) { zero(tangent(body)) }
 * </pre>
 *
 * where {@code zero(...)} keeps only the new tangent statements (and the locals they read), with
 * {@code X} read as an exact zero: {@code 0 * p} is 0 even where the partial {@code p} is infinite,
 * which is the guard's convention. The primal adjoint updates of the body are dropped there: with
 * {@code X == 0} the guard says they contribute nothing, so the gradient stays what reverse mode
 * alone computes.
 */
public final class Guards {
  private final Expr guarded;

  /** The variables of the function forward mode is applied to: writes to them are primal work. */
  private final Set<Var> primal;

  private final NameSupply names;
  private final Map<Var, Var> renamed = new HashMap<>();

  /** Locals of the copy known to hold the guard's exact zero. */
  private final Set<Var> zeros = new HashSet<>();

  private Guards(Expr guarded, Set<Var> primal, NameSupply names) {
    this.guarded = guarded;
    this.primal = primal;
    this.names = names;
  }

  /** The value {@code X} that guard {@code i} tests ({@code X != 0}). */
  static Expr guardedValue(Stmt.If i) {
    if (i.guard()
        && i.cond() instanceof Binary b
        && b.op() == BinOp.NE
        && b.right() instanceof Const c
        && c.is(0)) {
      return b.left();
    }
    throw new IllegalStateException("an adjoint guard lost its form: " + i.cond());
  }

  /**
   * The tangent statements of {@code tangentBody} (a guard's body after forward mode) for the case
   * {@code guarded == 0}: locals are renamed, writes to {@code primal} variables declared outside
   * the body are dropped, and products with the guarded zero fold to zero.
   */
  static List<Stmt> whenZero(
      List<Stmt> tangentBody, Expr guarded, Set<Var> primal, NameSupply names) {
    return new Guards(guarded, primal, names).block(tangentBody);
  }

  private List<Stmt> block(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      stmt(s, out);
    }
    return out;
  }

  private void stmt(Stmt s, List<Stmt> out) {
    if (s instanceof Stmt.Declare d) {
      Var v = names.fresh(d.var().name(), d.var().type());
      renamed.put(d.var(), v);
      Expr init = d.init() == null ? null : fold(d.init());
      if (d.init() != null && init == null) {
        zeros.add(v);
        init = Const.zero(v.type());
      }
      out.add(new Stmt.Declare(v, init));
    } else if (s instanceof Stmt.Assign a) {
      Var local = renamed.get(a.var());
      if (local == null && primal.contains(a.var())) {
        return; // a primal adjoint update: nothing when the guarded adjoint is zero
      }
      Var target = local == null ? a.var() : local;
      Expr value = fold(a.value());
      zeros.remove(target);
      if (value == null && local != null) {
        zeros.add(target);
      }
      out.add(new Stmt.Assign(target, value == null ? Const.zero(target.type()) : value));
    } else if (s instanceof Stmt.Store st) {
      Var root = Exprs.root(st.array());
      if (root != null && !renamed.containsKey(root) && primal.contains(root)) {
        return;
      }
      out.add(new Stmt.Store(expr(st.array()), expr(st.index()), expr(st.value())));
    } else if (s instanceof Stmt.Fill fl) {
      Var root = Exprs.root(fl.array());
      if (root != null && !renamed.containsKey(root) && primal.contains(root)) {
        return;
      }
      out.add(new Stmt.Fill(expr(fl.array()), expr(fl.value())));
    } else if (s instanceof Stmt.If i) {
      Set<Var> before = new HashSet<>(zeros);
      List<Stmt> then = block(i.then());
      Set<Var> afterThen = new HashSet<>(zeros);
      zeros.clear();
      zeros.addAll(before);
      List<Stmt> otherwise = block(i.otherwise());
      zeros.retainAll(afterThen); // zero after the if only when zero after both branches
      if (!then.isEmpty() || !otherwise.isEmpty()) {
        out.add(i.with(expr(i.cond()), then, otherwise));
      }
    } else if (s instanceof Stmt.Require q) {
      out.add(new Stmt.Require(expr(q.cond()), q.message()));
    } else if (s instanceof Stmt.Comment) {
      out.add(s);
    } else {
      // the adjoint code of one expression has no loops or exits
      throw new IllegalStateException("unexpected statement in an adjoint guard: " + s);
    }
  }

  /**
   * {@code e} with the guarded zero and the renamed locals substituted, never the exact zero
   * itself.
   */
  private Expr expr(Expr e) {
    Expr f = fold(e);
    return f == null ? Const.zero(e.type()) : f;
  }

  /** {@code e} with exact zeros folded, or null when it is the exact zero. */
  private Expr fold(Expr e) {
    if (e.equals(guarded)) {
      return null;
    }
    if (e instanceof Ref r) {
      Var v = renamed.getOrDefault(r.var(), r.var());
      return zeros.contains(v) ? null : Exprs.ref(v);
    }
    if (e instanceof Unary u && u.op() == UnOp.NEG) {
      Expr o = fold(u.operand());
      return o == null ? null : new Unary(UnOp.NEG, o, u.type());
    }
    if (e instanceof Cast c && c.type().isFloating()) {
      Expr o = fold(c.operand());
      return o == null ? null : new Cast(c.type(), o);
    }
    if (e instanceof Binary b && b.type().isFloating() && b.op().isArithmetic()) {
      return binary(b);
    }
    if (e instanceof Cond c && c.type().isFloating()) {
      Expr then = fold(c.then());
      Expr otherwise = fold(c.otherwise());
      if (then == null && otherwise == null) {
        return null;
      }
      return new Cond(
          expr(c.cond()),
          then == null ? Const.zero(c.type()) : then,
          otherwise == null ? Const.zero(c.type()) : otherwise,
          c.type());
    }
    // anything else (calls, element reads, comparisons): substitute, IEEE arithmetic inside
    return Exprs.rewrite(
        e, n -> n.equals(guarded) ? Const.zero(n.type()) : n instanceof Ref r ? leaf(r) : n);
  }

  private Expr leaf(Ref r) {
    Var v = renamed.getOrDefault(r.var(), r.var());
    return zeros.contains(v) ? Const.zero(v.type()) : Exprs.ref(v);
  }

  private Expr binary(Binary b) {
    Expr l = fold(b.left());
    Expr r = fold(b.right());
    if (l != null && r != null) {
      return new Binary(b.op(), l, r, b.type());
    }
    return switch (b.op()) {
      case MUL -> null;
      case DIV -> l == null ? null : new Binary(b.op(), l, Const.zero(b.right().type()), b.type());
      case ADD -> l == null ? (r == null ? null : as(b.type(), r)) : as(b.type(), l);
      case SUB ->
          l == null
              ? (r == null ? null : new Unary(UnOp.NEG, as(b.type(), r), b.type()))
              : as(b.type(), l);
      default ->
          new Binary(
              b.op(),
              l == null ? Const.zero(b.left().type()) : l,
              r == null ? Const.zero(b.right().type()) : r,
              b.type());
    };
  }

  private static Expr as(Type t, Expr e) {
    return e.type() == t ? e : new Cast(t, e);
  }
}
