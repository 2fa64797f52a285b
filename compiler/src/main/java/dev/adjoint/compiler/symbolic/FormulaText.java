package dev.adjoint.compiler.symbolic;

import dev.adjoint.compiler.ir.Expr;

/**
 * A {@link Formula} in the notation of {@link MathText}: a closed formula as its expression, a sum
 * over a loop as {@code outside + Σ_i term} (the outside part only when it is not zero), {@code i}
 * the loop's index.
 */
final class FormulaText {
  private FormulaText() {}

  static String of(Formula f, MathText math) {
    if (f instanceof Formula.Closed c) {
      return math.text(c.value());
    }
    Formula.Summed s = (Formula.Summed) f; // the other kind: Formula is sealed
    String index = math.text(new Expr.Ref(s.loop().index()));
    String sum = "&Sigma;<sub>" + index + "</sub> " + math.text(s.term(), MathText.PRODUCT);
    if (zero(s.term())) {
      return math.text(s.outside()); // no iteration contributes
    }
    return zero(s.outside()) ? sum : math.text(s.outside()) + " + " + sum;
  }

  private static boolean zero(Expr e) {
    return e instanceof Expr.Const c && c.is(0);
  }
}
