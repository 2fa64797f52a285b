package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.ad.Partials;
import dev.adjoint.compiler.pass.analysis.Activity;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs before reverse mode: every active call whose derivative is written with its own value
 * whichever argument is active ({@link Partials#alwaysUsesSelf}: {@code tanh}, {@code exp}, {@code
 * sqrt}, {@code cbrt}, {@code hypot}; not {@code pow}, whose partial in its base does not read it)
 * gets a local of its own, {@code double tanh = Math.tanh(s);}. The reverse sweep then reads that
 * local instead of calling the function again, and inside a loop the local is what the loop tapes
 * per iteration (see {@link LoopTapes}): storing one double is far cheaper than a second
 * transcendental call.
 *
 * <p>Values are unchanged: expressions have no side effects and the call is evaluated exactly once
 * where it was before. Calls under a conditional expression's branch are left in place (hoisting
 * them would evaluate a branch not taken), as are conditions and loop bounds.
 */
public final class NamedCalls {
  private final Activity activity;
  private final NameSupply names;

  private NamedCalls(Function f, List<Var> wrt) {
    this.activity = Activity.of(f, wrt);
    this.names = NameSupply.of(f);
  }

  public static Function run(Function f, List<Var> wrt) {
    NamedCalls pass = new NamedCalls(f, wrt);
    return new Function(f.name(), f.params(), f.returnType(), pass.block(f.body()));
  }

  /** Whether {@code s} is {@code double v = f(...)} with f's derivative written with v. */
  static boolean selfDerivative(Stmt s) {
    return s instanceof Stmt.Declare d
        && d.init() instanceof Expr.Call c
        && Partials.alwaysUsesSelf(c.fn());
  }

  private List<Stmt> block(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.If i) {
        out.add(i.with(block(i.then()), block(i.otherwise())));
      } else if (s instanceof Stmt.For f) {
        out.add(new Stmt.For(f.index(), f.from(), f.cmp(), f.bound(), f.step(), block(f.body())));
      } else if (s instanceof Stmt.While w) {
        out.add(new Stmt.While(w.cond(), block(w.body())));
      } else if (s instanceof Stmt.Declare d && d.init() != null && d.var().type().isFloating()) {
        Expr init = d.init() instanceof Expr.Call c ? args(c, out) : name(d.init(), out);
        out.add(new Stmt.Declare(d.var(), init));
      } else if (s instanceof Stmt.Assign a && a.var().type().isFloating()) {
        out.add(new Stmt.Assign(a.var(), name(a.value(), out)));
      } else if (s instanceof Stmt.Store st && st.value().type().isFloating()) {
        out.add(new Stmt.Store(st.array(), st.index(), name(st.value(), out)));
      } else if (s instanceof Stmt.Return r && r.value() != null && r.value().type().isFloating()) {
        out.add(new Stmt.Return(name(r.value(), out)));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /** A call already named by its declaration: only its arguments are looked at. */
  private Expr args(Expr.Call c, List<Stmt> out) {
    List<Expr> args = new ArrayList<>();
    for (Expr a : c.args()) {
      args.add(name(a, out));
    }
    return new Expr.Call(c.owner(), c.fn(), args, c.type());
  }

  /** {@code e} with its named calls replaced by locals declared (in evaluation order) into out. */
  private Expr name(Expr e, List<Stmt> out) {
    if (e instanceof Expr.Cond) {
      return e;
    }
    if (e instanceof Expr.Call c
        && Partials.alwaysUsesSelf(c.fn())
        && c.type() == Type.DOUBLE
        && active(c)) {
      Var v = names.fresh(c.fn().javaName(), Type.DOUBLE);
      out.add(new Stmt.Declare(v, args(c, out)));
      return Exprs.ref(v);
    }
    if (e instanceof Expr.Binary b) {
      Expr l = name(b.left(), out);
      return new Expr.Binary(b.op(), l, name(b.right(), out), b.type());
    }
    if (e instanceof Expr.Unary u) {
      return new Expr.Unary(u.op(), name(u.operand(), out), u.type());
    }
    if (e instanceof Expr.Cast c) {
      return new Expr.Cast(c.type(), name(c.operand(), out));
    }
    if (e instanceof Expr.Call c) {
      return args(c, out);
    }
    return e;
  }

  private boolean active(Expr e) {
    return Activity.differentiableReads(e).stream().anyMatch(activity::isActive);
  }
}
