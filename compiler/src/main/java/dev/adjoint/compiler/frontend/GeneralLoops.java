package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.WhileStmt;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Loops that are not counted: {@code while}, {@code do}/{@code while}, {@code for} loops whose trip
 * count is data-dependent or that {@code break}, {@code continue} or {@code return}, with labels.
 * They become labelled {@link Stmt.Loop}s; the exit normalisation pass then makes them structured.
 * A condition with side effects ({@code while (k-- > 0)}) is evaluated inside the loop, before a
 * conditional {@code break}.
 */
final class GeneralLoops {
  private final Context cx;
  private final ExprLowering exprs;
  private final StmtLowering stmts;

  /** The statements a break, continue or yield can leave, innermost first. */
  private final Deque<Target> targets = new ArrayDeque<>();

  private String nextLabel;
  private int synthetic;

  GeneralLoops(Context cx, ExprLowering exprs, StmtLowering stmts) {
    this.cx = cx;
    this.exprs = exprs;
    this.stmts = stmts;
  }

  /** The label the next loop gets (from a labelled statement). */
  void label(String label) {
    nextLabel = label;
  }

  private String take() {
    String label = nextLabel;
    if (label == null) {
      synthetic++;
      label = "$" + synthetic;
    }
    nextLabel = null;
    return label;
  }

  /** Whether a loop body leaves the loop early: such a loop is never lowered as counted. */
  static boolean exits(Statement body) {
    return body.findAll(BreakStmt.class).stream().anyMatch(b -> !leavesSwitch(b))
        || !body.findAll(ContinueStmt.class).isEmpty()
        || !body.findAll(ReturnStmt.class, r -> !StreamLambdas.inLambda(r)).isEmpty();
  }

