package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a constant power-of-two factor out of a loop's accumulations: the adjoint of a squared
 * error, {@code double yPredBar = 2.0 * t}, feeds {@code aBar += yPredBar * x[i] * ...} in every
 * iteration; without the 2 inside the loop and {@code aBar = 2.0 * aBar} once after it, each
 * iteration does one multiplication less. The values are the same doubles: scaling by a power of
 * two is exact, so {@code Σ 2·s_i} and {@code 2·Σ s_i} round identically (barring overflow or
 * subnormal partial sums).
 *
 * <p>Conservative by design: a loop is rewritten only when every use of a scaled value (a local of
 * the loop body defined as {@code K * e}, or as a product or quotient with one scaled factor) is
 * another scaled value or an accumulation {@code acc += term}, every accumulation into such an
 * {@code acc} carries the same K, {@code acc} is read nowhere else in the loop and is zero just
 * before it.
 */
public final class ScaleHoisting {
  private ScaleHoisting() {}

  public static Function run(Function f) {
    return f.withBody(Stmts.mapBlocks(f.body(), ScaleHoisting::block));
  }

  private static List<Stmt> block(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>(in.size());
    for (int p = 0; p < in.size(); p++) {
      Stmt s = in.get(p);
      if (s instanceof Stmt.For f) {
        Loop loop = new Loop(f.body());
        if (loop.analyse() && loop.zeroBefore(out)) {
          out.add(
              new Stmt.For(f.index(), f.from(), f.cmp(), f.bound(), f.step(), loop.rewritten()));
          loop.accumulators.forEach(
              (acc, k) -> out.add(new Stmt.Assign(acc, Exprs.mul(Const.of(k), Exprs.ref(acc)))));
          continue;
        }
      }
      out.add(s);
    }
    return out;
  }

  /** The analysis of one loop body. */
  private static final class Loop {
    private final List<Stmt> body;

    /**
     * Locals scaled by a factor: those whose definition drops a factor map to the unscaled value.
     */
    private final Map<Var, Double> scaled = new HashMap<>();

    private final Map<Var, Expr> unscaled = new HashMap<>();

    /** Accumulation statements (by position) and their unscaled terms. */
    private final Map<Integer, Expr> terms = new HashMap<>();

    final Map<Var, Double> accumulators = new LinkedHashMap<>();

    Loop(List<Stmt> body) {
      this.body = body;
    }

    boolean analyse() {
      for (int at = 0; at < body.size(); at++) {
        Stmt s = body.get(at);
        if (s instanceof Stmt.Declare d && d.init() != null && d.var().type() == Type.DOUBLE) {
          Expr e = factorOut(d.init());
          Double k = e != null ? factor(d.init()) : scale(d.init());
          if (k != null) {
            scaled.put(d.var(), k);
            if (e != null) {
              unscaled.put(d.var(), e);
            }
            continue;
          }
        }
        if (s instanceof Stmt.Assign a
            && a.var().type() == Type.DOUBLE
            && a.value() instanceof Binary b
            && (b.op() == BinOp.ADD || b.op() == BinOp.SUB)
            && b.left() instanceof Ref r
            && r.var().equals(a.var())) {
          Expr direct = factorOut(b.right());
          Double k = direct != null ? factor(b.right()) : scale(b.right());
          if (k != null) {
            if (accumulators.containsKey(a.var()) && !accumulators.get(a.var()).equals(k)) {
              return false;
            }
            accumulators.put(a.var(), k);
            terms.put(at, direct != null ? direct : b.right());
          }
        }
      }
      return !accumulators.isEmpty() && usesAreAllowed();
    }

