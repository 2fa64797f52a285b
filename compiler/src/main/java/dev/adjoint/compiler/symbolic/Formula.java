package dev.adjoint.compiler.symbolic;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Var;

/**
 * What a method computes (or one of its partial derivatives), as {@link Substitution} finds it: a
 * closed expression over the parameters, or a sum over the iterations of a counted loop.
 */
public sealed interface Formula {

  /** The expressions of the formula, each rebuilt by {@code f}: the same shape, other content. */
  Formula map(java.util.function.UnaryOperator<Expr> f);

  /** A closed expression over the parameters. */
  record Closed(Expr value) implements Formula {
    @Override
    public Formula map(java.util.function.UnaryOperator<Expr> f) {
      return new Closed(f.apply(value));
    }
  }

  /**
   * {@code outside + Σ term}, the sum running over the iterations of {@code loop}: {@code term}
   * reads the parameters and the loop's index, {@code outside} the parameters only.
   */
  record Summed(Expr outside, Loop loop, Expr term) implements Formula {
    @Override
    public Formula map(java.util.function.UnaryOperator<Expr> f) {
      return new Summed(f.apply(outside), loop, f.apply(term));
    }
  }

  /**
   * The header of a counted loop {@code for (int index = from; index cmp bound; index += step)},
   * its bounds over the parameters.
   */
  record Loop(Var index, Expr from, BinOp cmp, Expr bound, long step) {}
}
