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
 *   <li>add {@code R visit(Stmt.NewKind s)} here; the compiler then rejects every visitor until it
 *       handles the kind: the parts of a statement ({@code StmtParts}: its expressions, nested
 *       blocks, declared and written variables), its rebuilding ({@code StmtRebuild}: new blocks,
 *       new expressions), {@link Printer} and the emitter's statement writer;
 *   <li>the passes then see the kind through {@link Stmts}: their recursion into nested blocks
 *       ({@link Stmts#blocks}, {@link Stmts#withBlocks}, {@link Stmts#mapBlocks}) covers it, and
 *       their per-kind rules (liveness, faint code, activity, reverse and forward mode, exit
 *       normalisation, renaming, inlining) throw {@code IllegalStateException("unknown statement:
 *       ...")} until it is added: grep {@code unknown statement}, and run the tests;
 *   <li>update the verifier and the interpreter;
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
}
