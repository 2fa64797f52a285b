package dev.adjoint.compiler.symbolic;

import static dev.adjoint.compiler.ir.Exprs.add;
import static dev.adjoint.compiler.ir.Exprs.div;
import static dev.adjoint.compiler.ir.Exprs.mul;
import static dev.adjoint.compiler.ir.Exprs.neg;
import static dev.adjoint.compiler.ir.Exprs.num;
import static dev.adjoint.compiler.ir.Exprs.sub;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Fn;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The derivative rules of the library functions for the formulas: {@code ∂f/∂arg_j} of each
 * function the formulas show, the same rules as the passes' table ({@code pass/ad/Partials}) in
 * textbook form. Functions with no rule here ({@code min}, {@code max}, {@code hypot}, a {@code
 * pow} whose base and exponent both vary) make the formula {@link Unsupported}.
 */
final class CallDerivatives {
  /** Piecewise constant functions a formula may show: their derivative is zero. */
  private static final Set<Fn> STEPS = EnumSet.of(Fn.FLOOR, Fn.CEIL, Fn.RINT, Fn.SIGNUM);

  private CallDerivatives() {}

  /** {@code ∂call/∂wrt} by the chain rule, {@code d} differentiating the arguments. */
  static Expr of(Expr.Call call, Derivative d) {
    if (STEPS.contains(call.fn())) {
      return num(0);
    }
    List<Expr> args = call.args();
    Expr total = num(0);
    for (int j = 0; j < args.size(); j++) {
      Expr inner = d.d(args.get(j));
      if (!Derivative.zero(inner)) {
        total = add(total, mul(partial(call.fn(), args, j), inner));
      }
    }
    return total;
  }

  /** {@code ∂fn(args)/∂args[j]}. */
  private static Expr partial(Fn fn, List<Expr> args, int j) {
    Expr u = args.get(0);
    return switch (fn) {
      case SIN -> call(Fn.COS, u);
      case COS -> neg(call(Fn.SIN, u));
      case TAN -> div(num(1), mul(call(Fn.COS, u), call(Fn.COS, u)));
      case ASIN -> div(num(1), call(Fn.SQRT, sub(num(1), mul(u, u))));
      case ACOS -> neg(div(num(1), call(Fn.SQRT, sub(num(1), mul(u, u)))));
      case ATAN -> div(num(1), add(num(1), mul(u, u)));
      // atan2(u, w): ∂/∂u = w/(w² + u²), ∂/∂w = −u/(w² + u²)
      case ATAN2 -> atan2(args, j);
      case SINH -> call(Fn.COSH, u);
      case COSH -> call(Fn.SINH, u);
      case TANH -> sub(num(1), mul(call(Fn.TANH, u), call(Fn.TANH, u)));
      case EXP, EXPM1 -> call(Fn.EXP, u);
      case LOG -> div(num(1), u);
      case LOG10 -> div(num(1), mul(u, call(Fn.LOG, num(10))));
      case LOG1P -> div(num(1), add(num(1), u));
      case SQRT -> div(num(1), mul(num(2), call(Fn.SQRT, u)));
      case CBRT -> div(num(1), mul(num(3), mul(call(Fn.CBRT, u), call(Fn.CBRT, u))));
      case ABS -> call(Fn.SIGNUM, u);
      case FMA -> j == 2 ? num(1) : args.get(1 - j);
      case POW -> pow(args, j);
      default -> throw new Unsupported("no formula rule for " + fn.javaName());
    };
  }

  private static Expr atan2(List<Expr> args, int j) {
    Expr u = args.get(0);
    Expr w = args.get(1);
    Expr r2 = add(mul(w, w), mul(u, u));
    return j == 0 ? div(w, r2) : neg(div(u, r2));
  }

  /**
   * {@code pow(u, k)} with a constant exponent: {@code k·u^(k-1)}; {@code pow(c, w)} with a
   * positive constant base: {@code c^w·log(c)}. Both varying: no formula.
   */
  private static Expr pow(List<Expr> args, int j) {
    Expr u = args.get(0);
    Expr w = args.get(1);
    if (j == 0 && w instanceof Expr.Const k) {
      return k.value() == 0 ? num(0) : mul(num(k.value()), call(Fn.POW, u, num(k.value() - 1)));
    }
    if (j == 1 && u instanceof Expr.Const c && c.value() > 0) {
      return mul(call(Fn.POW, u, w), call(Fn.LOG, u));
    }
    throw new Unsupported("pow with a varying base and exponent");
  }

  private static Expr call(Fn fn, Expr... args) {
    return Exprs.call("Math", fn, args);
  }
}
