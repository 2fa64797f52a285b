package dev.adjoint.compiler.ir;

/**
 * An operation defined for every statement kind: the exhaustive way to traverse IR statements.
 * {@link Stmt#accept} dispatches to the method for the statement's kind, so a traversal written as
 * a visitor cannot silently skip a kind: it does not compile until it says what each kind means.
 *
 * <p>Adding a statement kind:
 *
 * <ol>
 *   <li>add the record to {@link Stmt} with an {@code accept} that calls {@code v.visit(this)};
 *   <li>add {@code R visit(Stmt.NewKind s)} here; the compiler then rejects every visitor that does
 *       not handle it: {@link Stmts} (writes, declared, reads, exprs, mapExprs, mapBlocks), {@link
 *       Printer}, the emitter's statement writer, and the analyses and passes that walk statements
 *       (liveness, faint code, activity, reverse and forward mode, ...);
 *   <li>decide in {@link Normalised} whether the kind can survive exit normalisation (if not, make
 *       it throw there as {@code Loop}, {@code Break} and {@code Continue} do);
 *   <li>update the remaining instanceof chains, which end in {@code throw new
 *       IllegalStateException} on a kind they do not know (grep {@code unknown statement}), and the
 *       verifier and interpreter;
 *   <li>teach the frontend to produce it and give it a golden or a printed-IR test.
 * </ol>
 *
 * @param <R> what the operation returns per statement
 */
public interface StmtVisitor<R> {
  R visit(Stmt.Declare s);

  R visit(Stmt.Assign s);

  R visit(Stmt.Store s);

  R visit(Stmt.If s);

  R visit(Stmt.For s);

  R visit(Stmt.While s);

  R visit(Stmt.Loop s);

  R visit(Stmt.Break s);

  R visit(Stmt.Continue s);

  R visit(Stmt.Return s);

  R visit(Stmt.Fill s);

  R visit(Stmt.Require s);

  R visit(Stmt.Comment s);

  /**
   * A visitor of code after exit normalisation ({@code pass/Exits}), where the unstructured loop
   * form and its jumps no longer occur: meeting one is a bug in the pipeline, not a kind to skip.
   */
  interface Normalised<R> extends StmtVisitor<R> {
    @Override
    default R visit(Stmt.Loop s) {
      throw notNormalised(s);
    }

    @Override
    default R visit(Stmt.Break s) {
      throw notNormalised(s);
    }

    @Override
    default R visit(Stmt.Continue s) {
      throw notNormalised(s);
    }

    private static IllegalStateException notNormalised(Stmt s) {
      return new IllegalStateException("statement before exit normalisation: " + s);
    }
  }
}
