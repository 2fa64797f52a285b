package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The last step of the gradient pipeline: an array allocated in every iteration of a loop (a tape
 * of an inner loop, fused into the loop over samples) is allocated once before the loop and zeroed
 * where the allocation was. Values are unchanged: the array is used only through its elements and
 * length (no alias can keep an old iteration's array alive) and its size does not change inside the
 * loop. The zeroing costs one write per element, far less than an allocation.
 */
public final class HoistAllocations {
  /** How often each variable is declared: one declared more than once (in sibling scopes) stays. */
  private final Map<Var, Integer> declarations;

  private HoistAllocations(Map<Var, Integer> declarations) {
    this.declarations = declarations;
  }

  /** Hoists each allocation out of every loop it is invariant in, one loop level per round. */
  public static Function run(Function f) {
    for (int round = 0; round < 16; round++) {
      Function next = once(f);
      if (next.equals(f)) {
        return next;
      }
      f = next;
    }
    return f;
  }

  private static Function once(Function f) {
    Map<Var, Integer> declarations = new HashMap<>();
    for (Stmt s : Stmts.all(f.body())) {
      if (s instanceof Stmt.Declare d) {
        declarations.merge(d.var(), 1, Integer::sum);
      }
    }
    HoistAllocations pass = new HoistAllocations(declarations);
    return f.withBody(Stmts.mapBlocks(f.body(), pass::block));
  }

  private List<Stmt> block(List<Stmt> in) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : in) {
      if (s instanceof Stmt.For f) {
        List<Stmt> body = hoist(f.body(), Stmts.writes(List.of(s)), out);
        out.add(new Stmt.For(f.index(), f.from(), f.cmp(), f.bound(), f.step(), body));
      } else if (s instanceof Stmt.While w) {
        out.add(new Stmt.While(w.cond(), hoist(w.body(), Stmts.writes(List.of(s)), out)));
      } else {
        out.add(s); // only a loop body has allocations to hoist; mapBlocks visits nested blocks
      }
    }
    return out;
  }

  /**
   * The loop body with its hoistable allocations replaced by zeroing; the allocations go to {@code
   * before}.
   */
  private List<Stmt> hoist(List<Stmt> body, Set<Var> loopWrites, List<Stmt> before) {
    List<Stmt> out = new ArrayList<>(body.size());
    for (Stmt s : body) {
      if (s instanceof Stmt.Declare d
          && d.init() instanceof Expr.NewArray n
          && !d.var().type().elementType().isArray()
          && declarations.get(d.var()) == 1
          && invariant(n.size(), body, loopWrites)
          && elementsOnly(body, d.var())) {
        before.add(d);
        out.add(new Stmt.Fill(Exprs.ref(d.var()), zero(d.var().type().elementType())));
      } else {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Whether {@code size} has one value in every iteration: what it reads is not written in the
   * loop, except arrays whose length it reads, which only an assignment of the array could change.
   */
  private static boolean invariant(Expr size, List<Stmt> body, Set<Var> loopWrites) {
    if (size instanceof Expr.Length l && l.array() instanceof Expr.Ref r) {
      return Stmts.all(body).stream()
          .noneMatch(
              s ->
                  (s instanceof Stmt.Assign a && a.var().equals(r.var()))
                      || (s instanceof Stmt.Declare d && d.var().equals(r.var())));
    }
    if (size instanceof Expr.Ref r) {
      return !loopWrites.contains(r.var());
    }
    return Exprs.children(size).stream().allMatch(c -> invariant(c, body, loopWrites));
  }

  private static Expr zero(Type element) {
    return element == Type.BOOLEAN ? Expr.Const.ofBoolean(false) : Expr.Const.zero(element);
  }

  /** Whether {@code a} is never assigned and read only as {@code a[i]} or {@code a.length}. */
  private static boolean elementsOnly(List<Stmt> body, Var a) {
    if (Stmts.writes(body).contains(a) && assigned(body, a)) {
      return false;
    }
    for (Stmt s : Stmts.all(body)) {
      List<Expr> exprs = new ArrayList<>(Stmts.exprs(s));
      if (s instanceof Stmt.Store st && st.array() instanceof Expr.Ref) {
        exprs.remove(st.array()); // a[i] = e writes an element
      } else if (s instanceof Stmt.Fill fl && fl.array() instanceof Expr.Ref) {
        exprs.remove(fl.array());
      }
      for (Expr e : exprs) {
        if (bareRead(e, a)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean assigned(List<Stmt> body, Var a) {
    return Stmts.all(body).stream()
        .anyMatch(s -> s instanceof Stmt.Assign as && as.var().equals(a));
  }

  /** True if {@code e} reads {@code a} other than as the array of an element read or a length. */
  private static boolean bareRead(Expr e, Var a) {
    if (e instanceof Expr.Ref r) {
      return r.var().equals(a);
    }
    if (e instanceof Expr.Index ix) {
      return (!(ix.array() instanceof Expr.Ref) && bareRead(ix.array(), a))
          || bareRead(ix.index(), a);
    }
    if (e instanceof Expr.Length l) {
      return !(l.array() instanceof Expr.Ref) && bareRead(l.array(), a);
    }
    return Exprs.children(e).stream().anyMatch(c -> bareRead(c, a));
  }
}
