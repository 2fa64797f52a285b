package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Locals of a classic switch block used in a later case than the one declaring them ({@code case 0:
 * double t = x; ... case 1: t = y; ...}), for {@link Switches}: Java's switch block is one scope,
 * while the lowered cases are separate branches.
 */
final class SharedLocals {
  private SharedLocals() {}

  /**
   * The switch block of the classic form is one scope: a local declared in one case may be assigned
   * and read in a later one. Such locals are declared before the switch (in a scope around it) and
   * their declarations in the case become assignments ({@link Context#shared}).
   */
  static List<Stmt> declare(Context cx, NodeList<SwitchEntry> entries) {
    List<Stmt> declarations = new ArrayList<>();
    for (int k = 0; k < entries.size(); k++) {
      if (entries.get(k).getType() != SwitchEntry.Type.STATEMENT_GROUP) {
        continue;
      }
      for (Statement st : entries.get(k).getStatements()) {
        if (!(st instanceof ExpressionStmt es
            && es.getExpression() instanceof VariableDeclarationExpr d)) {
          continue;
        }
        for (VariableDeclarator v : d.getVariables()) {
          Optional<Type> t = v.getType().isVarType() ? Optional.empty() : Types.of(v.getType());
          if (t.isPresent() && !t.get().isArray() && usedAfter(entries, k, v.getNameAsString())) {
            Var var = cx.scope.declare(v.getNameAsString(), t.get());
            cx.shared.put(v, var);
            declarations.add(new Stmt.Declare(var, null));
          }
        }
      }
    }
    return declarations;
  }

  private static boolean usedAfter(NodeList<SwitchEntry> entries, int k, String name) {
    for (int j = k + 1; j < entries.size(); j++) {
      if (entries.get(j).findAll(NameExpr.class).stream()
          .anyMatch(n -> n.getNameAsString().equals(name))) {
        return true;
      }
    }
    return false;
  }
}
