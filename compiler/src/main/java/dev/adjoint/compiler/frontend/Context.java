package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.diag.Diagnostics;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Shared state of lowering one method: scope, positions and the diagnostics collected so far. */
final class Context {
  final Scope scope;
  final Spans spans;
  final Diagnostics diagnostics;
  final Program program;

  /**
   * Statements an expression needs run before the statement that contains it (inlined calls,
   * assignments and increments inside expressions), in the order Java runs them.
   */
  List<Stmt> pending = new ArrayList<>();

  /**
   * Moves the pending statements to {@code out}, where a statement is about to be written after
   * them: a declaration or an element write whose expressions were just lowered (nothing when
   * {@code out} is the pending list itself).
   */
  void flush(List<Stmt> out) {
    if (out != pending) {
      out.addAll(pending);
      pending.clear();
    }
  }

  /**
   * Whether the method's return type was reported unsupported (its returns are then not checked).
   */
  boolean returnTypeReported;

  /**
   * Locals whose declaration was reported (an unsupported type): their uses report nothing more.
   */
  final Set<Var> reported = new HashSet<>();

  /** Whether {@code e} reads a local whose declaration was already reported. */
  boolean isReported(Expr e) {
    return e instanceof Expr.Ref r && reported.contains(r.var());
  }

  /**
   * Array variables reassigned ({@code s = step(s)}), lowered as element copies: checked at the
   * end.
   */
  final List<Reassignments.Copy> reassignments = new ArrayList<>();

  /** Assignments of one array variable to another ({@code cur = nxt}): see {@link BufferBanks}. */
  final List<BufferBanks.Reference> references = new ArrayList<>();

  /** The array variables that exchange arrays with others, once {@link BufferBanks} ran. */
  final Set<Var> swapped = new HashSet<>();

  Context(Scope scope, Spans spans, Diagnostics diagnostics, Program program) {
    this.scope = scope;
    this.spans = spans;
    this.diagnostics = diagnostics;
    this.program = program;
  }

  void report(DiagnosticCode code, Node at, Object... args) {
    diagnostics.report(code, spans.of(at), args);
  }

  /**
   * Reports an error and returns a placeholder of the expected type, so that lowering goes on and
   * finds the method's other errors. Nothing is generated for a method with errors.
   */
  Expr error(DiagnosticCode code, Node at, Type type, Object... args) {
    report(code, at, args);
    return placeholder(type);
  }

  static Expr placeholder(Type type) {
    return new Expr.Const(type, 0, PLACEHOLDER);
  }

  /** Whether {@code e} stands for an expression already reported: no further errors about it. */
  static boolean isPlaceholder(Expr e) {
    return e instanceof Expr.Const c && c.text().equals(PLACEHOLDER);
  }

  private static final String PLACEHOLDER = "/* error */ 0";
}
