package dev.adjoint.compiler.pass;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Var;

/**
 * Where an adjoint contribution accumulates: a scalar adjoint variable ({@code index} null), or an
 * element {@code var[index]} of an adjoint array (the gradient array for array parameters).
 */
record Target(Var var, Expr index) {
  static Target scalar(Var v) {
    return new Target(v, null);
  }
}