    /** Every read of a scaled local or an accumulator is one the rewrite accounts for. */
    private boolean usesAreAllowed() {
      Set<Var> watched = new HashSet<>(scaled.keySet());
      watched.addAll(accumulators.keySet());
      for (int at = 0; at < body.size(); at++) {
        Stmt s = body.get(at);
        if (terms.containsKey(at) || (s instanceof Stmt.Declare d && scaled.containsKey(d.var()))) {
          continue;
        }
        Set<Var> touched = new HashSet<>(Stmts.reads(s));
        touched.addAll(Stmts.writes(s));
        touched.retainAll(watched);
        if (!touched.isEmpty()) {
          return false;
        }
      }
      // an accumulator must not be declared inside the loop (its value would not leave it)
      return accumulators.keySet().stream().noneMatch(Stmts.declared(body)::contains);
    }

    /**
     * Whether every accumulator is zero just before the loop (its last write in {@code before}).
     */
    boolean zeroBefore(List<Stmt> before) {
      for (Var acc : accumulators.keySet()) {
        boolean zero = false;
        for (int at = before.size() - 1; at >= 0; at--) {
          Stmt s = before.get(at);
          if ((s instanceof Stmt.Declare d && d.var().equals(acc))
              || (s instanceof Stmt.Assign a && a.var().equals(acc))) {
            Expr v = s instanceof Stmt.Declare d ? d.init() : ((Stmt.Assign) s).value();
            zero = v instanceof Const c && c.type().isFloating() && c.value() == 0;
            break;
          }
          if (Stmts.reads(s).contains(acc) || Stmts.writes(s).contains(acc)) {
            break;
          }
        }
        if (!zero) {
          return false;
        }
      }
      return true;
    }

    List<Stmt> rewritten() {
      List<Stmt> out = new ArrayList<>(body.size());
      for (int at = 0; at < body.size(); at++) {
        Stmt s = body.get(at);
        if (s instanceof Stmt.Declare d && unscaled.containsKey(d.var())) {
          out.add(new Stmt.Declare(d.var(), unscaled.get(d.var())));
        } else if (terms.containsKey(at)) {
          Stmt.Assign a = (Stmt.Assign) s;
          Binary b = (Binary) a.value();
          out.add(new Stmt.Assign(a.var(), new Binary(b.op(), b.left(), terms.get(at), b.type())));
        } else {
          out.add(s);
        }
      }
      return out;
    }

    /**
     * The factor of a value built from exactly one scaled local by products and quotients, or null.
     */
    private Double scale(Expr e) {
      if (e instanceof Ref r) {
        return scaled.get(r.var());
      }
      if (e instanceof Expr.Unary u && u.op() == UnOp.NEG) {
        return scale(u.operand());
      }
      if (e instanceof Binary b
          && b.type() == Type.DOUBLE
          && (b.op() == BinOp.MUL || b.op() == BinOp.DIV)) {
        Double l = scale(b.left());
        if (l != null && free(b.right())) {
          return l;
        }
        if (b.op() == BinOp.MUL && free(b.left())) {
          return scale(b.right());
        }
      }
      return null;
    }

    private boolean free(Expr e) {
      return Exprs.reads(e).stream().noneMatch(scaled::containsKey);
    }

    /**
     * {@code e} without its power-of-two factor when it is {@code K * e} or {@code e * K}, else
     * null.
     */
    private Expr factorOut(Expr e) {
      if (e instanceof Binary b && b.op() == BinOp.MUL && b.type() == Type.DOUBLE) {
        if (powerOfTwo(b.left()) && free(b.right())) {
          return b.right();
        }
        if (powerOfTwo(b.right()) && free(b.left())) {
          return b.left();
        }
      }
      return null;
    }

    private static Double factor(Expr e) {
      Binary b = (Binary) e;
      return ((Const) (powerOfTwo(b.left()) ? b.left() : b.right())).value();
    }

    private static boolean powerOfTwo(Expr e) {
      if (!(e instanceof Const c) || c.type() != Type.DOUBLE) {
        return false;
      }
      double k = Math.abs(c.value());
      return k >= 2 && k <= 0x1p64 && k == Math.scalb(1.0, Math.getExponent(k));
    }
  }
}
