package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Overwrites;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loop mechanics of the reverse sweep: the taped forward loop (each iteration stores the carried
 * variables it starts with, into arrays sized by the trip count) and the reversed loop header (the
 * index runs backwards and is reconstructed, never stored).
 */
public final class LoopTapes {
  private final NameSupply names;

  public LoopTapes(NameSupply names) {
    this.names = names;
  }

  /**
   * The taped forward loop and, for the reverse body, the statements restoring an iteration and the
   * reads replacing the taped values' declarations.
   */
  public record Taped(
      List<Stmt> forward,
      List<Stmt> restores,
      Map<Var, Expr> values,
      Expr from,
      Var counter,
      Var iteration) {

    /**
     * {@code block} with each taped value's declaration reading the tape instead, and without the
     * verbatim code that gave a reference (whose uses, verbatim code too, read tapes now): the
     * reverse iteration never runs the user's code again.
     */
    public List<Stmt> reading(List<Stmt> block) {
      return Stmts.mapBlocks(
          block,
          b -> {
            List<Stmt> out = new ArrayList<>(b.size());
            for (Stmt s : b) {
              if (s instanceof Stmt.Declare d && values.containsKey(d.var())) {
                out.add(new Stmt.Declare(d.var(), values.get(d.var())));
              } else if (!(s instanceof Stmt.Declare d
                  && d.init() instanceof Expr.Opaque
                  && d.var().type() == Type.OBJECT)) {
                out.add(s);
              }
            }
            return out;
          });
    }
  }

  private static final int INITIAL_TAPE = 16;

  /**
   * The taped forward while loop: it counts its iterations and stores the carried variables of each
   * into arrays that grow by doubling (the trip count is not known in advance).
   */
  public Taped tape(Stmt.While w) {
    Var counter = names.fresh("iterations", Type.INT);
    Var capacity = names.fresh("capacity", Type.INT);
    Var k = names.fresh("k", Type.INT);
    List<Stmt> forward = new ArrayList<>();
    forward.add(new Stmt.Declare(counter, Expr.Const.ofInt(0)));
    forward.add(new Stmt.Declare(capacity, Expr.Const.ofInt(INITIAL_TAPE)));
    List<Stmt> grow = new ArrayList<>();
    grow.add(new Stmt.Assign(capacity, Exprs.mul(Expr.Const.ofInt(2), Exprs.ref(capacity))));
    List<Stmt> stores = new ArrayList<>();
    List<Stmt> restores = new ArrayList<>();
    Expr n = Exprs.ref(counter);
    for (Var c : Overwrites.carried(w.body())) {
      Var tape = names.fresh(c.name() + "Tape", c.type().arrayOf());
      Expr t = Exprs.ref(tape);
      forward.add(new Stmt.Declare(tape, new Expr.NewArray(tape.type(), Exprs.ref(capacity))));
      grow.add(new Stmt.Assign(tape, new Expr.CopyOf(t, Exprs.ref(capacity))));
      stores.add(new Stmt.Store(t, n, Exprs.ref(c)));
      restores.add(new Stmt.Assign(c, new Expr.Index(t, Exprs.ref(k))));
    }
    Map<Var, Var> valueTapes = valueTapes(w.body());
    Map<Var, Expr> values = new LinkedHashMap<>();
    for (Map.Entry<Var, Var> e : valueTapes.entrySet()) {
      Var tape = e.getValue();
      forward.add(new Stmt.Declare(tape, new Expr.NewArray(tape.type(), Exprs.ref(capacity))));
      grow.add(new Stmt.Assign(tape, new Expr.CopyOf(Exprs.ref(tape), Exprs.ref(capacity))));
      values.put(e.getKey(), new Expr.Index(Exprs.ref(tape), Exprs.ref(k)));
    }
    List<Stmt> body = new ArrayList<>();
    if (!stores.isEmpty() || !valueTapes.isEmpty()) {
      body.add(new Stmt.If(Exprs.binary(BinOp.EQ, n, Exprs.ref(capacity)), grow, List.of()));
      body.addAll(stores);
    }
    body.addAll(storing(w.body(), valueTapes, n));
    body.add(new Stmt.Assign(counter, Exprs.add(n, Expr.Const.ofInt(1))));
    forward.add(new Stmt.While(w.cond(), body));
    return new Taped(forward, restores, values, null, counter, k);
  }

