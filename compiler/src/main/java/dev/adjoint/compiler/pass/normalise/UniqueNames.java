package dev.adjoint.compiler.pass.normalise;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gives every local a name of its own before reverse mode. Java lets a block reuse a name once an
 * inner block that declared it has closed; the reverse sweep, which replays inner blocks after the
 * outer block's statements, would then declare it twice. Loop indices may still repeat among loops,
 * whose headers scope them.
 */
public final class UniqueNames {
  private final NameSupply names;
  private final Set<String> taken = new HashSet<>();
  private final Set<String> indexNames = new HashSet<>();
  private final Deque<Map<Var, Var>> scopes = new ArrayDeque<>();

  private UniqueNames(Function f) {
    this.names = NameSupply.of(f);
    f.params().forEach(p -> taken.add(p.name()));
  }

  public static Function run(Function f) {
    UniqueNames u = new UniqueNames(f);
    u.collectIndices(f.body());
    u.scopes.push(new HashMap<>());
    return f.withBody(u.block(f.body()));
  }

  private void collectIndices(List<Stmt> block) {
    for (Stmt s : block) {
      if (s instanceof Stmt.For f) {
        indexNames.add(f.index().name());
      }
      for (List<Stmt> nested : Stmts.blocks(s)) {
        collectIndices(nested);
      }
    }
  }

  private List<Stmt> block(List<Stmt> stmts) {
    scopes.push(new HashMap<>());
    try {
      List<Stmt> out = new ArrayList<>();
      for (Stmt s : stmts) {
        out.add(stmt(s));
      }
      return out;
    } finally {
      scopes.pop();
    }
  }

  private Stmt stmt(Stmt s) {
    if (s instanceof Stmt.Declare d) {
      Expr init = d.init() == null ? null : expr(d.init());
      return new Stmt.Declare(declare(d.var(), indexNames.contains(d.var().name())), init);
    }
    if (s instanceof Stmt.Assign a) {
      return new Stmt.Assign(lookup(a.var()), expr(a.value()));
    }
    if (s instanceof Stmt.If i) {
      return i.with(expr(i.cond()), block(i.then()), block(i.otherwise()));
    }
    if (s instanceof Stmt.While w) {
      return new Stmt.While(expr(w.cond()), block(w.body()));
    }
    if (s instanceof Stmt.For f) {
      Expr from = expr(f.from());
      scopes.push(new HashMap<>());
      try {
        Var index = f.index();
        if (taken.contains(index.name())) {
          Var renamed = names.fresh(index.name(), index.type());
          scopes.peek().put(index, renamed);
          index = renamed;
        }
        return new Stmt.For(index, from, f.cmp(), expr(f.bound()), f.step(), block(f.body()));
      } finally {
        scopes.pop();
      }
    }
    if (!Stmts.blocks(s).isEmpty()) {
      // a statement with blocks opens scopes: it needs a case of its own above
      throw new IllegalStateException("unknown statement: " + s);
    }
    return Stmts.mapExprs(s, this::expr);
  }

  /** The variable a declaration introduces: its own name the first time, a fresh one after. */
  private Var declare(Var v, boolean clashesWithIndex) {
    boolean own = !clashesWithIndex && taken.add(v.name());
    Var out = own ? v : names.fresh(v.name(), v.type());
    taken.add(out.name());
    scopes.peek().put(v, out);
    return out;
  }

  private Var lookup(Var v) {
    for (Map<Var, Var> scope : scopes) {
      Var r = scope.get(v);
      if (r != null) {
        return r;
      }
    }
    return v;
  }

  private Expr expr(Expr e) {
    return Exprs.rewrite(e, n -> n instanceof Ref r ? Exprs.ref(lookup(r.var())) : n);
  }
}
