package dev.adjoint.compiler.pass.ad;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Index;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Signature.Role;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.Pipeline;
import dev.adjoint.compiler.pass.analysis.Activity;
import dev.adjoint.compiler.pass.analysis.Coverage;
import dev.adjoint.compiler.pass.analysis.Overwrites;
import dev.adjoint.compiler.pass.storage.ArraySnapshots;
import dev.adjoint.compiler.pass.storage.ArrayStacks;
import dev.adjoint.compiler.pass.storage.LoopTapes;
import dev.adjoint.compiler.pass.storage.NestedValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reverse-mode transform: maps a primal function to one that returns the value and writes the
 * gradient into a {@code gradient} parameter in flat layout.
 *
 * <p>The output is deliberately naive and always correct: every statement saves the variables it
 * overwrites and its reverse restores them, every loop tapes its carried variables per iteration
 * and its reverse recomputes the body from the taped state. The clean-up passes (dead code, copy
 * propagation, simplification, fusion) then delete what the reverse sweep does not need: that
 * deletion is the to-be-recorded analysis, done by liveness on the generated code itself.
 */
public final class ReverseMode {
  private final Activity activity;
  private final NameSupply names;
  private final ExprAdjoint exprs;
  private final Map<Var, Var> adjoints = new HashMap<>();

  /** Where each active array's adjoint lives. */
  private final ArrayAdjoints arrays;

  private final Var gradient;
  private final LoopTapes loops;

  /** Snapshots a loop's reverse sweep may keep; 0 stores every iteration. */
  private final int checkpoints;

  /** Which arrays statements overwrite whole: the choice between snapshots and element stacks. */
  private final Coverage coverage;

  /** Arrays whose overwritten elements nothing reads in the loop body being built. */
  private Set<Var> scratch = Set.of();

  /** How many loop reverse iterations the block being built runs inside. */
  private int reverseDepth;

  /** Declarations moved to the function's start, to run once per call ({@link #allocate}). */
  private final List<Stmt> hoisted = new ArrayList<>();

  private ReverseMode(Function f, List<Var> wrt, int checkpoints) {
    this.checkpoints = checkpoints;
    this.activity = Activity.of(f, wrt);
    this.names = NameSupply.of(f);
    this.gradient = names.fresh("gradient", Type.DOUBLE_ARRAY);
    this.arrays = new ArrayAdjoints(names);
    this.exprs = new ExprAdjoint(this::target, names);
    this.loops = new LoopTapes(names);
    this.coverage = Coverage.of(f);
  }

  /**
   * The value-and-gradient function of {@code f} with respect to {@code wrt}; {@code f} has unique
   * names and its calls and loop results named (see {@link Pipeline#reverse}).
   */
  public static Function transform(Function f, List<Var> wrt) {
    return transform(f, wrt, 0);
  }

  /**
   * As {@link #transform(Function, List)}, reversing every loop whose storage grows with its trip
   * count from at most {@code checkpoints} snapshots of its state (0: every iteration stored).
   */
  public static Function transform(Function f, List<Var> wrt, int checkpoints) {
    GradientLayout layout = GradientLayout.of(wrt);
    return new ReverseMode(f, wrt, checkpoints).run(f, layout);
  }

  /**
   * The gradient of a helper's result with respect to its array parameter {@code array}, as a
   * function returning it in a new array: {@code valueAndGradient} (the transform with respect to
   * {@code array} alone) with its gradient parameter made a local of the array's length.
   */
  public static Function helperGradient(Function valueAndGradient, Var array, String name) {
    Var gradient = valueAndGradient.signature().get(Role.GRADIENT);
    List<Stmt> body = new ArrayList<>();
    body.add(
        new Stmt.Declare(
            gradient, new Expr.NewArray(Type.DOUBLE_ARRAY, new Expr.Length(Exprs.ref(array)))));
    List<Stmt> rest = valueAndGradient.body();
    for (Stmt s : rest.subList(0, rest.size() - 1)) {
      if (!(s instanceof Stmt.Fill f && f.array().equals(Exprs.ref(gradient)))) {
        body.add(s); // a new array is zero already
      }
    }
    body.add(new Stmt.Return(Exprs.ref(gradient)));
    List<Var> params = valueAndGradient.params().stream().filter(p -> !p.equals(gradient)).toList();
    return new Function(name, params, Type.DOUBLE_ARRAY, body);
  }

