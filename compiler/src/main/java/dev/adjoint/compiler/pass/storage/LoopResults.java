package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs before reverse mode, next to {@link NamedCalls}: in a loop body, a local that an inner loop
 * computes ({@code double z = 0; for (k...) z += w[j][k] * x[k];}) and that the rest of the body
 * only reads gets a copy right after the inner loop, which the rest of the body reads instead:
 * {@code double zValue = z;}. Only innermost loops count (see loopBody). {@link LoopTapes} tapes
 * such copies per iteration, so the reverse sweep reads z back instead of running the inner loop
 * again (a ReLU layer's pre-activation). The copy changes no value; where the reverse sweep does
 * not need it, dead-code elimination removes it.
 */
public final class LoopResults {
  private final NameSupply names;

  private LoopResults(Function f) {
    this.names = NameSupply.of(f);
  }

  public static Function run(Function f) {
    LoopResults pass = new LoopResults(f);
    return f.withBody(pass.block(f.body()));
  }

  /** Whether {@code s} declares the copy of an inner loop's result, as this pass makes them. */
  static boolean isCopy(Stmt s, Set<Var> innerLoopWrites) {
    return s instanceof Stmt.Declare d
        && d.init() instanceof Expr.Ref r
        && d.var().type().isFloating()
        && innerLoopWrites.contains(r.var());
  }

  private List<Stmt> block(List<Stmt> stmts) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : stmts) {
      if (s instanceof Stmt.If i) {
        out.add(i.with(block(i.then()), block(i.otherwise())));
      } else if (s instanceof Stmt.For f) {
        out.add(
            new Stmt.For(
                f.index(), f.from(), f.cmp(), f.bound(), f.step(), loopBody(block(f.body()))));
      } else if (s instanceof Stmt.While w) {
        out.add(new Stmt.While(w.cond(), loopBody(block(w.body()))));
      } else if (Stmts.blocks(s).isEmpty()) {
        out.add(s);
      } else {
        throw new IllegalStateException("unknown statement: " + s);
      }
    }
    return out;
  }

  private static boolean containsLoop(Stmt loop) {
    List<Stmt> body = loop instanceof Stmt.For f ? f.body() : ((Stmt.While) loop).body();
    return Stmts.all(body).stream().anyMatch(x -> x instanceof Stmt.For || x instanceof Stmt.While);
  }

  /** The copies after each top-level innermost loop of a loop body. */
  private List<Stmt> loopBody(List<Stmt> body) {
    List<Stmt> out = new ArrayList<>(body);
    Set<Var> declared = new HashSet<>();
    for (int at = 0; at < out.size(); at++) {
      Stmt s = out.get(at);
      if (s instanceof Stmt.Declare d) {
        declared.add(d.var());
      }
      if (!(s instanceof Stmt.For || s instanceof Stmt.While) || containsLoop(s)) {
        // an inner loop with loops of its own is usually recomputed anyway, for what those store
        // (and a copy would keep the outer loop from fusing with its reverse): only innermost loops
        continue;
      }
      List<Stmt> rest = out.subList(at + 1, out.size());
      Set<Var> restWrites = Stmts.writes(rest);
      Set<Var> restReads = Stmts.reads(rest);
      List<Stmt> copies = new ArrayList<>();
      List<Stmt> replaced = new ArrayList<>(rest);
      for (Var v : Stmts.writes(List.of(s))) {
        if (declared.contains(v)
            && !v.type().isArray()
            && v.type().isFloating()
            && !restWrites.contains(v)
            && restReads.contains(v)) {
          Var copy = names.fresh(v.name() + "Value", v.type());
          copies.add(new Stmt.Declare(copy, Exprs.ref(v)));
          replaced = Stmts.mapExprs(replaced, e -> Exprs.substitute(e, v, Exprs.ref(copy)));
        }
      }
      if (!copies.isEmpty()) {
        List<Stmt> next = new ArrayList<>(out.subList(0, at + 1));
        next.addAll(copies);
        next.addAll(replaced);
        out = next;
        at += copies.size();
      }
    }
    return out;
  }
}
