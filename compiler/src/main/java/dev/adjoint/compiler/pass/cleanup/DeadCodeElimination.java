package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Aliases;
import dev.adjoint.compiler.pass.analysis.Coverage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Dead-code elimination by liveness over structured code (loops to a fixpoint). Removes assignments
 * whose value is never read, stores into local arrays never read, loops and branches left empty,
 * and declarations nothing refers to. Writes into parameter arrays are outputs and always stay. Run
 * to a fixpoint with the other clean-ups, it deletes the saves, restores and tapes the reverse
 * sweep does not need.
 */
public final class DeadCodeElimination {
  private final Set<Var> params;
  private final Aliases aliases;
  private final Coverage coverage;

  /**
   * The arrays something refers to. Liveness here is of an array's elements: a loop overwriting all
   * of it ({@link Coverage#kills}) makes what it held dead, and reading its length reads none of
   * them. The array itself may still be needed then, so a declaration of one of these keeps its
   * allocation whether or not its elements are live; the next round drops it once nothing refers to
   * the array.
   */
  private final Set<Var> referenced = new HashSet<>();

  private DeadCodeElimination(Function f) {
    this.params = new HashSet<>(f.params());
    this.aliases = Aliases.of(f);
    this.coverage = Coverage.of(f);
    referenced.addAll(Stmts.reads(f.body()));
    referenced.addAll(Aliases.stored(f.body()));
    for (Stmt s : Stmts.all(f.body())) {
      if (s instanceof Stmt.Assign a) {
        referenced.add(a.var());
      }
    }
    referenced.removeIf(v -> !v.type().isArray());
  }

  /**
   * The variables whose values {@code e} needs: all it reads, but an array only through its length
   * (which the array's declaration fixes, see {@link #referenced}).
   */
  private static Set<Var> contentReads(Expr e) {
    Set<Var> out = new HashSet<>();
    collectContentReads(e, out);
    return out;
  }

  private static void collectContentReads(Expr e, Set<Var> out) {
    if (e instanceof Expr.Length l && l.array() instanceof Expr.Ref) {
      return;
    }
    if (e instanceof Expr.Ref r) {
      out.add(r.var());
    }
    Exprs.children(e).forEach(c -> collectContentReads(c, out));
  }

  /** The arrays {@code loop} overwrites whole without reading them. */
  private Set<Var> killed(Stmt.For loop) {
    Set<Var> out = new HashSet<>();
    for (Stmt b : loop.body()) {
      if (b instanceof Stmt.Store st
          && st.array() instanceof Expr.Ref r
          && coverage.kills(loop, r.var())) {
        out.add(r.var());
      }
    }
    return out;
  }

  public static Function run(Function f) {
    DeadCodeElimination dce = new DeadCodeElimination(f);
    List<Stmt> body = FaintCodeElimination.remove(f);
    body = dce.rewrite(body, Set.of());
    body = Stmts.mapBlocks(body, DeadCodeElimination::dropRoundTrips);
    return f.withBody(dropUnusedDeclarations(body));
  }

  private Set<Var> liveIn(List<Stmt> block, Set<Var> after) {
    Set<Var> live = new HashSet<>(after);
    for (int k = block.size() - 1; k >= 0; k--) {
      live = liveIn(block.get(k), live);
    }
    return live;
  }

