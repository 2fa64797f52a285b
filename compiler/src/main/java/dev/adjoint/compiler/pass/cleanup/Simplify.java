package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Expr.Unary;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import java.util.ArrayList;
import java.util.List;

/**
 * Algebraic simplification that never changes a computed value (up to the sign of a zero): {@code x
 * * 1}, {@code x + 0}, {@code -(-x)}, {@code x + -y}, {@code e + e → 2.0 * e}, constant folding;
 * and removal of self-assignments and empty control flow.
 */
public final class Simplify {
  private Simplify() {}

  public static Function run(Function f) {
    List<Stmt> body = Stmts.mapExprs(f.body(), e -> Exprs.rewrite(e, Simplify::node));
    return f.withBody(Stmts.mapBlocks(body, Simplify::statements));
  }

  /** {@code e} simplified bottom-up by the same rules, its value unchanged. */
  public static Expr expr(Expr e) {
    return Exprs.rewrite(e, Simplify::node);
  }

  /** One node simplified by the first rule that matches it; a node no rule matches stays. */
  static Expr node(Expr e) {
    if (e instanceof Unary u && u.op() == UnOp.NEG) {
      if (u.operand() instanceof Unary inner && inner.op() == UnOp.NEG) {
        return inner.operand();
      }
      if (u.operand() instanceof Const c && c.type().isNumeric()) {
        return constant(c.type(), -c.value());
      }
    }
    if (e instanceof Cast c && c.operand().type() == c.type()) {
      return c.operand();
    }
    if (e instanceof Cast c && c.type() == Type.FLOAT) {
      // (float) 1.0 is 1.0f; (float) (c ? 1.0 : 0.0) is c ? 1.0f : 0.0f (a seeded direction)
      if (c.operand() instanceof Const k && k.type() == Type.DOUBLE) {
        return Const.ofFloat((float) k.value());
      }
      if (c.operand() instanceof Cond k
          && k.then() instanceof Const a
          && k.otherwise() instanceof Const b
          && a.type() == Type.DOUBLE
          && b.type() == Type.DOUBLE) {
        return new Cond(
            k.cond(),
            Const.ofFloat((float) a.value()),
            Const.ofFloat((float) b.value()),
            Type.FLOAT);
      }
    }
    if (e instanceof Cond c) {
      if (c.then().equals(c.otherwise())) {
        return c.then();
      }
      if (c.cond() instanceof Const k) {
        return k.value() != 0 ? c.then() : c.otherwise();
      }
    }
    if (e instanceof Binary b) {
      return binary(b);
    }
    return e;
  }

  private static Expr binary(Binary b) {
    Expr l = b.left();
    Expr r = b.right();
    Type t = b.type();
    boolean arithmetic = t.isNumeric() && b.op().isArithmetic();
    if (arithmetic
        && l instanceof Const cl
        && r instanceof Const cr
        && cl.type().isNumeric()
        && cr.type().isNumeric()) {
      Expr folded = fold(b.op(), cl.value(), cr.value(), t);
      if (folded != null) {
        return folded;
      }
    }
    if (!arithmetic) {
      return comparison(b);
    }
    switch (b.op()) {
      case MUL:
        if (isOne(r) && l.type() == t) {
          return l;
        }
        if (isOne(l) && r.type() == t) {
          return r;
        }
        break;
      case DIV:
        if (isOne(r) && l.type() == t) {
          return l;
        }
        break;
      case ADD:
        if (isZero(r) && l.type() == t) {
          return l;
        }
        if (isZero(l) && r.type() == t) {
          return r;
        }
        if (negated(r) != null) {
          return new Binary(BinOp.SUB, l, negated(r), t);
        }
        if (negated(l) != null && negated(r) == null) {
          return new Binary(BinOp.SUB, r, negated(l), t);
        }
        if (t.isFloating() && l.equals(r)) {
          return new Binary(BinOp.MUL, t == Type.FLOAT ? Const.ofFloat(2) : Const.of(2), l, t);
        }
        if (t.isFloating()
            && l instanceof Binary lm
            && r instanceof Binary rm
            && lm.op() == BinOp.MUL
            && rm.op() == BinOp.MUL
            && lm.left().equals(rm.right())
            && lm.right().equals(rm.left())) {
          // a * b + b * a: the two products are the same double (multiplication commutes exactly)
          return new Binary(BinOp.MUL, t == Type.FLOAT ? Const.ofFloat(2) : Const.of(2), l, t);
        }
        if (t.isIntegral()
            && l instanceof Binary lb
            && lb.op() == BinOp.SUB
            && lb.right().equals(r)) {
          return lb.left(); // (a - k) + k
        }
        break;
      case SUB:
        if (isZero(r) && l.type() == t) {
          return l;
        }
        if (negated(r) != null) {
          return new Binary(BinOp.ADD, l, negated(r), t);
        }
        if (t.isIntegral()
            && l instanceof Binary lb
            && lb.op() == BinOp.ADD
            && lb.right().equals(r)) {
          return lb.left(); // (a + k) - k
        }
        break;
      default:
        break;
    }
    return b;
  }

