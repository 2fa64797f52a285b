package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Signature;
import dev.adjoint.compiler.ir.Signature.Role;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The full Hessian, built from the same two passes as the Hessian-vector product (forward mode over
 * the reverse-mode gradient) with unit directions fixed at compile time, so that the primal and
 * gradient work is shared by all rows instead of being redone per row.
 *
 * <p>With only scalar inputs (at most {@link #MAX_UNROLLED}), forward mode is applied once per
 * input to the same function: each application adds the tangents along one unit direction (named
 * {@code yPredDa} for ∂yPred/∂a), its seeds become the constants 0 and 1 and fold away, and its
 * gradient tangent is written into one Hessian row. Tangents of one direction are not
 * differentiated again by the next (they do not reach the gradient), so the result is one pass
 * computing value, gradient and every row. Otherwise (array inputs: the number of rows is known
 * only at run time) the Hessian-vector product gets the unit direction as an index {@code k}
 * instead of an array, so the rows need no allocation.
 */
public final class Hessians {
  /** The largest number of scalar inputs whose Hessian is unrolled into one pass (n² entries). */
  public static final int MAX_UNROLLED = 8;

  private Hessians() {}

  /**
   * The largest unrolled Hessian, in IR nodes (about 1.7 bytes of bytecode each): HotSpot never
   * JIT-compiles a method over 8000 bytes, so a bigger unrolled Hessian would run interpreted; the
   * row method (one Hessian-vector product per row) is used instead.
   */
  public static final int MAX_UNROLLED_NODES = 4000;

  /** The number of IR nodes of {@code f}: statements plus expression nodes. */
  public static int size(Function f) {
    int n = 0;
    for (Stmt s : Stmts.all(f.body())) {
      n++;
      for (Expr e : Stmts.exprs(s)) {
        n += Exprs.size(e);
      }
    }
    return n;
  }

  /** Whether the Hessian with respect to {@code wrt} is one unrolled pass. */
  public static boolean unrolled(List<Var> wrt) {
    return wrt.size() <= MAX_UNROLLED && wrt.stream().noneMatch(v -> v.type().isArray());
  }

  /**
   * The unrolled Hessian function {@code mHessian(params..., gradient, hessian)}, returning the
   * value; {@code clean} is applied after each direction.
   */
  public static Function allRows(
      Function gradientFunction, List<Var> wrt, UnaryOperator<Function> clean) {
    Var gradient = gradientFunction.signature().get(Role.GRADIENT);
    Var hessian = NameSupply.of(gradientFunction).fresh("hessian", Type.DOUBLE_MATRIX);
    Signature params = gradientFunction.signature().with(Role.HESSIAN, hessian);
    String name = gradientFunction.name().replace("ValueAndGradient", "") + "Hessian";
    Function f = new Function(name, params, gradientFunction.returnType(), gradientFunction.body());
    for (int k = 0; k < wrt.size(); k++) {
      String suffix =
          "D" + Character.toUpperCase(wrt.get(k).name().charAt(0)) + wrt.get(k).name().substring(1);
      Set<Var> before = Stmts.declared(f.body());
      Function h = ForwardMode.hessianVector(f, wrt, gradient, suffix);
      Expr row = new Expr.Index(Exprs.ref(hessian), Expr.Const.ofInt(k));
      h = withoutLowerTriangle(seeded(h, Expr.Const.ofInt(k), row, params, name), row, k);
      Set<Var> tangents = new HashSet<>(Stmts.declared(h.body()));
      tangents.removeAll(before);
      for (Function previous = null; !h.equals(previous); ) {
        previous = h;
        h = clean.apply(zeroTangents(h, tangents));
      }
      f = h;
    }
    return mirrored(f, hessian, wrt.size());
  }

  /**
   * Row k without its entries left of the diagonal: the Hessian is symmetric, those entries are row
   * j's (j < k) and are copied from there, so their accumulations go as dead code.
   */
  private static Function withoutLowerTriangle(Function h, Expr row, int k) {
    return h.withBody(
        Stmts.mapBlocks(
            h.body(),
            block -> {
              List<Stmt> out = new ArrayList<>(block.size());
              for (Stmt st : block) {
                boolean lower =
                    st instanceof Stmt.Store s
                        && s.array().equals(row)
                        && s.index() instanceof Expr.Const j
                        && j.value() < k;
                if (!lower) {
                  out.add(st);
                }
              }
              return out;
            }));
  }

  /** {@code f} with {@code hessian[k][j] = hessian[j][k]} for j < k before its return. */
  private static Function mirrored(Function f, Var hessian, int n) {
    List<Stmt> body = new ArrayList<>(f.body());
    Stmt ret = body.remove(body.size() - 1);
    for (int k = 1; k < n; k++) {
      for (int j = 0; j < k; j++) {
        Expr upper =
            new Expr.Index(
                new Expr.Index(Exprs.ref(hessian), Expr.Const.ofInt(j)), Expr.Const.ofInt(k));
        body.add(
            new Stmt.Store(
                new Expr.Index(Exprs.ref(hessian), Expr.Const.ofInt(k)),
                Expr.Const.ofInt(j),
                upper));
      }
    }
    body.add(ret);
    return f.withBody(body);
  }

  /**
   * Tangent statements with a zero seed factor folded: {@code 0.0 * x} is a structurally zero
   * tangent (the direction does not move that input), as forward mode itself treats an inactive
   * value, not an IEEE product to be kept for an infinite x. Primal statements are left alone.
   */
  private static Function zeroTangents(Function h, Set<Var> tangents) {
    UnaryOperator<Expr> fold = e -> Exprs.rewrite(e, Hessians::zero);
    return h.withBody(
        Stmts.mapBlocks(
            h.body(),
            block -> {
              List<Stmt> out = new ArrayList<>(block.size());
              for (Stmt st : block) {
                boolean tangent =
                    st instanceof Stmt.Declare d
                        ? tangents.contains(d.var())
                        : st instanceof Stmt.Assign a
                            ? tangents.contains(a.var())
                            : st instanceof Stmt.Store s
                                && tangents.contains(Exprs.root(s.array()));
                boolean simple =
                    st instanceof Stmt.Declare
                        || st instanceof Stmt.Assign
                        || st instanceof Stmt.Store;
                out.add(tangent && simple ? Stmts.mapExprs(st, fold) : st);
              }
              return out;
            }));
  }

  private static Expr zero(Expr e) {
    if (e instanceof Expr.Binary b
        && b.type().isFloating()
        && ((b.op() == BinOp.MUL && (isZero(b.left()) || isZero(b.right())))
            || (b.op() == BinOp.DIV && isZero(b.left())))) {
      return Expr.Const.zero(b.type());
    }
    if (e instanceof Expr.Unary u && isZero(u.operand()) && u.type().isFloating()) {
      return Expr.Const.zero(u.type());
    }
    if (e instanceof Expr.Cond c && isZero(c.then()) && isZero(c.otherwise())) {
      return Expr.Const.zero(c.type());
    }
    return e;
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Const c && c.type().isFloating() && c.value() == 0;
  }

  /**
   * The row function {@code mHessianRow(params..., k, gradient, hv)}: the Hessian-vector product
   * along the k-th unit direction, written into {@code hv}.
   */
  public static Function row(Function hessianVector, List<Var> wrt) {
    Signature ps = hessianVector.signature();
    Var hv = ps.get(Role.HESSIAN_VECTOR);
    Var v = ps.get(Role.DIRECTION);
    Var k = NameSupply.of(hessianVector).fresh("k", Type.INT);
    Signature params =
        Signature.of(ps.user())
            .with(Role.ROW, k)
            .with(Role.GRADIENT, ps.get(Role.GRADIENT))
            .with(Role.HESSIAN_VECTOR, hv);
    String name = hessianVector.name().replace("HessianVector", "HessianRow");
    if (Stmts.writes(hessianVector.body()).contains(v)) {
      // the method overwrites an input array, so the product uses its direction as working storage
      // too: the direction must be a real array here, the unit vector e_k
      List<Stmt> body = new ArrayList<>();
      body.add(
          new Stmt.Declare(
              v, new Expr.NewArray(Type.DOUBLE_ARRAY, GradientLayout.of(wrt).length())));
      body.add(new Stmt.Store(Exprs.ref(v), Exprs.ref(k), Exprs.num(1)));
      body.addAll(hessianVector.body());
      return new Function(name, params, hessianVector.returnType(), body);
    }
    return seeded(hessianVector, Exprs.ref(k), Exprs.ref(hv), params, name);
  }

  /**
   * {@code h} (a Hessian-vector product) with its direction fixed to the unit vector {@code e_k}
   * and the product written into {@code product}.
   */
  private static Function seeded(Function h, Expr k, Expr product, Signature params, String name) {
    Var v = h.signature().get(Role.DIRECTION);
    Var hv = h.signature().get(Role.HESSIAN_VECTOR);
    UnaryOperator<Expr> seed =
        e -> {
          if (e instanceof Expr.Index ix && ix.array() instanceof Expr.Ref r && r.var().equals(v)) {
            if (ix.index() instanceof Expr.Const i && k instanceof Expr.Const kc) {
              return Exprs.num(i.value() == kc.value() ? 1 : 0);
            }
            return Exprs.cond(Exprs.binary(BinOp.EQ, ix.index(), k), Exprs.num(1), Exprs.num(0));
          }
          return e instanceof Expr.Ref r && r.var().equals(hv) ? product : e;
        };
    return new Function(
        name, params, h.returnType(), Stmts.mapExprs(h.body(), e -> Exprs.rewrite(e, seed)));
  }
}
