package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Stmt.Assign;
import dev.adjoint.compiler.ir.Stmt.Break;
import dev.adjoint.compiler.ir.Stmt.Comment;
import dev.adjoint.compiler.ir.Stmt.Continue;
import dev.adjoint.compiler.ir.Stmt.Declare;
import dev.adjoint.compiler.ir.Stmt.Fill;
import dev.adjoint.compiler.ir.Stmt.For;
import dev.adjoint.compiler.ir.Stmt.If;
import dev.adjoint.compiler.ir.Stmt.Loop;
import dev.adjoint.compiler.ir.Stmt.Require;
import dev.adjoint.compiler.ir.Stmt.Return;
import dev.adjoint.compiler.ir.Stmt.Store;
import dev.adjoint.compiler.ir.Stmt.While;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The two structural rewrites of one statement that {@link Stmts} offers: replacing its nested
 * blocks, and replacing its expressions (nested blocks included). Every kind is rebuilt with its
 * other parts, flags and labels unchanged.
 */
final class StmtRebuild {
  private StmtRebuild() {}

  /** Replaces each block nested directly in a statement; a simple statement stays as it is. */
  record BlockMapper(UnaryOperator<List<Stmt>> f) implements StmtVisitor<Stmt> {
    @Override
    public Stmt visit(Declare s) {
      return s;
    }

    @Override
    public Stmt visit(Assign s) {
      return s;
    }

    @Override
    public Stmt visit(Store s) {
      return s;
    }

    @Override
    public Stmt visit(If s) {
      return s.with(f.apply(s.then()), f.apply(s.otherwise()));
    }

    @Override
    public Stmt visit(For s) {
      return new For(s.index(), s.from(), s.cmp(), s.bound(), s.step(), f.apply(s.body()));
    }

    @Override
    public Stmt visit(While s) {
      return new While(s.cond(), f.apply(s.body()));
    }

    @Override
    public Stmt visit(Loop s) {
      return new Loop(s.label(), s.cond(), f.apply(s.body()), f.apply(s.update()), s.testAtEnd());
    }

    @Override
    public Stmt visit(Break s) {
      return s;
    }

    @Override
    public Stmt visit(Continue s) {
      return s;
    }

    @Override
    public Stmt visit(Return s) {
      return s;
    }

    @Override
    public Stmt visit(Fill s) {
      return s;
    }

    @Override
    public Stmt visit(Require s) {
      return s;
    }

    @Override
    public Stmt visit(Comment s) {
      return s;
    }
  }

  /** Applies {@code f} to every expression of a statement, those of nested blocks included. */
  record ExprMapper(UnaryOperator<Expr> f) implements StmtVisitor<Stmt> {
    private List<Stmt> block(List<Stmt> b) {
      return Stmts.mapExprs(b, f);
    }

    @Override
    public Stmt visit(Declare s) {
      return new Declare(s.var(), s.init() == null ? null : f.apply(s.init()));
    }

    @Override
    public Stmt visit(Assign s) {
      return new Assign(s.var(), f.apply(s.value()));
    }

    @Override
    public Stmt visit(Store s) {
      return new Store(f.apply(s.array()), f.apply(s.index()), f.apply(s.value()));
    }

    @Override
    public Stmt visit(If s) {
      return s.with(f.apply(s.cond()), block(s.then()), block(s.otherwise()));
    }

    @Override
    public Stmt visit(For s) {
      return new For(
          s.index(), f.apply(s.from()), s.cmp(), f.apply(s.bound()), s.step(), block(s.body()));
    }

    @Override
    public Stmt visit(While s) {
      return new While(f.apply(s.cond()), block(s.body()));
    }

    @Override
    public Stmt visit(Loop s) {
      return new Loop(
          s.label(), f.apply(s.cond()), block(s.body()), block(s.update()), s.testAtEnd());
    }

    @Override
    public Stmt visit(Break s) {
      return s;
    }

    @Override
    public Stmt visit(Continue s) {
      return s;
    }

    @Override
    public Stmt visit(Return s) {
      return s.value() == null ? s : new Return(f.apply(s.value()));
    }

    @Override
    public Stmt visit(Fill s) {
      return new Fill(f.apply(s.array()), f.apply(s.value()));
    }

    @Override
    public Stmt visit(Require s) {
      return new Require(f.apply(s.cond()), s.message());
    }

    @Override
    public Stmt visit(Comment s) {
      return s;
    }
  }
}