  /** The loop running a taped while loop's iterations backwards with {@code body}. */
  public Stmt.For reversed(Taped taped, List<Stmt> body) {
    return new Stmt.For(
        taped.iteration(),
        Exprs.sub(Exprs.ref(taped.counter()), Expr.Const.ofInt(1)),
        BinOp.GE,
        Expr.Const.ofInt(0),
        -1,
        body);
  }

  /**
   * The taped counted loop: each iteration stores the carried variables it starts with and {@code
   * extra}'s state, into storage sized by the trip count.
   */
  public Taped tape(Stmt.For f, IterationState extra) {
    List<Stmt> forward = new ArrayList<>();
    Expr from = start(f, forward);
    Expr trips = tripCount(f, from);
    Expr iteration = iteration(f, from);
    List<Stmt> body = new ArrayList<>();
    List<Stmt> restores = new ArrayList<>();
    for (Var c : Overwrites.carried(f.body())) {
      Var tape = names.fresh(c.name() + "Tape", c.type().arrayOf());
      forward.add(new Stmt.Declare(tape, new Expr.NewArray(tape.type(), trips)));
      body.add(new Stmt.Store(Exprs.ref(tape), iteration, Exprs.ref(c)));
      restores.add(new Stmt.Assign(c, new Expr.Index(Exprs.ref(tape), iteration)));
    }
    forward.addAll(extra.allocate(trips));
    body.addAll(extra.store(iteration));
    restores.addAll(extra.restore(iteration));
    Map<Var, Var> valueTapes = valueTapes(f.body());
    Map<Var, Expr> values = new LinkedHashMap<>();
    for (Map.Entry<Var, Var> e : valueTapes.entrySet()) {
      forward.add(new Stmt.Declare(e.getValue(), new Expr.NewArray(e.getValue().type(), trips)));
      values.put(e.getKey(), new Expr.Index(Exprs.ref(e.getValue()), iteration));
    }
    body.addAll(storing(f.body(), valueTapes, iteration));
    forward.add(new Stmt.For(f.index(), from, f.cmp(), f.bound(), f.step(), body));
    return new Taped(forward, restores, values, from, null, null);
  }

  /**
   * The values an iteration computes with a call whose derivative is its own value (see {@link
   * NamedCalls}) or with an inner loop (see {@link LoopResults}), each with its tape: the reverse
   * iteration reads them back instead of computing them again. Declarations in nested loops are not
   * per-iteration values and are left alone.
   */
  private Map<Var, Var> valueTapes(List<Stmt> body) {
    Map<Var, Var> out = new LinkedHashMap<>();
    for (Var v : tapedValues(body)) {
      out.put(v, names.fresh(v.name() + "Tape", v.type().arrayOf()));
    }
    return out;
  }

  /**
   * The values one iteration of a loop with {@code body} tapes, in order: calls whose derivative is
   * their own value and numbers from verbatim code (at this level or in its branches), and copies
   * of what an inner loop computed (see {@link LoopResults}), which save running it again.
   */
  static Set<Var> tapedValues(List<Stmt> body) {
    Set<Var> out = new LinkedHashSet<>();
    collectValues(body, out);
    Set<Var> innerLoopWrites = new HashSet<>();
    for (Stmt s : body) {
      if (s instanceof Stmt.For || s instanceof Stmt.While) {
        innerLoopWrites.addAll(Stmts.writes(List.of(s)));
      } else if (LoopResults.isCopy(s, innerLoopWrites)) {
        out.add(((Stmt.Declare) s).var());
      }
    }
    return out;
  }

  /**
   * The first index of {@code f}: its {@code from}, or a copy of it declared into {@code forward}
   * when the body writes what {@code from} reads.
   */
  public Expr start(Stmt.For f, List<Stmt> forward) {
    Set<Var> fromVars = new HashSet<>(Exprs.reads(f.from()));
    fromVars.retainAll(Stmts.writes(f.body()));
    if (fromVars.isEmpty()) {
      return f.from();
    }
    Var start = names.fresh(f.index().name() + "Start", f.index().type());
    forward.add(new Stmt.Declare(start, f.from()));
    return Exprs.ref(start);
  }

