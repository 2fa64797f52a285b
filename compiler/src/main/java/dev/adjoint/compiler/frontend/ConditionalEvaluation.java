package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.Expression;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Typing;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operands Java evaluates only sometimes: the branches of {@code ?:} and the right operand of
 * {@code &&} and {@code ||} (JLS 15.23–15.25). When such an operand lowers to statements (an
 * assignment, an increment, an inlined call's locals, a recursive call), they run inside an {@code
 * if} that assigns a compiler-made local, so that they happen exactly when Java would run them:
 * {@code c ? (x = a) : b} becomes {@code if (c) { x = a; chosen = x; } else { chosen = b; }}; a
 * helper reading {@code a[i]} in the branch not taken never reads it. Operands that are one
 * expression stay one IR expression ({@link Expr.Cond}, {@code &&}).
 */
final class ConditionalEvaluation {
  private final Context cx;
  private final ExprLowering exprs;

  ConditionalEvaluation(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
  }

  /** An operand lowered on its own: its statements and its value. */
  private record Operand(List<Stmt> stmts, Expr value) {
    /** Its statements, then {@code target = value}. */
    List<Stmt> assigning(Var target) {
      List<Stmt> out = new ArrayList<>(stmts);
      Expr v =
          Type.assignable(value.type(), target.type())
              ? value
              : new Expr.Cast(target.type(), value); // widening needs no cast
      out.add(new Stmt.Assign(target, v));
      return out;
    }
  }

  private Operand operand(Expression e) {
    List<Stmt> outer = cx.pending;
    cx.pending = new ArrayList<>();
    try {
      Expr value = exprs.lower(e);
      return new Operand(cx.pending, value);
    } finally {
      cx.pending = outer;
    }
  }

  Expr conditional(ConditionalExpr c) {
    Expr cond = exprs.condition(c.getCondition());
    Operand a = operand(c.getThenExpr());
    Operand b = operand(c.getElseExpr());
    Optional<Type> t = Typing.conditional(a.value().type(), b.value().type());
    // Adjoint supports conditionals of numbers and of booleans only
    if (t.isEmpty() || !(t.get().isNumeric() || t.get() == Type.BOOLEAN)) {
      return cx.error(
          DiagnosticCode.AD208,
          c,
          Type.DOUBLE,
          "both branches of ?: must be numbers or both booleans");
    }
    if (!mustWait(a.stmts()) && !mustWait(b.stmts())) {
      cx.pending.addAll(a.stmts());
      cx.pending.addAll(b.stmts());
      return new Expr.Cond(cond, a.value(), b.value(), t.get());
    }
    Var chosen = cx.scope.fresh("chosen", t.get());
    cx.pending.add(new Stmt.Declare(chosen, null));
    cx.pending.add(new Stmt.If(cond, a.assigning(chosen), b.assigning(chosen)));
    return Exprs.ref(chosen);
  }

  /**
   * Whether an operand's statements may run only when Java evaluates the operand: any statement may
   * have an effect, throw (an index past the end) or recurse (a recursion's base case is such a
   * choice).
   */
  private static boolean mustWait(List<Stmt> stmts) {
    return !stmts.isEmpty();
  }

  /** {@code l && r} or {@code l || r}. */
  Expr logical(BinaryExpr b, BinOp op) {
    Expr l = exprs.lower(b.getLeft());
    Operand r = operand(b.getRight());
    Expr combined = exprs.combine(op, l, r.value(), b);
    if (!mustWait(r.stmts()) || Context.isPlaceholder(combined)) {
      cx.pending.addAll(r.stmts());
      return combined;
    }
    Var result = cx.scope.fresh(op == BinOp.AND ? "both" : "either", Type.BOOLEAN);
    cx.pending.add(new Stmt.Declare(result, l));
    Expr evaluateRight =
        op == BinOp.AND
            ? Exprs.ref(result)
            : new Expr.Unary(UnOp.NOT, Exprs.ref(result), Type.BOOLEAN);
    cx.pending.add(new Stmt.If(evaluateRight, r.assigning(result), List.of()));
    return Exprs.ref(result);
  }
}
