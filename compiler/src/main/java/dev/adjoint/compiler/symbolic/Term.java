package dev.adjoint.compiler.symbolic;

import static dev.adjoint.compiler.ir.Exprs.div;
import static dev.adjoint.compiler.ir.Exprs.mul;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.Printer;
import dev.adjoint.compiler.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One term of a sum as {@link Simplifier} collects it: {@code coef · Π top / (denCoef · Π bottom)},
 * each product a list of distinct bases with positive integer exponents, in the order they first
 * appeared. Only rewrites that keep the value (up to rounding) are made here: equal bases merge
 * their exponents ({@code x·x²} is {@code x³}, for every x), numeric factors multiply, and nothing
 * cancels across the fraction bar ({@code x/x} is not 1 at {@code x = 0}).
 */
record Term(double coef, List<Power> top, double denCoef, List<Power> bottom) {
  Term {
    top = List.copyOf(top);
    bottom = List.copyOf(bottom);
  }

  /** {@code base^exponent}; {@code key} identifies the base (its canonical Java text). */
  record Power(Expr base, int exponent, String key) {
    static Power of(Expr base) {
      return new Power(base, 1, Printer.expr(base));
    }

    Power times(int k) {
      return new Power(base, exponent * k, key);
    }

    Expr expr() {
      return exponent == 1 ? base : Exprs.call("Math", Fn.POW, base, Exprs.num(exponent));
    }
  }

  static Term constant(double c) {
    return new Term(c, List.of(), 1, List.of());
  }

  /** An expression the simplifier does not look into: a variable, a call, a sum in a product. */
  static Term atom(Expr e) {
    return new Term(1, List.of(Power.of(e)), 1, List.of());
  }

  Term times(Term o) {
    if (coef == 0 || o.coef == 0) {
      return constant(0);
    }
    return normal(coef * o.coef, merge(top, o.top), denCoef * o.denCoef, merge(bottom, o.bottom));
  }

  Term over(Term o) {
    if (o.coef == 0) {
      throw new Unsupported("division by zero");
    }
    if (coef == 0) {
      return constant(0);
    }
    return normal(coef * o.denCoef, merge(top, o.bottom), denCoef * o.coef, merge(bottom, o.top));
  }

  Term negate() {
    return new Term(-coef, top, denCoef, bottom);
  }

  /** This term to the power {@code k}, a positive integer. */
  Term pow(int k) {
    return normal(
        Math.pow(coef, k),
        top.stream().map(p -> p.times(k)).toList(),
        Math.pow(denCoef, k),
        bottom.stream().map(p -> p.times(k)).toList());
  }

  Term withCoef(double c) {
    return new Term(c, top, denCoef, bottom);
  }

  /** What like terms share: everything but the coefficient, the factors in any order. */
  String key() {
    return keys(top) + "/" + denCoef + keys(bottom);
  }

  /** The term without its sign: {@code |coef|·Π top / (denCoef·Π bottom)}. */
  Expr magnitude() {
    Expr over = product(Math.abs(coef), top);
    if (denCoef == 1 && bottom.isEmpty()) {
      return over;
    }
    return div(over, product(denCoef, bottom));
  }

  private static Expr product(double c, List<Power> powers) {
    Expr out = c == 1 && !powers.isEmpty() ? null : Exprs.num(c);
    for (Power p : powers) {
      out = out == null ? p.expr() : mul(out, p.expr());
    }
    // a product of int factors alone (i·j) is still a double in the formula
    return out.type() == Type.DOUBLE ? out : new Expr.Cast(Type.DOUBLE, out);
  }

  private static String keys(List<Power> powers) {
    return powers.stream()
        .map(p -> p.key() + "^" + p.exponent())
        .sorted()
        .collect(Collectors.joining(",", "[", "]"));
  }

  private static List<Power> merge(List<Power> a, List<Power> b) {
    List<Power> out = new ArrayList<>(a);
    for (Power p : b) {
      int at = indexOf(out, p.key());
      if (at < 0) {
        out.add(p);
      } else {
        Power q = out.get(at);
        out.set(at, new Power(q.base(), q.exponent() + p.exponent(), q.key()));
      }
    }
    return out;
  }

  private static int indexOf(List<Power> powers, String key) {
    for (int k = 0; k < powers.size(); k++) {
      if (powers.get(k).key().equals(key)) {
        return k;
      }
    }
    return -1;
  }

  /**
   * The sign on the numerator, and a constant denominator divided out when the quotient is a whole
   * number ({@code 2·a/(2·b)} is {@code a/b}).
   */
  private static Term normal(double coef, List<Power> num, double denCoef, List<Power> den) {
    double c = denCoef < 0 ? -coef : coef;
    double d = Math.abs(denCoef);
    double q = c / d;
    if (d != 1 && q == Math.rint(q) && Math.abs(q) < 1e15) {
      return new Term(q, num, 1, den);
    }
    return new Term(c, num, d, den);
  }
}