  private static void collectValues(List<Stmt> block, Set<Var> out) {
    for (Stmt s : block) {
      if (NamedCalls.selfDerivative(s) || keptNumber(s)) {
        out.add(((Stmt.Declare) s).var());
      } else if (s instanceof Stmt.If i) {
        collectValues(i.then(), out);
        collectValues(i.otherwise(), out);
      } // only a branch runs in the same iteration; what a nested loop declares is not taped here
    }
  }

  /**
   * Whether {@code s} declares a number computed by verbatim code: taped, since the reverse
   * iteration must not run the user's code again ({@link Expr.Opaque}).
   */
  private static boolean keptNumber(Stmt s) {
    return s instanceof Stmt.Declare d
        && d.init() instanceof Expr.Opaque
        && d.var().type() != Type.OBJECT;
  }

  /** {@code block} with a store into its tape after each taped value's declaration. */
  private static List<Stmt> storing(List<Stmt> block, Map<Var, Var> tapes, Expr at) {
    if (tapes.isEmpty()) {
      return block;
    }
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      // as in collectValues: taped values are declared at this level or in its branches
      if (s instanceof Stmt.If i) {
        out.add(i.with(storing(i.then(), tapes, at), storing(i.otherwise(), tapes, at)));
        continue;
      }
      out.add(s);
      if (s instanceof Stmt.Declare d && tapes.containsKey(d.var())) {
        out.add(new Stmt.Store(Exprs.ref(tapes.get(d.var())), at, Exprs.ref(d.var())));
      }
    }
    return out;
  }

  /** The loop running {@code f}'s iterations backwards with {@code body}. */
  public Stmt.For reversed(Stmt.For f, Taped taped, List<Stmt> body) {
    Expr from = taped.from();
    long s = f.step();
    Expr one = Expr.Const.ofInt(1);
    Expr last;
    if (s == 1 && f.cmp() == BinOp.LT) {
      last = Exprs.sub(f.bound(), one);
    } else if (s == -1 && f.cmp() == BinOp.GT) {
      last = Exprs.add(f.bound(), one);
    } else if (Math.abs(s) == 1) {
      last = f.bound();
    } else {
      Expr trips = tripCount(f, from);
      last = Exprs.add(from, Exprs.mul(Exprs.sub(trips, one), Expr.Const.ofInt(s)));
    }
    BinOp cmp = s > 0 ? BinOp.GE : BinOp.LE;
    return new Stmt.For(f.index(), last, cmp, from, -s, body);
  }

  /** The number of iterations, as an int (never negative). */
  public static Expr tripCount(Stmt.For f, Expr from) {
    long s = Math.abs(f.step());
    boolean inclusive = f.cmp() == BinOp.LE || f.cmp() == BinOp.GE;
    Expr span = f.step() > 0 ? Exprs.sub(f.bound(), from) : Exprs.sub(from, f.bound());
    long extra = inclusive ? s : s - 1;
    if (extra != 0) {
      span = Exprs.add(span, Expr.Const.ofInt(extra));
    }
    if (s != 1) {
      span = Exprs.div(span, Expr.Const.ofInt(s));
    }
    if (span.type() == Type.LONG) {
      span = new Expr.Cast(Type.INT, span);
    }
    return new Expr.Call("Math", Fn.MAX, List.of(Expr.Const.ofInt(0), span), Type.INT);
  }

  /** The iteration number of the current index value: 0 for the first iteration. */
  private static Expr iteration(Stmt.For f, Expr from) {
    Expr i = Exprs.ref(f.index());
    long s = f.step();
    Expr k = s > 0 ? Exprs.sub(i, from) : Exprs.sub(from, i);
    if (Math.abs(s) != 1) {
      k = Exprs.div(k, Expr.Const.ofInt(Math.abs(s)));
    }
    return k.type() == Type.LONG ? new Expr.Cast(Type.INT, k) : k;
  }
}
