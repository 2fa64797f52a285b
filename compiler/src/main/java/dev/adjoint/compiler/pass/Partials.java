package dev.adjoint.compiler.pass;

import static dev.adjoint.compiler.ir.Exprs.add;
import static dev.adjoint.compiler.ir.Exprs.binary;
import static dev.adjoint.compiler.ir.Exprs.cond;
import static dev.adjoint.compiler.ir.Exprs.div;
import static dev.adjoint.compiler.ir.Exprs.mul;
import static dev.adjoint.compiler.ir.Exprs.neg;
import static dev.adjoint.compiler.ir.Exprs.num;
import static dev.adjoint.compiler.ir.Exprs.sub;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Fn;

/**
 * Derivative rules of the {@link Fn} functions: the contribution {@code adj * ∂f/∂arg_j} that a
 * call passes to its j-th argument. {@code self} is the call's value (a variable holding it where
 * the reverse sweep has one, else the call itself). Choices at kinks and singular points are the
 * documented ones: abs'(0) = 0, min/max ties go to the first argument, sqrt'(0) = +inf, pow(u, w)
 * contributes 0 to u at u == w == 0 and 0 to w when u == 0, hypot at the origin gives 0.
 */
final class Partials {
  private static final double LN10 = Math.log(10.0);

  private Partials() {}

  /** The contribution to argument {@code j}, or null when there is none (piecewise constant). */
  static Expr contribution(Call c, int j, Expr adj, Expr self) {
    Expr u = c.args().get(0);
    Expr w = c.args().size() > 1 ? c.args().get(1) : null;
    String m = c.owner();
    return switch (c.fn()) {
      case SIN -> mul(adj, call(m, Fn.COS, u));
      case COS -> neg(mul(adj, call(m, Fn.SIN, u)));
      case TAN -> div(adj, mul(call(m, Fn.COS, u), call(m, Fn.COS, u)));
      case ASIN -> div(adj, call(m, Fn.SQRT, sub(num(1), mul(u, u))));
      case ACOS -> neg(div(adj, call(m, Fn.SQRT, sub(num(1), mul(u, u)))));
      case ATAN -> div(adj, add(num(1), mul(u, u)));
      case ATAN2 ->
          j == 0
              ? div(mul(adj, w), add(mul(w, w), mul(u, u)))
              : neg(div(mul(adj, u), add(mul(w, w), mul(u, u))));
      case SINH -> mul(adj, call(m, Fn.COSH, u));
      case COSH -> mul(adj, call(m, Fn.SINH, u));
      case TANH -> mul(adj, sub(num(1), mul(self, self)));
      case EXP -> mul(adj, self);
      case EXPM1 -> mul(adj, call(m, Fn.EXP, u));
      case LOG -> div(adj, u);
      case LOG10 ->
          div(adj, mul(u, new Const(dev.adjoint.compiler.ir.Type.DOUBLE, LN10, "Math.log(10.0)")));
      case LOG1P -> div(adj, add(num(1), u));
      case SQRT -> div(adj, mul(num(2), self));
      case CBRT -> div(adj, mul(num(3), mul(self, self)));
      case POW -> j == 0 ? powBase(m, adj, u, w) : powExponent(m, adj, u, self);
      case HYPOT ->
          cond(binary(BinOp.EQ, self, num(0)), num(0), div(mul(adj, j == 0 ? u : w), self));
      case ABS -> mul(adj, call(m, Fn.SIGNUM, u));
      case MIN ->
          j == 0
              ? cond(binary(BinOp.LE, u, w), adj, num(0))
              : cond(binary(BinOp.LE, u, w), num(0), adj);
      case MAX ->
          j == 0
              ? cond(binary(BinOp.GE, u, w), adj, num(0))
              : cond(binary(BinOp.GE, u, w), num(0), adj);
      case TO_RADIANS ->
          mul(
              adj,
              new Const(dev.adjoint.compiler.ir.Type.DOUBLE, Math.PI / 180, "(Math.PI / 180.0)"));
      case TO_DEGREES ->
          mul(
              adj,
              new Const(dev.adjoint.compiler.ir.Type.DOUBLE, 180 / Math.PI, "(180.0 / Math.PI)"));
      case FLOOR, CEIL, RINT, SIGNUM, STOP_GRADIENT, TOTAL_LENGTH, IS_NAN, IS_INFINITE, IS_FINITE ->
          null;
    };
  }

  /** Whether the rule for argument {@code j} reads the call's value ({@code self}). */
  static boolean usesSelf(Fn fn, int j) {
    return switch (fn) {
      case TANH, EXP, SQRT, CBRT, HYPOT -> true;
      case POW -> j == 1;
      default -> false;
    };
  }

  private static Expr powBase(String m, Expr adj, Expr u, Expr w) {
    if (w instanceof Const c && c.type() != dev.adjoint.compiler.ir.Type.BOOLEAN) {
      double k = c.value();
      if (k == 0) {
        return null;
      }
      if (k == 1) {
        return adj;
      }
      if (k == 2) {
        return mul(adj, mul(num(2), u));
      }
      if (k == 3) {
        return mul(adj, mul(num(3), mul(u, u)));
      }
      if (k == 0.5) {
        return div(mul(num(0.5), adj), call(m, Fn.SQRT, u));
      }
      return mul(adj, mul(num(k), call(m, Fn.POW, u, num(k - 1))));
    }
    // only pow(0, 0) needs the rule (0 * pow(0, -1) would be NaN); testing w == 0 alone would also
    // give the partial's derivative along w as 0 where it is 1/u (a wrong Hessian at w = 0)
    Expr partial = mul(w, call(m, Fn.POW, u, sub(w, num(1))));
    Expr origin = binary(BinOp.AND, binary(BinOp.EQ, w, num(0)), binary(BinOp.EQ, u, num(0)));
    return mul(adj, cond(origin, num(0), partial));
  }

  private static Expr powExponent(String m, Expr adj, Expr u, Expr self) {
    return mul(adj, cond(binary(BinOp.EQ, u, num(0)), num(0), mul(self, call(m, Fn.LOG, u))));
  }

  private static Expr call(String owner, Fn fn, Expr... args) {
    return dev.adjoint.compiler.ir.Exprs.call(owner, fn, args);
  }
}
