package dev.adjoint.compiler.pass.ad;

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
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.pass.storage.NamedCalls;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * The derivative rules of the {@link Fn} functions, one entry per function that is not piecewise
 * constant (checked when the class loads): the contribution {@code adj * ∂f/∂arg_j} that a call
 * passes to its j-th argument, which partials read the call's own value, and where the partials are
 * singular. Reverse mode, forward mode, {@link NamedCalls} and {@link Singular} all read this
 * table. Choices at kinks and singular points are the documented ones: abs'(0) = 0, min/max ties go
 * to the first argument, sqrt'(0) = +inf, pow(u, w) contributes 0 to u at u == w == 0 and 0 to w
 * when u == 0, hypot at the origin gives 0, copySign(m, s) gives 0 to m at m == 0 and nothing to s,
 * IEEEremainder(a, b) gives -rint(a / b) to b (the quotient of one side at a jump), nextUp,
 * nextDown and nextAfter pass the adjoint through unchanged.
 */
public final class Partials {
  private static final double LN10 = Math.log(10.0);

  /** A call's arguments and the adjoint (or tangent) a rule multiplies by its partial. */
  record At(String owner, List<Expr> args, int j, Expr adj, Expr self) {
    Expr u() {
      return args.get(0);
    }

    Expr w() {
      return args.get(1);
    }

    /** {@code owner.fn(args)}: a call of the same class (Math or StrictMath). */
    Expr call(Fn fn, Expr... args) {
      return dev.adjoint.compiler.ir.Exprs.call(owner, fn, args);
    }
  }

  /** The contribution {@code adj * ∂f/∂arg_j}, or null when argument j gets none. */
  @FunctionalInterface
  interface Contribution {
    Expr of(At at);
  }

  /**
   * How the passes differentiate one function.
   *
   * @param contribution {@code adj * ∂f/∂arg_j}
   * @param readsValue whether the partial for argument j is written with the call's value ({@code
   *     self}), so the reverse sweep reads the value rather than computing the function again
   * @param singularAt whether a call with these arguments has partials that can be infinite or NaN
   */
  record Rule(
      Contribution contribution, IntPredicate readsValue, Predicate<List<Expr>> singularAt) {
    Rule(Contribution contribution) {
      this(contribution, j -> false, args -> false);
    }

    /** Every partial is written with the call's value. */
    Rule readingValue() {
      return new Rule(contribution, j -> true, singularAt);
    }

    /** The partials are infinite or NaN at some arguments whatever the arguments are. */
    Rule singular() {
      return new Rule(contribution, readsValue, args -> true);
    }
  }

  private static final Map<Fn, Rule> RULES = new EnumMap<>(Fn.class);

