package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Aliases;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Faint-code elimination, the flow-insensitive half of dead-code elimination: a variable is needed
 * only if it reaches an output (the return value, a write into a parameter array) or a condition
 * that controls a needed statement. Statements that only write variables nobody needs go, even when
 * they feed each other in a cycle (a tape that only its own growth reads), which liveness alone
 * cannot see.
 */
final class FaintCodeElimination {
  private final Set<Var> params;
  private final Set<Var> needed = new HashSet<>();
  private final Aliases aliases;

  private FaintCodeElimination(Function f) {
    this.params = new HashSet<>(f.params());
    this.aliases = Aliases.of(f);
  }

  static List<Stmt> remove(Function f) {
    FaintCodeElimination faint = new FaintCodeElimination(f);
    while (faint.mark(f.body())) {
      // to a fixpoint: each round may find more needed variables
    }
    return faint.sweep(f.body());
  }

  /** Marks what the block needs; true if anything new was marked. */
  private boolean mark(List<Stmt> block) {
    boolean changed = false;
    for (Stmt s : block) {
      if (s instanceof Stmt.If i) {
        changed |= mark(i.then()); // both branches are marked, whatever the first gives
        changed |= mark(i.otherwise());
        if (needs(i.then()) || needs(i.otherwise())) {
          changed |= need(Exprs.reads(i.cond()));
        }
      } else if (s instanceof Stmt.For f) {
        changed |= mark(f.body());
        if (needs(f.body())) {
          changed |= need(Exprs.reads(f.from()));
          changed |= need(Exprs.reads(f.bound()));
        }
      } else if (s instanceof Stmt.While w) {
        changed |= mark(w.body());
        if (needs(w.body())) {
          changed |= need(Exprs.reads(w.cond()));
        }
      } else if (essential(s)) {
        Set<Var> reads = new HashSet<>();
        Stmts.exprs(s).forEach(e -> reads.addAll(Exprs.reads(e)));
        changed |= need(reads);
      }
    }
    return changed;
  }

  private boolean need(Set<Var> vars) {
    return needed.addAll(vars);
  }

  /** A simple statement that must run: it returns, writes an output, or sets a needed variable. */
  private boolean essential(Stmt s) {
    if (s instanceof Stmt.Return
        || s instanceof Stmt.Require
        || (s instanceof Stmt.Declare d && DeadCodeElimination.kept(d))) {
      return true; // verbatim code runs whether its value is used or not
    }
    Var target = target(s);
    return target != null
        && aliases.of(target).stream().anyMatch(v -> needed.contains(v) || params.contains(v));
  }

  /**
   * The variable a simple statement sets (for a store, the array's root, null if it has none), or
   * null for one that sets nothing. Statements with blocks are handled by the callers first.
   */
  private static Var target(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      return d.var();
    }
    if (s instanceof Stmt.Assign a) {
      return a.var();
    }
    if (s instanceof Stmt.Store st) {
      return Exprs.root(st.array());
    }
    if (s instanceof Stmt.Fill fl) {
      return Exprs.root(fl.array());
    }
    if (s instanceof Stmt.Return || s instanceof Stmt.Require || s instanceof Stmt.Comment) {
      return null;
    }
    throw new IllegalStateException("unknown statement: " + s);
  }

  private boolean needs(List<Stmt> block) {
    for (Stmt s : block) {
      if (s instanceof Stmt.If i
          ? needs(i.then()) || needs(i.otherwise())
          : s instanceof Stmt.For f
              ? needs(f.body())
              : s instanceof Stmt.While w ? needs(w.body()) : essential(s)) {
        return true;
      }
    }
    return false;
  }

  private List<Stmt> sweep(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.If i) {
        if (needs(i.then()) || needs(i.otherwise())) {
          out.add(i.with(sweep(i.then()), sweep(i.otherwise())));
        }
      } else if (s instanceof Stmt.For f) {
        if (needs(f.body())) {
          out.add(new Stmt.For(f.index(), f.from(), f.cmp(), f.bound(), f.step(), sweep(f.body())));
        }
      } else if (s instanceof Stmt.While w) {
        if (needs(w.body())) {
          out.add(new Stmt.While(w.cond(), sweep(w.body())));
        }
      } else if (essential(s) || target(s) == null) {
        out.add(s);
      }
    }
    return out;
  }
}
