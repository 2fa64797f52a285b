package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;

/**
 * The flat layout of a gradient: each differentiated parameter's offset in the gradient array (a
 * scalar takes one slot, an array all its elements, a matrix all its elements row by row), and the
 * total length.
 */
public record GradientLayout(List<Slot> slots, Expr length) {

  /** One differentiated parameter and where its derivatives start. */
  public record Slot(Var param, Expr offset) {
    public boolean isArray() {
      return param.type().isArray();
    }

    /** The number of slots this parameter takes. */
    public Expr size() {
      if (param.type().isMatrix()) {
        return new Expr.Call("", Fn.TOTAL_LENGTH, List.of(Exprs.ref(param)), Type.INT);
      }
      return isArray() ? new Expr.Length(Exprs.ref(param)) : Expr.Const.ofInt(1);
    }
  }

  public static GradientLayout of(List<Var> wrt) {
    List<Slot> slots = new ArrayList<>();
    Expr offset = Expr.Const.ofInt(0);
    for (Var p : wrt) {
      Slot slot = new Slot(p, offset);
      slots.add(slot);
      offset = plus(offset, slot.size());
    }
    return new GradientLayout(slots, offset);
  }

  public boolean hasArrays() {
    return slots.stream().anyMatch(Slot::isArray);
  }

  /** {@code a + b} on ints, folding constants and keeping the constant part last. */
  public static Expr plus(Expr a, Expr b) {
    if (a instanceof Expr.Const ca && ca.value() == 0) {
      return b;
    }
    if (b instanceof Expr.Const cb && cb.value() == 0) {
      return a;
    }
    if (a instanceof Expr.Const ca && b instanceof Expr.Const cb) {
      return Expr.Const.ofInt((long) (ca.value() + cb.value()));
    }
    if (a instanceof Expr.Const) {
      return plus(b, a);
    }
    if (a instanceof Expr.Binary ab
        && ab.op() == BinOp.ADD
        && ab.right() instanceof Expr.Const cr
        && b instanceof Expr.Const cb) {
      return plus(ab.left(), Expr.Const.ofInt((long) (cr.value() + cb.value())));
    }
    if (a instanceof Expr.Binary ab
        && ab.op() == BinOp.ADD
        && ab.right() instanceof Expr.Const cr) {
      return plus(Exprs.add(ab.left(), b), cr);
    }
    return new Expr.Binary(BinOp.ADD, a, b, Type.INT);
  }
}
