package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Binomial checkpointing of one loop (Griewank and Walther's revolve, as a recursion run from an
 * explicit stack): the forward sweep runs the loop plainly after saving its entry state into slot
 * 0; the reverse sweep rebuilds the state of each iteration from at most {@code n} slots and runs
 * that iteration's reverse.
 *
 * <p>To reverse iterations {@code [a, b)} with the state of {@code a} in slot {@code k}, using the
 * {@code s = n - k} snapshots from slot k up: if more than one iteration remains and a slot is
 * free, advance from {@code a} to {@code m}, save that state in slot {@code k + 1}, reverse {@code
 * [m, b)} from s - 1 snapshots, then {@code [a, m)} from s. The split {@code m - a = β(s, r - 1)},
 * where {@code r} is the least number of repetitions with {@code β(s, r) = C(s + r, s) ≥ b - a}, is
 * revolve's: no iteration is run forward more than {@code r} times besides its reverse. With one
 * snapshot left the iterations are rebuilt one by one from it (at most r + 1 of them; quadratic in
 * the trip count only with {@code n = 1}).
 *
 * <p>The state is the loop's carried scalars and the arrays it writes and reads; each slot holds a
 * copy of all of it. Everything is plain IR (counted loops, element copies, int arithmetic), so the
 * Hessian-vector product, forward mode over the gradient, keeps the same bound.
 */
public final class Checkpoints {
  private final NameSupply names;
  private final int n;
  private final List<Var> scalars;
  private final List<Var> arrays;

  /** The slots of each state variable: an array of n values, or n copies of an array. */
  private final Map<Var, Var> slots = new LinkedHashMap<>();

  /** The element count of each matrix in the state (rows of any length), taken at loop entry. */
  private final Map<Var, Var> sizes = new LinkedHashMap<>();

  public Checkpoints(NameSupply names, int n, List<Var> scalars, List<Var> arrays) {
    this.names = names;
    this.n = n;
    this.scalars = List.copyOf(scalars);
    this.arrays = List.copyOf(arrays);
    for (Var v : scalars) {
      slots.put(v, names.fresh(v.name() + "Checkpoints", v.type().arrayOf()));
    }
    for (Var a : arrays) {
      Type slotType = a.type().isMatrix() ? a.type().elementType() : a.type();
      slots.put(a, names.fresh(a.name() + "Checkpoints", slotType));
      if (a.type().isMatrix()) {
        sizes.put(a, names.fresh(a.name() + "Size", Type.INT));
      }
    }
  }

  /** Whether the loop carries nothing: each iteration's reverse can start from scratch. */
  public boolean isStateless() {
    return scalars.isEmpty() && arrays.isEmpty();
  }

  /** Before the loop: the slots, allocated once, and the entry state saved into slot 0. */
  public List<Stmt> entry() {
    List<Stmt> out = new ArrayList<>();
    Expr count = Expr.Const.ofInt(n);
    for (Var v : scalars) {
      out.add(new Stmt.Declare(slots.get(v), new Expr.NewArray(v.type().arrayOf(), count)));
    }
    for (Var a : arrays) {
      Var size = sizes.get(a);
      Expr length = new Expr.Length(Exprs.ref(a));
      if (size != null) {
        out.add(new Stmt.Declare(size, Expr.Const.ofInt(0)));
        Var r = names.fresh("r", Type.INT);
        Stmt add =
            new Stmt.Assign(
                size,
                Exprs.add(
                    Exprs.ref(size), new Expr.Length(new Expr.Index(Exprs.ref(a), Exprs.ref(r)))));
        out.add(new Stmt.For(r, zero(), BinOp.LT, length, 1, List.of(add)));
        length = Exprs.ref(size);
      }
      Var slot = slots.get(a);
      out.add(new Stmt.Declare(slot, new Expr.NewArray(slot.type(), Exprs.mul(count, length))));
    }
    out.addAll(save(zero()));
    return out;
  }

