package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.type.VarType;

/**
 * {@code for (Sample s : data) body} over an {@code Iterable} kept verbatim, as Java defines it
 * (JLS 14.14.2): {@code { var it = data.iterator(); while (it.hasNext()) { Sample s = it.next();
 * body } }}, lowered like any while loop; the calls on the iterator are kept verbatim.
 */
final class DataLoops {
  private DataLoops() {}

  static Statement iterator(ForEachStmt f, String it) {
    VariableDeclarationExpr iterator =
        new VariableDeclarationExpr(
            new VariableDeclarator(
                new VarType(), it, new MethodCallExpr(f.getIterable().clone(), "iterator")));
    VariableDeclarationExpr element = f.getVariable().clone();
    element.getVariable(0).setInitializer(new MethodCallExpr(new NameExpr(it), "next"));
    NodeList<Statement> body = new NodeList<>();
    body.add(new ExpressionStmt(element));
    if (f.getBody() instanceof BlockStmt b) {
      b.getStatements().forEach(s -> body.add(s.clone()));
    } else {
      body.add(f.getBody().clone());
    }
    WhileStmt loop =
        new WhileStmt(new MethodCallExpr(new NameExpr(it), "hasNext"), new BlockStmt(body));
    return new BlockStmt(new NodeList<>(new ExpressionStmt(iterator), loop));
  }
}
