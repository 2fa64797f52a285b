package dev.adjoint.compiler.ir;

import java.util.List;

/**
 * An IR statement. Control flow is structured: blocks are lists, loops are counted, and a
 * function's only {@link Return} is its last statement.
 */
public sealed interface Stmt {

  /** Declares {@code var}, with an initial value unless {@code init} is null. */
  record Declare(Var var, Expr init) implements Stmt {}

  record Assign(Var var, Expr value) implements Stmt {}

  /** An array element write {@code array[index] = value}. */
  record Store(Expr array, Expr index, Expr value) implements Stmt {}

  record If(Expr cond, List<Stmt> then, List<Stmt> otherwise) implements Stmt {
    public If {
      then = List.copyOf(then);
      otherwise = List.copyOf(otherwise);
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
  }

  record Return(Expr value) implements Stmt {}

  /** {@code java.util.Arrays.fill(array, value)}. */
  record Fill(Expr array, Expr value) implements Stmt {}

  /** A line comment in the generated code; no effect. */
  record Comment(String text) implements Stmt {}
}
