package dev.adjoint.compiler.pass.analysis;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Facts about the code a function keeps verbatim ({@link Expr.Opaque}): where it is, how deep in
 * loops, what it reads; and the check that a derived function runs each piece exactly once per run
 * of the primal's place for it.
 */
public final class VerbatimChecks {
  private VerbatimChecks() {}

  /** One piece of verbatim code: its declaration and how many loops enclose it. */
  /**
   * One piece of verbatim code: its declaration, how many loops enclose it, and whether one of them
   * is inside a branch ({@code if (x > 0) for (...) ...}, or a loop after an early return, which
   * exit normalisation puts in a branch).
   */
  public record Site(
      Stmt.Declare declaration, Expr.Opaque code, int loopDepth, boolean loopInBranch) {}

  /** The verbatim code of {@code f}, in statement order. */
  public static List<Site> sites(Function f) {
    List<Site> out = new ArrayList<>();
    collect(f.body(), 0, false, false, out);
    return out;
  }

  private static void collect(
      List<Stmt> block, int depth, boolean inBranch, boolean loopInBranch, List<Site> out) {
    for (Stmt s : block) {
      if (s instanceof Stmt.Declare d && d.init() instanceof Expr.Opaque o) {
        out.add(new Site(d, o, depth, loopInBranch));
      }
      boolean loop = s instanceof Stmt.For || s instanceof Stmt.While || s instanceof Stmt.Loop;
      boolean branch = s instanceof Stmt.If;
      for (List<Stmt> nested : Stmts.blocks(s)) {
        collect(
            nested,
            loop ? depth + 1 : depth,
            inBranch || branch,
            loopInBranch || (loop && inBranch),
            out);
      }
    }
  }

  /** The first variable a piece of code reads that depends on the differentiated inputs. */
  public static Optional<Var> activeRead(Site site, Activity activity) {
    for (Expr operand : site.code().operands()) {
      // an array's length never depends on the differentiated inputs, even an active array's
      Expr withoutLengths =
          Exprs.rewrite(
              operand, e -> e instanceof Expr.Length ? new Expr.Const(Type.INT, 0, "0") : e);
      for (Var v : Exprs.reads(withoutLengths)) {
        if (activity.isActive(v)) {
          return Optional.of(v);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Throws unless every piece of {@code primal}'s verbatim code appears in {@code derived} at most
   * once and inside as many loops: a pass that copied, merged or hoisted one would change how often
   * the user's code runs. None is allowed: the clean-ups drop a branch that can never run (a
   * constant condition) and its code with it, as Java never runs it either; dead-code elimination
   * never drops a piece that may run ({@code DeadCodeElimination.kept}).
   */
  public static void requireKept(Function primal, Function derived) {
    Map<Integer, Integer> depth = new HashMap<>();
    for (Site s : sites(primal)) {
      depth.put(s.code().id(), s.loopDepth());
    }
    Map<Integer, Integer> seen = new HashMap<>();
    for (Site s : sites(derived)) {
      seen.merge(s.code().id(), 1, Integer::sum);
      Integer expected = depth.get(s.code().id());
      if (expected != null && expected != s.loopDepth()) {
        throw new IllegalStateException(
            derived.name()
                + " moved verbatim code "
                + s.code().id()
                + " to loop depth "
                + s.loopDepth());
      }
    }
    for (Map.Entry<Integer, Integer> e : depth.entrySet()) {
      int n = seen.getOrDefault(e.getKey(), 0);
      if (n > 1) {
        throw new IllegalStateException(
            derived.name() + " runs verbatim code " + e.getKey() + " " + n + " times, not once");
      }
    }
  }
}
