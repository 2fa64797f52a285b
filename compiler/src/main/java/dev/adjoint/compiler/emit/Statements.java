package dev.adjoint.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Stmt;
import java.util.Arrays;
import java.util.List;

/** Writes IR statements as a JavaPoet code block; expression text comes from {@link Printer}. */
final class Statements {
  /** Where allocations go: {@code new} when null, else the workspace's slots. */
  private final Workspace workspace;

  private Statements(Workspace workspace) {
    this.workspace = workspace;
  }

  static CodeBlock of(List<Stmt> stmts) {
    return of(stmts, null);
  }

  static CodeBlock of(List<Stmt> stmts, Workspace workspace) {
    CodeBlock.Builder out = CodeBlock.builder();
    new Statements(workspace).emit(stmts, out);
    return out.build();
  }

  private void emit(List<Stmt> stmts, CodeBlock.Builder out) {
    for (Stmt s : stmts) {
      emit(s, out);
    }
  }

  private void emit(Stmt s, CodeBlock.Builder out) {
    if (workspace != null
        && s instanceof Stmt.Declare d
        && d.init() instanceof dev.adjoint.compiler.ir.Expr.NewArray n
        && workspace.allocation(d.var(), Printer.expr(n.size())) != null) {
      out.addStatement(
          "$L $L = $L",
          d.var().type().javaName(),
          d.var().name(),
          workspace.allocation(d.var(), Printer.expr(n.size())));
      return;
    }
    if (workspace != null
        && s instanceof Stmt.Assign a
        && a.value() instanceof dev.adjoint.compiler.ir.Expr.CopyOf c
        && c.array() instanceof dev.adjoint.compiler.ir.Expr.Ref r
        && r.var().equals(a.var())
        && workspace.growth(a.var(), Printer.expr(c.length())) != null) {
      out.addStatement(
          "$L = $L", a.var().name(), workspace.growth(a.var(), Printer.expr(c.length())));
      return;
    }
    if (s instanceof Stmt.If i) {
      out.beginControlFlow("if ($L)", Printer.expr(i.cond()));
      emit(i.then(), out);
      List<Stmt> otherwise = i.otherwise();
      while (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If inner) {
        out.nextControlFlow("else if ($L)", Printer.expr(inner.cond()));
        emit(inner.then(), out);
        otherwise = inner.otherwise();
      }
      if (!otherwise.isEmpty()) {
        out.nextControlFlow("else");
        emit(otherwise, out);
      }
      out.endControlFlow();
    } else if (s instanceof Stmt.While w) {
      out.beginControlFlow("while ($L)", Printer.expr(w.cond()));
      emit(w.body(), out);
      out.endControlFlow();
    } else if (s instanceof Stmt.For f) {
      out.beginControlFlow("$L", Printer.forHeader(f));
      emit(f.body(), out);
      out.endControlFlow();
    } else if (s instanceof Stmt.Fill f) {
      out.addStatement(
          "$T.fill($L, $L)", Arrays.class, Printer.expr(f.array()), Printer.expr(f.value()));
    } else if (s instanceof Stmt.Require q) {
      out.beginControlFlow("if (!($L))", Printer.expr(q.cond()))
          .addStatement("throw new IllegalArgumentException($S)", q.message())
          .endControlFlow();
    } else if (s instanceof Stmt.Comment c) {
      out.add("// $L\n", c.text());
    } else {
      String text = Printer.simple(s);
      out.addStatement("$L", text.substring(0, text.length() - 1));
    }
  }
}
