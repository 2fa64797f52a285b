package dev.adjoint.compiler.emit;

import com.palantir.javapoet.CodeBlock;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.StmtVisitor;
import java.util.Arrays;
import java.util.List;

/** Writes IR statements as a JavaPoet code block; expression text comes from {@link Printer}. */
final class Statements implements StmtVisitor<Void> {
  /** Where allocations go: {@code new} when null, else the workspace's slots. */
  private final Workspace workspace;

  private final CodeBlock.Builder out;

  private Statements(Workspace workspace, CodeBlock.Builder out) {
    this.workspace = workspace;
    this.out = out;
  }

  static CodeBlock of(List<Stmt> stmts) {
    return of(stmts, null);
  }

  static CodeBlock of(List<Stmt> stmts, Workspace workspace) {
    CodeBlock.Builder out = CodeBlock.builder();
    new Statements(workspace, out).emit(stmts);
    return out.build();
  }

  private void emit(List<Stmt> stmts) {
    for (Stmt s : stmts) {
      s.accept(this);
    }
  }

  /** A statement with nothing to add to the printer's text, written as one line. */
  private Void simple(Stmt s) {
    String text = Printer.simple(s);
    out.addStatement("$L", text.substring(0, text.length() - 1));
    return null;
  }

  @Override
  public Void visit(Stmt.Declare d) {
    if (workspace != null
        && d.init() instanceof Expr.NewArray n
        && workspace.allocation(d.var(), Printer.expr(n.size())) != null) {
      out.addStatement(
          "$L $L = $L",
          d.var().type().javaName(),
          d.var().name(),
          workspace.allocation(d.var(), Printer.expr(n.size())));
      return null;
    }
    return simple(d);
  }

  @Override
  public Void visit(Stmt.Assign a) {
    if (workspace != null
        && a.value() instanceof Expr.CopyOf c
        && c.array() instanceof Expr.Ref r
        && r.var().equals(a.var())
        && workspace.growth(a.var(), Printer.expr(c.length())) != null) {
      out.addStatement(
          "$L = $L", a.var().name(), workspace.growth(a.var(), Printer.expr(c.length())));
      return null;
    }
    return simple(a);
  }

  @Override
  public Void visit(Stmt.Store s) {
    return simple(s);
  }

  @Override
  public Void visit(Stmt.If i) {
    out.beginControlFlow("if ($L)", Printer.expr(i.cond()));
    emit(i.then());
    List<Stmt> otherwise = i.otherwise();
    while (otherwise.size() == 1 && otherwise.get(0) instanceof Stmt.If inner) {
      out.nextControlFlow("else if ($L)", Printer.expr(inner.cond()));
      emit(inner.then());
      otherwise = inner.otherwise();
    }
    if (!otherwise.isEmpty()) {
      out.nextControlFlow("else");
      emit(otherwise);
    }
    out.endControlFlow();
    return null;
  }

  @Override
  public Void visit(Stmt.For f) {
    out.beginControlFlow("$L", Printer.forHeader(f));
    emit(f.body());
    out.endControlFlow();
    return null;
  }

  @Override
  public Void visit(Stmt.While w) {
    out.beginControlFlow("while ($L)", Printer.expr(w.cond()));
    emit(w.body());
    out.endControlFlow();
    return null;
  }

  @Override
  public Void visit(Stmt.Loop l) {
    throw new IllegalStateException("loop before exit normalisation reached the emitter: " + l);
  }

  @Override
  public Void visit(Stmt.Break b) {
    return simple(b);
  }

  @Override
  public Void visit(Stmt.Continue c) {
    return simple(c);
  }

  @Override
  public Void visit(Stmt.Return r) {
    return simple(r);
  }

  @Override
  public Void visit(Stmt.Fill f) {
    out.addStatement(
        "$T.fill($L, $L)", Arrays.class, Printer.expr(f.array()), Printer.expr(f.value()));
    return null;
  }

  @Override
  public Void visit(Stmt.Require q) {
    out.beginControlFlow("if (!($L))", Printer.expr(q.cond()))
        .addStatement("throw new IllegalArgumentException($S)", q.message())
        .endControlFlow();
    return null;
  }

  @Override
  public Void visit(Stmt.Comment c) {
    out.add("// $L\n", c.text());
    return null;
  }
}