  /** The activity analysis the transform uses, for diagnostics about zero gradients. */
  public static Activity activity(Function f, List<Var> wrt) {
    return Activity.of(f, wrt);
  }

  private Function run(Function f, GradientLayout original) {
    List<Stmt> body = f.body();
    Stmt.Return ret = (Stmt.Return) body.get(body.size() - 1);
    if (f.returnType().isArray()) {
      return pullback(f, original, ret);
    }
    List<Stmt> out = new ArrayList<>();
    GradientLayout layout = hoistOffsets(original, out);
    List<Stmt> paramAdjoints = paramAdjoints(f, layout);
    Sweeps main = block(body.subList(0, body.size() - 1), Set.of(), Set.of());
    // the method's own value, of its own type: a float method's stays float
    Var value = names.fresh("value", f.returnType());

    if (layout.hasArrays()) {
      out.add(new Stmt.Fill(Exprs.ref(gradient), Exprs.num(0)));
    }
    out.addAll(hoisted);
    out.addAll(main.forward());
    out.add(new Stmt.Declare(value, ret.value()));
    out.addAll(paramAdjoints);
    out.addAll(main.adjointDeclarations());
    AdjointSink seed = new AdjointSink();
    // d value / d value: 1 of the result's own type (1.0f for a float method)
    exprs.propagate(ret.value(), Partials.unit(ret.value()), null, seed);
    out.addAll(seed.statements());
    out.addAll(main.reverse());
    out.addAll(scalarGradients(layout));
    out.add(new Stmt.Return(Exprs.ref(value)));
    return new Function(
        f.name() + "ValueAndGradient",
        f.signature().with(Role.GRADIENT, gradient),
        f.returnType(),
        out);
  }

  /**
   * The pullback of an array-valued function: its returned array's adjoint starts as a copy of
   * {@code outputAdjoint}, and the gradient is the vector-Jacobian product.
   */
  private Function pullback(Function f, GradientLayout original, Stmt.Return ret) {
    Var result = ((Ref) ret.value()).var();
    Var seed = names.fresh("outputAdjoint", Type.DOUBLE_ARRAY);
    Var resultBar = names.fresh(result.name() + "Bar", Type.DOUBLE_ARRAY);
    arrays.register(result, resultBar);
    List<Stmt> out = new ArrayList<>();
    GradientLayout layout = hoistOffsets(original, out);
    List<Stmt> paramAdjoints = paramAdjoints(f, layout);
    Sweeps main = block(f.body().subList(0, f.body().size() - 1), Set.of(), Set.of());
    if (layout.hasArrays()) {
      out.add(new Stmt.Fill(Exprs.ref(gradient), Exprs.num(0)));
    }
    out.addAll(hoisted);
    out.addAll(main.forward());
    // the reverse sweep restores what the forward sweep overwrote, the result included: keep a copy
    Var value = names.fresh("value", f.returnType());
    out.add(new Stmt.Declare(value, new Expr.CopyOf(ret.value(), new Expr.Length(ret.value()))));
    out.addAll(paramAdjoints);
    out.add(
        new Stmt.Require(
            Exprs.binary(
                dev.adjoint.compiler.ir.BinOp.EQ,
                new Expr.Length(Exprs.ref(seed)),
                new Expr.Length(ret.value())),
            seed.name() + " must have the result's length"));
    out.add(
        new Stmt.Declare(
            resultBar, new Expr.CopyOf(Exprs.ref(seed), new Expr.Length(Exprs.ref(seed)))));
    out.addAll(main.adjointDeclarations());
    out.addAll(main.reverse());
    out.addAll(scalarGradients(layout));
    out.add(new Stmt.Return(Exprs.ref(value)));
    return new Function(
        f.name() + "Pullback",
        f.signature().with(Role.OUTPUT_ADJOINT, seed).with(Role.GRADIENT, gradient),
        f.returnType(),
        out);
  }

