package dev.adjoint.compiler.pass.storage;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values a loop's inner loops tape for their own reverse ({@link LoopTapes}: results of inner
 * loops, calls whose derivative is their own value), stored once more by the outer loop's forward
 * sweep on one stack, in the order computed. The reverse of an outer iteration recomputes its body
 * to rebuild what the inner loops need; reading these values back in the same order instead means
 * the loops that computed them are dead there, and dead-code elimination deletes them: an in-place
 * Cholesky's dot products run once forward, not again in the reverse sweep.
 *
 * <p>The stack height is a carried variable of the outer loop, so the loop's tape restores it at
 * the start of each reverse iteration, where the reads start.
 */
public final class NestedValues {
  private static final int INITIAL = 16;

  private final Set<Var> values;
  private final Var stack;
  private final Var top;

  private NestedValues(Set<Var> values, Var stack, Var top) {
    this.values = values;
    this.stack = stack;
    this.top = top;
  }

  /** No nested values: a statement that is not a loop. */
  public static NestedValues none() {
    return new NestedValues(Set.of(), null, null);
  }

  /**
   * The double values declared in the loops nested in {@code loop}'s body that their tapes keep.
   */
  public static NestedValues of(Stmt loop, NameSupply names) {
    Set<Var> values = new LinkedHashSet<>();
    for (Stmt s : Stmts.blocks(loop).get(0)) {
      collectNested(s, values);
    }
    if (values.isEmpty()) {
      return new NestedValues(values, null, null);
    }
    return new NestedValues(
        values, names.fresh("innerValues", Type.DOUBLE_ARRAY), names.fresh("innerTop", Type.INT));
  }

  /** Adds the taped values of every loop inside {@code s} (at any depth) to {@code out}. */
  private static void collectNested(Stmt s, Set<Var> out) {
    if (s instanceof Stmt.For || s instanceof Stmt.While) {
      List<Stmt> body = Stmts.blocks(s).get(0);
      // the doubles the loop tapes for its own reverse (numbers from verbatim code cannot sit in
      // an inner loop: AD118)
      LoopTapes.tapedValues(body).stream().filter(v -> v.type() == Type.DOUBLE).forEach(out::add);
      body.forEach(b -> collectNested(b, out));
    } else {
      Stmts.blocks(s).forEach(b -> b.forEach(t -> collectNested(t, out)));
    }
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The empty stack, before the loop. */
  public List<Stmt> allocate() {
    return List.of(
        new Stmt.Declare(stack, new Expr.NewArray(Type.DOUBLE_ARRAY, Expr.Const.ofInt(INITIAL))),
        new Stmt.Declare(top, Expr.Const.ofInt(0)));
  }

  /** The stack emptied again, where its declaration was hoisted. */
  public List<Stmt> reset() {
    return List.of(new Stmt.Assign(top, Expr.Const.ofInt(0)));
  }

  /** {@code loop} pushing each nested value after its declaration. */
  public Stmt pushing(Stmt loop) {
    return Stmts.mapBlocks(List.of(loop), this::pushes).get(0);
  }

  private List<Stmt> pushes(List<Stmt> block) {
    List<Stmt> out = new ArrayList<>();
    for (Stmt s : block) {
      out.add(s);
      if (s instanceof Stmt.Declare d && values.contains(d.var())) {
        out.addAll(push(d.var()));
      }
    }
    return out;
  }

  private List<Stmt> push(Var v) {
    Expr t = Exprs.ref(top);
    Expr doubled = Exprs.add(Exprs.mul(Expr.Const.ofInt(2), t), Expr.Const.ofInt(1));
    Stmt grow = new Stmt.Assign(stack, new Expr.CopyOf(Exprs.ref(stack), doubled));
    return List.of(
        new Stmt.If(
            Exprs.binary(BinOp.EQ, t, new Expr.Length(Exprs.ref(stack))), List.of(grow), List.of()),
        new Stmt.Store(Exprs.ref(stack), t, Exprs.ref(v)),
        new Stmt.Assign(top, Exprs.add(t, Expr.Const.ofInt(1))));
  }

  /**
   * The recomputation of an outer iteration ({@code forward}, the forward sweep of its body)
   * reading each nested value from the stack instead of computing it.
   */
  public List<Stmt> reading(List<Stmt> forward) {
    if (values.isEmpty()) {
      return forward;
    }
    return Stmts.mapBlocks(
        forward,
        block -> {
          List<Stmt> out = new ArrayList<>();
          for (Stmt s : block) {
            if (s instanceof Stmt.Declare d && values.contains(d.var())) {
              out.add(new Stmt.Declare(d.var(), new Expr.Index(Exprs.ref(stack), Exprs.ref(top))));
              out.add(new Stmt.Assign(top, Exprs.add(Exprs.ref(top), Expr.Const.ofInt(1))));
            } else {
              out.add(s);
            }
          }
          return out;
        });
  }
}
