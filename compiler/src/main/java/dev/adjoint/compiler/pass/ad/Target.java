package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Var;

/**
 * Where an adjoint contribution accumulates: a scalar adjoint variable ({@code index} null), or an
 * element {@code array[index]} of an adjoint array (the gradient array for array parameters).
 */
record Target(Expr array, Expr index) {
  static Target scalar(Var v) {
    return new Target(dev.adjoint.compiler.ir.Exprs.ref(v), null);
  }

  /** The scalar adjoint variable, for a scalar target. */
  Var var() {
    return ((dev.adjoint.compiler.ir.Expr.Ref) array).var();
  }
}