  /** The stores of the scalar parameters' adjoints into their gradient slots. */
  private List<Stmt> scalarGradients(GradientLayout layout) {
    List<Stmt> out = new ArrayList<>();
    for (GradientLayout.Slot s : layout.slots()) {
      if (!s.isArray()) {
        Expr g = activity.isActive(s.param()) ? Exprs.ref(adjoint(s.param())) : Exprs.num(0);
        out.add(new Stmt.Store(Exprs.ref(gradient), s.offset(), g));
      }
    }
    return out;
  }

  /**
   * Offsets that take work to compute (the length of a {@code double[][]}) are computed once into
   * locals, not in every loop iteration that writes the gradient.
   */
  private GradientLayout hoistOffsets(GradientLayout layout, List<Stmt> out) {
    List<GradientLayout.Slot> slots = new ArrayList<>();
    GradientLayout.Slot previous = null;
    for (GradientLayout.Slot s : layout.slots()) {
      // each offset from the previous one, so a double[][]'s length is summed once per call
      Expr offset =
          previous == null ? s.offset() : GradientLayout.plus(previous.offset(), previous.size());
      boolean costly =
          !(offset instanceof Expr.Const || offset instanceof Expr.Length || offset instanceof Ref);
      if (costly) {
        Var local = names.fresh(s.param().name() + "Offset", Type.INT);
        out.add(new Stmt.Declare(local, offset));
        offset = Exprs.ref(local);
      }
      previous = new GradientLayout.Slot(s.param(), offset);
      slots.add(previous);
    }
    return new GradientLayout(slots, layout.length());
  }

  /** Adjoints of the active parameters, created before the body so that its sweeps can use them. */
  private List<Stmt> paramAdjoints(Function f, GradientLayout layout) {
    List<Stmt> out = new ArrayList<>();
    for (GradientLayout.Slot s : layout.slots()) {
      if (s.param().type().isMatrix()) {
        if (activity.isActive(s.param())) {
          out.addAll(arrays.matrixSlice(s.param(), gradient, s.offset()));
        }
      } else if (s.param().type().isArray()) {
        // a float[]'s adjoint too accumulates in its double slots of the gradient
        arrays.slice(s.param(), gradient, s.offset());
      }
    }
    for (Var p : f.params()) {
      if (!activity.isActive(p) || p.equals(gradient)) {
        continue;
      }
      if (!p.type().isArray()) {
        out.add(new Stmt.Declare(adjoint(p), Expr.Const.zero(p.type())));
      } else if (!arrays.has(p)) {
        // data that the method overwrites with values depending on the differentiated parameters
        out.addAll(arrays.local(p));
      }
    }
    return out;
  }

  /** Forward sweep (with saves and tapes), adjoint declarations, and reverse sweep of a block. */
  record Sweeps(List<Stmt> forward, List<Stmt> adjointDeclarations, List<Stmt> reverse) {
    /** The three parts in order: what a recomputing reverse (a loop body, a branch) runs. */
    List<Stmt> all() {
      List<Stmt> out = new ArrayList<>(forward);
      out.addAll(adjointDeclarations);
      out.addAll(reverse);
      return out;
    }
  }

