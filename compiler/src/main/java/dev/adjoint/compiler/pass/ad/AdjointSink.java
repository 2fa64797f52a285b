package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the adjoint statements of one primal statement: temporaries first, then one accumulation
 * per target (contributions to the same target summed, identical ones merged into {@code n * e}),
 * then conditional parts.
 */
final class AdjointSink {
  private final List<Stmt> temps = new ArrayList<>();
  private final Map<Target, List<Expr>> sums = new LinkedHashMap<>();
  private final List<Stmt> conditional = new ArrayList<>();

  void temp(Stmt.Declare d) {
    temps.add(d);
  }

  void add(Target t, Expr contribution) {
    sums.computeIfAbsent(t, k -> new ArrayList<>()).add(contribution);
  }

  void conditional(Stmt s) {
    conditional.add(s);
  }

  boolean isEmpty() {
    return sums.isEmpty() && conditional.isEmpty();
  }

  /** The statements, accumulating into every target. */
  List<Stmt> statements() {
    return statements(null);
  }

  /**
   * The statements, with the accumulation into {@code last} (an adjoint that the others read,
   * through a copy) placed after the rest.
   */
  List<Stmt> statements(dev.adjoint.compiler.ir.Var last) {
    List<Stmt> out = new ArrayList<>(temps);
    Stmt deferred = null;
    for (Map.Entry<Target, List<Expr>> e : sums.entrySet()) {
      Stmt s = accumulate(e.getKey(), total(e.getValue()));
      if (e.getKey().index() == null && e.getKey().var().equals(last)) {
        deferred = s;
      } else {
        out.add(s);
      }
    }
    if (deferred != null) {
      out.add(deferred);
    }
    out.addAll(conditional);
    return out;
  }

  static Stmt accumulate(Target t, Expr amount) {
    if (t.index() == null) {
      Expr sum = Exprs.add(t.array(), amount);
      if (sum.type() != t.var().type()) {
        sum = new Expr.Cast(t.var().type(), sum); // a float adjoint: v += e narrows, as in Java
      }
      return new Stmt.Assign(t.var(), sum);
    }
    Expr element = new Expr.Index(t.array(), t.index());
    Expr sum = Exprs.add(element, amount);
    if (!dev.adjoint.compiler.ir.Type.assignable(sum.type(), element.type())) {
      sum = new Expr.Cast(element.type(), sum); // a float adjoint array: a[i] += e narrows
    }
    return new Stmt.Store(t.array(), t.index(), sum);
  }

  private static Expr total(List<Expr> parts) {
    if (parts.stream().allMatch(p -> p.equals(parts.get(0)))) {
      if (parts.size() == 1) {
        return parts.get(0);
      }
      // 2 * e of a float stays float: a power of two scales exactly, in float as in double
      Expr n =
          parts.get(0).type() == dev.adjoint.compiler.ir.Type.FLOAT
                  && Integer.bitCount(parts.size()) == 1
              ? Expr.Const.ofFloat(parts.size())
              : Exprs.num(parts.size());
      return Exprs.mul(n, parts.get(0));
    }
    Expr sum = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      sum = Exprs.add(sum, parts.get(i));
    }
    return sum;
  }
}
