package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Overwrites;
import dev.adjoint.compiler.pass.storage.ArraySnapshots;
import dev.adjoint.compiler.pass.storage.ArrayStacks;
import dev.adjoint.compiler.pass.storage.Checkpoints;
import dev.adjoint.compiler.pass.storage.LoopTapes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reverse mode of one loop under {@code @Differentiable(checkpoints = N)}: the forward sweep runs
 * the loop as written after saving its entry state and counting its iterations; the reverse sweep
 * rebuilds each iteration's state from at most N snapshots ({@link Checkpoints}) and runs the
 * iteration's own forward and reverse sweeps ({@code body.all()}), as the full-storage reverse does
 * from its tapes. Arrays no iteration needs the old elements of are kept out of the snapshots
 * ({@link ArraySnapshots#unsavedOnly}).
 */
final class CheckpointedLoop {
  private CheckpointedLoop() {}

  /** What the loop contributes to the enclosing block's sweeps. */
  record Parts(List<Stmt> forward, List<Stmt> reverse) {}

  static Parts build(
      Stmt loop,
      ReverseMode.Sweeps body,
      ArraySnapshots unsaved,
      Set<Var> pending,
      int n,
      NameSupply names) {
    List<Stmt> loopBody = Stmts.blocks(loop).get(0);
    List<Var> scalars = new ArrayList<>(Overwrites.carried(loopBody));
    scalars.removeAll(pending); // unassigned before the loop: no iteration reads an old value
    // a sum (s += e) is read by nothing else: its reverse needs no old value of it
    scalars.removeIf(v -> Overwrites.onlyAccumulated(loopBody, v));
    Set<Var> arrays = new LinkedHashSet<>(ArrayStacks.writtenArrays(loop));
    arrays.removeAll(Stmts.declared(List.of(loop)));
    arrays.removeAll(unsaved.arrays());
    Checkpoints checkpoints = new Checkpoints(names, n, scalars, List.copyOf(arrays));
    Var trips = names.fresh("trips", Type.INT);
    List<Stmt> forward = new ArrayList<>(unsaved.beforeLoop());
    List<Stmt> reverse = new ArrayList<>();
    if (loop instanceof Stmt.For f) {
      LoopTapes loops = new LoopTapes(names);
      Expr from = loops.start(f, forward);
      Expr first = from;
      if (checkpoints.isStateless()) {
        // nothing to rebuild: each iteration's reverse recomputes it from scratch, as written
        forward.add(new Stmt.For(f.index(), from, f.cmp(), f.bound(), f.step(), f.body()));
        if (!body.reverse().isEmpty()) {
          LoopTapes.Taped none =
              new LoopTapes.Taped(List.of(), List.of(), java.util.Map.of(), first, null, null);
          reverse.add(loops.reversed(f, none, body.all()));
        }
        reverse.addAll(unsaved.afterReverse());
        return new Parts(forward, reverse);
      }
      forward.add(new Stmt.Declare(trips, LoopTapes.tripCount(f, from)));
      forward.addAll(checkpoints.entry());
      forward.add(new Stmt.For(f.index(), from, f.cmp(), f.bound(), f.step(), f.body()));
      if (!body.reverse().isEmpty()) {
        reverse.addAll(
            checkpoints.reverse(
                Exprs.ref(trips),
                (a, b) -> span(f, first, a, b, f.body()),
                k -> List.of(span(f, first, k, Exprs.add(k, Expr.Const.ofInt(1)), body.all()))));
      } else {
        reverse.addAll(checkpoints.restoreEntry());
      }
    } else {
      Stmt.While w = (Stmt.While) loop;
      forward.add(new Stmt.Declare(trips, Expr.Const.ofInt(0)));
      forward.addAll(checkpoints.entry());
      List<Stmt> counted = new ArrayList<>(w.body());
      counted.add(new Stmt.Assign(trips, Exprs.add(Exprs.ref(trips), Expr.Const.ofInt(1))));
      forward.add(new Stmt.While(w.cond(), counted));
      if (!body.reverse().isEmpty()) {
        reverse.addAll(
            checkpoints.reverse(
                Exprs.ref(trips),
                (a, b) -> {
                  Var it = names.fresh("iteration", Type.INT);
                  return new Stmt.For(it, a, BinOp.LT, b, 1, w.body());
                },
                k -> body.all()));
      } else {
        reverse.addAll(checkpoints.restoreEntry());
      }
    }
    reverse.addAll(unsaved.afterReverse());
    return new Parts(forward, reverse);
  }

  /** The iterations {@code [a, b)} of {@code f} with {@code body}, {@code from} its first index. */
  private static Stmt span(Stmt.For f, Expr from, Expr a, Expr b, List<Stmt> body) {
    Expr step = Expr.Const.ofInt(f.step());
    Expr start = Exprs.add(from, Exprs.mul(a, step));
    Expr end = Exprs.add(from, Exprs.mul(b, step));
    BinOp cmp = f.step() > 0 ? BinOp.LT : BinOp.GT;
    return new Stmt.For(f.index(), start, cmp, end, f.step(), body);
  }
}