  /**
   * The sweeps of a block. {@code unassigned} holds the variables declared without a value and not
   * yet definitely assigned: they have no value to save (and Java would not let us read one).
   */
  Sweeps block(List<Stmt> stmts, Set<Var> unassigned, Set<Var> deadAfter) {
    Set<Var> pending = new HashSet<>(unassigned);
    List<Stmt> forward = new ArrayList<>();
    List<Stmt> declarations = new ArrayList<>();
    List<List<Stmt>> reverses = new ArrayList<>();
    for (int at = 0; at < stmts.size(); at++) {
      Stmt s = stmts.get(at);
      // after s's reverse come the reverses of the statements before it, then what follows the
      // block
      Set<Var> deadHere = new HashSet<>(deadAfter);
      List<Stmt> before = stmts.subList(0, at);
      deadHere.removeIf(a -> mentions(before, a));
      List<Stmt> restores = new ArrayList<>();
      for (Var v : Overwrites.overwritten(s)) {
        if (!pending.contains(v)) {
          Var saved = names.fresh(v.name() + "Saved", v.type());
          forward.add(new Stmt.Declare(saved, Exprs.ref(v)));
          restores.add(new Stmt.Assign(v, Exprs.ref(saved)));
        }
      }
      if (s instanceof Stmt.Store st
          && Exprs.root(st.array()) != null
          && !scratch.contains(Exprs.root(st.array()))) {
        Var saved =
            names.fresh(Exprs.root(st.array()).name() + "Saved", st.array().type().elementType());
        forward.add(new Stmt.Declare(saved, new Index(st.array(), st.index())));
        restores.add(new Stmt.Store(st.array(), st.index(), Exprs.ref(saved)));
      }
      declarations.addAll(adjointDeclaration(s, stmts.subList(at + 1, stmts.size())));
      boolean compound = !Stmts.blocks(s).isEmpty();
      boolean loop = s instanceof Stmt.For || s instanceof Stmt.While;
      ArraySnapshots snapshots =
          loop ? ArraySnapshots.of(s, coverage, names, deadHere) : ArraySnapshots.none(names);
      if (loop && checkpoints > 0 && reverseDepth == 0) {
        ArraySnapshots unsaved = snapshots.unsavedOnly();
        Sweeps body = loopBody(Stmts.blocks(s).get(0), pending, unsaved.unsaved());
        CheckpointedLoop.Parts parts =
            CheckpointedLoop.build(s, body, unsaved, pending, checkpoints, names);
        forward.addAll(parts.forward());
        reverses.add(withRestores(restores, parts.reverse(), true, true));
        pending.removeIf(v -> Overwrites.definitelyAssigns(s, v));
        continue;
      }
      ArrayStacks stacks = compound ? ArrayStacks.of(s, names, snapshots.arrays()) : null;
      Stmt primal = s;
      if (stacks != null && !stacks.isEmpty()) {
        forward.addAll(allocate(stacks));
        primal = stacks.pushing(s);
      }
      NestedValues nested = carriesState(s) ? NestedValues.of(s, names) : NestedValues.none();
      if (!nested.isEmpty()) {
        if (reverseDepth == 0) {
          forward.addAll(nested.allocate());
        } else {
          hoisted.addAll(nested.allocate());
          forward.addAll(nested.reset());
        }
        primal = nested.pushing(primal);
      }
      forward.addAll(snapshots.beforeLoop());
      if (primal instanceof Stmt.While w) {
        LoopTapes.Taped taped = loops.tape(w);
        forward.addAll(taped.forward());
        List<Stmt> core = new ArrayList<>(snapshots.beforeReverse());
        core.addAll(
            whileReverse((Stmt.While) s, taped, stacks, nested, pending, snapshots.unsaved()));
        core.addAll(snapshots.afterReverse());
        reverses.add(withRestores(restores, core, true, true));
      } else if (primal instanceof Stmt.For f) {
        LoopTapes.Taped taped = loops.tape(f, snapshots);
        forward.addAll(taped.forward());
        List<Stmt> core = new ArrayList<>(snapshots.beforeReverse());
        core.addAll(loopReverse((Stmt.For) s, taped, stacks, nested, pending, snapshots.unsaved()));
        core.addAll(snapshots.afterReverse());
        reverses.add(withRestores(restores, core, true, true));
      } else {
        Map<Var, Var> kept = primal instanceof Stmt.If ? keptInBranches(primal) : Map.of();
        for (Map.Entry<Var, Var> e : kept.entrySet()) {
          forward.add(new Stmt.Declare(e.getValue(), Expr.Const.zero(e.getKey().type())));
        }
        forward.add(kept.isEmpty() ? primal : keeping(primal, kept));
        List<Stmt> undo = stacks == null ? List.of() : stacks.undo(Map.of(), names);
        List<Stmt> core = reverse(s, restores, undo, pending, deadHere);
        reverses.add(kept.isEmpty() ? core : readingKept(core, kept));
      }
      if (s instanceof Stmt.Declare d && d.init() == null) {
        pending.add(d.var());
      }
      pending.removeIf(v -> Overwrites.definitelyAssigns(s, v));
    }
    List<Stmt> reverse = new ArrayList<>();
    for (int k = reverses.size() - 1; k >= 0; k--) {
      reverse.addAll(reverses.get(k));
    }
    return new Sweeps(forward, declarations, reverse);
  }

