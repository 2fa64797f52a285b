package dev.adjoint.compiler.ir;

/**
 * An operation defined for every expression kind: the exhaustive way to traverse IR expressions.
 * {@link Expr#accept} dispatches to the method for the expression's kind, so a traversal written as
 * a visitor does not compile until it says what each kind means.
 *
 * <p>Adding an expression kind: add the record to {@link Expr} with an {@code accept} that calls
 * {@code v.visit(this)} and a method here; the compiler then rejects every visitor that does not
 * handle it ({@link Exprs} children and rewrite, {@link Printer}); then update the instanceof
 * chains that end in {@code throw new IllegalStateException} on a kind they do not know (grep
 * {@code unknown expression}), the verifier, the interpreter and the derivative rules.
 *
 * @param <R> what the operation returns per expression
 */
public interface ExprVisitor<R> {
  R visit(Expr.Const e);

  R visit(Expr.Ref e);

  R visit(Expr.Index e);

  R visit(Expr.Length e);

  R visit(Expr.Unary e);

  R visit(Expr.Binary e);

  R visit(Expr.Call e);

  R visit(Expr.Invoke e);

  R visit(Expr.Apply e);

  R visit(Expr.Cast e);

  R visit(Expr.Cond e);

  R visit(Expr.NewArray e);

  R visit(Expr.NewMatrix e);

  R visit(Expr.CopyOf e);

  R visit(Expr.DataEquals e);

  R visit(Expr.Opaque e);
}
