package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Aliases;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fuses a forward loop with the reverse loop over the same iterations when the reverse loop's
 * iterations are independent (they only accumulate into adjoints), so that a reduction like a sum
 * of squared errors becomes a single pass that stores nothing. The statements between the two loops
 * that the reverse loop needs (its adjoint seeds) move before the forward loop; the others move
 * after. Every move and the fusion itself are checked on read and write sets; when a check fails
 * the loops stay as they are.
 */
public final class LoopFusion {
  private LoopFusion() {}

  public static Function run(Function f) {
    if (!Aliases.of(f).isEmpty()) {
      // the read and write sets below do not follow arrays that share storage: no fusion then
      return f;
    }
    return f.withBody(Stmts.mapBlocks(f.body(), LoopFusion::block));
  }

  private static List<Stmt> block(List<Stmt> in) {
    List<Stmt> block = new ArrayList<>(in);
    for (int p = 0; p < block.size(); p++) {
      if (!(block.get(p) instanceof Stmt.For l1)) {
        continue;
      }
      for (int q = p + 1; q < block.size(); q++) {
        if (block.get(q) instanceof Stmt.For l2 && sameIterations(l1, l2)) {
          Optional<List<Stmt>> fused = fuse(l1, block.subList(p + 1, q), l2);
          if (fused.isPresent()) {
            List<Stmt> out = new ArrayList<>(block.subList(0, p));
            out.addAll(fused.get());
            out.addAll(block.subList(q + 1, block.size()));
            block = out;
          }
          break;
        }
      }
    }
    return block;
  }

  /** Whether two loops visit the same index values (in the same or the opposite order). */
  static boolean sameIterations(Stmt.For a, Stmt.For b) {
    if (!a.index().equals(b.index())) {
      return false;
    }
    if (a.from().equals(b.from())
        && a.cmp() == b.cmp()
        && a.bound().equals(b.bound())
        && a.step() == b.step()) {
      return true;
    }
    if (Math.abs(a.step()) != 1 || b.step() != -a.step()) {
      return false;
    }
    Expr one = Expr.Const.ofInt(1);
    Expr last =
        switch (a.cmp()) {
          case LT -> Exprs.sub(a.bound(), one);
          case GT -> Exprs.add(a.bound(), one);
          default -> a.bound();
        };
    BinOp back = a.step() > 0 ? BinOp.GE : BinOp.LE;
    return b.cmp() == back
        && b.bound().equals(a.from())
        && simplified(b.from()).equals(simplified(last));
  }

  private static Expr simplified(Expr e) {
    return Exprs.rewrite(e, Simplify::node);
  }

  private static Optional<List<Stmt>> fuse(Stmt.For l1, List<Stmt> between, Stmt.For l2) {
    if (hasVerbatim(between) || hasVerbatim(l2.body())) {
      return Optional.empty(); // the user's code runs in its order, which moving would change
    }
    Set<Var> carried1 = outside(l1);
    Set<Var> written2 = outside(l2);
    Set<Var> reads1 = Stmts.reads(l1.body());
    Set<Var> reads2 = Stmts.reads(l2.body());
    if (!independent(l2.body(), written2)
        || intersects(reads2, carried1)
        || intersects(reads1, written2)
        || intersects(carried1, written2)) {
      return Optional.empty();
    }
    // split what lies between: the reverse loop's seeds go first, the rest after
    List<Stmt> pre = new ArrayList<>();
    List<Stmt> post = new ArrayList<>();
    Set<Var> needed = new HashSet<>(reads2);
    for (int k = between.size() - 1; k >= 0; k--) {
      Stmt s = between.get(k);
      if (intersects(Stmts.writes(s), needed)) {
        pre.add(0, s);
        needed.addAll(Stmts.reads(s));
      } else {
        post.add(0, s);
      }
    }
    Set<Var> postWrites = Stmts.writes(post);
    Set<Var> postReads = Stmts.reads(post);
    for (Stmt s : pre) {
      Set<Var> r = Stmts.reads(s);
      Set<Var> w = Stmts.writes(s);
      if (intersects(r, carried1)
          || intersects(r, postWrites)
          || intersects(w, reads1)
          || intersects(w, carried1)
          || intersects(w, postReads)
          || intersects(w, postWrites)) {
        return Optional.empty();
      }
    }
    if (intersects(postReads, written2) || intersects(postWrites, written2)) {
      return Optional.empty();
    }
    Optional<List<Stmt>> body = fusedBody(l1.body(), l2.body());
    if (body.isEmpty()) {
      return Optional.empty();
    }
    List<Stmt> out = new ArrayList<>(pre);
    out.add(new Stmt.For(l1.index(), l1.from(), l1.cmp(), l1.bound(), l1.step(), body.get()));
    out.addAll(post);
    return Optional.of(out);
  }