  /**
   * Whether the loop {@code s} carries more than sums from one iteration to the next: scalars it
   * reads back, or arrays it writes. Only then is its reverse a separate sweep that recomputes each
   * iteration; a loop of independent iterations is fused with its reverse ({@link
   * dev.adjoint.compiler.pass.cleanup.LoopFusion}) and recomputes nothing.
   */
  private static boolean carriesState(Stmt s) {
    if (!(s instanceof Stmt.For || s instanceof Stmt.While)) {
      return false;
    }
    List<Stmt> body = Stmts.blocks(s).get(0);
    Set<Var> arrays = new HashSet<>(ArrayStacks.writtenArrays(s));
    arrays.removeAll(Stmts.declared(List.of(s)));
    return !arrays.isEmpty()
        || Overwrites.carried(body).stream().anyMatch(v -> !Overwrites.onlyAccumulated(body, v));
  }

  private static boolean mentions(List<Stmt> block, Var v) {
    return Stmts.reads(block).contains(v) || Stmts.writes(block).contains(v);
  }

  /**
   * The declarations of {@code stacks} where they run once: in place at the top level, hoisted to
   * the function's start inside a reverse iteration (which runs once per iteration of a loop, and
   * would allocate them again each time), with only their heights reset in place.
   */
  private List<Stmt> allocate(ArrayStacks stacks) {
    if (reverseDepth == 0) {
      return stacks.allocate();
    }
    hoisted.addAll(stacks.allocate());
    return stacks.resets();
  }

  /**
   * The numbers that verbatim code gives in the branches of {@code s} (outside loops, which tape
   * their own), each with the variable that keeps it for the reverse sweep: the reverse of a branch
   * recomputes the branch, but must not run the user's code again ({@link Expr.Opaque}).
   */
  private Map<Var, Var> keptInBranches(Stmt s) {
    Map<Var, Var> out = new java.util.LinkedHashMap<>();
    collectKept(Stmts.blocks(s), out);
    return out;
  }

  private void collectKept(List<List<Stmt>> blocks, Map<Var, Var> out) {
    for (List<Stmt> b : blocks) {
      for (Stmt s : b) {
        if (s instanceof Stmt.Declare d
            && d.init() instanceof Expr.Opaque
            && d.var().type() != Type.OBJECT) {
          out.put(d.var(), names.fresh(d.var().name() + "Kept", d.var().type()));
        } else if (s instanceof Stmt.If) {
          collectKept(Stmts.blocks(s), out);
        }
      }
    }
  }

  /** {@code s} keeping each number of {@code kept} in its variable after its declaration. */
  private static Stmt keeping(Stmt s, Map<Var, Var> kept) {
    return Stmts.mapBlocks(
            List.of(s),
            b -> {
              List<Stmt> out = new ArrayList<>(b.size());
              for (Stmt t : b) {
                out.add(t);
                if (t instanceof Stmt.Declare d
                    && d.init() instanceof Expr.Opaque
                    && kept.containsKey(d.var())) {
                  out.add(new Stmt.Assign(kept.get(d.var()), Exprs.ref(d.var())));
                }
              }
              return out;
            })
        .get(0);
  }

