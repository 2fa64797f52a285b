package dev.adjoint.compiler.pass.ad;

import static dev.adjoint.compiler.ir.Exprs.div;
import static dev.adjoint.compiler.ir.Exprs.mul;
import static dev.adjoint.compiler.ir.Exprs.neg;

import dev.adjoint.compiler.ir.Applies;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Expr.Unary;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Activity;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reverse mode of one expression: given the adjoint {@code adj} of its value, emits the
 * contributions to the adjoints of the active variables it reads (the chain rule applied from the
 * root to the leaves). Primal sub-expressions are re-evaluated where a partial needs them.
 */
final class ExprAdjoint {
  private final Function<Expr, Optional<Target>> targets;
  private final NameSupply names;

  /** {@code targets} maps an active leaf (a Ref or an Index) to where its adjoint accumulates. */
  ExprAdjoint(Function<Expr, Optional<Target>> targets, NameSupply names) {
    this.targets = targets;
    this.names = names;
  }

  /**
   * Propagates {@code adj} into {@code e}. {@code known} is a variable already holding {@code e}'s
   * value (the assigned variable, before it is restored), or null.
   */
  void propagate(Expr e, Expr adj, Var known, AdjointSink sink) {
    if (!e.type().isFloating() || !isActive(e)) {
      return;
    }
    if (e instanceof Ref || e instanceof Index) {
      targets.apply(e).ifPresent(t -> sink.add(t, adj));
    } else if (e instanceof Unary u && u.op() == UnOp.NEG) {
      propagate(u.operand(), neg(adj), null, sink);
    } else if (e instanceof Cast c) {
      propagate(c.operand(), adj, null, sink);
    } else if (e instanceof Binary b) {
      binary(b, adj, sink);
    } else if (e instanceof Call c) {
      call(c, adj, known, sink);
    } else if (e instanceof Expr.Invoke i) {
      int active = (int) i.args().stream().filter(this::isActive).count();
      Expr a = share(adj, active, sink);
      for (int j = 0; j < i.args().size(); j++) {
        if (isActive(i.args().get(j)) && i.partials().get(j) != null) {
          Expr partial =
              new Expr.Invoke(
                  i.partials().get(j),
                  i.args(),
                  Type.DOUBLE,
                  Collections.nCopies(i.args().size(), null));
          propagate(i.args().get(j), Exprs.mul(a, partial), null, sink);
        }
      }
    } else if (e instanceof Expr.Apply a) {
      apply(a, adj, sink);
    } else if (e instanceof Cond c) {
      AdjointSink then = new AdjointSink();
      AdjointSink otherwise = new AdjointSink();
      Expr shared = share(adj, 2, sink);
      propagate(c.then(), shared, null, then);
      propagate(c.otherwise(), shared, null, otherwise);
      if (!then.isEmpty() || !otherwise.isEmpty()) {
        sink.conditional(new Stmt.If(c.cond(), then.statements(), otherwise.statements()));
      }
    } else if (!(e instanceof Expr.Const)) {
      // a constant has no adjoint; the other kinds are never floating (lengths, allocations)
      throw new IllegalStateException("unknown expression: " + e);
    }
  }

  /**
   * A call of a recursive helper: the partial with respect to each active scalar argument is the
   * helper's tangent along that argument alone, and the adjoint of an active array argument grows
   * by the helper's gradient with respect to it, a new array; both are pure calls that recompute
   * what they need (no tape).
   */
  private void apply(Expr.Apply a, Expr adj, AdjointSink sink) {
    int active = 0;
    for (Expr arg : a.args()) {
      active += isActive(arg) || isActiveArray(arg) ? 1 : 0;
    }
    Expr shared = share(adj, active, sink);
    for (int j = 0; j < a.args().size(); j++) {
      Expr arg = a.args().get(j);
      if (isActive(arg)) {
        Type t = a.params().get(j).type();
        Expr seed = t == Type.FLOAT ? Expr.Const.ofFloat(1) : Exprs.num(1);
        Expr partial = Applies.tangent(a, List.of(j), List.of(seed));
        propagate(arg, mul(shared, partial), null, sink);
      } else if (isActiveArray(arg)) {
        Var partials = names.fresh(Exprs.root(arg).name() + "Partials", Type.DOUBLE_ARRAY);
        sink.temp(new Stmt.Declare(partials, Applies.gradient(a, j)));
        Var k = names.fresh("k", Type.INT);
        AdjointSink each = new AdjointSink();
        propagate(
            new Index(arg, Exprs.ref(k)),
            mul(shared, new Index(Exprs.ref(partials), Exprs.ref(k))),
            null,
            each);
        sink.conditional(
            new Stmt.For(
                k,
                Expr.Const.ofInt(0),
                dev.adjoint.compiler.ir.BinOp.LT,
                new Expr.Length(arg),
                1,
                each.statements()));
      }
    }
  }

