package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Java's left-to-right evaluation of operands (JLS 15.7) for expressions with side effects. The
 * front end lowers an expression to the statements it needs first (queued in {@link
 * Context#pending}: assignments, increments, inlined calls) and a pure IR expression read after
 * them. Operands are lowered one after the other; an operand whose value the statements of a later
 * operand could change (they assign a variable it reads, or write into an array while it reads an
 * element: arrays may alias) is kept in a local, declared where Java evaluates it. Operands that
 * nothing later changes stay as they are, so code without side effects gets no temporaries.
 */
final class EvaluationOrder {
  private final Context cx;
  private final List<Expr> values = new ArrayList<>();

  /** For each operand, the number of pending statements when it was lowered. */
  private final List<Integer> ends = new ArrayList<>();

  EvaluationOrder(Context cx) {
    this.cx = cx;
  }

  /** Adds the operand just lowered (its statements are the pending ones so far). */
  Expr add(Expr lowered) {
    values.add(lowered);
    ends.add(cx.pending.size());
    return lowered;
  }

  /**
   * The operands in order, each kept in a local first if a later operand's statements could change
   * its value.
   */
  List<Expr> values() {
    for (int k = values.size() - 2; k >= 0; k--) {
      int end = ends.get(k);
      Expr e = values.get(k);
      if (changes(cx.pending.subList(end, cx.pending.size()), e)) {
        Var kept = cx.scope.fresh(baseName(e), e.type());
        cx.pending.add(end, new Stmt.Declare(kept, e));
        values.set(k, Exprs.ref(kept));
      }
    }
    return List.copyOf(values);
  }

  private static String baseName(Expr e) {
    Var root = e instanceof Expr.Ref || e instanceof Expr.Index ? Exprs.root(e) : null;
    return root == null ? "t" : root.name() + "Old";
  }

  /**
   * Whether {@code stmts} have an effect outside themselves: they assign a variable (or write into
   * an array) they do not declare. Statements without one (an inlined call's locals) may run
   * earlier than Java would run them, or unconditionally.
   */
  static boolean hasEffects(List<Stmt> stmts) {
    return !effects(stmts).isEmpty();
  }

  private static Set<Var> effects(List<Stmt> stmts) {
    Set<Var> written = new HashSet<>(Stmts.writes(stmts));
    written.removeAll(Stmts.declared(stmts));
    return written;
  }

  /** Whether running {@code later} could change the value of {@code e}. */
  static boolean changes(List<Stmt> later, Expr e) {
    if (later.isEmpty() || e.type().isArray()) {
      return false; // an array's identity never changes: element writes and copies keep it
    }
    Set<Var> written = effects(later);
    for (Var v : Exprs.reads(e)) {
      if (!v.type().isArray() && written.contains(v)) {
        return true;
      }
    }
    return readsElement(e) && written.stream().anyMatch(v -> v.type().isArray());
  }

  /** Whether {@code e} reads an element of an array (a number, not a row). */
  private static boolean readsElement(Expr e) {
    if (e instanceof Expr.Index ix && !ix.type().isArray()) {
      return true;
    }
    return Exprs.children(e).stream().anyMatch(EvaluationOrder::readsElement);
  }
}