  /**
   * {@code block} reading the kept numbers instead of running their verbatim code again, and
   * without the verbatim code that gave a reference no statement reads any more (its uses read kept
   * numbers now), as {@link LoopTapes.Taped#reading} does for a loop.
   */
  private static List<Stmt> readingKept(List<Stmt> block, Map<Var, Var> kept) {
    List<Stmt> replaced =
        Stmts.mapBlocks(
            block,
            b -> {
              List<Stmt> out = new ArrayList<>(b.size());
              for (Stmt t : b) {
                out.add(
                    t instanceof Stmt.Declare d
                            && d.init() instanceof Expr.Opaque
                            && kept.containsKey(d.var())
                        ? new Stmt.Declare(d.var(), Exprs.ref(kept.get(d.var())))
                        : t);
              }
              return out;
            });
    Set<Var> read = Stmts.reads(replaced);
    return Stmts.mapBlocks(
        replaced,
        b -> {
          List<Stmt> out = new ArrayList<>(b.size());
          for (Stmt t : b) {
            if (!(t instanceof Stmt.Declare d
                && d.init() instanceof Expr.Opaque
                && d.var().type() == Type.OBJECT
                && !read.contains(d.var()))) {
              out.add(t);
            }
          }
          return out;
        });
  }

  /** The adjoint a declaration brings: a zero scalar, a zero array, or an alias of another's. */
  private List<Stmt> adjointDeclaration(Stmt s, List<Stmt> rest) {
    if (!(s instanceof Stmt.Declare d) || !activity.isActive(d.var())) {
      return List.of();
    }
    Var v = d.var();
    if (!v.type().isArray()) {
      return List.of(new Stmt.Declare(adjoint(v), Expr.Const.zero(v.type())));
    }
    if (arrays.has(v)) {
      return List.of(); // the returned array of a pullback: its adjoint is the output adjoint
    }
    if (d.init() != null
        && !(d.init() instanceof Expr.NewArray)
        && !(d.init() instanceof Expr.NewMatrix)) {
      if (!ArrayAdjoints.stable(d.init(), rest)) {
        throw new IllegalStateException(
            "alias '" + v.name() + "' of an array element that changes later");
      }
      Optional<List<Stmt>> alias = arrays.alias(v, d.init());
      if (alias.isPresent()) {
        return alias.get();
      }
    }
    return arrays.local(v);
  }

  private List<Stmt> reverse(
      Stmt s, List<Stmt> restores, List<Stmt> undo, Set<Var> pending, Set<Var> deadAfter) {
    if (s instanceof Stmt.Declare d
        && d.init() != null
        && activity.isActive(d.var())
        && !d.var().type().isArray()) {
      return assignment(d.var(), d.init(), true);
    }
    if (s instanceof Stmt.Assign a) {
      List<Stmt> core =
          activity.isActive(a.var()) ? assignment(a.var(), a.value(), false) : List.of();
      boolean readsSelf = Exprs.reads(a.value()).contains(a.var());
      return withRestores(restores, core, readsSelf, !readsSelf);
    }
    if (s instanceof Stmt.Store st && Exprs.root(st.array()) != null) {
      Var root = Exprs.root(st.array());
      List<Stmt> core =
          arrays.element(st.array(), st.index()).map(t -> store(st, root, t)).orElse(List.of());
      boolean readsSelf = Exprs.reads(st.value()).contains(root);
      return withRestores(restores, core, readsSelf, !readsSelf);
    }
    if (s instanceof Stmt.If i) {
      Sweeps then = block(i.then(), pending, deadAfter);
      Sweeps otherwise = block(i.otherwise(), pending, deadAfter);
      List<Stmt> core = new ArrayList<>(undo);
      if (!then.reverse().isEmpty() || !otherwise.reverse().isEmpty()) {
        core.add(new Stmt.If(i.cond(), then.all(), otherwise.all()));
      }
      return withRestores(restores, core, true, true);
    }
    if (s instanceof Stmt.Declare
        || s instanceof Stmt.Store
        || s instanceof Stmt.Fill
        || s instanceof Stmt.Return
        || s instanceof Stmt.Require
        || s instanceof Stmt.Comment) {
      // no adjoint: an inactive or array declaration, a store through no variable, or no value
      return withRestores(restores, List.of(), true, false);
    }
    throw new IllegalStateException("unknown statement: " + s);
  }

