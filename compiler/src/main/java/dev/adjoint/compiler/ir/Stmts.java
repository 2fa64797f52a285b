package dev.adjoint.compiler.ir;

import dev.adjoint.compiler.ir.Stmt.Assign;
import dev.adjoint.compiler.ir.Stmt.Declare;
import dev.adjoint.compiler.ir.Stmt.Fill;
import dev.adjoint.compiler.ir.Stmt.For;
import dev.adjoint.compiler.ir.Stmt.If;
import dev.adjoint.compiler.ir.Stmt.Return;
import dev.adjoint.compiler.ir.Stmt.Store;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Queries and rewrites over statements and blocks (nested blocks included). */
public final class Stmts {
  private Stmts() {}

  /** Variables a statement (or anything nested in it) may assign, arrays written included. */
  public static Set<Var> writes(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    writes(s, out);
    return out;
  }

  public static Set<Var> writes(List<Stmt> block) {
    Set<Var> out = new LinkedHashSet<>();
    for (Stmt s : block) {
      writes(s, out);
    }
    return out;
  }

  private static void writes(Stmt s, Set<Var> out) {
    if (s instanceof Declare d) {
      out.add(d.var());
    } else if (s instanceof Assign a) {
      out.add(a.var());
    } else if (s instanceof Store st) {
      out.addAll(arrayRoots(st.array()));
    } else if (s instanceof Fill f) {
      out.addAll(arrayRoots(f.array()));
    } else if (s instanceof If i) {
      i.then().forEach(c -> writes(c, out));
      i.otherwise().forEach(c -> writes(c, out));
    } else if (s instanceof For f) {
      out.add(f.index());
      f.body().forEach(c -> writes(c, out));
    } else if (s instanceof Stmt.While w) {
      w.body().forEach(c -> writes(c, out));
    } else if (s instanceof Stmt.Loop l) {
      l.body().forEach(c -> writes(c, out));
      l.update().forEach(c -> writes(c, out));
    }
  }

  /** Variables declared anywhere inside the statement (including loop indices). */
  public static Set<Var> declared(List<Stmt> block) {
    Set<Var> out = new LinkedHashSet<>();
    for (Stmt s : block) {
      if (s instanceof Declare d) {
        out.add(d.var());
      } else if (s instanceof If i) {
        out.addAll(declared(i.then()));
        out.addAll(declared(i.otherwise()));
      } else if (s instanceof For f) {
        out.add(f.index());
        out.addAll(declared(f.body()));
      } else if (s instanceof Stmt.While w) {
        out.addAll(declared(w.body()));
      } else if (s instanceof Stmt.Loop l) {
        out.addAll(declared(l.body()));
        out.addAll(declared(l.update()));
      }
    }
    return out;
  }

  private static Set<Var> arrayRoots(Expr array) {
    Var root = Exprs.root(array);
    return root != null ? Set.of(root) : Exprs.reads(array);
  }

  /** Variables a statement (or anything nested in it) may read. */
  public static Set<Var> reads(Stmt s) {
    Set<Var> out = new LinkedHashSet<>();
    for (Expr e : exprs(s)) {
      out.addAll(Exprs.reads(e));
    }
    if (s instanceof If i) {
      out.addAll(reads(i.then()));
      out.addAll(reads(i.otherwise()));
    } else if (s instanceof For f) {
      out.add(f.index());
      out.addAll(reads(f.body()));
    } else if (s instanceof Stmt.While w) {
      out.addAll(reads(w.body()));
    } else if (s instanceof Stmt.Loop l) {
      out.addAll(reads(l.body()));
      out.addAll(reads(l.update()));
    }
    return out;
  }

  public static Set<Var> reads(List<Stmt> block) {
    Set<Var> out = new LinkedHashSet<>();
    for (Stmt s : block) {
      out.addAll(reads(s));
    }
    return out;
  }

