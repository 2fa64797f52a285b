package dev.adjoint.compiler.symbolic;

import static dev.adjoint.compiler.ir.Exprs.add;
import static dev.adjoint.compiler.ir.Exprs.neg;
import static dev.adjoint.compiler.ir.Exprs.num;
import static dev.adjoint.compiler.ir.Exprs.sub;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The third step of the formulas: makes an expression readable without changing its value beyond
 * rounding. A sum is flattened into {@link Term}s and like terms are collected ({@code x·y + y·x}
 * is {@code 2·x·y}); zero terms vanish, {@code 0·x} is 0 and {@code 1·x} is x (the conventions of
 * symbolic differentiation: a zero derivative contributes nothing, as in the generated code);
 * constants fold, negations move into the coefficients ({@code −(−x)} is x, {@code a + (−b)} is
 * {@code a − b}), {@code x·x} is {@code x²}. Products of sums are not expanded: a factor that is a
 * sum stays one, as the user wrote it. Int expressions (indexes, lengths) are kept as they are.
 */
final class Simplifier {
  /** Integer exponents up to this merge with their base's other factors. */
  private static final int MAX_EXPONENT = 64;

  private Simplifier() {}

  static Expr simplify(Expr e) {
    if (e.type() != Type.DOUBLE) {
      return e;
    }
    return sum(terms(e));
  }

  /** The terms of {@code e} as a sum, like terms collected, zeros dropped, in first-seen order. */
  private static List<Term> terms(Expr e) {
    List<Term> raw = new ArrayList<>();
    addTerms(e, false, raw);
    Map<String, Term> collected = new LinkedHashMap<>();
    for (Term t : raw) {
      collected.merge(t.key(), t, (a, b) -> a.withCoef(a.coef() + b.coef()));
    }
    return collected.values().stream().filter(t -> t.coef() != 0).toList();
  }

  private static void addTerms(Expr e, boolean negated, List<Term> out) {
    if (e instanceof Expr.Binary b && e.type() == Type.DOUBLE) {
      switch (b.op()) {
        case ADD -> {
          addTerms(b.left(), negated, out);
          addTerms(b.right(), negated, out);
          return;
        }
        case SUB -> {
          addTerms(b.left(), negated, out);
          addTerms(b.right(), !negated, out);
          return;
        }
        default -> {
          // a product or quotient: one term
        }
      }
    }
    if (e instanceof Expr.Unary u && u.op() == UnOp.NEG && e.type() == Type.DOUBLE) {
      addTerms(u.operand(), !negated, out);
      return;
    }
    Term t = term(e);
    if (t.coef() != 0) { // a zero placed first would put like terms after it out of order
      out.add(negated ? t.negate() : t);
    }
  }

  /** {@code e} as one term: a sum inside becomes one factor. */
  private static Term term(Expr e) {
    if (e.type() == Type.INT) {
      OptionalLong c = intConstant(e);
      return c.isPresent() ? Term.constant((double) c.getAsLong()) : Term.atom(e);
    }
    if (e.type() != Type.DOUBLE) {
      throw new Unsupported("type " + e.type());
    }
    if (e instanceof Expr.Const c) {
      return Term.constant(c.value());
    }
    if (e instanceof Expr.Unary u && u.op() == UnOp.NEG) {
      return term(u.operand()).negate();
    }
    if (e instanceof Expr.Binary b) {
      return switch (b.op()) {
        case MUL -> term(b.left()).times(term(b.right()));
        case DIV -> term(b.left()).over(term(b.right()));
        case ADD, SUB -> sumTerm(e);
        default -> throw new Unsupported("operator " + b.op().symbol());
      };
    }
    if (e instanceof Expr.Call c) {
      return call(c);
    }
    if (e instanceof Expr.Cast c && c.type() == Type.DOUBLE) {
      return term(c.operand()); // a widening: the same number
    }
    if (e instanceof Expr.Ref || e instanceof Expr.Index) {
      return Term.atom(e);
    }
    throw new Unsupported(e.getClass().getSimpleName());
  }

  /**
   * The value of an int expression of constants ({@code 2 * 0}), if Java's int arithmetic gives the
   * same as the exact one (no overflow).
   */
  private static OptionalLong intConstant(Expr e) {
    if (e instanceof Expr.Const c) {
      return OptionalLong.of((long) c.value());
    }
    if (e instanceof Expr.Binary b
        && (b.op() == BinOp.ADD || b.op() == BinOp.SUB || b.op() == BinOp.MUL)) {
      OptionalLong l = intConstant(b.left());
      OptionalLong r = intConstant(b.right());
      if (l.isPresent() && r.isPresent()) {
        long x = l.getAsLong();
        long y = r.getAsLong();
        long v = b.op() == BinOp.ADD ? x + y : b.op() == BinOp.SUB ? x - y : x * y;
        return v == (int) v ? OptionalLong.of(v) : OptionalLong.empty();
      }
    }
    return OptionalLong.empty();
  }

  /** A sum as one term: itself if it collects to one term, else one factor. */
  private static Term sumTerm(Expr e) {
    List<Term> ts = terms(e);
    if (ts.isEmpty()) {
      return Term.constant(0);
    }
    return ts.size() == 1 ? ts.get(0) : Term.atom(sum(ts));
  }

  /**
   * A call with simplified arguments; {@code pow(u, k)} with a whole constant k ≥ 0 is a power of
   * u's term ({@code pow(u, 0)} is 1 for every u in Java, NaN included).
   */
  private static Term call(Expr.Call c) {
    if (c.fn() == Fn.POW && c.args().get(1) instanceof Expr.Const k) {
      double n = k.value();
      if (n == 0) {
        return Term.constant(1);
      }
      if (n == Math.rint(n) && n >= 1 && n <= MAX_EXPONENT) {
        return term(c.args().get(0)).pow((int) n);
      }
    }
    List<Expr> args = c.args().stream().map(Simplifier::simplify).toList();
    return Term.atom(new Expr.Call("Math", c.fn(), args, c.type()));
  }

  /** The expression of collected terms: {@code a − b} rather than {@code a + (−1)·b}. */
  private static Expr sum(List<Term> ts) {
    Expr out = null;
    for (Term t : ts) {
      boolean negative = t.coef() < 0;
      Expr m = t.magnitude();
      if (out == null) {
        out = negative ? neg(m) : m;
      } else {
        out = negative ? sub(out, m) : add(out, m);
      }
    }
    return out == null ? num(0) : out;
  }
}
