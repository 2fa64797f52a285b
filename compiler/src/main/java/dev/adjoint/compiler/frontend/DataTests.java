package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.Optional;

/**
 * String and enum parameters (and final locals naming one): data the method passes along. Their
 * only uses are comparisons with constants, which become {@link Expr.DataEquals}: switch labels
 * ({@code case "relu"}, {@code case RELU}) and the conditions {@code s.equals("relu")}, {@code
 * "relu".equals(s)}, {@code kind == Kind.RELU} and {@code kind != Kind.RELU}. Any other use is
 * AD115.
 */
final class DataTests {
  private final Context cx;

  DataTests(Context cx) {
    this.cx = cx;
  }

  /** The data variable {@code e} names, if it names one. */
  Optional<Var> variable(Expression e) {
    if (e instanceof NameExpr n && cx.scope.lookup(n.getNameAsString()).isPresent()) {
      return cx.scope
          .lookup(n.getNameAsString())
          .filter(v -> v.type() == Type.OBJECT && cx.data.containsKey(v));
    }
    // a String or enum field of an object ({@code kind}, {@code this.kind}, {@code p.kind()}):
    // only where finding the object lowers nothing (a name or this), since this is only a question
    if (cx.objects != null
        && (e instanceof NameExpr
            || (e instanceof com.github.javaparser.ast.expr.FieldAccessExpr f
                && isNamed(f.getScope()))
            || (e instanceof com.github.javaparser.ast.expr.MethodCallExpr m
                && m.getScope().filter(DataTests::isNamed).isPresent()))) {
      return cx.objects
          .member(e)
          .filter(
              x -> x instanceof dev.adjoint.compiler.ir.Expr.Ref r && cx.data.containsKey(r.var()))
          .map(x -> ((dev.adjoint.compiler.ir.Expr.Ref) x).var());
    }
    return Optional.empty();
  }

  private static boolean isNamed(Expression scope) {
    return scope instanceof NameExpr || scope instanceof com.github.javaparser.ast.expr.ThisExpr;
  }

  DataType type(Var v) {
    return cx.data.get(v);
  }

  /**
   * The data variable a local declaration copies, when the local is never assigned again ({@code
   * final Kind k = kind;}): the local is then another name for it.
   */
  Optional<Var> alias(VariableDeclarator v) {
    Optional<Var> source = v.getInitializer().flatMap(this::variable);
    if (source.isEmpty() || (!v.getType().isVarType() && Types.of(v.getType()).isPresent())) {
      return Optional.empty();
    }
    String name = v.getNameAsString();
    Node root = v.findRootNode();
    boolean assigned =
        root.findAll(AssignExpr.class).stream()
            .anyMatch(a -> a.getTarget() instanceof NameExpr t && t.getNameAsString().equals(name));
    return assigned ? Optional.empty() : source;
  }

  /** AD115 for a data variable used other than in a comparison. */
  Expr misuse(NameExpr n, Var v) {
    return cx.error(DiagnosticCode.AD115, n, Type.DOUBLE, n.getNameAsString(), describe(type(v)));
  }

  private static String describe(DataType t) {
    return t.isEnum() ? "enum " + t.spelling() : "String";
  }

  /** A comparison of a data variable with a constant, or empty when {@code e} is none. */
  Optional<Expr> condition(Expression e) {
    if (e instanceof MethodCallExpr m
        && m.getNameAsString().equals("equals")
        && m.getArguments().size() == 1
        && m.getScope().isPresent()) {
      Expression scope = m.getScope().get();
      Expression arg = m.getArguments().get(0);
      if (variable(scope).isPresent() && arg instanceof StringLiteralExpr) {
        return Optional.of(label(variable(scope).get(), arg, true)); // s.equals("c")
      }
      if (variable(arg).isPresent() && scope instanceof StringLiteralExpr) {
        return Optional.of(label(variable(arg).get(), scope, false)); // "c".equals(s)
      }
    }
    if (e instanceof BinaryExpr b
        && (b.getOperator() == BinaryExpr.Operator.EQUALS
            || b.getOperator() == BinaryExpr.Operator.NOT_EQUALS)) {
      boolean left = variable(b.getLeft()).isPresent();
      Optional<Var> v = left ? variable(b.getLeft()) : variable(b.getRight());
      if (v.isEmpty() || !type(v.get()).isEnum()) {
        return Optional.empty();
      }
      Expr test = label(v.get(), left ? b.getRight() : b.getLeft(), false);
      return Optional.of(
          b.getOperator() == BinaryExpr.Operator.EQUALS || Context.isPlaceholder(test)
              ? test
              : new Expr.Unary(UnOp.NOT, test, Type.BOOLEAN));
    }
    return Optional.empty();
  }

  /**
   * The test that {@code v} equals the constant {@code label}: a string literal for a String, a
   * constant's name ({@code RELU} or {@code Kind.RELU}) for an enum; AD112 for anything else.
   */
  Expr label(Var v, Expression label, boolean nullThrows) {
    DataType t = type(v);
    if (!t.isEnum() && label instanceof StringLiteralExpr s) {
      return new Expr.DataEquals(Exprs.ref(v), null, s.asString(), nullThrows);
    }
    String name =
        label instanceof NameExpr n
            ? n.getNameAsString()
            : label instanceof FieldAccessExpr f ? f.getNameAsString() : null;
    if (t.isEnum() && name != null && (t.constants().isEmpty() || t.constants().contains(name))) {
      return new Expr.DataEquals(Exprs.ref(v), t.spelling(), name, nullThrows);
    }
    return cx.error(DiagnosticCode.AD112, label, Type.BOOLEAN, label.toString());
  }
}
