package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.UnknownType;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The functions a stream pipeline applies (the lambda of {@code map}, {@code filter}, {@code
 * reduce}, or a method reference such as {@code Math::sqrt} or {@code Double::sum}), applied to IR
 * values: each parameter becomes a variable of the loop body (the current element, the accumulator)
 * under the lambda's own name, and the body is lowered in place, in the supported language. A
 * lambda that writes an array or one of its parameters (a stateful lambda) is reported (AD113).
 */
final class StreamLambdas {
  private final Context cx;
  private final ExprLowering exprs;
  private final StmtLowering stmts;

  StreamLambdas(Context cx, ExprLowering exprs, StmtLowering stmts) {
    this.cx = cx;
    this.exprs = exprs;
    this.stmts = stmts;
  }

  /**
   * Whether {@code n} is inside a lambda: its {@code return} returns from the lambda, not from the
   * method or a loop around the stream.
   */
  static boolean inLambda(Node n) {
    return enclosingLambda(n) != null;
  }

  private static LambdaExpr enclosingLambda(Node n) {
    for (Node p = n.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof LambdaExpr l) {
        return l;
      }
    }
    return null;
  }

  /**
   * The name of the first parameter of {@code fn} if it is a lambda that does not assign it: the
   * name of the variable (the element, the accumulator) it stands for.
   */
  static Optional<String> firstParameter(Expression fn) {
    if (fn instanceof LambdaExpr l && !l.getParameters().isEmpty() && !writesParameter(l)) {
      return Optional.of(l.getParameters().get(0).getNameAsString());
    }
    return Optional.empty();
  }

  /** The name of the second parameter of {@code fn} if it is a lambda (a reduction's element). */
  static Optional<String> secondParameter(Expression fn) {
    if (fn instanceof LambdaExpr l && l.getParameters().size() > 1 && !writesParameter(l)) {
      return Optional.of(l.getParameters().get(1).getNameAsString());
    }
    return Optional.empty();
  }

  /**
   * Applies {@code fn} to {@code args}: statements computing its value go to {@code into}, the
   * value is returned; empty when reported. {@code op} names the stream operation in diagnostics.
   */
  Optional<Expr> apply(Expression fn, String op, List<Expr> args, List<Stmt> into) {
    if (fn instanceof LambdaExpr l) {
      return lambda(l, op, args, into);
    }
    if (fn instanceof MethodReferenceExpr r) {
      return reference(r, op, args, into);
    }
    Expr v = exprs.lower(fn);
    if (!Context.isPlaceholder(v)) {
      cx.report(
          DiagnosticCode.AD113, fn, op, "its argument must be a lambda or a method reference");
    }
    return Optional.empty();
  }

  private Optional<Expr> lambda(LambdaExpr l, String op, List<Expr> args, List<Stmt> into) {
    NodeList<Parameter> params = l.getParameters();
    if (params.size() != args.size()) {
      cx.report(
          DiagnosticCode.AD113, l, op, "its lambda must take " + args.size() + " parameter(s)");
      return Optional.empty();
    }
    Optional<Expression> write = stateful(l);
    if (write.isPresent()) {
      cx.report(
          DiagnosticCode.AD113,
          write.get(),
          op,
          "a lambda that writes '" + write.get() + "' is stateful; streams take pure functions");
      return Optional.empty();
    }
    List<Statement> prefix = List.of();
    Expression result;
    if (l.getExpressionBody().isPresent()) {
      result = l.getExpressionBody().get();
    } else {
      List<Statement> body = ((BlockStmt) l.getBody()).getStatements();
      List<ReturnStmt> returns = ownReturns(l);
      if (body.isEmpty()
          || returns.size() != 1
          || !(body.get(body.size() - 1) instanceof ReturnStmt last)
          || last.getExpression().isEmpty()) {
        cx.report(
            DiagnosticCode.AD113,
            l,
            op,
            "a block lambda must end in its only return statement, which returns a value");
        return Optional.empty();
      }
      prefix = body.subList(0, body.size() - 1);
      result = last.getExpression().get();
    }
    cx.scope.push(false);
    try {
      for (int k = 0; k < params.size(); k++) {
        Parameter p = params.get(k);
        Optional<Type> declared =
            p.getType() instanceof UnknownType ? Optional.empty() : Types.of(p.getType());
        if (!(p.getType() instanceof UnknownType)
            && (declared.isEmpty() || declared.get() != args.get(k).type())) {
          cx.report(
              DiagnosticCode.AD208,
              p,
              "the stream passes "
                  + args.get(k).type().javaName()
                  + " to '"
                  + p.getNameAsString()
                  + "'");
          return Optional.empty();
        }
        bind(p.getNameAsString(), args.get(k), into);
      }
      into.addAll(stmts.block(prefix, false));
      return Optional.of(value(result, into));
    } finally {
      cx.scope.pop();
    }
  }

  /**
   * {@code Math::sqrt}, {@code Model::f}, {@code Double::sum}: the call (or the sum) the reference
   * stands for, lowered at the reference's position.
   */
  private Optional<Expr> reference(
      MethodReferenceExpr r, String op, List<Expr> args, List<Stmt> into) {
    String owner = r.getScope().toString();
    String name = r.getIdentifier();
    boolean boxed = owner.equals("Double") || owner.equals("Integer") || owner.equals("Long");
    boolean local =
        r.getScope() instanceof NameExpr n && cx.scope.lookup(n.getNameAsString()).isPresent();
    if (local
        || owner.equals("this")
        || owner.equals("super")
        || (boxed && !isBoxedOperator(name))) {
      cx.report(
          DiagnosticCode.AD113,
          r,
          op,
          "the method reference " + r + " is not a static method of the supported language");
      return Optional.empty();
    }
    cx.scope.push(false);
    try {
      List<Expression> names = new ArrayList<>();
      for (Expr a : args) {
        String fresh = cx.scope.freshName("v");
        bind(fresh, a, into);
        names.add(at(new NameExpr(fresh), r));
      }
      Expression call;
      if (boxed && name.equals("sum") && names.size() == 2) {
        call = new BinaryExpr(names.get(0), names.get(1), BinaryExpr.Operator.PLUS);
      } else {
        Expression scope = boxed ? new NameExpr("Math") : r.getScope().clone();
        call = new MethodCallExpr(at(scope, r), name, new NodeList<>(names));
      }
      at(call, r);
      call.setParentNode(r);
      return Optional.of(value(call, into));
    } finally {
      cx.scope.pop();
    }
  }

  private static boolean isBoxedOperator(String name) {
    return Set.of("sum", "max", "min").contains(name);
  }

  private static <N extends Node> N at(N node, Node where) {
    where.getRange().ifPresent(node::setRange);
    return node;
  }

  /** {@code name} denotes {@code value}: the variable itself, or a new local holding it. */
  private void bind(String name, Expr value, List<Stmt> into) {
    if (value instanceof Expr.Ref ref) {
      cx.scope.bind(name, ref.var());
      return;
    }
    Var v = cx.scope.declare(name, value.type());
    into.add(new Stmt.Declare(v, value));
  }

  /** Lowers the function's result; what its calls need first goes to {@code into}. */
  private Expr value(Expression e, List<Stmt> into) {
    List<Stmt> outer = cx.pending;
    cx.pending = new ArrayList<>();
    try {
      Expr v = exprs.lower(e);
      into.addAll(cx.pending);
      return v;
    } finally {
      cx.pending = outer;
    }
  }

  /** The return statements of {@code l} itself, not of lambdas nested in it. */
  @SuppressWarnings("ReferenceEquality") // the same node: JavaParser's equals compares structure
  private static List<ReturnStmt> ownReturns(LambdaExpr l) {
    return l.findAll(ReturnStmt.class).stream().filter(r -> enclosingLambda(r) == l).toList();
  }

  /** Whether the lambda assigns one of its own parameters. */
  private static boolean writesParameter(LambdaExpr l) {
    Set<String> params =
        Set.copyOf(l.getParameters().stream().map(Parameter::getNameAsString).toList());
    return writes(l).stream()
        .anyMatch(t -> t instanceof NameExpr n && params.contains(n.getNameAsString()));
  }

  /** The first write that makes the lambda stateful: to an array element or to a parameter. */
  private static Optional<Expression> stateful(LambdaExpr l) {
    Set<String> params =
        Set.copyOf(l.getParameters().stream().map(Parameter::getNameAsString).toList());
    return writes(l).stream()
        .filter(
            t ->
                t instanceof ArrayAccessExpr
                    || (t instanceof NameExpr n && params.contains(n.getNameAsString())))
        .findFirst();
  }

  /** The targets of the assignments and increments in the lambda's body. */
  private static List<Expression> writes(LambdaExpr l) {
    List<Expression> out = new ArrayList<>();
    l.getBody().findAll(AssignExpr.class).forEach(a -> out.add(a.getTarget()));
    l.getBody()
        .findAll(UnaryExpr.class)
        .forEach(
            u -> {
              if (u.getOperator() == UnaryExpr.Operator.PREFIX_INCREMENT
                  || u.getOperator() == UnaryExpr.Operator.PREFIX_DECREMENT
                  || u.getOperator() == UnaryExpr.Operator.POSTFIX_INCREMENT
                  || u.getOperator() == UnaryExpr.Operator.POSTFIX_DECREMENT) {
                out.add(u.getExpression());
              }
            });
    return out;
  }
}
