package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.Overload;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Typing;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lowers calls of {@code Math} / {@code StrictMath} functions; other calls go to {@link Calls}. */
final class MathCalls {
  private final Context cx;
  private final ExprLowering exprs;
  private final Calls calls;

  MathCalls(Context cx, ExprLowering exprs, Calls calls) {
    this.cx = cx;
    this.exprs = exprs;
    this.calls = calls;
  }

  /** Why a {@code Math} function is rejected (AD309), and what to write instead. */
  private record Rewrite(String why, String as) {}

  /**
   * The {@code Math} functions that are deliberately not in {@link Fn}: {@code random} is not a
   * function of the inputs, {@code clamp} (Java 21) has an exact rewrite with min and max.
   */
  private static final Map<String, Rewrite> REWRITES =
      Map.of(
          "random",
          new Rewrite(
              "its value is not a function of the method's inputs",
              "take the random numbers as a @NoDerivative parameter (a double or double[]) the caller fills"),
          "clamp",
          new Rewrite(
              "Math.clamp (Java 21) is not supported",
              "Math.min(Math.max(v, lo), hi): its derivative goes to v between the bounds (ties"
                  + " included) and to the bound it returns outside them"));

  static boolean isMathClass(String scope) {
    return scope.equals("Math")
        || scope.equals("StrictMath")
        || scope.equals("java.lang.Math")
        || scope.equals("java.lang.StrictMath");
  }

  static String simpleOwner(String scope) {
    return scope.endsWith("StrictMath") ? "StrictMath" : "Math";
  }

  /** {@code Double.isNaN(x)} and the like: a boolean of the value, with no derivative. */
  private Expr predicate(Fn fn, MethodCallExpr m) {
    Expr arg = exprs.lower(m.getArguments().get(0));
    if (!arg.type().isNumeric()) {
      return cx.error(
          DiagnosticCode.AD208,
          m.getArguments().get(0),
          Type.BOOLEAN,
          "Double." + fn.javaName() + " needs a number");
    }
    if (arg.type() != Type.DOUBLE) {
      arg = new Expr.Cast(Type.DOUBLE, arg);
    }
    return new Expr.Call("Double", fn, List.of(arg), Type.BOOLEAN);
  }

  Expr lower(MethodCallExpr m) {
    String callee = m.getScope().map(s -> s + ".").orElse("") + m.getNameAsString();
    Optional<String> scope = m.getScope().map(Expression::toString);
    Optional<Fn> test = Fn.find("Double", m.getNameAsString());
    if (scope.isPresent()
        && (scope.get().equals("Double") || scope.get().equals("java.lang.Double"))
        && test.isPresent()
        && m.getArguments().size() == 1) {
      return predicate(test.get(), m);
    }
    if (scope.isEmpty()
        || !isMathClass(scope.get())
        || cx.program
            .resolver
            .rule(scope.get(), m.getNameAsString(), m.getArguments().size())
            .isPresent()) {
      return calls.lower(m, false); // a user's own rule for a Math function takes precedence
    }
    Optional<Fn> fn = Fn.find(simpleOwner(scope.get()), m.getNameAsString());
    Rewrite rewrite = REWRITES.get(m.getNameAsString());
    if (fn.isEmpty() && rewrite != null) {
      return cx.error(DiagnosticCode.AD309, m, Type.DOUBLE, callee, rewrite.why(), rewrite.as());
    }
    if (fn.isEmpty()) {
      return cx.error(
          DiagnosticCode.AD301, m, Type.DOUBLE, callee, "Adjoint has no derivative rule for it");
    }
    if (fn.get().arity() != m.getArguments().size()) {
      return cx.error(
          DiagnosticCode.AD301,
          m,
          Type.DOUBLE,
          callee,
          "expected " + fn.get().arity() + " argument(s), found " + m.getArguments().size());
    }
    EvaluationOrder order = new EvaluationOrder(cx);
    for (Expression a : m.getArguments()) {
      Expr arg = order.add(exprs.lower(a));
      if (!arg.type().isNumeric()) {
        return cx.error(
            DiagnosticCode.AD208,
            a,
            Type.DOUBLE,
            "Math." + fn.get().javaName() + " needs numeric arguments");
      }
    }
    List<Expr> args = order.values();
    Optional<Type> type =
        Typing.call(fn.get(), args.stream().map(Expr::type).toList()).map(Overload::result);
    if (type.isEmpty()) {
      // the integer functions (floorDiv, addExact, ...) and int parameters (scalb's exponent)
      return cx.error(
          DiagnosticCode.AD208,
          m,
          Type.DOUBLE,
          "no overload of Math."
              + fn.get().javaName()
              + " takes ("
              + String.join(", ", args.stream().map(a -> a.type().javaName()).toList())
              + ")");
    }
    return new Expr.Call(simpleOwner(scope.get()), fn.get(), args, type.get());
  }
}
