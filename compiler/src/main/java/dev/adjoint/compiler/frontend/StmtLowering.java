package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lowers JavaParser statements to IR statements. Returns in tail position become assignments to the
 * result variable (or the final {@code Return}); statements after an if whose branch returns are
 * moved into the branches that fall through, so the IR keeps a single exit.
 */
final class StmtLowering {
  private final Context cx;
  private final ExprLowering exprs;
  private final CountedLoops loops;
  private final ArrayLowering arrays;
  private final GeneralLoops general;
  private final Switches switches;

  /** Locals holding objects and data kept verbatim. */
  private final ObjectLocals locals;

  /**
   * Whether returns may appear anywhere (some return is inside a loop): exit normalisation handles
   * them.
   */
  private final boolean rawReturns;

  /** Where tail returns go; null when the method's only return is its last statement. */
  private final Var result;

  private final Type returnType;

  StmtLowering(Context cx, ExprLowering exprs, Var result, Type returnType, boolean rawReturns) {
    this.cx = cx;
    this.exprs = exprs;
    this.returnType = returnType;
    this.rawReturns = rawReturns;
    this.general = new GeneralLoops(cx, exprs, this);
    this.loops = new CountedLoops(cx, exprs, this);
    this.arrays = new ArrayLowering(cx, exprs);
    this.switches = new Switches(cx, exprs, this, general);
    this.locals = new ObjectLocals(cx, exprs);
    exprs.switches = switches;
    exprs.streams = new Streams(cx, exprs, this);
    this.result = result;
  }

  /**
   * Lowers statements in the current scope; {@code tail} says whether the block ends the method.
   */
  List<Stmt> block(List<Statement> stmts, boolean tail) {
    List<Stmt> out = new ArrayList<>();
    for (int k = 0; k < stmts.size(); k++) {
      Statement s = stmts.get(k);
      List<Statement> rest = stmts.subList(k + 1, stmts.size());
      if (tail && !rawReturns && s instanceof IfStmt i && !rest.isEmpty() && containsReturn(i)) {
        List<Stmt> outer = cx.pending;
        cx.pending = new ArrayList<>();
        Stmt lowered = ifWithRest(i, rest);
        out.addAll(cx.pending);
        cx.pending = outer;
        out.add(lowered);
        return out;
      }
      if (tail && !rawReturns && s instanceof BlockStmt b && !rest.isEmpty() && containsReturn(b)) {
        List<Statement> joined = new ArrayList<>(b.getStatements());
        joined.addAll(rest);
        out.addAll(block(joined, true));
        return out;
      }
      statement(s, tail && rest.isEmpty(), out);
    }
    return out;
  }

  /**
   * {@code if (c) A else B; rest} where a branch returns: rest moves into the branches that fall
   * through.
   */
  private Stmt ifWithRest(IfStmt i, List<Statement> rest) {
    Expr cond = exprs.condition(i.getCondition());
    List<Statement> thenStmts = statements(i.getThenStmt());
    List<Statement> elseStmts = i.getElseStmt().map(StmtLowering::statements).orElse(List.of());
    if (!alwaysReturns(thenStmts)) {
      thenStmts = concat(thenStmts, rest);
    }
    if (!alwaysReturns(elseStmts)) {
      elseStmts = concat(elseStmts, rest);
    }
    return new Stmt.If(cond, nested(thenStmts, true), nested(elseStmts, true));
  }

  /** Lowers statements in a new scope that is also a new IR block. */
  List<Stmt> nested(List<Statement> stmts, boolean tail) {
    cx.scope.push(true);
    try {
      return block(stmts, tail);
    } finally {
      cx.scope.pop();
    }
  }

  /** Lowers one statement, preceded by what its expressions queued (inlined calls). */
  private void statement(Statement s, boolean tail, List<Stmt> out) {
    List<Stmt> outer = cx.pending;
    cx.pending = new ArrayList<>();
    List<Stmt> produced = new ArrayList<>();
    try {
      lowerStatement(s, tail, produced);
    } finally {
      out.addAll(cx.pending);
      cx.pending = outer;
    }
    out.addAll(produced);
  }

