package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.CopyOf;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Invoke;
import dev.adjoint.compiler.ir.Expr.Length;
import dev.adjoint.compiler.ir.Expr.NewArray;
import dev.adjoint.compiler.ir.Expr.NewMatrix;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Expr.Unary;
import java.util.Set;

/**
 * Collects the variables an expression reads into one set, in first-occurrence order. The liveness
 * and faint-code passes ask this of every expression in every clean-up round, so it visits the tree
 * directly instead of building lists of children.
 */
final class ExprReads implements ExprVisitor<Void> {
  private final Set<Var> out;

  ExprReads(Set<Var> out) {
    this.out = out;
  }

  private void all(Iterable<Expr> es) {
    for (Expr e : es) {
      e.accept(this);
    }
  }

  @Override
  public Void visit(Const e) {
    return null;
  }

  @Override
  public Void visit(Ref e) {
    out.add(e.var());
    return null;
  }

  @Override
  public Void visit(Index e) {
    e.array().accept(this);
    e.index().accept(this);
    return null;
  }

  @Override
  public Void visit(Length e) {
    e.array().accept(this);
    return null;
  }

  @Override
  public Void visit(Unary e) {
    e.operand().accept(this);
    return null;
  }

  @Override
  public Void visit(Binary e) {
    e.left().accept(this);
    e.right().accept(this);
    return null;
  }

  @Override
  public Void visit(Call e) {
    all(e.args());
    return null;
  }

  @Override
  public Void visit(Invoke e) {
    all(e.args());
    return null;
  }

  @Override
  public Void visit(Expr.Apply e) {
    all(e.args());
    return null;
  }

  @Override
  public Void visit(Cast e) {
    e.operand().accept(this);
    return null;
  }

  @Override
  public Void visit(Cond e) {
    e.cond().accept(this);
    e.then().accept(this);
    e.otherwise().accept(this);
    return null;
  }

  @Override
  public Void visit(NewArray e) {
    e.size().accept(this);
    return null;
  }

  @Override
  public Void visit(NewMatrix e) {
    e.rows().accept(this);
    if (e.cols() != null) {
      e.cols().accept(this);
    }
    return null;
  }

  @Override
  public Void visit(CopyOf e) {
    e.array().accept(this);
    e.length().accept(this);
    return null;
  }

  @Override
  public Void visit(Expr.DataEquals e) {
    e.subject().accept(this);
    return null;
  }

  @Override
  public Void visit(Expr.Opaque e) {
    e.operands().forEach(o -> o.accept(this));
    return null;
  }
}
