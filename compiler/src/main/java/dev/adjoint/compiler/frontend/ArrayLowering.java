package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import java.util.Optional;

/**
 * Lowers local arrays and writes into arrays: {@code new double[n]}, initialisers, {@code clone()},
 * aliases of another array, element writes, {@code System.arraycopy} and {@code Arrays.fill} (the
 * last ones as plain loops of element writes, so they differentiate like any other code).
 */
final class ArrayLowering {
  private final Context cx;
  private final ExprLowering exprs;

  ArrayLowering(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
  }

  /** Declares the array local {@code name} of {@code type} initialised by {@code init}. */
  void declare(
      String name, Type type, Expression init, com.github.javaparser.ast.Node at, List<Stmt> out) {
    int before = cx.diagnostics.all().size();
    int emitted = out.size();
    lowerDeclaration(name, type, init, at, out);
    if (cx.diagnostics.all().size() > before
        && out.size() == emitted
        && cx.scope.lookup(name).isEmpty()) {
      cx.reported.add(
          cx.scope.declare(name, type)); // so that uses of the name are not reported again
    }
  }

  private void lowerDeclaration(
      String name, Type type, Expression init, com.github.javaparser.ast.Node at, List<Stmt> out) {
    if (type.isMatrix() && init instanceof ArrayCreationExpr c && c.getInitializer().isEmpty()) {
      matrix(name, type, c, out);
      return;
    }
    if (type.isMatrix()
        && (init instanceof ArrayInitializerExpr
            || (init instanceof ArrayCreationExpr c2 && c2.getInitializer().isPresent()))) {
      ArrayInitializerExpr i =
          init instanceof ArrayInitializerExpr x
              ? x
              : ((ArrayCreationExpr) init).getInitializer().get();
      matrixInitializer(name, type, i, out);
      return;
    }
    if (init instanceof ArrayCreationExpr c) {
      if (c.getInitializer().isPresent()) {
        initializer(name, type, c.getInitializer().get(), out);
        return;
      }
      if (c.getLevels().size() != 1 || c.getLevels().get(0).getDimension().isEmpty()) {
        cx.report(
            DiagnosticCode.AD204, c, name, c.getElementType() + "[]".repeat(c.getLevels().size()));
        return;
      }
      Optional<Type> element = Types.of(c.getElementType());
      if (element.isEmpty() || element.get().arrayOf() != type) {
        cx.report(DiagnosticCode.AD208, c, "cannot assign " + c + " to " + type.javaName());
        return;
      }
      Expr size = exprs.lower(c.getLevels().get(0).getDimension().get());
      if (size.type() != Type.INT) {
        cx.report(DiagnosticCode.AD208, c, "an array size must be an int");
        return;
      }
      cx.flush(out);
      out.add(new Stmt.Declare(cx.scope.declare(name, type), new Expr.NewArray(type, size)));
    } else if (init instanceof ArrayInitializerExpr i) {
      initializer(name, type, i, out);
    } else if (init instanceof MethodCallExpr m
        && m.getNameAsString().equals("clone")
        && m.getArguments().isEmpty()
        && m.getScope().isPresent()) {
      Expr source = exprs.lower(m.getScope().get());
      if (source.type() != type) {
        cx.report(
            DiagnosticCode.AD208,
            m,
            "cannot assign " + source.type().javaName() + " to " + type.javaName());
        return;
      }
      Var v = cx.scope.declare(name, type);
      cx.flush(out);
      out.add(new Stmt.Declare(v, new Expr.NewArray(type, new Expr.Length(source))));
      out.add(
          copyLoop(
              source,
              Expr.Const.ofInt(0),
              Exprs.ref(v),
              Expr.Const.ofInt(0),
              new Expr.Length(source)));
    } else if (init instanceof NameExpr
        || init instanceof MethodCallExpr
        || init instanceof ArrayAccessExpr) {
      Expr source = exprs.lower(init);
      if (source == null || source.type() != type) {
        if (source != null && Context.isPlaceholder(source)) {
          cx.scope.declare(name, type); // already reported: no follow-on error
          return;
        }
        cx.report(
            DiagnosticCode.AD208,
            init,
            "cannot assign "
                + (source == null ? "void" : source.type().javaName())
                + " to "
                + type.javaName());
        cx.scope.declare(name, type);
        return;
      }
      cx.flush(out);
      out.add(new Stmt.Declare(cx.scope.declare(name, type), source));
    } else {
      cx.report(
          DiagnosticCode.AD204,
          at,
          name,
          type.javaName() + " initialised by " + (init == null ? "nothing" : "'" + init + "'"));
    }
  }

  /**
   * {@code new double[n][m]} or {@code new float[n][m]}; {@code new double[n][]} (rows to be
   * created later) is not supported.
   */
  private void matrix(String name, Type type, ArrayCreationExpr c, List<Stmt> out) {
    if (c.getLevels().size() != 2
        || c.getLevels().get(0).getDimension().isEmpty()
        || c.getLevels().get(1).getDimension().isEmpty()) {
      cx.report(
          DiagnosticCode.AD204,
          c,
          name,
          type.javaName()
              + " without both dimensions (create it as new "
              + type.scalar().javaName()
              + "[rows][columns])");
      return;
    }
    if (Types.of(c.getElementType()).orElse(null) != type.scalar()) {
      cx.report(DiagnosticCode.AD208, c, "cannot assign " + c + " to " + type.javaName());
      return;
    }
    Expr rows = exprs.lower(c.getLevels().get(0).getDimension().get());
    Expr cols = exprs.lower(c.getLevels().get(1).getDimension().get());
    if (rows.type() != Type.INT || cols.type() != Type.INT) {
      cx.report(DiagnosticCode.AD208, c, "array dimensions must be int");
      return;
    }
    cx.flush(out);
    out.add(new Stmt.Declare(cx.scope.declare(name, type), new Expr.NewMatrix(type, rows, cols)));
  }