  /**
   * The reverse sweep over {@code trips} iterations: {@code advance.apply(from, to)} runs the plain
   * iterations {@code [from, to)}, {@code step.apply(k)} runs iteration k's reverse from its state.
   */
  public List<Stmt> reverse(
      Expr trips, BiFunction<Expr, Expr, Stmt> advance, Function<Expr, List<Stmt>> step) {
    List<Stmt> out = new ArrayList<>();
    Var k = names.fresh("step", Type.INT);
    if (isStateless()) {
      out.add(new Stmt.For(k, minus1(trips), BinOp.GE, zero(), -1, step.apply(Exprs.ref(k))));
      return out;
    }
    Var froms = names.fresh("checkpointFrom", Type.INT_ARRAY);
    Var tos = names.fresh("checkpointTo", Type.INT_ARRAY);
    Var slotsOf = names.fresh("checkpointSlot", Type.INT_ARRAY);
    Var top = names.fresh("checkpointTop", Type.INT);
    for (Var v : List.of(froms, tos, slotsOf)) {
      out.add(new Stmt.Declare(v, new Expr.NewArray(Type.INT_ARRAY, Expr.Const.ofInt(n))));
    }
    out.add(new Stmt.Declare(top, zero()));
    out.add(
        new Stmt.Comment(
            "binomial checkpointing: the loop's iterations reversed from at most "
                + n
                + " snapshots of its state"));
    out.add(
        new Stmt.If(
            Exprs.binary(BinOp.GT, trips, zero()),
            List.of(
                new Stmt.Store(Exprs.ref(tos), zero(), trips),
                new Stmt.Assign(top, Expr.Const.ofInt(1))),
            List.of()));

    Var a = names.fresh("from", Type.INT);
    Var b = names.fresh("to", Type.INT);
    Var slot = names.fresh("slot", Type.INT);
    List<Stmt> frame = new ArrayList<>();
    frame.add(new Stmt.Assign(top, minus1(Exprs.ref(top))));
    frame.add(new Stmt.Declare(a, at(froms, top)));
    frame.add(new Stmt.Declare(b, at(tos, top)));
    frame.add(new Stmt.Declare(slot, at(slotsOf, top)));

    List<Stmt> split = new ArrayList<>();
    Var m = names.fresh("middle", Type.INT);
    split.addAll(splitPoint(a, b, slot, m));
    split.addAll(restore(Exprs.ref(slot)));
    split.add(advance.apply(Exprs.ref(a), Exprs.ref(m)));
    split.addAll(save(Exprs.add(Exprs.ref(slot), Expr.Const.ofInt(1))));
    split.add(new Stmt.Store(Exprs.ref(froms), Exprs.ref(top), Exprs.ref(a)));
    split.add(new Stmt.Store(Exprs.ref(tos), Exprs.ref(top), Exprs.ref(m)));
    split.add(new Stmt.Store(Exprs.ref(slotsOf), Exprs.ref(top), Exprs.ref(slot)));
    split.add(new Stmt.Assign(top, Exprs.add(Exprs.ref(top), Expr.Const.ofInt(1))));
    split.add(new Stmt.Assign(a, Exprs.ref(m)));
    split.add(new Stmt.Assign(slot, Exprs.add(Exprs.ref(slot), Expr.Const.ofInt(1))));
    Expr more =
        Exprs.binary(
            BinOp.AND,
            Exprs.binary(BinOp.GT, Exprs.sub(Exprs.ref(b), Exprs.ref(a)), Expr.Const.ofInt(1)),
            Exprs.binary(BinOp.LT, Exprs.ref(slot), Expr.Const.ofInt(n - 1)));
    frame.add(new Stmt.While(more, split));

    List<Stmt> leaf = new ArrayList<>(restore(Exprs.ref(slot)));
    leaf.add(advance.apply(Exprs.ref(a), Exprs.ref(k)));
    leaf.addAll(step.apply(Exprs.ref(k)));
    frame.add(new Stmt.For(k, minus1(Exprs.ref(b)), BinOp.GE, Exprs.ref(a), -1, leaf));

    out.add(new Stmt.While(Exprs.binary(BinOp.GT, Exprs.ref(top), zero()), frame));
    // the code before the loop is reversed from the state the loop started with
    out.addAll(restore(zero()));
    return out;
  }

  /**
   * {@code m = a + min(β(s, r - 1), b - a - 1)}, with {@code s = n - slot} snapshots (the span's
   * start and the free slots above it) and {@code r} the least repetition number with {@code β(s,
   * r) ≥ b - a}: the left part is reversed later from the same s snapshots with one repetition
   * fewer, the right part from s - 1 with r, and {@code β(s, r) = β(s, r - 1) + β(s - 1, r)}.
   */
  private List<Stmt> splitPoint(Var a, Var b, Var slot, Var m) {
    List<Stmt> out = new ArrayList<>();
    Var length = names.fresh("length", Type.INT);
    Var snapshots = names.fresh("snapshots", Type.INT);
    // how many iterations s snapshots and r repetitions reach: β(s, r), and β(s, r - 1)
    Var beta = names.fresh("reach", Type.LONG);
    Var previous = names.fresh("reachBefore", Type.LONG);
    Var r = names.fresh("repetitions", Type.INT);
    out.add(new Stmt.Declare(length, Exprs.sub(Exprs.ref(b), Exprs.ref(a))));
    // the snapshots this span may use: the one holding its start, and every slot above it
    out.add(new Stmt.Declare(snapshots, Exprs.sub(Expr.Const.ofInt(n), Exprs.ref(slot))));
    out.add(new Stmt.Declare(beta, new Expr.Const(Type.LONG, 1, "1L")));
    out.add(new Stmt.Declare(previous, new Expr.Const(Type.LONG, 1, "1L")));
    out.add(new Stmt.Declare(r, zero()));
    List<Stmt> grow = new ArrayList<>();
    grow.add(new Stmt.Assign(r, Exprs.add(Exprs.ref(r), Expr.Const.ofInt(1))));
    grow.add(new Stmt.Assign(previous, Exprs.ref(beta)));
    grow.add(
        new Stmt.Assign(
            beta,
            Exprs.div(
                Exprs.mul(Exprs.ref(beta), Exprs.add(Exprs.ref(snapshots), Exprs.ref(r))),
                Exprs.ref(r))));
    out.add(new Stmt.While(Exprs.binary(BinOp.LT, Exprs.ref(beta), Exprs.ref(length)), grow));
    Expr last = minus1(Exprs.ref(length));
    Expr left =
        Exprs.cond(
            Exprs.binary(BinOp.LT, Exprs.ref(previous), last),
            new Expr.Cast(Type.INT, Exprs.ref(previous)),
            last);
    out.add(new Stmt.Declare(m, Exprs.add(Exprs.ref(a), left)));
    return out;
  }