  static {
    put(Fn.SIN, new Rule(x -> mul(x.adj(), x.call(Fn.COS, x.u()))));
    put(Fn.COS, new Rule(x -> neg(mul(x.adj(), x.call(Fn.SIN, x.u())))));
    put(Fn.TAN, new Rule(x -> div(x.adj(), mul(x.call(Fn.COS, x.u()), x.call(Fn.COS, x.u())))));
    put(
        Fn.ASIN,
        new Rule(x -> div(x.adj(), x.call(Fn.SQRT, sub(num(1), mul(x.u(), x.u()))))).singular());
    put(
        Fn.ACOS,
        new Rule(x -> neg(div(x.adj(), x.call(Fn.SQRT, sub(num(1), mul(x.u(), x.u()))))))
            .singular());
    put(Fn.ATAN, new Rule(x -> div(x.adj(), add(num(1), mul(x.u(), x.u())))));
    put(
        Fn.ATAN2,
        new Rule(
                x -> {
                  Expr u = x.u();
                  Expr w = x.w();
                  return x.j() == 0
                      ? div(mul(x.adj(), w), add(mul(w, w), mul(u, u)))
                      : neg(div(mul(x.adj(), u), add(mul(w, w), mul(u, u))));
                })
            .singular());
    put(Fn.SINH, new Rule(x -> mul(x.adj(), x.call(Fn.COSH, x.u()))));
    put(Fn.COSH, new Rule(x -> mul(x.adj(), x.call(Fn.SINH, x.u()))));
    put(Fn.TANH, new Rule(x -> mul(x.adj(), sub(num(1), mul(x.self(), x.self())))).readingValue());
    put(Fn.EXP, new Rule(x -> mul(x.adj(), x.self())).readingValue());
    put(Fn.EXPM1, new Rule(x -> mul(x.adj(), x.call(Fn.EXP, x.u()))));
    put(Fn.LOG, new Rule(x -> div(x.adj(), x.u())).singular());
    put(
        Fn.LOG10,
        new Rule(x -> div(x.adj(), mul(x.u(), new Const(Type.DOUBLE, LN10, "Math.log(10.0)"))))
            .singular());
    put(Fn.LOG1P, new Rule(x -> div(x.adj(), add(num(1), x.u()))).singular());
    put(Fn.SQRT, new Rule(x -> div(x.adj(), mul(num(2), x.self()))).readingValue().singular());
    put(
        Fn.CBRT,
        new Rule(x -> div(x.adj(), mul(num(3), mul(x.self(), x.self()))))
            .readingValue()
            .singular());
    put(
        Fn.POW,
        new Rule(
            x -> x.j() == 0 ? powBase(x) : powExponent(x),
            j -> j == 1,
            // a constant exponent of at least 1 keeps the base's partial finite
            args -> !(args.get(1) instanceof Const k) || k.value() < 1));
    put(
        Fn.HYPOT,
        new Rule(
                x ->
                    cond(
                        binary(BinOp.EQ, x.self(), num(0)),
                        num(0),
                        div(mul(x.adj(), x.j() == 0 ? x.u() : x.w()), x.self())))
            .readingValue()
            .singular());
    put(
        Fn.FMA,
        new Rule(
            x ->
                switch (x.j()) {
                  case 0 -> mul(x.adj(), x.w());
                  case 1 -> mul(x.adj(), x.u());
                  default -> x.adj();
                }));
    // copySign(m, s) = |m| sgn(s), with sgn(+0) = +1 and sgn(-0) = -1: ∂/∂m = signum(m) sgn(s),
    // 0 at m = 0 (like abs); piecewise constant in s
    put(
        Fn.COPY_SIGN,
        new Rule(
            x ->
                x.j() == 0
                    ? mul(
                        x.adj(),
                        mul(x.call(Fn.SIGNUM, x.u()), x.call(Fn.COPY_SIGN, unit(x.u()), x.w())))
                    : null));
    // scalb(d, n) = d 2^n: the adjoint scaled by 2^n, exactly as the value is
    put(Fn.SCALB, new Rule(x -> x.j() == 0 ? x.call(Fn.SCALB, x.adj(), x.w()) : null));
    // IEEEremainder(a, b) = a - b q with q = rint(a / b), constant between the kinks (a / b half
    // an odd integer, where the value jumps)
    put(
        Fn.IEEE_REMAINDER,
        new Rule(x -> x.j() == 0 ? x.adj() : neg(mul(x.adj(), x.call(Fn.RINT, div(x.u(), x.w())))))
            .singular());
    // one ulp away from x: the identity's derivative (the step itself is piecewise constant)
    put(Fn.NEXT_UP, new Rule(At::adj));
    put(Fn.NEXT_DOWN, new Rule(At::adj));
    put(Fn.NEXT_AFTER, new Rule(x -> x.j() == 0 ? x.adj() : null));
    put(Fn.ABS, new Rule(x -> mul(x.adj(), x.call(Fn.SIGNUM, x.u()))));
    // the zero of the adjoint's type: a float adjoint stays float
    put(
        Fn.MIN,
        new Rule(
            x ->
                x.j() == 0
                    ? cond(binary(BinOp.LE, x.u(), x.w()), x.adj(), Const.zero(x.adj().type()))
                    : cond(binary(BinOp.LE, x.u(), x.w()), Const.zero(x.adj().type()), x.adj())));
    put(
        Fn.MAX,
        new Rule(
            x ->
                x.j() == 0
                    ? cond(binary(BinOp.GE, x.u(), x.w()), x.adj(), Const.zero(x.adj().type()))
                    : cond(binary(BinOp.GE, x.u(), x.w()), Const.zero(x.adj().type()), x.adj())));
    put(
        Fn.TO_RADIANS,
        new Rule(x -> mul(x.adj(), new Const(Type.DOUBLE, Math.PI / 180, "(Math.PI / 180.0)"))));
    put(
        Fn.TO_DEGREES,
        new Rule(x -> mul(x.adj(), new Const(Type.DOUBLE, 180 / Math.PI, "(180.0 / Math.PI)"))));
    checkComplete();
  }