  /** {@code {{1, 2}, {3, 4}}}: a rectangular matrix and its element writes. */
  private void matrixInitializer(
      String name, Type type, ArrayInitializerExpr init, List<Stmt> out) {
    int rows = init.getValues().size();
    int cols = -1;
    for (Expression row : init.getValues()) {
      if (!(row instanceof ArrayInitializerExpr r) || (cols >= 0 && r.getValues().size() != cols)) {
        cx.report(
            DiagnosticCode.AD204, init, name, type.javaName() + " with rows of different lengths");
        return;
      }
      cols = r.getValues().size();
    }
    Var v = cx.scope.declare(name, type);
    out.add(
        new Stmt.Declare(
            v,
            new Expr.NewMatrix(type, Expr.Const.ofInt(rows), Expr.Const.ofInt(Math.max(cols, 0)))));
    for (int i = 0; i < rows; i++) {
      ArrayInitializerExpr row = (ArrayInitializerExpr) init.getValues().get(i);
      for (int j = 0; j < cols; j++) {
        Expr value = exprs.lower(row.getValues().get(j));
        if (!Type.assignable(value.type(), type.scalar())) {
          cx.report(
              DiagnosticCode.AD208,
              row.getValues().get(j),
              "cannot store " + value.type().javaName() + " in " + type.javaName());
          continue;
        }
        cx.flush(out); // each element is stored before the next is evaluated
        out.add(
            new Stmt.Store(
                new Expr.Index(Exprs.ref(v), Expr.Const.ofInt(i)), Expr.Const.ofInt(j), value));
      }
    }
  }

  private void initializer(String name, Type type, ArrayInitializerExpr init, List<Stmt> out) {
    Var v = cx.scope.declare(name, type);
    out.add(
        new Stmt.Declare(v, new Expr.NewArray(type, Expr.Const.ofInt(init.getValues().size()))));
    for (int k = 0; k < init.getValues().size(); k++) {
      Expr value = exprs.lower(init.getValues().get(k));
      if (!Type.assignable(value.type(), type.elementType())) {
        cx.report(
            DiagnosticCode.AD208,
            init.getValues().get(k),
            "cannot store " + value.type().javaName() + " in " + type.javaName());
        continue;
      }
      cx.flush(out); // each element is stored before the next is evaluated
      out.add(new Stmt.Store(Exprs.ref(v), Expr.Const.ofInt(k), value));
    }
  }

  /** {@code System.arraycopy} and {@code Arrays.fill} as loops; false if {@code m} is neither. */
  boolean call(MethodCallExpr m, List<Stmt> out) {
    String scope = m.getScope().map(Object::toString).orElse("");
    String name = m.getNameAsString();
    List<Expression> args = m.getArguments();
    if (name.equals("arraycopy")
        && (scope.equals("System") || scope.equals("java.lang.System"))
        && args.size() == 5) {
      EvaluationOrder order = new EvaluationOrder(cx);
      args.forEach(x -> order.add(exprs.lower(x)));
      List<Expr> a = order.values();
      cx.flush(out);
      if (!a.get(0).type().isArray()
          || a.get(0).type() != a.get(2).type()
          || !(a.get(2) instanceof Expr.Ref)) {
        cx.report(DiagnosticCode.AD208, m, "System.arraycopy needs two arrays of the same type");
        return true;
      }
      if (a.get(0).equals(a.get(2))) {
        cx.report(DiagnosticCode.AD105, m, "System.arraycopy within one array");
        return true;
      }
      out.add(copyLoop(a.get(0), a.get(1), a.get(2), a.get(3), a.get(4)));
      return true;
    }
    if (name.equals("fill")
        && (scope.equals("Arrays") || scope.equals("java.util.Arrays"))
        && args.size() == 2) {
      Expr array = exprs.lower(args.get(0)); // an array: nothing after it can change it
      Expr value = exprs.lower(args.get(1));
      cx.flush(out);
      if (!(array instanceof Expr.Ref)
          || !array.type().isArray()
          || !Type.assignable(value.type(), array.type().elementType())) {
        cx.report(
            DiagnosticCode.AD208,
            m,
            "Arrays.fill needs an array variable and a value of its element type");
        return true;
      }
      Var k = cx.scope.fresh("k", Type.INT);
      out.add(
          new Stmt.For(
              k,
              Expr.Const.ofInt(0),
              BinOp.LT,
              new Expr.Length(array),
              1,
              List.of(new Stmt.Store(array, Exprs.ref(k), value))));
      return true;
    }
    return false;
  }

  private Stmt copyLoop(Expr src, Expr srcPos, Expr dst, Expr dstPos, Expr length) {
    return CopyLoops.copy(cx.scope.fresh("k", Type.INT), src, srcPos, dst, dstPos, length);
  }
}
