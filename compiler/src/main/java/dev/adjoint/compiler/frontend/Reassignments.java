package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import java.util.Optional;

/**
 * An array variable given a new array, as time-stepping code does ({@code state = step(state)},
 * {@code s = new double[] {x, v}}). The IR has no array references to reassign, so this lowers to a
 * copy of the new array's elements into the variable's array. That is exactly the reassignment when
 * (1) the new array is freshly made (by {@code new}, an initialiser, or a called method that
 * returns a local array it created) and referred to by nothing else, (2) nothing else refers to the
 * variable's array (not a parameter, no alias declared from it), and (3) both have the same length.
 * (1) and (2) are checked on the whole lowered method ({@link #check}), AD304 otherwise; (3) is a
 * run-time check that throws, naming the variable.
 */
final class Reassignments {
  /** One reassignment: {@code target = source}, written at {@code at}. */
  record Copy(Var target, Expr source, Node at) {}

  private Reassignments() {}

  static void lower(Context cx, Var target, Expr value, Node at, List<Stmt> out) {
    if (Context.isPlaceholder(value)) {
      return;
    }
    if (target.type().isMatrix() || value.type() != target.type()) {
      cx.report(DiagnosticCode.AD304, at, target.name());
      return;
    }
    cx.reassignments.add(new Copy(target, value, at));
    Expr length = new Expr.Length(value);
    out.add(
        new Stmt.Require(
            Exprs.binary(BinOp.EQ, length, new Expr.Length(Exprs.ref(target))),
            "the array assigned to '" + target.name() + "' must have its length"));
    Var k = cx.scope.fresh("k", Type.INT);
    out.add(
        new Stmt.For(
            k,
            Expr.Const.ofInt(0),
            BinOp.LT,
            length,
            1,
            List.of(
                new Stmt.Store(
                    Exprs.ref(target), Exprs.ref(k), new Expr.Index(value, Exprs.ref(k))))));
  }

  /** Reports AD304 for every reassignment that a copy would not reproduce. */
  static void check(Context cx, List<Var> params, List<Stmt> body) {
    List<Stmt> all = Stmts.all(body);
    for (Copy c : cx.reassignments) {
      boolean ok =
          !params.contains(c.target())
              && fresh(cx, c.source(), all, 0)
              && !aliased(c.target(), all);
      if (!ok) {
        cx.report(DiagnosticCode.AD304, c.at(), c.target().name());
      }
    }
  }

  /**
   * Whether {@code e} is a compiler-made local holding a newly made array (through compiler-made
   * copies).
   */
  private static boolean fresh(Context cx, Expr e, List<Stmt> all, int depth) {
    if (!(e instanceof Expr.Ref r) || !cx.scope.isCompilerMade(r.var().name()) || depth > 16) {
      return false;
    }
    Optional<Expr> init =
        all.stream()
            .filter(s -> s instanceof Stmt.Declare d && d.var().equals(r.var()) && d.init() != null)
            .map(s -> ((Stmt.Declare) s).init())
            .findFirst();
    if (init.isEmpty()) {
      return false;
    }
    return init.get() instanceof Expr.NewArray || fresh(cx, init.get(), all, depth + 1);
  }

  /** Whether some other array variable is declared from {@code a} (an alias of its array). */
  private static boolean aliased(Var a, List<Stmt> all) {
    for (Stmt s : all) {
      if (s instanceof Stmt.Declare d
          && d.init() != null
          && d.var().type().isArray()
          && !d.var().equals(a)
          && a.equals(Exprs.root(d.init()))) {
        return true;
      }
    }
    return false;
  }
}
