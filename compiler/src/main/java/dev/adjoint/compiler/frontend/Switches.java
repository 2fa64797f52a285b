package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.SwitchStmt;
import com.github.javaparser.ast.stmt.YieldStmt;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Typing;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code switch} statements and expressions, lowered to existing IR. The selector is an int, a char
 * (an int in the IR, its labels char literals), or a String or enum parameter (data, {@link
 * DataTests}: each label becomes an {@link Expr.DataEquals} test). An int selector is evaluated
 * once (into a compiler-made local unless it is a local the switch does not write). Without
 * fallthrough the cases become an if/else chain, the default last; with fallthrough every case
 * becomes an {@code if (fall || matches)} that sets the flag {@code fall} when it falls into the
 * next. A {@code break} (or {@code yield}) that ends a case is dropped; one elsewhere leaves a
 * labelled loop that runs once around the switch, which exit normalisation makes structured, as for
 * an inlined helper's early return. A switch expression assigns its value to a compiler-made local.
 */
final class Switches {
  private final Context cx;
  private final ExprLowering exprs;
  private final StmtLowering stmts;
  private final GeneralLoops general;

  Switches(Context cx, ExprLowering exprs, StmtLowering stmts, GeneralLoops general) {
    this.cx = cx;
    this.exprs = exprs;
    this.stmts = stmts;
    this.general = general;
  }

  /**
   * One case of the switch: its labels (empty for none), whether it is the default, its body, or
   * (an arrow case of a switch expression) the expression it yields.
   */
  private record Group(
      List<Expr> labels, boolean isDefault, List<Statement> body, Expression value) {}

  /** A switch expression's value: the statements computing it go to the pending statements. */
  Expr expression(SwitchExpr s) {
    Optional<Expr> selector = selector(s.getSelector(), s.getEntries(), cx.pending);
    List<Group> groups = groups(s.getEntries(), true, selector.orElse(null));
    if (selector.isEmpty() || groups == null) {
      bodiesForDiagnostics(groups(s.getEntries(), true, null), true);
      return Context.placeholder(Type.DOUBLE);
    }
    Var provisional = cx.scope.fresh("switchValue", Type.DOUBLE);
    GeneralLoops.Target target =
        new GeneralLoops.Target(general.syntheticLabel(), GeneralLoops.Kind.SWITCH_EXPRESSION);
    target.result = provisional;
    cx.scope.push(false);
    List<Stmt> lowered;
    try {
      cx.pending.addAll(SharedLocals.declare(cx, s.getEntries()));
      lowered = lower(selector.get(), groups, target);
    } finally {
      cx.scope.pop();
    }
    Type type = target.resultType == null ? Type.DOUBLE : target.resultType;
    Var result = new Var(provisional.name(), type);
    lowered =
        Stmts.mapBlocks(
            lowered,
            block -> {
              List<Stmt> b = new ArrayList<>();
              for (Stmt st : block) {
                b.add(
                    st instanceof Stmt.Assign a && a.var().equals(provisional)
                        ? new Stmt.Assign(
                            result,
                            a.value().type() == type
                                ? a.value()
                                : new Expr.Cast(type, a.value())) // int yielded as double
                        : st);
              }
              return b;
            });
    boolean covered = lowered.size() == 1 && lowered.get(0) instanceof Stmt.If;
    cx.pending.add(
        new Stmt.Declare(
            result,
            covered
                ? null
                : type == Type.BOOLEAN ? Expr.Const.ofBoolean(false) : Expr.Const.zero(type)));
    cx.pending.addAll(lowered);
    return Exprs.ref(result);
  }

  /** A switch statement. */
  void statement(SwitchStmt s, List<Stmt> out) {
    Optional<Expr> selector = selector(s.getSelector(), s.getEntries(), out);
    List<Group> groups = groups(s.getEntries(), false, selector.orElse(null));
    if (selector.isEmpty() || groups == null) {
      bodiesForDiagnostics(groups(s.getEntries(), false, null), false);
      return;
    }
    GeneralLoops.Target target =
        new GeneralLoops.Target(general.syntheticLabel(), GeneralLoops.Kind.SWITCH);
    cx.scope.push(false);
    try {
      out.addAll(SharedLocals.declare(cx, s.getEntries()));
      out.addAll(lower(selector.get(), groups, target));
    } finally {
      cx.scope.pop();
    }
  }

  /** {@code yield value}: assigns the switch expression's value and leaves it. */
  void lowerYield(YieldStmt y, List<Stmt> out) {
    Optional<GeneralLoops.Target> target = general.yieldTarget();
    if (target.isEmpty()) {
      exprs.lower(y.getExpression());
      cx.report(DiagnosticCode.AD107, y, "yield");
      return;
    }
    yieldValue(y.getExpression(), target.get(), out);
  }

