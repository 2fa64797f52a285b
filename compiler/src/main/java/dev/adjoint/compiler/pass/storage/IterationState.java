package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Stmt;
import java.util.List;

/**
 * State a taped loop stores once per iteration besides its carried scalars ({@link LoopTapes}):
 * storage sized from the trip count before the loop, a store at the start of every iteration, and
 * the restore that brings a reverse iteration back to its start.
 */
public interface IterationState {
  /** The declarations of the storage, before the loop; {@code trips} is the trip count. */
  List<Stmt> allocate(Expr trips);

  /** What iteration {@code iteration} (0 for the first) stores before its body. */
  List<Stmt> store(Expr iteration);

  /** What the reverse of iteration {@code iteration} restores before recomputing it. */
  List<Stmt> restore(Expr iteration);
}