  /** Whether {@code e} is a {@code double[]} whose elements have adjoints. */
  private boolean isActiveArray(Expr e) {
    return e.type() == Type.DOUBLE_ARRAY
        && Exprs.root(e) != null
        && targets.apply(new Index(e, Expr.Const.ofInt(0))).isPresent();
  }

  private void binary(Binary b, Expr adj, AdjointSink sink) {
    boolean l = isActive(b.left());
    boolean r = isActive(b.right());
    switch (b.op()) {
      case ADD -> {
        Expr a = share(adj, count(l, r), sink);
        propagate(b.left(), a, null, sink);
        propagate(b.right(), a, null, sink);
      }
      case SUB -> {
        Expr a = share(adj, count(l, r), sink);
        propagate(b.left(), a, null, sink);
        propagate(b.right(), neg(a), null, sink);
      }
      case MUL -> {
        Expr a = share(adj, count(l, r), sink);
        propagate(b.left(), mul(a, b.right()), null, sink);
        propagate(b.right(), mul(a, b.left()), null, sink);
      }
      case DIV -> {
        Expr a = share(adj, count(l, r), sink);
        propagate(b.left(), div(a, b.right()), null, sink);
        propagate(b.right(), neg(div(mul(a, b.left()), mul(b.right(), b.right()))), null, sink);
      }
      default -> {
        // comparisons, logic and integer operators carry no derivative
      }
    }
  }

  private void call(Call c, Expr adj, Var known, AdjointSink sink) {
    int active = 0;
    boolean self = false;
    for (int j = 0; j < c.args().size(); j++) {
      if (isActive(c.args().get(j))) {
        active++;
        self |= Partials.usesSelf(c.fn(), j);
      }
    }
    Expr a = share(adj, active, sink);
    Expr value = known != null ? Exprs.ref(known) : c;
    if (self && known == null) {
      value = bind(c, c.fn().javaName(), sink);
    }
    for (int j = 0; j < c.args().size(); j++) {
      if (isActive(c.args().get(j))) {
        Expr contribution = Partials.contribution(c, j, a, value);
        if (contribution != null) {
          propagate(c.args().get(j), contribution, null, sink);
        }
      }
    }
  }

  /** Whether any active variable can reach {@code e}'s value differentiably. */
  boolean isActive(Expr e) {
    if (!e.type().isFloating()) {
      return false;
    }
    for (Var v : Activity.differentiableReads(e)) {
      Expr leaf = v.type().isArray() ? null : Exprs.ref(v);
      if (leaf == null ? hasActiveIndex(e, v) : targets.apply(leaf).isPresent()) {
        return true;
      }
    }
    return false;
  }

  private boolean hasActiveIndex(Expr e, Var array) {
    if (e instanceof Index ix && e.type().isFloating() && array.equals(Exprs.root(ix.array()))) {
      return targets.apply(e).isPresent();
    }
    if (e instanceof Expr.Apply a
        && a.args().stream().anyMatch(arg -> array.equals(Exprs.root(arg)) && isActiveArray(arg))) {
      return true; // the array passed whole to a recursive helper
    }
    return Exprs.children(e).stream().anyMatch(c -> hasActiveIndex(c, array));
  }

  private static int count(boolean a, boolean b) {
    return (a ? 1 : 0) + (b ? 1 : 0);
  }

  /** Binds a non-trivial adjoint used more than once to a temporary. */
  private Expr share(Expr adj, int uses, AdjointSink sink) {
    boolean trivial =
        Exprs.isTrivial(adj) || (adj instanceof Unary u && Exprs.isTrivial(u.operand()));
    if (uses <= 1 || trivial) {
      return adj;
    }
    return bind(adj, "adj", sink);
  }

  private Expr bind(Expr value, String base, AdjointSink sink) {
    Var t = names.fresh(base, Type.DOUBLE);
    sink.temp(new Stmt.Declare(t, value));
    return Exprs.ref(t);
  }
}