  /** A case's body lowered in a scope of its own; an arrow case's expression is yielded. */
  private List<Stmt> body(Group g, GeneralLoops.Target target) {
    if (g.value() == null) {
      return stmts.nested(g.body(), false);
    }
    List<Stmt> outer = cx.pending;
    cx.pending = new ArrayList<>();
    List<Stmt> produced = new ArrayList<>();
    cx.scope.push(true);
    try {
      yieldValue(g.value(), target, produced);
    } finally {
      cx.scope.pop();
      produced.addAll(0, cx.pending);
      cx.pending = outer;
    }
    return produced;
  }

  /** Assigns {@code e} to the switch expression's value and leaves the switch. */
  private void yieldValue(Expression e, GeneralLoops.Target t, List<Stmt> out) {
    Expr value = exprs.lower(e);
    if (Context.isPlaceholder(value)) {
      return;
    }
    if (t.resultType == null) {
      t.resultType = value.type();
    } else if (t.resultType != value.type()) {
      Optional<Type> joined = Typing.conditional(t.resultType, value.type());
      if (joined.isEmpty()) {
        cx.report(
            DiagnosticCode.AD208,
            e,
            "the switch yields " + t.resultType.javaName() + " and " + value.type().javaName());
        return;
      }
      t.resultType = joined.get();
    }
    out.add(new Stmt.Assign(t.result, value));
    t.used = true;
    out.add(new Stmt.Break(t.label));
  }

  /**
   * The selector as an int expression read once (a char is an int), or a String or enum parameter
   * (compared by {@link Expr.DataEquals}); empty when it was reported.
   */
  private Optional<Expr> selector(Expression e, NodeList<SwitchEntry> entries, List<Stmt> out) {
    Optional<Var> data = new DataTests(cx).variable(e);
    if (data.isPresent()) {
      return Optional.of(Exprs.ref(data.get())); // never written: read in every test
    }
    Optional<String> unsupported = unsupportedType(e);
    if (unsupported.isPresent()) {
      cx.report(DiagnosticCode.AD111, e, unsupported.get());
      return Optional.empty();
    }
    Expr value = exprs.lower(e);
    if (Context.isPlaceholder(value) || cx.isReported(value)) {
      return Optional.empty(); // already reported
    }
    if (value.type() != Type.INT) {
      cx.report(DiagnosticCode.AD111, e, value.type().javaName());
      return Optional.empty();
    }
    if (value instanceof Expr.Ref r && !r.var().type().isArray() && !writes(entries, e)) {
      return Optional.of(value);
    }
    Var key = cx.scope.fresh("key", Type.INT);
    out.add(new Stmt.Declare(key, value));
    return Optional.of(Exprs.ref(key));
  }

  /**
   * The source type of a selector the IR has no type for that lowering would not report: a String
   * literal. (A variable of an unsupported type was reported at its declaration.)
   */
  private static Optional<String> unsupportedType(Expression e) {
    if (e instanceof com.github.javaparser.ast.expr.StringLiteralExpr) {
      return Optional.of("String");
    }
    return Optional.empty();
  }