  /** The state the loop started with put back: what the reverse of the code before it reads. */
  public List<Stmt> restoreEntry() {
    return restore(zero());
  }

  /** The state copied into slot {@code slot}. */
  List<Stmt> save(Expr slot) {
    return copies(slot, true);
  }

  /** The state copied back from slot {@code slot}. */
  List<Stmt> restore(Expr slot) {
    return copies(slot, false);
  }

  private List<Stmt> copies(Expr slot, boolean save) {
    List<Stmt> out = new ArrayList<>();
    for (Var v : scalars) {
      Expr cell = new Expr.Index(Exprs.ref(slots.get(v)), slot);
      out.add(
          save
              ? new Stmt.Store(Exprs.ref(slots.get(v)), slot, Exprs.ref(v))
              : new Stmt.Assign(v, cell));
    }
    for (Var a : arrays) {
      out.addAll(a.type().isMatrix() ? matrixCopy(a, slot, save) : arrayCopy(a, slot, save));
    }
    return out;
  }

  private List<Stmt> arrayCopy(Var a, Expr slot, boolean save) {
    Expr length = new Expr.Length(Exprs.ref(a));
    Var k = names.fresh("k", Type.INT);
    Expr at =
        Exprs.isConst(slot, 0) ? Exprs.ref(k) : Exprs.add(Exprs.mul(slot, length), Exprs.ref(k));
    Expr element = new Expr.Index(Exprs.ref(a), Exprs.ref(k));
    Var store = slots.get(a);
    Stmt body =
        save
            ? new Stmt.Store(Exprs.ref(store), at, element)
            : new Stmt.Store(Exprs.ref(a), Exprs.ref(k), new Expr.Index(Exprs.ref(store), at));
    return List.of(new Stmt.For(k, zero(), BinOp.LT, length, 1, List.of(body)));
  }

  private List<Stmt> matrixCopy(Var m, Expr slot, boolean save) {
    Var offset = names.fresh("offset", Type.INT);
    Var r = names.fresh("r", Type.INT);
    Var c = names.fresh("c", Type.INT);
    Expr row = new Expr.Index(Exprs.ref(m), Exprs.ref(r));
    Expr cell = new Expr.Index(Exprs.ref(slots.get(m)), Exprs.add(Exprs.ref(offset), Exprs.ref(c)));
    Stmt copy =
        save
            ? new Stmt.Store(
                Exprs.ref(slots.get(m)),
                Exprs.add(Exprs.ref(offset), Exprs.ref(c)),
                new Expr.Index(row, Exprs.ref(c)))
            : new Stmt.Store(row, Exprs.ref(c), cell);
    // a loop bound must not read the array its body writes: the row's length first
    Var length = names.fresh("rowLength", Type.INT);
    List<Stmt> rowBody = new ArrayList<>();
    rowBody.add(new Stmt.Declare(length, new Expr.Length(row)));
    rowBody.add(new Stmt.For(c, zero(), BinOp.LT, Exprs.ref(length), 1, List.of(copy)));
    rowBody.add(new Stmt.Assign(offset, Exprs.add(Exprs.ref(offset), Exprs.ref(length))));
    List<Stmt> out = new ArrayList<>();
    out.add(
        new Stmt.Declare(
            offset, Exprs.isConst(slot, 0) ? zero() : Exprs.mul(slot, Exprs.ref(sizes.get(m)))));
    out.add(new Stmt.For(r, zero(), BinOp.LT, new Expr.Length(Exprs.ref(m)), 1, rowBody));
    return out;
  }

  private static Expr at(Var array, Var index) {
    return new Expr.Index(Exprs.ref(array), Exprs.ref(index));
  }

  private static Expr zero() {
    return Expr.Const.ofInt(0);
  }

  private static Expr minus1(Expr e) {
    return Exprs.sub(e, Expr.Const.ofInt(1));
  }
}
