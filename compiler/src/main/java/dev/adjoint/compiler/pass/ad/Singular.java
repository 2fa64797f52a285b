package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;

/**
 * Expressions whose partial derivatives can be infinite or NaN at some inputs (a division by a
 * variable, log, sqrt, pow, asin, ...). Their adjoint code runs only when the incoming adjoint is
 * nonzero, so that a value the result does not use on this path (a branch not taken) contributes
 * exactly zero instead of 0 * inf = NaN. Which functions have singular partials is {@link
 * Partials}' fact.
 */
final class Singular {
  private Singular() {}

  static boolean of(Expr e) {
    if (e instanceof Expr.Binary b
        && b.op() == BinOp.DIV
        && b.type().isFloating()
        && !(b.right() instanceof Expr.Const)) {
      return true;
    }
    if (e instanceof Expr.Call c && Partials.singular(c)) {
      return true;
    }
    return Exprs.children(e).stream().anyMatch(Singular::of);
  }
}