  /** Whether {@code b} is an unlabelled break whose innermost enclosing target is a switch. */
  private static boolean leavesSwitch(BreakStmt b) {
    if (b.getLabel().isPresent()) {
      return false;
    }
    for (Node p = b.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof com.github.javaparser.ast.stmt.SwitchStmt) {
        return true;
      }
      if (p instanceof ForStmt
          || p instanceof ForEachStmt
          || p instanceof WhileStmt
          || p instanceof DoStmt) {
        return false;
      }
    }
    return false;
  }

  void whileLoop(WhileStmt w, List<Stmt> out) {
    String label = take();
    Condition c = condition(w.getCondition());
    out.add(
        new Stmt.Loop(
            label,
            c.loopCondition(),
            c.prefixed(label, body(label, w.getBody())),
            List.of(),
            false));
  }

  void doLoop(DoStmt d, List<Stmt> out) {
    String label = take();
    List<Stmt> body = new ArrayList<>(body(label, d.getBody()));
    Condition c = condition(d.getCondition());
    if (c.pending.isEmpty()) {
      out.add(new Stmt.Loop(label, c.value, body, List.of(), true));
    } else {
      // the condition's statements run where a continue goes too: in the update, which keeps
      // the condition's value for the test at the end
      Var more = cx.scope.fresh("more", Type.BOOLEAN);
      out.add(new Stmt.Declare(more, Expr.Const.ofBoolean(false)));
      List<Stmt> update = new ArrayList<>(c.pending);
      update.add(new Stmt.Assign(more, c.value));
      out.add(new Stmt.Loop(label, Exprs.ref(more), body, update, true));
    }
  }

  /** {@code for (init; cond; update) body} as init statements and a loop. */
  void forLoop(ForStmt f, List<Stmt> out) {
    String label = take();
    cx.scope.push(false);
    try {
      for (Expression init : f.getInitialization()) {
        if (init instanceof VariableDeclarationExpr d) {
          for (VariableDeclarator v : d.getVariables()) {
            stmts.declare(v, out);
          }
        } else {
          out.addAll(stmts.expression(init));
        }
      }
      out.addAll(cx.pending);
      cx.pending = new ArrayList<>();
      Condition c =
          f.getCompare()
              .map(this::condition)
              .orElse(new Condition(Expr.Const.ofBoolean(true), List.of()));
      List<Stmt> body = c.prefixed(label, body(label, f.getBody()));
      List<Stmt> update = new ArrayList<>();
      for (Expression u : f.getUpdate()) {
        update.addAll(stmts.expression(u));
      }
      out.add(new Stmt.Loop(label, c.loopCondition(), body, update, false));
    } finally {
      cx.scope.pop();
    }
  }

  /** {@code for (double v : a) body} when the body exits early. */
  void forEach(ForEachStmt f, Expr array, List<Stmt> out) {
    String label = take();
    cx.scope.push(false);
    try {
      Var index = cx.scope.fresh("i", Type.INT);
      out.add(new Stmt.Declare(index, Expr.Const.ofInt(0)));
      cx.scope.push(true);
      List<Stmt> body = new ArrayList<>();
      try {
        VariableDeclarator decl = f.getVariable().getVariable(0);
        Var element =
            cx.scope.declare(
                decl.getNameAsString(),
                CountedLoops.loopVariableType(cx, decl, array.type().elementType()));
        body.add(new Stmt.Declare(element, new Expr.Index(array, Exprs.ref(index))));
        targets.push(new Target(label, Kind.LOOP));
        try {
          body.addAll(stmts.block(StmtLowering.statements(f.getBody()), false));
        } finally {
          targets.pop();
        }
      } finally {
        cx.scope.pop();
      }
      Expr cond = Exprs.binary(BinOp.LT, Exprs.ref(index), new Expr.Length(array));
      List<Stmt> update =
          List.of(new Stmt.Assign(index, Exprs.add(Exprs.ref(index), Expr.Const.ofInt(1))));
      out.add(new Stmt.Loop(label, cond, body, update, false));
    } finally {
      cx.scope.pop();
    }
  }

  /** What a jump can leave: a loop, a switch statement, or a switch expression (by yield). */
  enum Kind {
    LOOP,
    SWITCH,
    SWITCH_EXPRESSION
  }

  /** A statement a jump can leave; {@code used} says whether some jump was lowered to it. */
  static final class Target {
    final String label;
    final Kind kind;
    boolean used;

    /** A switch expression's value, assigned by its yields. */
    Var result;

    /** The type of the values yielded so far (their conditional-expression type). */
    Type resultType;

    Target(String label, Kind kind) {
      this.label = label;
      this.kind = kind;
    }
  }

  /** A fresh label for a compiler-made once-loop around a switch. */
  String syntheticLabel() {
    synthetic++;
    return "$" + synthetic;
  }

  void push(Target t) {
    targets.push(t);
  }

  void pop() {
    targets.pop();
  }

  /** The innermost switch expression, for a yield; empty when a loop or statement is nearer. */
  Optional<Target> yieldTarget() {
    for (Target t : targets) {
      if (t.kind == Kind.SWITCH_EXPRESSION) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * {@code break} or {@code continue}, to the named or the innermost loop ({@code break} also to
   * the innermost switch statement). Neither can leave a switch expression.
   */
  void jump(Statement s, List<Stmt> out) {
    boolean isBreak = s instanceof BreakStmt;
    Optional<String> named =
        (isBreak ? ((BreakStmt) s).getLabel() : ((ContinueStmt) s).getLabel())
            .map(Object::toString);
    Target target = null;
    for (Target t : targets) {
      if (t.kind == Kind.SWITCH_EXPRESSION) {
        break;
      }
      boolean fits =
          named.isPresent()
              ? t.kind == Kind.LOOP && t.label.equals(named.get())
              : t.kind == Kind.LOOP || (isBreak && t.kind == Kind.SWITCH);
      if (fits) {
        target = t;
        break;
      }
    }
    if (target == null) {
      // only in source javac rejects after annotation processing: no loop around, an undefined
      // label, or a jump out of a switch expression
      cx.report(
          DiagnosticCode.AD107,
          s,
          (isBreak ? "break" : "continue") + named.map(l -> " " + l).orElse(""));
      return;
    }
    target.used = true;
    out.add(isBreak ? new Stmt.Break(target.label) : new Stmt.Continue(target.label));
  }

  private List<Stmt> body(String label, Statement body) {
    targets.push(new Target(label, Kind.LOOP));
    try {
      return stmts.nested(StmtLowering.statements(body), false);
    } finally {
      targets.pop();
    }
  }

  private Condition condition(Expression e) {
    List<Stmt> outer = cx.pending;
    cx.pending = new ArrayList<>();
    try {
      Expr value = exprs.condition(e);
      return new Condition(value, cx.pending);
    } finally {
      cx.pending = outer;
    }
  }

  /** A loop condition and the statements it needs first (inlined calls, increments). */
  private record Condition(Expr value, List<Stmt> pending) {
    /** What the loop tests at its head: the condition, or true when it is tested in the body. */
    Expr loopCondition() {
      return pending.isEmpty() ? value : Expr.Const.ofBoolean(true);
    }

    /** The body, preceded (when the condition has statements) by them and a conditional break. */
    List<Stmt> prefixed(String label, List<Stmt> body) {
      if (pending.isEmpty()) {
        return body;
      }
      List<Stmt> out = new ArrayList<>(pending);
      out.add(
          new Stmt.If(
              new Expr.Unary(UnOp.NOT, value, Type.BOOLEAN),
              List.of(new Stmt.Break(label)),
              List.of()));
      out.addAll(body);
      return out;
    }
  }

  /**
   * Whether {@code n} sits inside a loop or a switch: a return there makes the method's returns raw
   * (exit normalisation handles them).
   */
  static boolean insideLoop(Node n) {
    for (Node p = n.getParentNode().orElse(null); p != null; p = p.getParentNode().orElse(null)) {
      if (p instanceof ForStmt
          || p instanceof com.github.javaparser.ast.stmt.SwitchStmt
          || p instanceof ForEachStmt
          || p instanceof WhileStmt
          || p instanceof DoStmt) {
        return true;
      }
    }
    return false;
  }
}