  private Partials() {}

  private static void put(Fn fn, Rule rule) {
    if (RULES.put(fn, rule) != null) {
      throw new IllegalStateException("two derivative rules for " + fn);
    }
  }

  /** Every function that is not piecewise constant has a rule, and no other function has one. */
  private static void checkComplete() {
    List<Fn> wrong =
        Arrays.stream(Fn.values())
            .filter(f -> RULES.containsKey(f) == f.piecewiseConstant())
            .toList();
    if (!wrong.isEmpty()) {
      throw new IllegalStateException(
          "derivative rules missing, or given for piecewise constant functions: " + wrong);
    }
  }

  /** The rule of a function that is not piecewise constant; null for the others. */
  static Rule rule(Fn fn) {
    return RULES.get(fn);
  }

  /** The contribution to argument {@code j}, or null when there is none (piecewise constant). */
  static Expr contribution(Call c, int j, Expr adj, Expr self) {
    Rule rule = RULES.get(c.fn());
    return rule == null ? null : rule.contribution().of(new At(c.owner(), c.args(), j, adj, self));
  }

  /**
   * {@code ∂c/∂arg_j} at the call's arguments, written with the call itself where the rule reads
   * its value; null when the function is piecewise constant in that argument. The symbolic formulas
   * of the generated Javadoc differentiate calls by this, the passes' own table.
   */
  public static Expr partial(Call c, int j) {
    return contribution(c, j, num(1), c);
  }

  /** Whether the rule for argument {@code j} reads the call's value ({@code self}). */
  static boolean usesSelf(Fn fn, int j) {
    Rule rule = RULES.get(fn);
    return rule != null && rule.readsValue().test(j);
  }

  /**
   * Whether the rule for every argument reads the call's value ({@code tanh}, {@code exp}, ...):
   * then the reverse sweep needs the value whichever argument is active.
   */
  public static boolean alwaysUsesSelf(Fn fn) {
    Rule rule = RULES.get(fn);
    if (rule == null) {
      return false;
    }
    for (int j = 0; j < fn.arity(); j++) {
      if (!rule.readsValue().test(j)) {
        return false;
      }
    }
    return true;
  }

  /** Whether this call's partials can be infinite or NaN at some arguments. */
  static boolean singular(Call c) {
    Rule rule = RULES.get(c.fn());
    return rule != null && rule.singularAt().test(c.args());
  }

  private static Expr powBase(At x) {
    Expr adj = x.adj();
    Expr u = x.u();
    Expr w = x.w();
    if (w instanceof Const c && c.type() != Type.BOOLEAN) {
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
      // small integer exponents: products in the derivative code (the primal keeps its pow call,
      // whose value the Java spec does not promise equal to the product's)
      if (k == 4) {
        return mul(adj, mul(num(4), mul(mul(u, u), u)));
      }
      if (k == -1) {
        return neg(div(adj, mul(u, u)));
      }
      if (k == -2) {
        return mul(adj, div(num(-2), mul(mul(u, u), u)));
      }
      if (k == 0.5) {
        return div(mul(num(0.5), adj), x.call(Fn.SQRT, u));
      }
      return mul(adj, mul(num(k), x.call(Fn.POW, u, num(k - 1))));
    }
    // only pow(0, 0) needs the rule (0 * pow(0, -1) would be NaN); testing w == 0 alone would also
    // give the partial's derivative along w as 0 where it is 1/u (a wrong Hessian at w = 0)
    Expr partial = mul(w, x.call(Fn.POW, u, sub(w, num(1))));
    Expr origin = binary(BinOp.AND, binary(BinOp.EQ, w, num(0)), binary(BinOp.EQ, u, num(0)));
    return mul(adj, cond(origin, num(0), partial));
  }

  /** The constant 1 of {@code e}'s floating type (a float 1 keeps float rules in float). */
  static Expr unit(Expr e) {
    return e.type() == Type.FLOAT ? Const.ofFloat(1) : num(1);
  }

  private static Expr powExponent(At x) {
    return mul(
        x.adj(),
        cond(binary(BinOp.EQ, x.u(), num(0)), num(0), mul(x.self(), x.call(Fn.LOG, x.u()))));
  }
}
