package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The body of a callee that returns a record or helper object ({@code static Params step(Params p,
 * double g) { ...; return new Params(...); }}): its statements, then one local per field of the
 * returned object, which the call site reads after inlining ({@link ObjectResult}). The object must
 * be returned once, by the last statement.
 */
final class ObjectResults {
  private ObjectResults() {}

  /** {@code inU} for the path {@code in, u}: a Java-style local name. */
  private static String camelCase(List<String> path) {
    StringBuilder b = new StringBuilder(path.get(0));
    for (String p : path.subList(1, path.size())) {
      b.append(Character.toUpperCase(p.charAt(0))).append(p.substring(1));
    }
    return b.toString();
  }

  static Optional<ObjectResult> lower(
      Context cx,
      ExprLowering exprs,
      StmtLowering stmts,
      MethodDeclaration m,
      ClassInfo type,
      List<Statement> source,
      List<Stmt> body) {
    List<ReturnStmt> returns = m.findAll(ReturnStmt.class, r -> !StreamLambdas.inLambda(r));
    boolean last =
        !source.isEmpty()
            && source.get(source.size() - 1) instanceof ReturnStmt r
            && r.getExpression().isPresent();
    if (!last || returns.size() != 1) {
      cx.report(
          DiagnosticCode.AD117,
          returns.isEmpty() ? m.getType() : returns.get(0),
          type.simpleName(),
          "a method returning an object must return it once, with its last statement");
      return Optional.empty();
    }
    body.addAll(stmts.block(source.subList(0, source.size() - 1), false));
    ReturnStmt r = (ReturnStmt) source.get(source.size() - 1);
    List<Stmt> pending = cx.pending;
    cx.pending = new ArrayList<>();
    try {
      Optional<Struct> value = exprs.objects.object(r.getExpression().orElseThrow());
      body.addAll(cx.pending);
      if (value.isEmpty() || !value.get().type.name().equals(type.name())) {
        cx.report(
            DiagnosticCode.AD208,
            r,
            "the method returns a " + type.simpleName() + ", which this expression is not");
        return Optional.empty();
      }
      List<Map.Entry<List<String>, Var>> leaves = new ArrayList<>();
      for (Map.Entry<List<String>, Expr> leaf : value.get().leaves()) {
        Var v = cx.scope.fresh(camelCase(leaf.getKey()), leaf.getValue().type());
        body.add(new Stmt.Declare(v, leaf.getValue()));
        leaves.add(Map.entry(leaf.getKey(), v));
      }
      return Optional.of(new ObjectResult(type, leaves));
    } finally {
      cx.pending = pending;
    }
  }
}
