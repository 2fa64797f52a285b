package dev.adjoint.compiler.pass.analysis;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Call;
import dev.adjoint.compiler.ir.Expr.Cast;
import dev.adjoint.compiler.ir.Expr.Cond;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Activity analysis: a variable is active when it depends differentiably on a differentiated
 * parameter (varied) and the result depends differentiably on it (useful). Only active variables
 * get adjoints, so an unused sub-expression can never feed an adjoint (no 0 * inf = NaN).
 * Flow-insensitive, hence conservative.
 */
public final class Activity {
  private final Set<Var> varied;
  private final Set<Var> useful;

  private Activity(Set<Var> varied, Set<Var> useful) {
    this.varied = varied;
    this.useful = useful;
  }

  public static Activity of(Function f, List<Var> wrt) {
    return of(f, wrt, List.of());
  }

  /** As {@link #of(Function, List)}, with arrays the function writes counted as results too. */
  public static Activity of(Function f, List<Var> wrt, List<Var> outputs) {
    Map<Var, Set<Var>> uses = new HashMap<>(); // u -> {v : v = e(u)}
    Map<Var, Set<Var>> defs = new HashMap<>(); // v -> {u : v = e(u)}
    Set<Var> resultDeps = new LinkedHashSet<>(outputs);
    collect(f.body(), uses, defs, resultDeps);
    Set<Var> varied = closure(new LinkedHashSet<>(wrt), uses);
    Set<Var> useful = closure(resultDeps, defs);
    return new Activity(varied, useful);
  }

  /** Whether {@code v} needs an adjoint. */
  public boolean isActive(Var v) {
    return v.type().carriesDerivatives() && varied.contains(v) && useful.contains(v);
  }

  /** Whether the result depends on {@code v} at all (flow-insensitively). */
  public boolean isUseful(Var v) {
    return useful.contains(v);
  }

  private static void collect(
      List<Stmt> block, Map<Var, Set<Var>> uses, Map<Var, Set<Var>> defs, Set<Var> result) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d && d.init() != null) {
        edge(d.var(), d.init(), uses, defs);
      } else if (s instanceof Stmt.Assign a) {
        edge(a.var(), a.value(), uses, defs);
      } else if (s instanceof Stmt.Store st && Exprs.root(st.array()) != null) {
        edge(Exprs.root(st.array()), st.value(), uses, defs);
      } else if (s instanceof Stmt.If i) {
        collect(i.then(), uses, defs, result);
        collect(i.otherwise(), uses, defs, result);
      } else if (s instanceof Stmt.For fo) {
        collect(fo.body(), uses, defs, result);
      } else if (s instanceof Stmt.While w) {
        collect(w.body(), uses, defs, result);
      } else if (s instanceof Stmt.Return r) {
        result.addAll(differentiableReads(r.value()));
      } else if (!(s instanceof Stmt.Declare
          || s instanceof Stmt.Store
          || s instanceof Stmt.Fill
          || s instanceof Stmt.Require
          || s instanceof Stmt.Comment)) {
        // left: a declaration without a value, a store through no variable, and kinds that carry
        // no derivative (the passes generate Arrays.fill, always with a constant)
        throw new IllegalStateException("unknown statement: " + s);
      }
    }
  }

  private static void edge(
      Var target, Expr value, Map<Var, Set<Var>> uses, Map<Var, Set<Var>> defs) {
    for (Var u : differentiableReads(value)) {
      uses.computeIfAbsent(u, k -> new HashSet<>()).add(target);
      defs.computeIfAbsent(target, k -> new HashSet<>()).add(u);
      if (value.type().isArray() && u.type().isArray() && target.type().isArray()) {
        // an alias: writes through either name reach the other
        uses.computeIfAbsent(target, k -> new HashSet<>()).add(u);
        defs.computeIfAbsent(u, k -> new HashSet<>()).add(target);
      }
    }
  }

  /** Variables through which a derivative can flow into {@code e}'s value. */
  public static Set<Var> differentiableReads(Expr e) {
    Set<Var> out = new LinkedHashSet<>();
    walk(e, out);
    return out;
  }

  private static void walk(Expr e, Set<Var> out) {
    if (e.type().isArray()
        && e.type().carriesDerivatives()
        && (e instanceof Ref || e instanceof Index)
        && Exprs.root(e) != null) {
      out.add(Exprs.root(e)); // an array or a row of one: an alias
      return;
    }
    if (!e.type().isFloating()) {
      return; // an int, long or boolean value carries no derivative
    }
    if (e instanceof Ref r) {
      out.add(r.var());
    } else if (e instanceof Index ix) {
      if (Exprs.root(ix.array()) != null) {
        out.add(Exprs.root(ix.array()));
      }
    } else if (e instanceof Cond c) {
      walk(c.then(), out);
      walk(c.otherwise(), out);
    } else if (e instanceof Call c) {
      if (!c.fn().piecewiseConstant()) {
        c.args().forEach(a -> walk(a, out));
      }
    } else if (e instanceof Cast c) {
      walk(c.operand(), out);
    } else {
      Exprs.children(e).forEach(c -> walk(c, out));
    }
  }

  private static Set<Var> closure(Set<Var> start, Map<Var, Set<Var>> edges) {
    Set<Var> seen = new LinkedHashSet<>(start);
    Deque<Var> work = new ArrayDeque<>(start);
    while (!work.isEmpty()) {
      for (Var next : edges.getOrDefault(work.pop(), Set.of())) {
        if (seen.add(next)) {
          work.push(next);
        }
      }
    }
    return seen;
  }
}