  /**
   * The reversed loop; {@code unsaved} are the arrays every iteration overwrites before reading or
   * never reads, whose contents after a reverse iteration are dead.
   */
  private List<Stmt> loopReverse(
      Stmt.For f,
      LoopTapes.Taped taped,
      ArrayStacks stacks,
      NestedValues nested,
      Set<Var> pending,
      Set<Var> unsaved) {
    Sweeps body = loopBody(f.body(), pending, unsaved);
    if (body.reverse().isEmpty()) {
      return List.of();
    }
    Sweeps recomputed = withoutStores(body, unread(f.body(), unsaved));
    return List.of(loops.reversed(f, taped, iteration(taped, stacks, nested, recomputed)));
  }

  /**
   * The sweeps of a loop body, run once per reverse iteration; {@code unsaved} are the arrays no
   * iteration needs the old elements of. Those the body never reads are scratch inside it: a store
   * into one saves and restores nothing, as nothing reads what it overwrote.
   */
  private Sweeps loopBody(List<Stmt> body, Set<Var> pending, Set<Var> unsaved) {
    Set<Var> outer = scratch;
    Set<Var> inner = new HashSet<>(outer);
    inner.addAll(unread(body, unsaved));
    scratch = inner;
    reverseDepth++;
    try {
      return block(body, pending, unsaved);
    } finally {
      reverseDepth--;
      scratch = outer;
    }
  }

  /** The arrays of {@code unsaved} that {@code body} never reads. */
  private static Set<Var> unread(List<Stmt> body, Set<Var> unsaved) {
    Set<Var> out = new HashSet<>();
    unsaved.stream().filter(a -> !Coverage.readsElements(body, a)).forEach(out::add);
    return out;
  }

  /**
   * {@code body} whose recomputation (the forward sweep a reverse iteration runs again) stores
   * nothing into {@code scratch}, arrays the loop never reads and no later code reads back.
   */
  private static Sweeps withoutStores(Sweeps body, Set<Var> scratch) {
    if (scratch.isEmpty()) {
      return body;
    }
    List<Stmt> forward =
        Stmts.mapBlocks(
            body.forward(),
            block -> {
              List<Stmt> out = new ArrayList<>();
              for (Stmt t : block) {
                if (!(t instanceof Stmt.Store st && scratch.contains(Exprs.root(st.array())))) {
                  out.add(t);
                }
              }
              return out;
            });
    return new Sweeps(forward, body.adjointDeclarations(), body.reverse());
  }

  /** A while loop runs backwards over its counted iterations, like a counted loop. */
  private List<Stmt> whileReverse(
      Stmt.While w,
      LoopTapes.Taped taped,
      ArrayStacks stacks,
      NestedValues nested,
      Set<Var> pending,
      Set<Var> unsaved) {
    Sweeps body = loopBody(w.body(), pending, unsaved);
    if (body.reverse().isEmpty()) {
      return List.of();
    }
    Sweeps recomputed = withoutStores(body, unread(w.body(), unsaved));
    return List.of(loops.reversed(taped, iteration(taped, stacks, nested, recomputed)));
  }

  /** One iteration of a reversed loop: back to its start state, recompute it, then its adjoint. */
  private List<Stmt> iteration(
      LoopTapes.Taped taped, ArrayStacks stacks, NestedValues nested, Sweeps body) {
    List<Stmt> reverseBody = new ArrayList<>();
    if (stacks != null && !stacks.isEmpty()) {
      Map<Var, Expr> marks = new HashMap<>();
      for (Stmt r : taped.restores()) {
        if (r instanceof Stmt.Assign restore && stacks.tops().contains(restore.var())) {
          marks.put(restore.var(), restore.value());
        }
      }
      reverseBody.addAll(stacks.undo(marks, names));
    }
    reverseBody.addAll(taped.restores());
    List<Stmt> all = new ArrayList<>(nested.reading(body.forward()));
    all.addAll(body.adjointDeclarations());
    all.addAll(body.reverse());
    reverseBody.addAll(taped.reading(all));
    return reverseBody;
  }

