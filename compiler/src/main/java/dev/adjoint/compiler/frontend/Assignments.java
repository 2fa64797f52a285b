package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Assignments, compound assignments and increments of variables and array elements, as statements
 * and inside expressions, in Java's order (JLS 15.26, 15.14, 15.15): for an element, the array,
 * then the index, then (compound) the old element value, then the right-hand side; the store and
 * the assignment's value follow. Their statements go to {@link Context#pending}; the value is an
 * expression read after them (the assigned variable or element, or the assigned constant), so that
 * {@code x = y = 0} is two plain assignments and {@code s += (a[i] *= 2) * a[i]} reads the element
 * back. Compound assignment narrows implicitly ({@code f += d} for a float f is {@code f = (float)
 * (f + d)}).
 */
final class Assignments {
  private static final String ONLY_PLAIN =
      "only '=' assigns an array variable (arithmetic applies to its elements)";

  private final Context cx;
  private final ExprLowering exprs;

  Assignments(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
  }

  /**
   * Lowers {@code a}; {@code used} says whether its value is used (it is inside an expression).
   * Returns the value (a placeholder when reported), or null when unused.
   */
  Expr assign(AssignExpr a, boolean used) {
    if (exprs.objects.assignField(a)) {
      return used
          ? cx.error(DiagnosticCode.AD108, a, Type.DOUBLE, "an assignment of a field")
          : null;
    }
    BinOp op = Operators.compound(a.getOperator());
    if (a.getTarget() instanceof ArrayAccessExpr t) {
      return element(t, op, a.getValue(), a, used);
    }
    if (a.getTarget() instanceof NameExpr n
        && cx.scope.lookup(n.getNameAsString()).filter(v -> v.type().isArray()).isPresent()) {
      return arrayVariable(a, n, op, used);
    }
    Optional<Var> named =
        a.getTarget() instanceof NameExpr n
            ? cx.scope.lookup(n.getNameAsString())
            : Optional.empty();
    if (named.filter(v -> cx.reported.contains(v) || v.type() == Type.OBJECT).isPresent()) {
      target(a.getTarget()); // AD115 for a String or enum; nothing more for a reported variable
      return Context.placeholder(Type.DOUBLE); // the value only exists for that variable
    }
    Optional<Var> target = target(a.getTarget());
    if (target.isEmpty()) {
      exprs.lower(a.getValue()); // for the errors it holds
      return Context.placeholder(Type.DOUBLE);
    }
    Var v = target.get();
    EvaluationOrder order = new EvaluationOrder(cx);
    if (op != null) {
      order.add(new Ref(v)); // the old value is read before the right-hand side runs
    }
    order.add(exprs.lower(a.getValue()));
    List<Expr> operands = order.values();
    Expr rhs = operands.get(operands.size() - 1);
    Expr value = op == null ? rhs : narrowed(exprs.combine(op, operands.get(0), rhs, a), v, cx);
    if (Context.isPlaceholder(value)) {
      return value;
    }
    if (!Type.assignable(value.type(), v.type())) {
      return cx.error(
          DiagnosticCode.AD208,
          a,
          v.type(),
          "cannot assign "
              + value.type().javaName()
              + " to "
              + v.type().javaName()
              + " '"
              + a.getTarget()
              + "'");
    }
    cx.pending.add(new Stmt.Assign(v, value));
    return used ? valueOf(value, new Ref(v)) : null;
  }

  /** {@code b = next} for an array variable b: an element copy, and never a value. */
  private Expr arrayVariable(AssignExpr a, NameExpr n, BinOp op, boolean used) {
    Var v = cx.scope.lookup(n.getNameAsString()).orElseThrow();
    if (used) {
      exprs.lower(a.getValue()); // for the errors it holds
      return cx.error(
          DiagnosticCode.AD108, a, v.type(), "an assignment to the array variable '" + n + "'");
    }
    if (op != null) {
      cx.report(DiagnosticCode.AD304, n, n.getNameAsString(), ONLY_PLAIN);
      return null;
    }
    Expr value = exprs.lower(a.getValue());
    List<Stmt> copy = new ArrayList<>();
    Reassignments.lower(cx, v, value, n, copy);
    cx.pending.addAll(copy);
    return null;
  }

