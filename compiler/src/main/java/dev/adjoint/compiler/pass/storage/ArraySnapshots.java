package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Coverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whole-array storage for the arrays a loop overwrites in full, chosen by {@link Coverage} instead
 * of element stacks ({@link ArrayStacks}):
 *
 * <ul>
 *   <li><b>entry copy</b>: an array every iteration overwrites whole before reading it (a kill:
 *       {@code next[i] = f(u)}), or one the loop writes whole and never reads. No iteration needs
 *       its old elements, so nothing is stored per iteration; one copy at loop entry, put back
 *       after the loop's reverse sweep, keeps it right for the code before the loop. Dead-code
 *       elimination deletes both copies when nothing reads them.
 *   <li><b>snapshot</b>: an array each iteration of a counted loop reads and then overwrites whole
 *       ({@code u[i] = next[i]}). One copy per iteration into a tape of trip count × length,
 *       allocated once before the loop; the reverse iteration copies its row back.
 * </ul>
 */
public final class ArraySnapshots implements IterationState {
  /** How an array is saved. */
  private enum Kind {
    /** Copied at loop entry, put back after the loop's reverse sweep (or not at all if dead). */
    RESTORED_AFTER,
    /** Copied at loop entry, put back before the reverse iterations, which read what it held. */
    RESTORED_BEFORE,
    /** Copied at the start of every iteration into a tape. */
    PER_ITERATION
  }

  /** One saved array: its copy (entry buffer or tape, null if none is needed) and its kind. */
  private record Saved(Var array, Var copy, Kind kind) {
    boolean perIteration() {
      return kind == Kind.PER_ITERATION;
    }
  }

  private static final Expr ZERO = Expr.Const.ofInt(0);

  private final Map<Var, Saved> saved = new LinkedHashMap<>();
  private final NameSupply names;

  private ArraySnapshots(NameSupply names) {
    this.names = names;
  }

  /** No array saved whole: a branch, or a loop overwriting only parts of arrays. */
  public static ArraySnapshots none(NameSupply names) {
    return new ArraySnapshots(names);
  }

  /**
   * The whole-array storage of {@code loop} (a counted or while loop); arrays in {@code deadAfter}
   * (what they hold once the loop's reverse sweep is done is never read) need no entry copy.
   */
  public static ArraySnapshots of(
      Stmt loop, Coverage coverage, NameSupply names, Set<Var> deadAfter) {
    ArraySnapshots out = new ArraySnapshots(names);
    List<Stmt> body = Stmts.blocks(loop).get(0);
    Set<Var> declaredInside = Stmts.declared(List.of(loop));
    for (Var a : ArrayStacks.writtenArrays(loop)) {
      if (declaredInside.contains(a)) {
        continue;
      }
      Coverer first = firstCover(body, a, coverage);
      // never read in the loop: no iteration needs old elements; the entry copy (cheap only when
      // the loop writes all of it) is needed only if the code before the loop reads them back
      boolean unread = !Coverage.readsElements(body, a);
      boolean writeOnly = unread && (coverage.covers(loop, a) || deadAfter.contains(a));
      Var index = loop instanceof Stmt.For f ? f.index() : null;
      boolean killed =
          (first != null && first.killsBeforeRead())
              || Coverage.rewrittenEachIteration(body, a, index);
      if (writeOnly || killed) {
        Var copy = deadAfter.contains(a) ? null : names.fresh(a.name() + "Entry", a.type());
        out.saved.put(a, new Saved(a, copy, Kind.RESTORED_AFTER));
      } else if (loop instanceof Stmt.For f
          && coverage.covers(loop, a)
          && Coverage.onlyAt(body, a, f.index())) {
        // a[i] = g(a[i]): iteration i needs only the a[i] it started with, which no other touches
        out.saved.put(
            a, new Saved(a, names.fresh(a.name() + "Entry", a.type()), Kind.RESTORED_BEFORE));
      } else if (first != null && loop instanceof Stmt.For) {
        out.saved.put(
            a, new Saved(a, names.fresh(a.name() + "Snapshots", a.type()), Kind.PER_ITERATION));
      }
    }
    return out;
  }

  /** The first top-level statement of {@code body} covering {@code a}, and what comes before it. */
  private record Coverer(boolean killsBeforeRead) {}

  private static Coverer firstCover(List<Stmt> body, Var a, Coverage coverage) {
    for (int k = 0; k < body.size(); k++) {
      Stmt s = body.get(k);
      if (coverage.covers(s, a)) {
        boolean readBefore = Coverage.readsElements(body.subList(0, k), a);
        return new Coverer(!readBefore && coverage.kills(s, a));
      }
    }
    return null;
  }