  private static List<Stmt> withRestores(
      List<Stmt> restores, List<Stmt> core, boolean before, boolean after) {
    List<Stmt> out = new ArrayList<>();
    if (before) {
      out.addAll(restores);
    }
    out.addAll(core);
    if (after) {
      out.addAll(restores);
    }
    return out;
  }

  /** Reverse of {@code a[i] = e}: the element's adjoint flows into e and restarts at zero. */
  private List<Stmt> store(Stmt.Store st, Var array, Target adj) {
    Expr element = new Index(adj.array(), adj.index());
    AdjointSink sink = new AdjointSink();
    List<Stmt> out = new ArrayList<>();
    if (st.value() instanceof Expr.Binary b
        && (b.op() == dev.adjoint.compiler.ir.BinOp.ADD
            || b.op() == dev.adjoint.compiler.ir.BinOp.SUB)
        && b.left().equals(new Index(st.array(), st.index()))
        && !Exprs.reads(b.right()).contains(array)) {
      // a[i] += e: the element's adjoint passes through unchanged, and into e
      exprs.propagate(
          b.right(),
          b.op() == dev.adjoint.compiler.ir.BinOp.ADD ? element : Exprs.neg(element),
          null,
          sink);
      out.addAll(guarded(b.right(), element, sink.statements()));
      return out;
    }
    Var old = names.fresh(array.name() + "BarOld", element.type());
    out.add(new Stmt.Declare(old, element));
    out.add(new Stmt.Store(adj.array(), adj.index(), Expr.Const.zero(element.type())));
    exprs.propagate(st.value(), Exprs.ref(old), null, sink);
    out.addAll(guarded(st.value(), Exprs.ref(old), sink.statements()));
    return out;
  }

  /** Reverse of {@code v = e}: propagate v's adjoint into e, then v's adjoint restarts at zero. */
  private List<Stmt> assignment(Var v, Expr e, boolean declaration) {
    Var adj = adjoint(v);
    AdjointSink sink = new AdjointSink();
    List<Stmt> out = new ArrayList<>();
    if (Exprs.reads(e).contains(v)) {
      Var old = names.fresh(adj.name() + "Old", adj.type());
      out.add(new Stmt.Declare(old, Exprs.ref(adj)));
      out.add(new Stmt.Assign(adj, Expr.Const.zero(adj.type())));
      exprs.propagate(e, Exprs.ref(old), null, sink);
      out.addAll(guarded(e, Exprs.ref(old), sink.statements(adj)));
      return out;
    }
    exprs.propagate(e, Exprs.ref(adj), v, sink);
    out.addAll(guarded(e, Exprs.ref(adj), sink.statements()));
    if (!declaration) {
      out.add(new Stmt.Assign(adj, Expr.Const.zero(adj.type())));
    }
    return out;
  }

  /**
   * The adjoint statements of {@code e}, run only for a nonzero adjoint when e has singular
   * partials.
   */
  private static List<Stmt> guarded(Expr e, Expr adj, List<Stmt> stmts) {
    if (stmts.isEmpty() || !Singular.of(e)) {
      return stmts;
    }
    return List.of(
        new Stmt.If(
            Exprs.binary(dev.adjoint.compiler.ir.BinOp.NE, adj, Expr.Const.zero(adj.type())),
            stmts,
            List.of(),
            true));
  }

  private Var adjoint(Var v) {
    // a float variable gets a float adjoint: the generated code keeps the user's types
    return adjoints.computeIfAbsent(
        v, k -> names.fresh(k.name() + "Bar", k.type() == Type.FLOAT ? Type.FLOAT : Type.DOUBLE));
  }

  private Optional<Target> target(Expr leaf) {
    if (leaf instanceof Ref r && r.var().type().isFloating() && activity.isActive(r.var())) {
      return Optional.of(Target.scalar(adjoint(r.var())));
    }
    if (leaf instanceof Index ix
        && leaf.type().isFloating()
        && Exprs.root(ix.array()) != null
        && activity.isActive(Exprs.root(ix.array()))) {
      return arrays.element(ix.array(), ix.index());
    }
    return Optional.empty();
  }
}