  /**
   * {@code a[i] = value} or {@code a[i] op= value} ({@code op} null for plain assignment); {@code
   * value} null for an increment, whose right-hand side is 1.
   */
  private Expr element(ArrayAccessExpr target, BinOp op, Expression value, Node at, boolean used) {
    Optional<Slot> slot = slot(target);
    if (slot.isEmpty()) {
      if (value != null) {
        exprs.lower(value); // for the errors it holds
      }
      return Context.placeholder(Type.DOUBLE);
    }
    EvaluationOrder order = new EvaluationOrder(cx);
    order.add(slot.get().array);
    order.add(slot.get().index);
    if (op != null) {
      order.add(new Expr.Index(slot.get().array, slot.get().index)); // read before the rhs runs
    }
    order.add(value == null ? Const.ofInt(1) : exprs.lower(value));
    List<Expr> operands = order.values();
    Expr array = operands.get(0);
    Expr index = operands.get(1);
    Expr rhs = operands.get(operands.size() - 1);
    Type element = array.type().elementType();
    Expr stored = op == null ? rhs : narrowed(exprs.combine(op, operands.get(2), rhs, at), element);
    if (Context.isPlaceholder(stored)) {
      return stored;
    }
    if (!Type.assignable(stored.type(), element)) {
      return cx.error(
          DiagnosticCode.AD208,
          at,
          element,
          "cannot store " + stored.type().javaName() + " in " + array.type().javaName());
    }
    cx.pending.add(new Stmt.Store(array, index, stored));
    return used ? valueOf(stored, new Expr.Index(array, index)) : null;
  }

  /** An element to write: its array (a variable or a row of a matrix) and index, both lowered. */
  private record Slot(Expr array, Expr index) {}

  private Optional<Slot> slot(ArrayAccessExpr target) {
    EvaluationOrder order = new EvaluationOrder(cx);
    Expr array = order.add(exprs.lower(target.getName()));
    Expr index = order.add(exprs.lower(target.getIndex()));
    if (cx.isReported(array) || Context.isPlaceholder(array)) {
      return Optional.empty(); // its declaration was reported already
    }
    if (Exprs.root(array) == null || !array.type().isArray()) {
      cx.report(
          DiagnosticCode.AD105, target, "'" + target.getName() + "' is not an array variable");
      return Optional.empty();
    }
    if (array.type().isMatrix()) {
      cx.report(
          DiagnosticCode.AD105, target, "replacing a whole row of a " + array.type().javaName());
      return Optional.empty();
    }
    if (index.type() != Type.INT) {
      cx.report(DiagnosticCode.AD208, target.getIndex(), "an array index must be an int");
      return Optional.empty();
    }
    List<Expr> values = order.values();
    return Optional.of(new Slot(values.get(0), values.get(1)));
  }

  /**
   * The value of an assignment expression: the assigned value itself when it is a constant or a
   * variable of the target's type (nothing to read back; an int constant assigned to a double is
   * that double constant), else the target read after the store.
   */
  private static Expr valueOf(Expr assigned, Expr target) {
    if (assigned instanceof Const c
        && c.type().isIntegral()
        && target.type() == Type.DOUBLE
        && Math.abs(c.value()) <= 0x1p53) {
      return Exprs.num(c.value()); // y = 0 has the value 0.0, exactly
    }
    return Exprs.isTrivial(assigned) && assigned.type() == target.type() ? assigned : target;
  }

  /** The implicit narrowing of a compound assignment: {@code (T) (old op rhs)}. */
  /** {@code value} stored into {@code v}: narrowed to its type, and to a char's 16 bits. */
  private static Expr narrowed(Expr value, Var v, Context cx) {
    if (!cx.chars.contains(v) || Context.isPlaceholder(value) || !value.type().isNumeric()) {
      return narrowed(value, v.type());
    }
    Expr asInt = value.type() == Type.INT ? value : new Expr.Cast(Type.INT, value);
    return new Expr.Binary(BinOp.BAND, asInt, Const.ofInt(0xFFFF), Type.INT);
  }

