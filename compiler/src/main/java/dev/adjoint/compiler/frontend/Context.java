package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.TypePatternExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.diag.Diagnostics;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /**
   * Locals declared in one case of a classic switch and used in a later one (Java's switch block is
   * one scope): declared before the switch, so that their declarations become assignments.
   */
  final java.util.IdentityHashMap<com.github.javaparser.ast.body.VariableDeclarator, Var> shared =
      new java.util.IdentityHashMap<>(); // JavaParser's equals is structural

  /**
   * The receiver, {@code this}, replaced by its fields: null in a static method. While {@link
   * #constructing}, the object a constructor being inlined sets up.
   */
  Struct self;

  /** The Java types of the data variables kept verbatim that are not String or enum. */
  final Map<Var, String> javaTypes = new HashMap<>();

  /** The code kept verbatim so far, for the checks after activity analysis. */
  final List<VerbatimSite> verbatim;

  /**
   * Whether this context lowers the annotated method's own source, so that its spans are positions
   * in it (not a callee's or constructor's).
   */
  boolean root;

  /** Makes the parameters read from the method's objects; null in a constructor's context. */
  ParamBinder binder;

  /** Finds objects and their fields; set by the expression lowering of this context. */
  ObjectLowering objects;

  /** Whether the code lowered is a constructor's: it may assign {@link #self}'s fields. */
  boolean constructing;

  /**
   * The call whose receiver (a new object, or one a call returned) was lowered already, while the
   * frontend asked what the call is, and that receiver: the call's own lowering takes it instead of
   * lowering it again, which would run its statements (its arguments' side effects) twice.
   */
  com.github.javaparser.ast.expr.MethodCallExpr loweredReceiverOf;

  Struct loweredReceiver;

  /** The String and enum parameters (type {@code OBJECT}) with their Java types. */
  final Map<Var, DataType> data = new HashMap<>();

  /**
   * For the receiver of a method call or field access that names a variable the IR cannot call
   * methods on: a placeholder, after AD115 for a String or enum, silently for a variable whose
   * declaration was reported (its uses are not errors of their own). Empty for anything else.
   */
  Optional<Expr> unusableReceiver(com.github.javaparser.ast.expr.Expression receiver) {
    if (!(receiver instanceof com.github.javaparser.ast.expr.NameExpr n)) {
      return Optional.empty();
    }
    Optional<Var> v = scope.lookup(n.getNameAsString());
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (reported.contains(v.get())) {
      return Optional.of(placeholder(Type.DOUBLE));
    }
    if (v.get().type() == Type.OBJECT) {
      return Optional.of(new DataTests(this).misuse(n, v.get()));
    }
    return Optional.empty();
  }

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

  /**
   * Locals declared {@code char}, ints in the IR: their compound assignments and increments narrow
   * as Java's do ({@code c++} wraps from 65535 to 0).
   */
  final Set<Var> chars = new HashSet<>();

  /** The array variables that exchange arrays with others, once {@link BufferBanks} ran. */
  final Set<Var> swapped = new HashSet<>();

  Context(Scope scope, Spans spans, Diagnostics diagnostics, Program program) {
    this.scope = scope;
    this.spans = spans;
    this.diagnostics = diagnostics;
    this.program = program;
    this.verbatim = program.verbatim;
  }

  /**
   * Names declared by a construct that was reported (a pattern variable of an unsupported {@code
   * instanceof}): reading them is not an error of its own.
   */
  private final Set<String> reportedNames = new HashSet<>();

  /** Fields reported as unreadable (AD116), as {@code Class#field}: one error per field. */
  final Set<String> reportedFields = new HashSet<>();

  /**
   * Reports a diagnostic at {@code at}, unless it follows from one already reported (one error per
   * cause): {@code at} reads a variable whose declaration was reported, reads a name a reported
   * construct declared.
   */
  void report(DiagnosticCode code, Node at, Object... args) {
    boolean followOn = followsFromReported(at);
    for (TypePatternExpr p : at.findAll(TypePatternExpr.class)) {
      reportedNames.add(p.getNameAsString());
    }
    if (!followOn) {
      diagnostics.report(code, spans.of(at), args);
    }
  }

  private boolean followsFromReported(Node at) {
    for (NameExpr n : at.findAll(NameExpr.class)) {
      Optional<Var> v = scope.lookup(n.getNameAsString());
      if (v.isPresent()
          ? reported.contains(v.get())
          : reportedNames.contains(n.getNameAsString())) {
        return true;
      }
    }
    return false;
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
