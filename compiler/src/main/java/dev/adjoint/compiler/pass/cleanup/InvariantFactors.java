package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Tangent functions only: inside a loop, a product chain multiplies its loop-invariant factors
 * last, {@code a * x[i] * x[i] * x[i]} becoming {@code x[i] * x[i] * x[i] * a}, so that the value
 * and its tangent ({@code aDot * x[i] * x[i] * x[i]}) share {@code x[i] * x[i] * x[i]} through
 * common-subexpression elimination, as do the other terms of a polynomial.
 *
 * <p>This re-associates floating-point products, so intermediate values may change in the last bit.
 * That is why it runs only where no primal value is returned: {@code mTangent} returns the
 * directional derivative alone, and a derivative evaluated with a last-bit-different intermediate
 * is still the derivative to within rounding (the dot-product test against reverse mode holds to
 * 1e-12). Value-returning functions (the gradient, the Hessian) never go through this pass.
 */
public final class InvariantFactors {
  private InvariantFactors() {}

  /**
   * {@code f} rewritten, or unchanged when it returns an array (a Jacobian-vector product returns
   * the value too).
   */
  public static Function run(Function f) {
    if (f.returnType() != Type.DOUBLE) {
      return f;
    }
    return f.withBody(rewrite(f.body()));
  }

  private static List<Stmt> rewrite(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>(block.size());
    for (Stmt s : block) {
      if (s instanceof Stmt.For f) {
        Set<Var> variant = Stmts.writes(f.body());
        variant.add(f.index());
        List<Stmt> body =
            Stmts.mapExprs(rewrite(f.body()), e -> Exprs.rewrite(e, n -> reordered(n, variant)));
        out.add(new Stmt.For(f.index(), f.from(), f.cmp(), f.bound(), f.step(), body));
      } else {
        // only a counted loop has invariants to move; every other kind passes its blocks on
        out.add(Stmts.withBlocks(s, InvariantFactors::rewrite));
      }
    }
    return out;
  }

  /**
   * A maximal product chain with its invariant factors moved to the end, or {@code e} unchanged.
   */
  private static Expr reordered(Expr e, Set<Var> variant) {
    if (!(e instanceof Binary b) || b.op() != BinOp.MUL || b.type() != Type.DOUBLE) {
      return e;
    }
    List<Expr> factors = new ArrayList<>();
    flatten(b, factors);
    if (factors.stream().anyMatch(f -> f.type() != Type.DOUBLE)) {
      return e; // an int factor is promoted where it stands; moving it could make an int product
    }
    List<Expr> varying = new ArrayList<>();
    List<Expr> invariant = new ArrayList<>();
    for (Expr factor : factors) {
      boolean varies = Exprs.reads(factor).stream().anyMatch(variant::contains);
      (varies ? varying : invariant).add(factor);
    }
    if (varying.size() < 2 || invariant.isEmpty()) {
      // nothing to share unless at least two varying factors can form a common product
      return e;
    }
    List<Expr> order = new ArrayList<>(varying);
    order.addAll(invariant);
    if (order.equals(factors)) {
      return e;
    }
    Expr product = order.get(0);
    for (int k = 1; k < order.size(); k++) {
      product = new Binary(BinOp.MUL, product, order.get(k), Type.DOUBLE);
    }
    return product;
  }

  /** The factors of a left-nested product {@code ((f1 * f2) * f3) ...}, in order. */
  private static void flatten(Expr e, List<Expr> out) {
    if (e instanceof Binary b && b.op() == BinOp.MUL && b.type() == Type.DOUBLE) {
      flatten(b.left(), out);
      out.add(b.right());
    } else {
      out.add(e);
    }
  }
}
