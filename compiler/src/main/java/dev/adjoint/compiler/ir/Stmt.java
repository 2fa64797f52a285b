package dev.adjoint.compiler.ir;

import java.util.List;

/**
 * An IR statement. Control flow is structured: blocks are lists, loops are counted, and a
 * function's only {@link Return} is its last statement.
 */
public sealed interface Stmt {

  /** Calls the visitor's method for this statement's kind. */
  <R> R accept(StmtVisitor<R> v);

  /** Declares {@code var}, with an initial value unless {@code init} is null. */
  record Declare(Var var, Expr init) implements Stmt {
    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  record Assign(Var var, Expr value) implements Stmt {
    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** An array element write {@code array[index] = value}. */
  record Store(Expr array, Expr index, Expr value) implements Stmt {
    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * {@code if (cond) then else otherwise}. A {@code guard} is made by reverse mode around the
   * adjoint code of an expression with singular partials: {@code cond} is {@code adj != 0} and
   * {@code then} contributes exactly nothing when {@code adj} is zero (it is skipped so that {@code
   * 0 * inf} cannot make a NaN). Forward mode must run the tangent part of a guard's body also when
   * {@code adj} is zero but its tangent is not (see {@code pass/Guards}). Passes that rebuild an
   * {@code If} keep the flag through {@link #with}.
   */
  record If(Expr cond, List<Stmt> then, List<Stmt> otherwise, boolean guard) implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
    }

    /** A branch of the user's program (or of generated control flow): not a guard. */
    public If(Expr cond, List<Stmt> then, List<Stmt> otherwise) {
      this(cond, then, otherwise, false);
    }

    /** This statement with new parts, still a guard if it was one. */
    public If with(Expr cond, List<Stmt> then, List<Stmt> otherwise) {
      return new If(cond, then, otherwise, guard);
    }

    /** This statement with new blocks, still a guard if it was one. */
    public If with(List<Stmt> then, List<Stmt> otherwise) {
      return new If(cond, then, otherwise, guard);
    }

    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * A counted loop {@code for (int index = from; index cmp bound; index += step) body}. The body
   * never assigns {@code index} nor any variable {@code bound} reads, so the trip count is known
   * when the loop starts.
   */
  record For(Var index, Expr from, BinOp cmp, Expr bound, long step, List<Stmt> body)
      implements Stmt {
    public For {
      body = List.copyOf(body);
    }

    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** {@code while (cond) body}: a loop whose trip count is known only when it ends. */
  record While(Expr cond, List<Stmt> body) implements Stmt {
    public While {
      body = List.copyOf(body);
    }

    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * A loop as the frontend first lowers it, before the exits are made structured: {@code label:
   * while (cond) { body; update }} ({@code do { body } while (cond)} when {@code testAtEnd}), in
   * which {@link Break}, {@link Continue} and {@link Return} may appear. The exit normalisation
   * pass replaces it by a {@link While} with flags.
   */
  record Loop(String label, Expr cond, List<Stmt> body, List<Stmt> update, boolean testAtEnd)
      implements Stmt {
    public Loop {
      body = List.copyOf(body);
      update = List.copyOf(update);
    }

    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** {@code break label}; only inside a {@link Loop}, before exit normalisation. */
  record Break(String label) implements Stmt {
    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** {@code continue label}; only inside a {@link Loop}, before exit normalisation. */
  record Continue(String label) implements Stmt {
    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** Returns from the function; anywhere before exit normalisation, last afterwards. */
  record Return(Expr value) implements Stmt {
    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** {@code java.util.Arrays.fill(array, value)}. */
  record Fill(Expr array, Expr value) implements Stmt {
    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /**
   * Throws {@code IllegalArgumentException(message)} unless {@code cond} holds: an argument check.
   */
  record Require(Expr cond, String message) implements Stmt {
    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }

  /** A line comment in the generated code; no effect. */
  record Comment(String text) implements Stmt {
    @Override
    public <R> R accept(StmtVisitor<R> v) {
      return v.visit(this);
    }
  }
}
