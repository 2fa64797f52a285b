package dev.adjoint.compiler.symbolic;

import static dev.adjoint.compiler.ir.Exprs.add;
import static dev.adjoint.compiler.ir.Exprs.div;
import static dev.adjoint.compiler.ir.Exprs.mul;
import static dev.adjoint.compiler.ir.Exprs.neg;
import static dev.adjoint.compiler.ir.Exprs.num;
import static dev.adjoint.compiler.ir.Exprs.sub;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.ExprVisitor;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;

/**
 * The second step of the formulas: the symbolic derivative of an expression over the parameters
 * with respect to one scalar parameter, by the textbook rules (sum, product, quotient, chain; the
 * functions' rules are {@link CallDerivatives}'). Arrays are data here: an element read has
 * derivative zero, since only scalar inputs get a formula. The result is raw ({@code 0·x + 1·y});
 * {@link Simplifier} tidies it. Expressions outside the formulas' language are {@link Unsupported}.
 */
final class Derivative implements ExprVisitor<Expr> {
  private final Var wrt;

  private Derivative(Var wrt) {
    this.wrt = wrt;
  }

  /** {@code ∂e/∂wrt}. */
  static Expr of(Expr e, Var wrt) {
    return new Derivative(wrt).d(e);
  }

  Expr d(Expr e) {
    if (e.type() == Type.INT) {
      return num(0); // the loop's index, a length: not differentiable, and constant in wrt
    }
    if (e.type() != Type.DOUBLE) {
      throw new Unsupported("type " + e.type());
    }
    return e.accept(this);
  }

  @Override
  public Expr visit(Expr.Const e) {
    return num(0);
  }

  @Override
  public Expr visit(Expr.Ref e) {
    return num(e.var().equals(wrt) ? 1 : 0);
  }

  @Override
  public Expr visit(Expr.Index e) {
    return num(0);
  }

  @Override
  public Expr visit(Expr.Length e) {
    return num(0);
  }

  @Override
  public Expr visit(Expr.Unary e) {
    if (e.op() != UnOp.NEG) {
      throw new Unsupported("operator " + e.op());
    }
    return neg(d(e.operand()));
  }

  @Override
  public Expr visit(Expr.Binary e) {
    Expr l = e.left();
    Expr r = e.right();
    return switch (e.op()) {
      case ADD -> add(d(l), d(r));
      case SUB -> sub(d(l), d(r));
      case MUL -> add(mul(d(l), r), mul(l, d(r)));
      // (l/r)' = l'/r - l·r'/r²
      case DIV -> sub(div(d(l), r), div(mul(l, d(r)), mul(r, r)));
      default -> throw new Unsupported("operator " + e.op().symbol());
    };
  }

  @Override
  public Expr visit(Expr.Call e) {
    return CallDerivatives.of(e, this);
  }

  @Override
  public Expr visit(Expr.Cast e) {
    if (e.operand().type() == Type.DOUBLE) {
      return d(e.operand());
    }
    return num(0); // an int widened: constant in wrt
  }

  @Override
  public Expr visit(Expr.Invoke e) {
    throw new Unsupported("a user's function with a custom derivative");
  }

  @Override
  public Expr visit(Expr.Apply e) {
    throw new Unsupported("a recursive helper");
  }

  @Override
  public Expr visit(Expr.Cond e) {
    throw new Unsupported("a conditional");
  }

  @Override
  public Expr visit(Expr.NewArray e) {
    throw new Unsupported("an allocation");
  }

  @Override
  public Expr visit(Expr.NewMatrix e) {
    throw new Unsupported("an allocation");
  }

  @Override
  public Expr visit(Expr.CopyOf e) {
    throw new Unsupported("an array copy");
  }

  @Override
  public Expr visit(Expr.DataEquals e) {
    throw new Unsupported("a data test");
  }

  @Override
  public Expr visit(Expr.Opaque e) {
    throw new Unsupported("code kept verbatim");
  }

  /** Whether {@code e} is the constant 0: a rule may then skip a term it would multiply. */
  static boolean zero(Expr e) {
    return e instanceof Expr.Const c && c.is(0);
  }
}