  /** The expressions a statement evaluates itself (not those of nested statements). */
  public static List<Expr> exprs(Stmt s) {
    List<Expr> out = new ArrayList<>();
    if (s instanceof Declare d && d.init() != null) {
      out.add(d.init());
    } else if (s instanceof Assign a) {
      out.add(a.value());
    } else if (s instanceof Store st) {
      out.add(st.array());
      out.add(st.index());
      out.add(st.value());
    } else if (s instanceof Fill f) {
      out.add(f.array());
      out.add(f.value());
    } else if (s instanceof If i) {
      out.add(i.cond());
    } else if (s instanceof For f) {
      out.add(f.from());
      out.add(f.bound());
    } else if (s instanceof Stmt.While w) {
      out.add(w.cond());
    } else if (s instanceof Stmt.Loop l) {
      out.add(l.cond());
    } else if (s instanceof Stmt.Require q) {
      out.add(q.cond());
    } else if (s instanceof Return r && r.value() != null) {
      out.add(r.value());
    }
    return out;
  }

  /** Applies {@code f} to every expression of the statement, nested blocks included. */
  public static Stmt mapExprs(Stmt s, UnaryOperator<Expr> f) {
    if (s instanceof Declare d) {
      return new Declare(d.var(), d.init() == null ? null : f.apply(d.init()));
    }
    if (s instanceof Assign a) {
      return new Assign(a.var(), f.apply(a.value()));
    }
    if (s instanceof Store st) {
      return new Store(f.apply(st.array()), f.apply(st.index()), f.apply(st.value()));
    }
    if (s instanceof Fill fl) {
      return new Fill(f.apply(fl.array()), f.apply(fl.value()));
    }
    if (s instanceof If i) {
      return i.with(f.apply(i.cond()), mapExprs(i.then(), f), mapExprs(i.otherwise(), f));
    }
    if (s instanceof For fo) {
      return new For(
          fo.index(),
          f.apply(fo.from()),
          fo.cmp(),
          f.apply(fo.bound()),
          fo.step(),
          mapExprs(fo.body(), f));
    }
    if (s instanceof Stmt.While w) {
      return new Stmt.While(f.apply(w.cond()), mapExprs(w.body(), f));
    }
    if (s instanceof Stmt.Loop l) {
      return new Stmt.Loop(
          l.label(),
          f.apply(l.cond()),
          mapExprs(l.body(), f),
          mapExprs(l.update(), f),
          l.testAtEnd());
    }
    if (s instanceof Return r) {
      return r.value() == null ? r : new Return(f.apply(r.value()));
    }
    if (s instanceof Stmt.Require q) {
      return new Stmt.Require(f.apply(q.cond()), q.message());
    }
    return s;
  }

  public static List<Stmt> mapExprs(List<Stmt> block, UnaryOperator<Expr> f) {
    List<Stmt> out = new ArrayList<>(block.size());
    for (Stmt s : block) {
      out.add(mapExprs(s, f));
    }
    return out;
  }

  /** Every statement of {@code block} and of the blocks nested in it. */
  public static List<Stmt> all(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    mapBlocks(
        block,
        b -> {
          out.addAll(b);
          return b;
        });
    return out;
  }

  /** Applies a block rewrite to this block and, bottom-up, to every nested block. */
  public static List<Stmt> mapBlocks(List<Stmt> block, UnaryOperator<List<Stmt>> f) {
    List<Stmt> out = new ArrayList<>(block.size());
    for (Stmt s : block) {
      if (s instanceof If i) {
        out.add(i.with(mapBlocks(i.then(), f), mapBlocks(i.otherwise(), f)));
      } else if (s instanceof For fo) {
        out.add(
            new For(
                fo.index(), fo.from(), fo.cmp(), fo.bound(), fo.step(), mapBlocks(fo.body(), f)));
      } else if (s instanceof Stmt.While w) {
        out.add(new Stmt.While(w.cond(), mapBlocks(w.body(), f)));
      } else if (s instanceof Stmt.Loop l) {
        out.add(
            new Stmt.Loop(
                l.label(),
                l.cond(),
                mapBlocks(l.body(), f),
                mapBlocks(l.update(), f),
                l.testAtEnd()));
      } else {
        out.add(s);
      }
    }
    return f.apply(out);
  }
}
