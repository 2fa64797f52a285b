package dev.adjoint.compiler.symbolic;

import static dev.adjoint.compiler.ir.Exprs.add;
import static dev.adjoint.compiler.ir.Exprs.mul;
import static dev.adjoint.compiler.ir.Exprs.num;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.pass.ad.Partials;
import dev.adjoint.compiler.pass.cleanup.Simplify;
import java.util.List;

/**
 * The chain rule over a library call for the formulas: each argument's derivative times the
 * function's partial from the passes' own rule table ({@link Partials#partial}), so a formula and
 * the generated code differentiate a function the same way. A partial that keeps a conditional (as
 * for {@code min}, {@code max}, {@code hypot} or a {@code pow} whose base and exponent both vary)
 * makes the formula {@link Unsupported} when it is simplified.
 */
final class CallDerivatives {
  private CallDerivatives() {}

  /** {@code ∂call/∂wrt} by the chain rule, {@code d} differentiating the arguments. */
  static Expr of(Expr.Call call, Derivative d) {
    List<Expr> args = call.args();
    Expr total = num(0);
    for (int j = 0; j < args.size(); j++) {
      Expr inner = d.d(args.get(j));
      if (!Derivative.zero(inner)) {
        Expr partial = Partials.partial(call, j);
        if (partial != null) {
          // a guard on a constant argument (pow(2, x) at a base of 0) folds away here
          total = add(total, mul(Simplify.expr(partial), inner));
        }
      }
    }
    return total;
  }
}
