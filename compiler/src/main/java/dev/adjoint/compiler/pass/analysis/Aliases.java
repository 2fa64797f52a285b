package dev.adjoint.compiler.pass.analysis;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which array variables may share storage: {@code double[] u = m[k];} (a row of a local matrix),
 * {@code double[] uBar = mBar[k];} (its adjoint), {@code double[] b = a;}. A write through one is a
 * write into all of its class, which the clean-up passes must see: without it, a store into {@code
 * uBar} looks dead when only {@code mBar} is read later.
 */
public final class Aliases {
  private final Map<Var, Set<Var>> classes = new HashMap<>();

  private Aliases() {}

  public static Aliases of(Function f) {
    Aliases a = new Aliases();
    for (Stmt s : Stmts.all(f.body())) {
      if (s instanceof Stmt.Declare d
          && d.var().type().isArray()
          && d.init() != null
          && !(d.init() instanceof Expr.NewArray
              || d.init() instanceof Expr.NewMatrix
              || d.init() instanceof Expr.CopyOf)) {
        Var root = Exprs.root(d.init());
        if (root != null && !root.equals(d.var())) {
          a.union(d.var(), root);
        }
      }
    }
    // arrays only read (rows of the data) cannot be changed through an alias: forget those classes
    Set<Var> written = stored(f.body());
    a.classes.values().removeIf(c -> c.stream().noneMatch(written::contains));
    return a;
  }

  /** The arrays whose elements {@code body} stores into (by their root variable). */
  public static Set<Var> stored(List<Stmt> body) {
    Set<Var> written = new HashSet<>();
    for (Stmt s : Stmts.all(body)) {
      Expr array =
          s instanceof Stmt.Store st ? st.array() : s instanceof Stmt.Fill fl ? fl.array() : null;
      if (array != null && Exprs.root(array) != null) {
        written.add(Exprs.root(array));
      }
    }
    return written;
  }

  public boolean isEmpty() {
    return classes.isEmpty();
  }

  /** {@code v} and every variable that may share its storage. */
  public Set<Var> of(Var v) {
    Set<Var> c = classes.get(v);
    return c == null ? Set.of(v) : c;
  }

  /** {@code vars} with the aliases of each added. */
  Set<Var> expand(Set<Var> vars) {
    if (classes.isEmpty()) {
      return vars;
    }
    Set<Var> out = new HashSet<>(vars);
    for (Var v : vars) {
      out.addAll(of(v));
    }
    return out;
  }

  private void union(Var a, Var b) {
    Set<Var> merged = new HashSet<>(of(a));
    merged.addAll(of(b));
    for (Var v : merged) {
      classes.put(v, merged);
    }
  }
}