  private void lowerStatement(Statement s, boolean tail, List<Stmt> out) {
    if (s instanceof ExpressionStmt es) {
      expressionStatement(es.getExpression(), out);
    } else if (s instanceof BlockStmt b) {
      cx.scope.push(false);
      try {
        out.addAll(block(b.getStatements(), tail));
      } finally {
        cx.scope.pop();
      }
    } else if (s instanceof IfStmt i) {
      Expr cond = exprs.condition(i.getCondition());
      List<Stmt> then = nested(statements(i.getThenStmt()), tail);
      List<Stmt> otherwise =
          i.getElseStmt().map(e -> nested(statements(e), tail)).orElse(List.of());
      out.add(new Stmt.If(cond, then, otherwise));
    } else if (s instanceof ForStmt f) {
      Optional<Stmt> counted =
          GeneralLoops.exits(f.getBody()) ? Optional.empty() : loops.forLoop(f);
      if (counted.isPresent()) {
        out.add(counted.get());
      } else {
        general.forLoop(f, out);
      }
    } else if (s instanceof ForEachStmt f && exprs.verbatim.data.isDataValue(f.getIterable())) {
      lowerStatement(DataLoops.iterator(f, cx.scope.freshName("iterator")), tail, out);
    } else if (s instanceof ForEachStmt f) {
      if (GeneralLoops.exits(f.getBody())) {
        Expr array = exprs.lower(f.getIterable());
        if (!CountedLoops.iterable(array)) {
          cx.report(DiagnosticCode.AD103, f.getIterable(), CountedLoops.ITERABLE);
        } else {
          general.forEach(f, array, out);
        }
      } else {
        loops.forEach(f).ifPresent(out::add);
      }
    } else if (s instanceof com.github.javaparser.ast.stmt.WhileStmt w) {
      general.whileLoop(w, out);
    } else if (s instanceof com.github.javaparser.ast.stmt.DoStmt d) {
      general.doLoop(d, out);
    } else if (s instanceof com.github.javaparser.ast.stmt.LabeledStmt l
        && isLoop(l.getStatement())) {
      general.label(l.getLabel().asString());
      lowerStatement(l.getStatement(), tail, out);
    } else if (s instanceof ReturnStmt r) {
      returnStatement(r, tail, out);
    } else if (s instanceof com.github.javaparser.ast.stmt.SwitchStmt sw) {
      switches.statement(sw, out);
    } else if (s instanceof com.github.javaparser.ast.stmt.YieldStmt y) {
      switches.lowerYield(y, out);
    } else if (s instanceof BreakStmt || s instanceof ContinueStmt) {
      general.jump(s, out);
    } else if (!(s instanceof EmptyStmt)) {
      cx.report(DiagnosticCode.AD101, s, kind(s));
    }
  }

  private static boolean isLoop(Statement s) {
    return s instanceof ForStmt
        || s instanceof ForEachStmt
        || s instanceof com.github.javaparser.ast.stmt.WhileStmt
        || s instanceof com.github.javaparser.ast.stmt.DoStmt;
  }

  /**
   * An expression used as a statement (a for loop's init or update), preceded by what it queued.
   */
  List<Stmt> expression(Expression e) {
    List<Stmt> outer = cx.pending;
    cx.pending = new ArrayList<>();
    List<Stmt> produced = new ArrayList<>();
    try {
      expressionStatement(e, produced);
    } finally {
      produced.addAll(0, cx.pending);
      cx.pending = outer;
    }
    return produced;
  }

  private void returnStatement(ReturnStmt r, boolean tail, List<Stmt> out) {
    if (rawReturns) {
      Optional<Expression> value = r.getExpression();
      Expr e = value.map(exprs::lower).orElse(null);
      if (e != null && !Context.isPlaceholder(e) && !Type.assignable(e.type(), returnType)) {
        if (!cx.returnTypeReported) {
          if (!cx.returnTypeReported) {
            cx.report(
                DiagnosticCode.AD208,
                value.get(),
                "the method returns " + returnType.javaName() + ", found " + e.type().javaName());
          }
        }
        return;
      }
      out.add(new Stmt.Return(e));
      return;
    }
    if (!tail) {
      cx.report(DiagnosticCode.AD104, r);
      return;
    }
    Optional<Expression> value = r.getExpression();
    if (value.isEmpty()) {
      if (returnType != Type.VOID) {
        cx.report(DiagnosticCode.AD202, r, "void");
      }
      return;
    }
    Expr e = exprs.lower(value.get());
    if (!Context.isPlaceholder(e) && !Type.assignable(e.type(), returnType)) {
      if (!cx.returnTypeReported) {
        cx.report(
            DiagnosticCode.AD208,
            value.get(),
            "the method returns " + returnType.javaName() + ", found " + e.type().javaName());
      }
      return;
    }
    out.add(result == null ? new Stmt.Return(e) : new Stmt.Assign(result, e));
  }

  private void expressionStatement(Expression e, List<Stmt> out) {
    if (e instanceof VariableDeclarationExpr d) {
      for (VariableDeclarator v : d.getVariables()) {
        declare(v, out);
      }
    } else if (e instanceof AssignExpr a) {
      exprs.assignments.assign(a, false);
    } else if (e instanceof UnaryExpr u && Assignments.isIncrement(u)) {
      exprs.assignments.increment(u, false);
    } else if (e instanceof MethodCallExpr m && arrays.call(m, out)) {
      return;
    } else if (e instanceof MethodCallExpr m) {
      exprs.callStatement(m);
    } else {
      cx.report(DiagnosticCode.AD102, e, ExprLowering.describe(e));
    }
  }

  void declare(VariableDeclarator v, List<Stmt> out) {
    int before = cx.diagnostics.all().size();
    int emitted = out.size();
    lowerDeclaration(v, out);
    if (cx.diagnostics.all().size() > before && out.size() == emitted) {
      // declare the name anyway, so that its uses are not reported as unknown too
      // (and so that using it raises no follow-on errors: its declaration is the one reported)
      Type t = Types.of(v.getType()).orElse(Type.DOUBLE);
      cx.reported.add(cx.scope.declare(v.getNameAsString(), t));
    }
  }