  /** Whether the switch's cases assign the selector variable. */
  private static boolean writes(NodeList<SwitchEntry> entries, Expression selector) {
    String name = ((NameExpr) selector).getNameAsString();
    for (SwitchEntry entry : entries) {
      for (com.github.javaparser.ast.expr.AssignExpr a :
          entry.findAll(com.github.javaparser.ast.expr.AssignExpr.class)) {
        if (a.getTarget() instanceof NameExpr t && t.getNameAsString().equals(name)) {
          return true;
        }
      }
      for (com.github.javaparser.ast.expr.UnaryExpr u :
          entry.findAll(com.github.javaparser.ast.expr.UnaryExpr.class)) {
        if (u.getExpression() instanceof NameExpr t && t.getNameAsString().equals(name)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The cases, with {@code case 1: case 2:} merged into one group; null when a label was reported.
   * An arrow case of a switch expression yields its expression. Labels are checked against the
   * selector, unless it is null (lowering the cases only for their diagnostics). An enum switch
   * expression without default covers every constant: its last case is the default.
   */
  private List<Group> groups(NodeList<SwitchEntry> entries, boolean isExpression, Expr selector) {
    boolean checkLabels = selector != null;
    List<Group> groups = new ArrayList<>();
    List<Expr> pendingLabels = new ArrayList<>();
    boolean pendingDefault = false;
    boolean ok = true;
    for (SwitchEntry entry : entries) {
      if (checkLabels && entry.getGuard().isPresent()) {
        cx.report(DiagnosticCode.AD112, entry.getGuard().get(), "a guard");
        ok = false;
      }
      for (Expression label : checkLabels ? entry.getLabels() : new NodeList<Expression>()) {
        Optional<Expr> l = label(selector, label);
        if (l.isEmpty()) {
          ok = false;
        } else {
          pendingLabels.add(l.get());
        }
      }
      pendingDefault |= entry.isDefault() || entry.getLabels().isEmpty();
      List<Statement> body = new ArrayList<>(entry.getStatements());
      Expression value = null;
      if (entry.getType() != SwitchEntry.Type.STATEMENT_GROUP) {
        if (isExpression
            && entry.getType() == SwitchEntry.Type.EXPRESSION
            && body.size() == 1
            && body.get(0) instanceof ExpressionStmt es) {
          value = es.getExpression();
          body = List.of();
        }
        if (!isExpression) {
          body = new ArrayList<>(body);
          body.add(breakAt(entry));
        }
      }
      // the same node, not an equal one: JavaParser's equals compares structure
      @SuppressWarnings("ReferenceEquality")
      boolean last = entry == entries.getLast().orElse(null);
      if (body.isEmpty() && value == null && !last) {
        continue; // case 1: case 2: ... shares the next case's body
      }
      groups.add(new Group(pendingLabels, pendingDefault, body, value));
      pendingLabels = new ArrayList<>();
      pendingDefault = false;
    }
    if (ok
        && isExpression
        && checkLabels
        && selector.type() == Type.OBJECT
        && !groups.isEmpty()
        && groups.stream().noneMatch(Group::isDefault)) {
      Group last = groups.get(groups.size() - 1);
      groups.set(groups.size() - 1, new Group(last.labels(), true, last.body(), last.value()));
    }
    return ok ? groups : null;
  }

  /**
   * Lowers the cases of a switch that is not generated (its selector or a label was reported), only
   * to report the errors inside them too.
   */
  private void bodiesForDiagnostics(List<Group> groups, boolean isExpression) {
    GeneralLoops.Target target =
        new GeneralLoops.Target(
            general.syntheticLabel(),
            isExpression ? GeneralLoops.Kind.SWITCH_EXPRESSION : GeneralLoops.Kind.SWITCH);
    target.result = cx.scope.fresh("switchValue", Type.DOUBLE);
    general.push(target);
    try {
      for (Group g : groups) {
        body(g, target);
      }
    } finally {
      general.pop();
    }
  }

  /** The break that ends an arrow case of a switch statement. */
  private static Statement breakAt(SwitchEntry entry) {
    BreakStmt b = new BreakStmt();
    b.removeLabel();
    b.setRange(entry.getRange().orElse(null));
    return b;
  }

  /**
   * A case label: an int constant expression (a char literal is one), or for a String or enum
   * selector its test against a string literal or a constant's name.
   */
  private Optional<Expr> label(Expr selector, Expression label) {
    if (selector.type() == Type.OBJECT) {
      Expr test = new DataTests(cx).label(((Expr.Ref) selector).var(), label, true);
      return Context.isPlaceholder(test) ? Optional.empty() : Optional.of(test);
    }
    if (label.isNullLiteralExpr()
        || label.isPatternExpr()
        || label instanceof com.github.javaparser.ast.expr.StringLiteralExpr) {
      cx.report(DiagnosticCode.AD112, label, label.toString());
      return Optional.empty();
    }
    List<Stmt> outer = cx.pending;
    cx.pending = new ArrayList<>();
    try {
      Expr value = exprs.lower(label);
      if (Context.isPlaceholder(value)) {
        return Optional.empty();
      }
      if (value.type() != Type.INT || !cx.pending.isEmpty() || !Exprs.reads(value).isEmpty()) {
        cx.report(DiagnosticCode.AD112, label, label.toString());
        return Optional.empty();
      }
      return Optional.of(value);
    } finally {
      cx.pending = outer;
    }
  }

  /** Lowers the cases, then wraps them in a once-loop if a jump other than a case's last leaves. */
  private List<Stmt> lower(Expr selector, List<Group> groups, GeneralLoops.Target target) {
    List<List<Stmt>> bodies = new ArrayList<>();
    general.push(target);
    try {
      for (Group g : groups) {
        bodies.add(body(g, target));
      }
    } finally {
      general.pop();
    }
    boolean fallthrough = false;
    for (int k = 0; k < groups.size() - 1; k++) {
      fallthrough |= !exits(bodies.get(k));
    }
    List<Stmt> out =
        fallthrough
            ? flags(selector, groups, bodies, target)
            : chain(selector, groups, bodies, target);
    if (Stmts.all(out).stream()
        .anyMatch(st -> st instanceof Stmt.Break b && b.label().equals(target.label))) {
      return List.of(
          new Stmt.Loop(target.label, Expr.Const.ofBoolean(false), out, List.of(), true));
    }
    return out;
  }

  /** No case falls into the next: {@code if (k == 1 || k == 2) A else if (k == 3) B else D}. */
  private List<Stmt> chain(
      Expr selector, List<Group> groups, List<List<Stmt>> bodies, GeneralLoops.Target target) {
    List<Stmt> otherwise = List.of();
    int defaultAt = -1;
    for (int k = 0; k < groups.size(); k++) {
      if (groups.get(k).isDefault()) {
        defaultAt = k;
        otherwise = withoutTailBreaks(bodies.get(k), target.label);
      }
    }
    for (int k = groups.size() - 1; k >= 0; k--) {
      if (k == defaultAt) {
        continue;
      }
      Expr cond = matches(selector, groups.get(k).labels());
      otherwise =
          List.of(new Stmt.If(cond, withoutTailBreaks(bodies.get(k), target.label), otherwise));
    }
    return otherwise;
  }

  /**
   * Some case falls into the next: every case runs when the flag is set (the one before fell
   * through) or the selector matches; a case that ends with {@code break} clears the flag.
   */
  private List<Stmt> flags(
      Expr selector, List<Group> groups, List<List<Stmt>> bodies, GeneralLoops.Target target) {
    List<Stmt> out = new ArrayList<>();
    Var fall = cx.scope.fresh("fall", Type.BOOLEAN);
    out.add(new Stmt.Declare(fall, Expr.Const.ofBoolean(false)));
    List<Expr> all = new ArrayList<>();
    groups.forEach(g -> all.addAll(g.labels()));
    boolean previousFalls = false;
    for (int k = 0; k < groups.size(); k++) {
      Group g = groups.get(k);
      Expr match = matches(selector, g.labels());
      if (g.isDefault()) {
        Expr none = noneOf(selector, all);
        match = g.labels().isEmpty() ? none : Exprs.binary(BinOp.OR, match, none);
      }
      Expr cond = previousFalls ? Exprs.binary(BinOp.OR, Exprs.ref(fall), match) : match;
      List<Stmt> body = new ArrayList<>(bodies.get(k));
      boolean last = k == groups.size() - 1;
      boolean falls = !exits(body);
      if (!body.isEmpty()
          && body.get(body.size() - 1) instanceof Stmt.Break b
          && b.label().equals(target.label)) {
        body.remove(body.size() - 1);
        if (previousFalls && !last) {
          body.add(new Stmt.Assign(fall, Expr.Const.ofBoolean(false)));
        }
      } else if (falls && !last) {
        body.add(new Stmt.Assign(fall, Expr.Const.ofBoolean(true)));
      }
      out.add(new Stmt.If(cond, body, List.of()));
      previousFalls = falls && !last;
    }
    return out;
  }

  /** The label's test: {@code selector == label}, or the data test a String or enum label is. */
  private static Expr test(Expr selector, Expr label, boolean equal) {
    if (selector.type() == Type.OBJECT) {
      return equal ? label : new Expr.Unary(dev.adjoint.compiler.ir.UnOp.NOT, label, Type.BOOLEAN);
    }
    return Exprs.binary(equal ? BinOp.EQ : BinOp.NE, selector, label);
  }

  private static Expr matches(Expr selector, List<Expr> labels) {
    Expr cond = null;
    for (Expr l : labels) {
      Expr eq = test(selector, l, true);
      cond = cond == null ? eq : Exprs.binary(BinOp.OR, cond, eq);
    }
    return cond == null ? Expr.Const.ofBoolean(false) : cond;
  }

  private static Expr noneOf(Expr selector, List<Expr> labels) {
    Expr cond = null;
    for (Expr l : labels) {
      Expr ne = test(selector, l, false);
      cond = cond == null ? ne : Exprs.binary(BinOp.AND, cond, ne);
    }
    return cond == null ? Expr.Const.ofBoolean(true) : cond;
  }

  /** Whether a lowered block never completes normally (it ends with a jump or a return). */
  private static boolean exits(List<Stmt> block) {
    if (block.isEmpty()) {
      return false;
    }
    Stmt last = block.get(block.size() - 1);
    if (last instanceof Stmt.Break
        || last instanceof Stmt.Continue
        || last instanceof Stmt.Return) {
      return true;
    }
    return last instanceof Stmt.If i && exits(i.then()) && exits(i.otherwise());
  }

  /** The block without the breaks to {@code label} that end it (in both branches of a last if). */
  private static List<Stmt> withoutTailBreaks(List<Stmt> block, String label) {
    if (block.isEmpty()) {
      return block;
    }
    Stmt last = block.get(block.size() - 1);
    List<Stmt> out = new ArrayList<>(block.subList(0, block.size() - 1));
    if (last instanceof Stmt.Break b && b.label().equals(label)) {
      return out;
    }
    if (last instanceof Stmt.If i) {
      out.add(i.with(withoutTailBreaks(i.then(), label), withoutTailBreaks(i.otherwise(), label)));
      return out;
    }
    out.add(last);
    return out;
  }
}
