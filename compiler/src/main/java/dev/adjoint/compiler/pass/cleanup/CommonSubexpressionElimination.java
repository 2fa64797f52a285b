package dev.adjoint.compiler.pass.cleanup;

import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.pass.analysis.Aliases;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Common-subexpression elimination within straight-line runs of statements: an arithmetic
 * expression computed more than once while its inputs stay the same is computed once into a
 * temporary. Values are unchanged (the same operations in the same order); what it saves is the
 * repeated products the chain rule writes, such as {@code yBar * x * x} and {@code yBar * x * x *
 * x} sharing {@code yBar * x * x}.
 */
public final class CommonSubexpressionElimination {
  private final NameSupply names;

  private CommonSubexpressionElimination(Function f) {
    this.names = NameSupply.of(f);
  }

  public static Function run(Function f) {
    if (!Aliases.of(f).isEmpty()) {
      // arrays sharing storage: a store through one changes reads of another; keep it simple and
      // exact
      return f;
    }
    CommonSubexpressionElimination cse = new CommonSubexpressionElimination(f);
    return f.withBody(Stmts.mapBlocks(f.body(), cse::block));
  }

  private List<Stmt> block(List<Stmt> in) {
    List<Stmt> block = new ArrayList<>(in);
    while (true) {
      Group g = best(block);
      if (g == null) {
        return block;
      }
      Var t = names.fresh("t", g.expr.type());
      Expr ref = Exprs.ref(t);
      for (int k : g.statements) {
        block.set(
            k,
            Stmts.mapExprs(block.get(k), e -> Exprs.rewrite(e, n -> n.equals(g.expr) ? ref : n)));
      }
      block.add(g.statements.get(0), new Stmt.Declare(t, g.expr));
    }
  }

  /** One expression and the statements of a run that compute it with the same inputs. */
  private record Group(Expr expr, List<Integer> statements) {}

  /** The smallest expression computed at least twice, or null. */
  private static Group best(List<Stmt> block) {
    Map<Expr, List<Integer>> open = new LinkedHashMap<>();
    List<Group> done = new ArrayList<>();
    for (int k = 0; k < block.size(); k++) {
      Stmt s = block.get(k);
      if (!(s instanceof Stmt.Declare || s instanceof Stmt.Assign || s instanceof Stmt.Store)) {
        close(open, done, null); // control flow ends the run
        continue;
      }
      Set<Expr> here =
          new java.util.LinkedHashSet<>(); // insertion order: output must not depend on hashes
      for (Expr e : Stmts.exprs(s)) {
        collect(e, here);
      }
      for (Expr e : here) {
        open.computeIfAbsent(e, x -> new ArrayList<>()).add(k);
      }
      close(open, done, writes(s));
    }
    close(open, done, null);
    Group best = null;
    for (Group g : done) {
      if (g.statements.size() >= 2
          && (best == null || Exprs.size(g.expr) < Exprs.size(best.expr))) {
        best = g;
      }
    }
    return best;
  }

  /** Ends the groups whose inputs {@code written} changes (all of them when null). */
  private static void close(Map<Expr, List<Integer>> open, List<Group> done, Set<Var> written) {
    open.entrySet()
        .removeIf(
            e -> {
              if (written == null || Exprs.reads(e.getKey()).stream().anyMatch(written::contains)) {
                done.add(new Group(e.getKey(), e.getValue()));
                return true;
              }
              return false;
            });
  }

  private static Set<Var> writes(Stmt s) {
    return Stmts.writes(s);
  }

  /** Worthwhile subexpressions: floating-point arithmetic or calls, not a lone read. */
  private static void collect(Expr e, Set<Expr> out) {
    if (e instanceof Expr.Cond c) {
      collect(c.cond(), out);
      // a branch runs only when chosen: computed before the choice, a[i] * x may read past the
      // array the condition guards, and a recursive call may never return
      Set<Expr> branches = new LinkedHashSet<>();
      collect(c.then(), branches);
      collect(c.otherwise(), branches);
      branches.stream().filter(b -> !mayFail(b)).forEach(out::add);
      return;
    }
    for (Expr c : Exprs.children(e)) {
      collect(c, out);
    }
    boolean arithmetic =
        (e instanceof Expr.Binary b && b.type().isFloating() && b.op().isArithmetic())
            || (e instanceof Expr.Call c && c.type() == Type.DOUBLE && !c.fn().piecewiseConstant())
            || (e instanceof Expr.Apply a && a.type().isFloating()); // a recursion, computed once
    if (arithmetic && !containsCond(e)) {
      out.add(e);
    }
  }

  /**
   * Whether evaluating {@code e} may throw or not return: an array read, a recursive call, integer
   * division or an integer function (the {@code *Exact} family).
   */
  private static boolean mayFail(Expr e) {
    boolean fails =
        e instanceof Expr.Index
            || e instanceof Expr.Apply
            || (e instanceof Expr.Call c && !c.type().isFloating())
            || (e instanceof Expr.Binary b
                && b.type().isIntegral()
                && (b.op() == BinOp.DIV || b.op() == BinOp.REM));
    return fails || Exprs.children(e).stream().anyMatch(CommonSubexpressionElimination::mayFail);
  }

  private static boolean containsCond(Expr e) {
    return e instanceof Expr.Cond
        || Exprs.children(e).stream().anyMatch(CommonSubexpressionElimination::containsCond);
  }
}