  private Set<Var> liveIn(Stmt s, Set<Var> after) {
    Set<Var> live = new HashSet<>(after);
    if (s instanceof Stmt.Declare d) {
      live.remove(d.var());
      if (d.init() != null
          && (after.contains(d.var()) || kept(d) || referenced.contains(d.var()))) {
        live.addAll(Exprs.reads(d.init()));
      }
    } else if (s instanceof Stmt.Assign a) {
      live.remove(a.var());
      if (after.contains(a.var())) {
        live.addAll(contentReads(a.value()));
      }
    } else if (s instanceof Stmt.Store || s instanceof Stmt.Fill) {
      if (isOutput(s, after)) {
        for (Expr e : Stmts.exprs(s)) {
          live.addAll(contentReads(e));
        }
      }
    } else if (s instanceof Stmt.If i) {
      live = liveIn(i.then(), after);
      live.addAll(liveIn(i.otherwise(), after));
      live.addAll(contentReads(i.cond()));
    } else if (s instanceof Stmt.For f) {
      live = new HashSet<>(head(f, after));
      live.remove(f.index());
      // a loop overwriting all of an array without reading it: what the array held is dead
      live.removeAll(killed(f));
      live.addAll(contentReads(f.from()));
    } else if (s instanceof Stmt.While w) {
      live = new HashSet<>(head(w, after));
    } else if (s instanceof Stmt.Return r) {
      live = new HashSet<>(contentReads(r.value()));
    } else if (s instanceof Stmt.Require q) {
      live.addAll(contentReads(q.cond()));
    } else if (!(s instanceof Stmt.Comment)) {
      throw new IllegalStateException("unknown statement: " + s);
    }
    return live;
  }

  /** Variables live at the loop head: after the loop, in the condition, or in a later iteration. */
  private Set<Var> head(Stmt.For f, Set<Var> after) {
    Set<Var> head = new HashSet<>(after);
    head.add(f.index());
    head.addAll(contentReads(f.bound()));
    while (true) {
      Set<Var> next = new HashSet<>(head);
      next.addAll(liveIn(f.body(), head));
      if (next.equals(head)) {
        return head;
      }
      head = next;
    }
  }

  /** Variables live at a while loop's test. */
  private Set<Var> head(Stmt.While w, Set<Var> after) {
    Set<Var> head = new HashSet<>(after);
    head.addAll(contentReads(w.cond()));
    while (true) {
      Set<Var> next = new HashSet<>(head);
      next.addAll(liveIn(w.body(), head));
      if (next.equals(head)) {
        return head;
      }
      head = next;
    }
  }

  private boolean isOutput(Stmt s, Set<Var> after) {
    Expr array = s instanceof Stmt.Store st ? st.array() : ((Stmt.Fill) s).array();
    Var root = Exprs.root(array);
    if (root == null) {
      return true;
    }
    // a store through an alias (uBar = mBar[k]) is a store into everything sharing its storage
    return aliases.of(root).stream().anyMatch(v -> params.contains(v) || after.contains(v));
  }

  private List<Stmt> rewrite(List<Stmt> block, Set<Var> after) {
    List<Stmt> out = new ArrayList<>();
    Set<Var> live = new HashSet<>(after);
    for (int k = block.size() - 1; k >= 0; k--) {
      Stmt s = block.get(k);
      Stmt kept = rewrite(s, live);
      if (kept != null) {
        out.add(0, kept);
      }
      live = liveIn(s, live);
    }
    return out;
  }

  private Stmt rewrite(Stmt s, Set<Var> after) {
    if (s instanceof Stmt.Declare d) {
      if (d.init() != null
          && !after.contains(d.var())
          && !kept(d)
          && !referenced.contains(d.var())) {
        return new Stmt.Declare(d.var(), null);
      }
      return s;
    }
    if (s instanceof Stmt.Assign a) {
      return after.contains(a.var()) ? s : null;
    }
    if (s instanceof Stmt.Store || s instanceof Stmt.Fill) {
      return isOutput(s, after) ? s : null;
    }
    if (s instanceof Stmt.If i) {
      List<Stmt> then = rewrite(i.then(), after);
      List<Stmt> otherwise = rewrite(i.otherwise(), after);
      return then.isEmpty() && otherwise.isEmpty() ? null : i.with(then, otherwise);
    }
    if (s instanceof Stmt.While w) {
      // a loop whose body does nothing needed is dropped whole: what it left undone was dead
      List<Stmt> body = rewrite(w.body(), head(w, after));
      return body.isEmpty() ? null : new Stmt.While(w.cond(), body);
    }
    if (s instanceof Stmt.For f) {
      List<Stmt> body = rewrite(f.body(), head(f, after));
      return body.isEmpty()
          ? null
          : new Stmt.For(f.index(), f.from(), f.cmp(), f.bound(), f.step(), body);
    }
    if (s instanceof Stmt.Return || s instanceof Stmt.Require || s instanceof Stmt.Comment) {
      return s;
    }
    throw new IllegalStateException("unknown statement: " + s);
  }

