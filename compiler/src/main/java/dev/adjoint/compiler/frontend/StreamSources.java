package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sources of stream reductions, as the counted loop they start: the index, its bounds and the
 * element. Their arguments are evaluated once, before the loop, as Java evaluates them.
 */
final class StreamSources {
  private final Context cx;
  private final ExprLowering exprs;

  StreamSources(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
  }

  /**
   * The loop of a source: {@code Arrays.stream(a)}, {@code Arrays.stream(a, from, to)}, {@code
   * IntStream.range(a, b)} and {@code rangeClosed}, {@code DoubleStream.of(...)}. {@code first} is
   * the operation after it: a range's index takes the name of its lambda's parameter.
   */
  Optional<StreamLoop> source(MethodCallExpr s, MethodCallExpr first) {
    String owner = s.getScope().map(Expression::toString).orElse("");
    String owned = owner.substring(owner.lastIndexOf('.') + 1) + "." + s.getNameAsString();
    int n = s.getArguments().size();
    switch (owned) {
      case "Arrays.stream":
        if (n == 1 || n == 3) {
          return arrayStream(s);
        }
        break;
      case "IntStream.range", "IntStream.rangeClosed", "LongStream.range", "LongStream.rangeClosed":
        if (n == 2) {
          return range(s, owned.startsWith("Long") ? Type.LONG : Type.INT, first);
        }
        break;
      case "DoubleStream.of", "IntStream.of":
        if (n >= 1) {
          return of(s, owned.startsWith("Int") ? Type.INT : Type.DOUBLE);
        }
        break;
      default:
        break;
    }
    cx.report(
        DiagnosticCode.AD113,
        s,
        owned,
        "streams start at Arrays.stream(array), Arrays.stream(array, from, to), IntStream.range,"
            + " IntStream.rangeClosed or DoubleStream.of");
    return Optional.empty();
  }

  private Optional<StreamLoop> arrayStream(MethodCallExpr s) {
    List<Stmt> before = new ArrayList<>();
    Expr array = exprs.lower(s.getArgument(0));
    if (Context.isPlaceholder(array) || cx.isReported(array)) {
      return Optional.empty();
    }
    if (array.type() != Type.DOUBLE_ARRAY
        && array.type() != Type.INT_ARRAY
        && array.type() != Type.DOUBLE_MATRIX) {
      cx.report(
          DiagnosticCode.AD113,
          s,
          "Arrays.stream",
          "a stream of " + array.type().javaName() + " elements is outside the supported language");
      return Optional.empty();
    }
    array = once(array, "array", before);
    Expr from = Expr.Const.ofInt(0);
    Expr to = new Expr.Length(array);
    if (s.getArguments().size() == 3) {
      from = once(index(s.getArgument(1)), "from", before);
      to = once(index(s.getArgument(2)), "to", before);
      before.add(
          new Stmt.Require(
              Exprs.binary(BinOp.LE, from, to), "Arrays.stream(array, from, to) needs from <= to"));
    }
    Var i = cx.scope.fresh("i", Type.INT);
    StreamLoop loop =
        new StreamLoop(
            i, from, BinOp.LT, to, array.type().elementType(), new Expr.Index(array, Exprs.ref(i)));
    loop.before.addAll(before);
    return Optional.of(loop);
  }

  private Optional<StreamLoop> range(MethodCallExpr s, Type type, MethodCallExpr first) {
    List<Stmt> before = new ArrayList<>();
    Expr from = once(bound(s.getArgument(0), type), "from", before);
    Expr to = once(bound(s.getArgument(1), type), "to", before);
    Optional<String> name =
        first == null || first.getArguments().size() != 1
            ? Optional.empty()
            : StreamLambdas.firstParameter(first.getArgument(0));
    Var i = name.isPresent() ? StreamLoop.declare(cx, name.get(), type) : cx.scope.fresh("i", type);
    BinOp cmp = s.getNameAsString().equals("range") ? BinOp.LT : BinOp.LE;
    StreamLoop loop = new StreamLoop(i, from, cmp, to, type, Exprs.ref(i));
    loop.before.addAll(before);
    return Optional.of(loop);
  }

  /** {@code DoubleStream.of(a, b, c)}: a loop over a local array of the values. */
  private Optional<StreamLoop> of(MethodCallExpr s, Type type) {
    Type arrayType = type.arrayOf();
    if (s.getArguments().size() == 1) {
      Expr only = exprs.lower(s.getArgument(0));
      if (only.type() == arrayType) {
        return Optional.of(over(only, List.of()));
      }
    }
    List<Stmt> before = new ArrayList<>();
    Var values = cx.scope.fresh("values", arrayType);
    before.add(
        new Stmt.Declare(
            values, new Expr.NewArray(arrayType, Expr.Const.ofInt(s.getArguments().size()))));
    for (int k = 0; k < s.getArguments().size(); k++) {
      Expr v = exprs.lower(s.getArgument(k));
      if (!Type.assignable(v.type(), type)) {
        if (!Context.isPlaceholder(v)) {
          cx.report(
              DiagnosticCode.AD208,
              s.getArgument(k),
              "cannot pass "
                  + v.type().javaName()
                  + " to "
                  + s.getNameAsString()
                  + " of "
                  + type.javaName()
                  + " values");
        }
        return Optional.empty();
      }
      before.add(
          new Stmt.Store(
              Exprs.ref(values),
              Expr.Const.ofInt(k),
              v.type() == type ? v : new Expr.Cast(type, v)));
    }
    StreamLoop loop =
        new StreamLoop(
            i(),
            Expr.Const.ofInt(0),
            BinOp.LT,
            Expr.Const.ofInt(s.getArguments().size()),
            type,
            null);
    loop.element(new Expr.Index(Exprs.ref(values), Exprs.ref(loop.index())));
    loop.before.addAll(before);
    return Optional.of(loop);
  }

  private Var i() {
    return cx.scope.fresh("i", Type.INT);
  }

  private StreamLoop over(Expr array, List<Stmt> before) {
    Var i = cx.scope.fresh("i", Type.INT);
    StreamLoop loop =
        new StreamLoop(
            i,
            Expr.Const.ofInt(0),
            BinOp.LT,
            new Expr.Length(array),
            array.type().elementType(),
            new Expr.Index(array, Exprs.ref(i)));
    loop.before.addAll(before);
    return loop;
  }

  private Expr index(Expression e) {
    Expr v = exprs.lower(e);
    if (v.type() != Type.INT && !Context.isPlaceholder(v)) {
      return cx.error(
          DiagnosticCode.AD208,
          e,
          Type.INT,
          "an index must be an int, found " + v.type().javaName());
    }
    return v;
  }

  private Expr bound(Expression e, Type type) {
    Expr v = exprs.lower(e);
    if (!Type.assignable(v.type(), type) && !Context.isPlaceholder(v)) {
      return cx.error(
          DiagnosticCode.AD208,
          e,
          type,
          "a range bound must be " + type.javaName() + ", found " + v.type().javaName());
    }
    return v.type() == type || Context.isPlaceholder(v) ? v : new Expr.Cast(type, v);
  }

  /** {@code e} evaluated once, before the loop (Java evaluates a stream's arguments once). */
  Expr once(Expr e, String name, List<Stmt> before) {
    if (e instanceof Expr.Ref || e instanceof Expr.Const) {
      return e;
    }
    if (e instanceof Expr.Length l && l.array() instanceof Expr.Ref) {
      return e;
    }
    Var v = cx.scope.fresh(name, e.type());
    before.add(new Stmt.Declare(v, e));
    return Exprs.ref(v);
  }
}