  /**
   * {@code e} without its sign when it is {@code -e}, {@code (-a) * b}, {@code a * (-b)} or {@code
   * (-a) / b} (negation is exact, so moving it changes no value); null otherwise.
   */
  private static Expr negated(Expr e) {
    if (e instanceof Unary u && u.op() == UnOp.NEG) {
      return u.operand();
    }
    if (e instanceof Const c && c.type().isNumeric() && c.value() < 0) {
      return constant(c.type(), -c.value());
    }
    if (e instanceof Binary b
        && b.type().isFloating()
        && (b.op() == BinOp.MUL || b.op() == BinOp.DIV)) {
      if (b.left() instanceof Unary u && u.op() == UnOp.NEG) {
        return new Binary(b.op(), u.operand(), b.right(), b.type());
      }
      if (b.op() == BinOp.MUL && b.right() instanceof Unary u && u.op() == UnOp.NEG) {
        return new Binary(b.op(), b.left(), u.operand(), b.type());
      }
      Expr left = negated(b.left());
      if (left != null && !(b.left() instanceof Const)) {
        return new Binary(b.op(), left, b.right(), b.type());
      }
      Expr right = b.op() == BinOp.MUL ? negated(b.right()) : null;
      if (right != null && !(b.right() instanceof Const)) {
        return new Binary(b.op(), b.left(), right, b.type());
      }
    }
    return null;
  }

  private static Expr fold(BinOp op, double a, double b, Type t) {
    if (t == Type.FLOAT) {
      float x = (float) a;
      float y = (float) b;
      return switch (op) {
        case ADD -> Const.ofFloat(x + y);
        case SUB -> Const.ofFloat(x - y);
        case MUL -> Const.ofFloat(x * y);
        case DIV -> Const.ofFloat(x / y);
        default -> null;
      };
    }
    if (t == Type.DOUBLE) {
      return switch (op) {
        case ADD -> constant(t, a + b);
        case SUB -> constant(t, a - b);
        case MUL -> constant(t, a * b);
        case DIV -> constant(t, a / b);
        default -> null;
      };
    }
    long x = (long) a;
    long y = (long) b;
    long v;
    switch (op) {
      case ADD -> v = x + y;
      case SUB -> v = x - y;
      case MUL -> v = x * y;
      default -> {
        return null;
      }
    }
    if ((t == Type.INT && v != (int) v)
        || !exactAsDouble(x)
        || !exactAsDouble(y)
        || !exactAsDouble(v)) {
      return null; // overflow of an int, or a long the double the IR holds it in cannot represent
    }
    return constant(t, (double) v);
  }

  /**
   * Whether {@code v} is below 2^53 in magnitude, so that the IR's double held it exactly (2^53
   * itself may be a rounded 2^53 + 1).
   */
  private static boolean exactAsDouble(long v) {
    return -(1L << 53) < v && v < 1L << 53;
  }

  private static Const constant(Type t, double v) {
    if (t == Type.DOUBLE) {
      return Const.of(v);
    }
    if (t == Type.FLOAT) {
      return Const.ofFloat((float) v);
    }
    String text = Long.toString((long) v) + (t == Type.LONG ? "L" : "");
    return new Const(t, v, text);
  }

  private static boolean isOne(Expr e) {
    return e instanceof Const c && c.type().isNumeric() && c.value() == 1;
  }

  private static boolean isZero(Expr e) {
    return e instanceof Const c && c.type().isNumeric() && c.value() == 0;
  }

  /** A comparison of two numeric constants (a guard like {@code 1.0 != 0.0} left by folding). */
  private static Expr comparison(Binary b) {
    if (!(b.left() instanceof Const l)
        || !(b.right() instanceof Const r)
        || !l.type().isNumeric()
        || !r.type().isNumeric()) {
      return b;
    }
    double x = l.value();
    double y = r.value();
    return switch (b.op()) {
      case EQ -> Const.ofBoolean(x == y);
      case NE -> Const.ofBoolean(x != y);
      case LT -> Const.ofBoolean(x < y);
      case LE -> Const.ofBoolean(x <= y);
      case GT -> Const.ofBoolean(x > y);
      case GE -> Const.ofBoolean(x >= y);
      default -> b;
    };
  }

  /** The block without statements that do nothing; a statement no rule matches stays. */
  private static List<Stmt> statements(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a && a.value() instanceof Ref r && r.var().equals(a.var())) {
        continue;
      }
      if (s instanceof Stmt.Store st
          && st.value() instanceof Index ix
          && ix.array().equals(st.array())
          && ix.index().equals(st.index())) {
        continue;
      }
      if (s instanceof Stmt.If i && i.then().isEmpty() && i.otherwise().isEmpty()) {
        continue;
      }
      if (s instanceof Stmt.If i && i.cond() instanceof Const k && k.type() == Type.BOOLEAN) {
        List<Stmt> taken = k.value() != 0 ? i.then() : i.otherwise();
        if (Stmts.declared(taken).isEmpty()) {
          out.addAll(taken); // a constant guard: only the branch taken remains
          continue;
        }
      }
      if (s instanceof Stmt.If i && i.then().isEmpty()) {
        out.add(new Stmt.If(new Unary(UnOp.NOT, i.cond(), Type.BOOLEAN), i.otherwise(), List.of()));
        continue;
      }
      if (s instanceof Stmt.While w && w.body().isEmpty()) {
        continue; // only dead code leaves a loop empty (see DeadCodeElimination)
      }
      if (s instanceof Stmt.For f && f.body().isEmpty()) {
        continue;
      }
      out.add(s);
    }
    return out;
  }
}