  /**
   * {@code block} without writes undone or replaced at once, which liveness of whole arrays cannot
   * see: the second of two adjacent element copies that undo each other ({@code e[k] = a[k]} for
   * every k, then {@code a[k] = e[k]}: a saved array put back once the code between was found
   * dead), and an element store followed at once by another into the same element that does not
   * read the array ({@code u[i] += d; u[i] = uSaved;} in a reverse step).
   */
  private static List<Stmt> dropRoundTrips(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      Stmt last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && undoes(s, last)) {
        continue;
      }
      if (last instanceof Stmt.Store first
          && s instanceof Stmt.Store second
          && first.array() instanceof Expr.Ref a
          && second.array().equals(a)
          && second.index().equals(first.index())
          && !Exprs.reads(second.value()).contains(a.var())) {
        out.set(out.size() - 1, s);
        continue;
      }
      out.add(s);
    }
    return out;
  }

  /** Whether {@code back} copies into {@code a} what {@code there} just copied from it. */
  private static boolean undoes(Stmt back, Stmt there) {
    if (!(back instanceof Stmt.For b && there instanceof Stmt.For t)
        || b.body().size() != 1
        || t.body().size() != 1
        || !b.from().equals(t.from())
        || !b.bound().equals(t.bound())
        || b.step() != t.step()
        || b.cmp() != t.cmp()
        || !(b.body().get(0) instanceof Stmt.Store bs)
        || !(t.body().get(0) instanceof Stmt.Store ts)) {
      return false;
    }
    Expr bk = Exprs.ref(b.index());
    Expr tk = Exprs.ref(t.index());
    return bs.array() instanceof Expr.Ref a
        && ts.array() instanceof Expr.Ref e
        && !a.equals(e)
        && bs.index().equals(bk)
        && ts.index().equals(tk)
        && bs.value().equals(new Expr.Index(e, bk))
        && ts.value().equals(new Expr.Index(a, tk))
        && !Exprs.reads(b.bound()).contains(e.var())
        && !Exprs.reads(b.from()).contains(e.var());
  }

  /** Removes {@code T v;} declarations of variables that nothing assigns or reads any more. */
  /** Verbatim code always runs, used or not: it may have effects ({@link Expr.Opaque}). */
  static boolean kept(Stmt.Declare d) {
    return d.init() instanceof Expr.Opaque;
  }

  static List<Stmt> dropUnusedDeclarations(List<Stmt> body) {
    Set<Var> used = new HashSet<>(Stmts.reads(body));
    collectAssigned(body, used);
    return Stmts.mapBlocks(
        body,
        block -> {
          List<Stmt> out = new ArrayList<>();
          for (int k = 0; k < block.size(); k++) {
            Stmt s = block.get(k);
            if (s instanceof Stmt.Declare d
                && d.init() == null
                && (!used.contains(d.var())
                    || !mentioned(block.subList(k + 1, block.size()), d.var()))) {
              continue;
            }
            out.add(s);
          }
          return out;
        });
  }

  private static boolean mentioned(List<Stmt> rest, Var v) {
    return Stmts.reads(rest).contains(v) || Stmts.writes(rest).contains(v);
  }

  /** Variables an assignment sets, nested blocks included (declarations do not count). */
  private static void collectAssigned(List<Stmt> block, Set<Var> out) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Assign a) {
        out.add(a.var());
      } // a filter: only an assignment counts; the blocks of every kind are searched below
      for (List<Stmt> nested : Stmts.blocks(s)) {
        collectAssigned(nested, out);
      }
    }
  }
}