  /**
   * The fused body: the forward body, then the reverse body without the statements that only
   * recompute what the forward body has just computed.
   */
  private static Optional<List<Stmt>> fusedBody(List<Stmt> b1, List<Stmt> b2) {
    Optional<List<Stmt>> prefix = sharedPrefix(b1, b2);
    if (prefix.isPresent()) {
      return prefix;
    }
    List<Stmt> rest = new ArrayList<>();
    int k = 0;
    for (Stmt s : b2) {
      int match = -1;
      for (int j = k; j < b1.size() && match < 0; j++) {
        if (b1.get(j).equals(s)) {
          match = j;
        }
      }
      if (match >= 0 && s instanceof Stmt.Declare d && recomputes(d, b1, match, b2)) {
        k = match + 1;
      } else {
        rest.add(s);
      }
    }
    Set<Var> declared1 = Stmts.declared(b1);
    if (intersects(Stmts.declared(rest), declared1)) {
      return Optional.empty();
    }
    List<Stmt> out = new ArrayList<>(b1);
    out.addAll(rest);
    return Optional.of(out);
  }

  /**
   * When the reverse body starts by recomputing exactly what the forward body starts with (the same
   * statements, loops included) and the rest of the forward body changes nothing the rest of the
   * reverse body reads, the recomputation is dropped: {@code P; R1} and {@code P; R2} fuse into
   * {@code P; R1; R2}. The reverse body's copy of P may also fill tapes of its own (arrays it
   * declares, written and never read within P): then its copy is the one kept.
   */
  private static Optional<List<Stmt>> sharedPrefix(List<Stmt> b1, List<Stmt> b2) {
    int i = 0;
    int k = 0;
    List<Stmt> prefix = new ArrayList<>();
    Set<Var> tapes = new HashSet<>();
    while (i < b1.size() && k < b2.size()) {
      Stmt s2 = b2.get(k);
      if (s2 instanceof Stmt.Declare d && d.init() instanceof Expr.NewArray) {
        tapes.add(d.var());
        prefix.add(s2);
        k++;
      } else if (b1.get(i).equals(s2) || b1.get(i).equals(withoutStores(s2, tapes))) {
        prefix.add(s2);
        i++;
        k++;
      } else {
        break;
      }
    }
    if (i == 0) {
      return Optional.empty();
    }
    List<Stmt> r1 = b1.subList(i, b1.size());
    List<Stmt> r2 = b2.subList(k, b2.size());
    if (intersects(Stmts.writes(r1), Stmts.reads(r2))
        || intersects(Stmts.writes(r2), Stmts.reads(r1))
        || intersects(topDeclared(r2), topDeclared(b1))
        || intersects(Stmts.reads(r1), tapes)
        || intersects(topDeclared(prefix), topDeclared(r1))) {
      return Optional.empty();
    }
    List<Stmt> out = new ArrayList<>(prefix);
    out.addAll(r1);
    out.addAll(r2);
    return Optional.of(out);
  }

  /** {@code s} without its stores into {@code tapes}, nested blocks included. */
  private static Stmt withoutStores(Stmt s, Set<Var> tapes) {
    if (tapes.isEmpty()) {
      return s;
    }
    List<Stmt> block =
        Stmts.mapBlocks(
            List.of(s),
            b -> {
              List<Stmt> out = new ArrayList<>();
              for (Stmt t : b) {
                if (!(t instanceof Stmt.Store st && tapes.contains(Exprs.root(st.array())))) {
                  out.add(t);
                }
              }
              return out;
            });
    return block.size() == 1 ? block.get(0) : s;
  }

