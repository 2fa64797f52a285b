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
  /**
   * One reassignment: {@code target = source}, written at {@code at}; {@code fresh} when the source
   * is known to be a newly made array that nothing else refers to.
   */
  record Copy(Var target, Expr source, Node at, boolean fresh) {}

  private Reassignments() {}

  static void lower(Context cx, Var target, Expr value, Node at, List<Stmt> out) {
    if (Context.isPlaceholder(value)) {
      return;
    }
    if (value.type() != target.type()) {
      cx.report(
          DiagnosticCode.AD304,
          at,
          target.name(),
          "the new value is a " + value.type().javaName() + ", not a " + target.type().javaName());
      return;
    }
    if (value instanceof Expr.Ref r && !cx.scope.isCompilerMade(r.var().name())) {
      // another array variable: the two refer to one array from now on (see BufferBanks)
      cx.references.add(new BufferBanks.Reference(target, r.var(), at));
      out.add(new Stmt.Assign(target, value));
      return;
    }
    if (target.type().isMatrix()) {
      cx.report(
          DiagnosticCode.AD304,
          at,
          target.name(),
          "a "
              + target.type().javaName()
              + " variable takes only another such variable (rows are not copied)");
      return;
    }
    cx.reassignments.add(new Copy(target, value, at, false));
    out.addAll(copy(target, value, cx.scope.fresh("k", Type.INT)));
  }

  /** {@code target}'s elements replaced by {@code value}'s, which must have their number. */
  static List<Stmt> copy(Var target, Expr value, Var k) {
    Expr length = new Expr.Length(value);
    return List.of(
        new Stmt.Require(
            Exprs.binary(BinOp.EQ, length, new Expr.Length(Exprs.ref(target))),
            "the array assigned to '" + target.name() + "' must have its length"),
        CopyLoops.copy(k, value, Exprs.ref(target), length));
  }

  /** Reports AD304 for every reassignment that a copy would not reproduce. */
  static void check(Context cx, List<Var> params, List<Stmt> body) {
    List<Stmt> all = Stmts.all(body);
    for (Copy c : cx.reassignments) {
      String reason =
          params.contains(c.target())
              ? "it is a parameter; declare a local array (double[] "
                  + c.target().name()
                  + "Copy = "
                  + c.target().name()
                  + ".clone()) and reassign that"
              : !c.fresh() && !fresh(cx, c.source(), all, 0)
                  ? "the new value is not a newly made array nor an array variable; make a copy"
                      + " (clone()) or write the elements"
                  : cx.swapped.contains(c.target()) || aliased(c.target(), all)
                      ? "another variable refers to its array, which would see the new elements;"
                          + " give the new array its own variable"
                      : sharing(cx, c.target(), all)
                          .map(
                              other ->
                                  "it refers to the array of '"
                                      + other.name()
                                      + "', which would see the new elements; start from a copy"
                                      + " ("
                                      + c.target().name()
                                      + " = "
                                      + other.name()
                                      + ".clone())")
                          .orElse(null);
      if (reason != null) {
        cx.report(DiagnosticCode.AD304, c.at(), c.target().name(), reason);
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

  /** The array variable {@code a} was declared as an alias of ({@code double[] a = x;}), if any. */
  private static Optional<Var> sharing(Context cx, Var a, List<Stmt> all) {
    for (Stmt s : all) {
      if (s instanceof Stmt.Declare d && d.var().equals(a) && d.init() != null) {
        Var root = Exprs.root(d.init());
        if (root != null && !root.equals(a) && !cx.scope.isCompilerMade(root.name())) {
          return Optional.of(root);
        }
      }
    }
    return Optional.empty();
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