  private static Expr narrowed(Expr value, Type target) {
    if (!Type.assignable(value.type(), target) && value.type().isNumeric() && target.isNumeric()) {
      return new Expr.Cast(target, value);
    }
    return value;
  }

  /**
   * {@code ++v}, {@code v--} and the like, of a variable or an array element. The postfix forms
   * used as a value keep the old value in a local first.
   */
  Expr increment(UnaryExpr u, boolean used) {
    BinOp op = up(u) ? BinOp.ADD : BinOp.SUB;
    boolean postfix = u.getOperator().isPostfix();
    if (u.getExpression() instanceof ArrayAccessExpr t) {
      if (!used || !postfix) {
        return element(t, op, null, u, used);
      }
      return postfixElement(t, op, u);
    }
    Optional<Var> target = target(u.getExpression());
    if (target.isEmpty()) {
      return Context.placeholder(Type.DOUBLE);
    }
    Var v = target.get();
    if (!v.type().isNumeric()) {
      return cx.error(DiagnosticCode.AD208, u, Type.DOUBLE, "++ and -- need a numeric variable");
    }
    Expr value = new Ref(v);
    if (used && postfix) {
      Var old = cx.scope.fresh(v.name() + "Old", v.type());
      cx.pending.add(new Stmt.Declare(old, new Ref(v)));
      value = new Ref(old);
    }
    cx.pending.add(
        new Stmt.Assign(v, narrowed(exprs.combine(op, new Ref(v), Const.ofInt(1), u), v, cx)));
    return used ? value : null;
  }

  /** {@code a[i]++} used as a value: the old element, kept before the store. */
  private Expr postfixElement(ArrayAccessExpr t, BinOp op, UnaryExpr u) {
    Optional<Slot> slot = slot(t);
    if (slot.isEmpty()) {
      return Context.placeholder(Type.DOUBLE);
    }
    Expr element = new Expr.Index(slot.get().array, slot.get().index);
    Var root = Exprs.root(slot.get().array);
    Var old = cx.scope.fresh(root.name() + "Old", element.type());
    cx.pending.add(new Stmt.Declare(old, element));
    Expr stored = narrowed(exprs.combine(op, new Ref(old), Const.ofInt(1), u), element.type());
    if (!Type.assignable(stored.type(), element.type())) {
      return cx.error(DiagnosticCode.AD208, u, element.type(), "++ and -- need a number");
    }
    cx.pending.add(new Stmt.Store(slot.get().array, slot.get().index, stored));
    return new Ref(old);
  }

  static boolean isIncrement(UnaryExpr u) {
    return switch (u.getOperator()) {
      case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT -> true;
      default -> false;
    };
  }

  private static boolean up(UnaryExpr u) {
    return u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
        || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT;
  }

  /** The scalar variable an assignment writes; reported (AD302, AD304) when it is none. */
  private Optional<Var> target(Expression t) {
    Optional<ClassInfo.Field> field = exprs.objects.constructedField(t);
    if (field.isPresent()) {
      Optional<Expr> leaf = cx.self.get(field.get().name()).map(Struct.Member::leaf);
      if (leaf.isPresent() && leaf.get() instanceof Ref r) {
        return Optional.of(r.var());
      }
    }
    if (t instanceof NameExpr n) {
      Optional<Var> v = cx.scope.lookup(n.getNameAsString());
      if (v.isEmpty()) {
        cx.report(DiagnosticCode.AD302, t, n.getNameAsString());
      } else if (cx.reported.contains(v.get())) {
        return Optional.empty(); // its declaration was reported
      } else if (v.get().type() == Type.OBJECT) {
        new DataTests(cx).misuse(n, v.get());
        return Optional.empty();
      } else if (v.get().type().isArray()) {
        cx.report(DiagnosticCode.AD304, t, n.getNameAsString(), ONLY_PLAIN);
        return Optional.empty();
      }
      return v;
    }
    cx.report(DiagnosticCode.AD302, t, t.toString());
    return Optional.empty();
  }
}