  /**
   * Only the arrays no iteration needs the old elements of, for a checkpointed loop (whose
   * snapshots hold the others).
   */
  public ArraySnapshots unsavedOnly() {
    ArraySnapshots out = new ArraySnapshots(names);
    saved.values().stream()
        .filter(s -> s.kind() == Kind.RESTORED_AFTER)
        .forEach(s -> out.saved.put(s.array(), s));
    return out;
  }

  /** The arrays stored here, which therefore get no element stack. */
  public Set<Var> arrays() {
    return new LinkedHashSet<>(saved.keySet());
  }

  /**
   * The arrays no iteration needs the old elements of (overwritten whole before being read, or
   * never read): what they hold after a reverse iteration is never read.
   */
  public Set<Var> unsaved() {
    Set<Var> out = new LinkedHashSet<>();
    saved.values().stream()
        .filter(s -> s.kind() == Kind.RESTORED_AFTER)
        .forEach(s -> out.add(s.array()));
    return out;
  }

  /** The entry copies, before the loop. */
  public List<Stmt> beforeLoop() {
    List<Stmt> out = new ArrayList<>();
    for (Saved s : saved.values()) {
      if (!s.perIteration() && s.copy() != null) {
        Expr length = new Expr.Length(Exprs.ref(s.array()));
        out.add(new Stmt.Declare(s.copy(), new Expr.NewArray(s.array().type(), length)));
        out.add(copy(s, s.array(), ZERO, s.copy(), ZERO));
      }
    }
    return out;
  }

  /** The entry copies put back before the reverse iterations. */
  public List<Stmt> beforeReverse() {
    List<Stmt> out = new ArrayList<>();
    for (Saved s : saved.values()) {
      if (s.kind() == Kind.RESTORED_BEFORE) {
        out.add(copy(s, s.copy(), ZERO, s.array(), ZERO));
      }
    }
    return out;
  }

  /** The entry copies put back, after the loop's reverse sweep. */
  public List<Stmt> afterReverse() {
    List<Stmt> out = new ArrayList<>();
    for (Saved s : saved.values()) {
      if (s.kind() == Kind.RESTORED_AFTER && s.copy() != null) {
        out.add(copy(s, s.copy(), ZERO, s.array(), ZERO));
      }
    }
    return out;
  }

  @Override
  public List<Stmt> allocate(Expr trips) {
    List<Stmt> out = new ArrayList<>();
    for (Saved s : saved.values()) {
      if (s.perIteration()) {
        Expr size = Exprs.mul(trips, new Expr.Length(Exprs.ref(s.array())));
        out.add(new Stmt.Declare(s.copy(), new Expr.NewArray(s.array().type(), size)));
      }
    }
    return out;
  }

  @Override
  public List<Stmt> store(Expr iteration) {
    List<Stmt> out = new ArrayList<>();
    for (Saved s : saved.values()) {
      if (s.perIteration()) {
        out.add(copy(s, s.array(), ZERO, s.copy(), offset(s, iteration)));
      }
    }
    return out;
  }

  @Override
  public List<Stmt> restore(Expr iteration) {
    List<Stmt> out = new ArrayList<>();
    for (Saved s : saved.values()) {
      if (s.perIteration()) {
        out.add(copy(s, s.copy(), offset(s, iteration), s.array(), ZERO));
      }
    }
    return out;
  }

  private static Expr offset(Saved s, Expr iteration) {
    return Exprs.mul(iteration, new Expr.Length(Exprs.ref(s.array())));
  }

  /**
   * {@code for (k = 0; k < n; k++) to[toStart + k] = from[fromStart + k]}, n the length of the
   * saved array: a plain loop, which every pass (forward mode over the gradient included) reads as
   * element stores.
   */
  private Stmt copy(Saved s, Var from, Expr fromStart, Var to, Expr toStart) {
    Var k = names.fresh("k", Type.INT);
    Expr n = new Expr.Length(Exprs.ref(s.array()));
    Expr at = Exprs.ref(k);
    Stmt store =
        new Stmt.Store(
            Exprs.ref(to), plus(toStart, at), new Expr.Index(Exprs.ref(from), plus(fromStart, at)));
    return new Stmt.For(k, ZERO, BinOp.LT, n, 1, List.of(store));
  }

  private static Expr plus(Expr start, Expr k) {
    return start.equals(ZERO) ? k : Exprs.add(start, k);
  }
}