  private void lowerDeclaration(VariableDeclarator v, List<Stmt> out) {
    Optional<Var> data = new DataTests(cx).alias(v);
    if (data.isPresent()) {
      cx.scope.bind(v.getNameAsString(), data.get());
      return;
    }
    Optional<Var> shared = Optional.ofNullable(cx.shared.get(v));
    if (shared.isPresent()) {
      // declared before the switch whose cases share it: here it is assigned
      v.getInitializer()
          .map(exprs::lower)
          .ifPresent(init -> assignShared(shared.get(), init, v, out));
      return;
    }
    if (locals.declare(v, out)) {
      return;
    }
    Optional<Type> declared = v.getType().isVarType() ? Optional.empty() : Types.of(v.getType());
    if (declared.isPresent() && declared.get().isArray()) {
      arrays.declare(v.getNameAsString(), declared.get(), v.getInitializer().orElse(null), v, out);
      return;
    }
    if (!v.getType().isVarType() && Types.of(v.getType()).isEmpty()) {
      // one error for the local: its initializer only exists for the unsupported type
      cx.report(DiagnosticCode.AD204, v.getType(), v.getNameAsString(), v.getType().asString());
      return;
    }
    Optional<Expr> init = v.getInitializer().map(exprs::lower);
    Type type;
    if (v.getType().isVarType()) {
      if (init.isEmpty()) {
        cx.report(DiagnosticCode.AD204, v, v.getNameAsString(), "var");
        return;
      }
      type = init.get().type();
    } else {
      Optional<Type> t = Types.of(v.getType());
      if (t.isEmpty()) {
        cx.report(DiagnosticCode.AD204, v.getType(), v.getNameAsString(), v.getType().asString());
        return;
      }
      type = t.get();
    }
    if (type.isArray()) {
      cx.report(
          DiagnosticCode.AD204, v, v.getNameAsString(), "var holding an array (declare its type)");
      return;
    }
    cx.flush(out); // the initialiser's statements, before the declaration (x = i, y = i++)
    if (init.isPresent() && !Type.assignable(init.get().type(), type)) {
      cx.report(
          DiagnosticCode.AD208,
          v,
          "cannot assign " + init.get().type().javaName() + " to " + type.javaName());
      return;
    }
    Var var = cx.scope.declare(v.getNameAsString(), type);
    if (v.getType().isVarType()
        ? isChar(v.getInitializer().orElse(null))
        : Types.isChar(v.getType())) {
      cx.chars.add(var);
    }
    out.add(new Stmt.Declare(var, init.orElse(null)));
  }

  /** Whether Java types {@code e} as a {@code char}: what a {@code var} it initialises becomes. */
  private boolean isChar(Expression e) {
    Expression inner = e;
    while (inner instanceof com.github.javaparser.ast.expr.EnclosedExpr en) {
      inner = en.getInner();
    }
    if (inner instanceof com.github.javaparser.ast.expr.CharLiteralExpr) {
      return true;
    }
    if (inner instanceof com.github.javaparser.ast.expr.CastExpr c) {
      return Types.isChar(c.getType());
    }
    return inner instanceof NameExpr n
        && cx.scope.lookup(n.getNameAsString()).filter(cx.chars::contains).isPresent();
  }

  private void assignShared(Var var, Expr init, VariableDeclarator v, List<Stmt> out) {
    if (Context.isPlaceholder(init)) {
      return;
    }
    if (!Type.assignable(init.type(), var.type())) {
      cx.report(
          DiagnosticCode.AD208,
          v,
          "cannot assign " + init.type().javaName() + " to " + var.type().javaName());
      return;
    }
    out.add(new Stmt.Assign(var, init));
  }

  static List<Statement> statements(Statement s) {
    return s instanceof BlockStmt b ? b.getStatements() : List.of(s);
  }

  static boolean alwaysReturns(List<Statement> stmts) {
    if (stmts.isEmpty()) {
      return false;
    }
    Statement last = stmts.get(stmts.size() - 1);
    if (last instanceof ReturnStmt) {
      return true;
    }
    if (last instanceof BlockStmt b) {
      return alwaysReturns(b.getStatements());
    }
    if (last instanceof IfStmt i) {
      return i.getElseStmt().isPresent()
          && alwaysReturns(statements(i.getThenStmt()))
          && alwaysReturns(statements(i.getElseStmt().get()));
    }
    return false;
  }

  private static boolean containsReturn(Node n) {
    return !n.findAll(ReturnStmt.class, r -> !StreamLambdas.inLambda(r)).isEmpty();
  }

  private static List<Statement> concat(List<Statement> a, List<Statement> b) {
    List<Statement> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String kind(Statement s) {
    String name = s.getClass().getSimpleName().replaceAll("Stmt$", "");
    return switch (name) {
      case "While" -> "'while'";
      case "Do" -> "'do'/'while'";
      case "Switch" -> "'switch'";
      case "Try" -> "'try'";
      case "Throw" -> "'throw'";
      case "Synchronized" -> "'synchronized'";
      case "Labeled" -> "labelled";
      case "Assert" -> "'assert'";
      default -> name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    };
  }
}