  /**
   * Variables declared directly in a block (not in its nested blocks, which are scopes of their
   * own).
   */
  private static Set<Var> topDeclared(List<Stmt> block) {
    Set<Var> out = new HashSet<>();
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d) {
        out.add(d.var());
      }
    }
    return out;
  }

  /** A declaration the forward body made identically, whose value nothing changes afterwards. */
  private static boolean recomputes(Stmt.Declare d, List<Stmt> b1, int at, List<Stmt> b2) {
    Set<Var> laterWrites = Stmts.writes(b1.subList(at + 1, b1.size()));
    Set<Var> assigned2 = new HashSet<>(Stmts.writes(b2));
    assigned2.removeAll(Stmts.declared(b2));
    return !laterWrites.contains(d.var())
        && !intersects(laterWrites, Exprs.reads(d.init() == null ? Expr.Const.of(0) : d.init()))
        && !assigned2.contains(d.var())
        && !intersects(
            Set.copyOf(assigned2), Exprs.reads(d.init() == null ? Expr.Const.of(0) : d.init()));
  }

  /** Variables declared outside the loop that its body writes (arrays included). */
  private static Set<Var> outside(Stmt.For l) {
    Set<Var> out = new HashSet<>(Stmts.writes(l.body()));
    out.removeAll(Stmts.declared(l.body()));
    return out;
  }

  /**
   * Whether the iterations of a loop body commute: every variable it writes from outside is only
   * accumulated ({@code v += e}, {@code a[i] += e}) and read nowhere else in the body.
   */
  static boolean independent(List<Stmt> body, Set<Var> outside) {
    for (Var v : outside) {
      if (!onlyAccumulated(body, v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean onlyAccumulated(List<Stmt> block, Var v) {
    for (Stmt s : block) {
      if (s instanceof Stmt.If i) {
        if (Exprs.reads(i.cond()).contains(v)
            || !onlyAccumulated(i.then(), v)
            || !onlyAccumulated(i.otherwise(), v)) {
          return false;
        }
      } else if (s instanceof Stmt.While w) {
        if (Exprs.reads(w.cond()).contains(v) || !onlyAccumulated(w.body(), v)) {
          return false;
        }
      } else if (s instanceof Stmt.For f) {
        if (Exprs.reads(f.from()).contains(v)
            || Exprs.reads(f.bound()).contains(v)
            || !onlyAccumulated(f.body(), v)) {
          return false;
        }
      } else if (Stmts.reads(s).contains(v) || Stmts.writes(s).contains(v)) {
        Expr amount = accumulation(s, v);
        if (amount == null || Exprs.reads(amount).contains(v)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The amount when {@code s} is {@code v = v ± amount} or {@code v[i] = v[i] ± amount}, else null.
   */
  private static Expr accumulation(Stmt s, Var v) {
    if (s instanceof Stmt.Assign a && a.value() instanceof Expr.Cast c && c.type() == v.type()) {
      return accumulation(new Stmt.Assign(v, c.operand()), v);
    }
    if (s instanceof Stmt.Assign a
        && a.var().equals(v)
        && a.value() instanceof Binary b
        && (b.op() == BinOp.ADD || b.op() == BinOp.SUB)
        && b.left() instanceof Ref r
        && r.var().equals(v)) {
      return b.right();
    }
    if (s instanceof Stmt.Store st
        && st.array() instanceof Ref r
        && r.var().equals(v)
        && st.value() instanceof Binary b
        && (b.op() == BinOp.ADD || b.op() == BinOp.SUB)
        && b.left() instanceof Index ix
        && ix.array().equals(st.array())
        && ix.index().equals(st.index())
        && !Exprs.reads(st.index()).contains(v)) {
      return b.right();
    }
    return null;
  }

  private static boolean hasVerbatim(List<Stmt> block) {
    return Stmts.all(block).stream()
        .anyMatch(s -> s instanceof Stmt.Declare d && DeadCodeElimination.kept(d));
  }

  private static boolean intersects(Set<Var> a, Set<Var> b) {
    for (Var v : a) {
      if (b.contains(v)) {
        return true;
      }
    }
    return false;
  }
}
