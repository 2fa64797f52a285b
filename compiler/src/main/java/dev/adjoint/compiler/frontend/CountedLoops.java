package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Stmts;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Recognises counted loops: {@code for (int i = a; i < b; i++)} and its variants, and the enhanced
 * for over a {@code double[]}. Anything else is reported with the reason it is not counted.
 */
final class CountedLoops {
  private final Context cx;
  private final ExprLowering exprs;
  private final StmtLowering stmts;

  CountedLoops(Context cx, ExprLowering exprs, StmtLowering stmts) {
    this.cx = cx;
    this.exprs = exprs;
    this.stmts = stmts;
  }

  /**
   * The counted loop {@code f} is, or empty (then the caller lowers it as a general loop, and what
   * this attempt queued is dropped).
   */
  Optional<Stmt> forLoop(ForStmt f) {
    int mark = cx.pending.size();
    Optional<Stmt> counted = attempt(f);
    if (counted.isEmpty()) {
      cx.pending.subList(mark, cx.pending.size()).clear();
    }
    return counted;
  }

  private Optional<Stmt> attempt(ForStmt f) {
    NodeList<Expression> init = f.getInitialization();
    if (init.size() != 1
        || !(init.get(0) instanceof VariableDeclarationExpr d)
        || d.getVariables().size() != 1) {
      return fail(f, "it must declare exactly one index variable, e.g. int i = 0");
    }
    VariableDeclarator decl = d.getVariable(0);
    Expr from = decl.getInitializer().map(exprs::lower).orElse(null);
    if (from == null || !from.type().isIntegral()) {
      return fail(decl, "the index must be an int or long with an initial value");
    }
    Type indexType =
        decl.getType().isVarType() ? from.type() : Types.of(decl.getType()).orElse(Type.DOUBLE);
    if (!indexType.isIntegral()) {
      return fail(decl, "the index must be an int or long");
    }
    String name = decl.getNameAsString();
    cx.scope.push(true);
    try {
      Var index = cx.scope.declare(name, indexType);
      Optional<Expression> compare = f.getCompare();
      if (compare.isEmpty() || !(compare.get() instanceof BinaryExpr cmp)) {
        return fail(f, "the condition must compare " + name + " with a bound");
      }
      Optional<BinOp> op =
          Optional.ofNullable(Operators.binary(cmp.getOperator())).filter(o -> o.precedence() == 9);
      boolean indexLeft = isName(cmp.getLeft(), name);
      if (op.isEmpty() || indexLeft == isName(cmp.getRight(), name)) {
        return fail(cmp, "the condition must be " + name + " <, <=, > or >= a bound");
      }
      BinOp c = indexLeft ? op.get() : op.get().swapped();
      int beforeBound = cx.pending.size();
      Expr bound = exprs.lower(indexLeft ? cmp.getRight() : cmp.getLeft());
      if (!bound.type().isIntegral()) {
        return fail(cmp, "the bound must be an int or long");
      }
      // the bound is evaluated once, before the loop: what it needs must have no effects, and
      // the body must not change what it reads (an inlined call's arguments included)
      List<Stmt> boundStmts = List.copyOf(cx.pending.subList(beforeBound, cx.pending.size()));
      if (EvaluationOrder.hasEffects(boundStmts)) {
        return fail(cmp, "the condition has side effects");
      }
      OptionalLong step =
          f.getUpdate().size() == 1 ? step(f.getUpdate().get(0), name) : OptionalLong.empty();
      if (step.isEmpty() || step.getAsLong() == 0) {
        return fail(
            f,
            "the update must be "
                + name
                + "++, "
                + name
                + "--, "
                + name
                + " += k or "
                + name
                + " -= k with a constant k");
      }
      boolean up = c == BinOp.LT || c == BinOp.LE;
      if (up != step.getAsLong() > 0) {
        return fail(f, "the update moves " + name + " away from the bound");
      }
      List<Stmt> body = stmts.nested(StmtLowering.statements(f.getBody()), false);
      Set<Var> written = Stmts.writes(body);
      if (written.contains(index)) {
        return fail(f.getBody(), "the body assigns the index " + name);
      }
      Set<Var> boundVars = new HashSet<>(Exprs.reads(dropLengths(bound)));
      boundVars.addAll(Stmts.reads(boundStmts));
      boundVars.retainAll(written);
      if (!boundVars.isEmpty()) {
        return fail(
            cmp,
            "the body assigns " + boundVars.iterator().next().name() + ", which the bound reads");
      }
      return Optional.of(new Stmt.For(index, from, c, bound, step.getAsLong(), body));
    } finally {
      cx.scope.pop();
    }
  }

  /** What AD103 says an enhanced for loop may iterate over. */
  static final String ITERABLE =
      "an enhanced for loop must iterate over a double[], float[], double[][] or float[][]"
          + " variable";

  /** Whether an enhanced for loop may iterate over {@code array}: a variable of such a type. */
  static boolean iterable(Expr array) {
    return array instanceof Expr.Ref && array.type().isArray() && array.type().carriesDerivatives();
  }

  /**
   * The type of an enhanced for loop's variable over elements of {@code elementType}: the declared
   * one, which may widen them ({@code for (double v : floats)}), as in Java.
   */
  static Type loopVariableType(Context cx, VariableDeclarator decl, Type elementType) {
    Type declared =
        decl.getType().isVarType() ? elementType : Types.of(decl.getType()).orElse(null);
    if (declared == null || !Type.assignable(elementType, declared)) {
      cx.report(
          DiagnosticCode.AD204,
          decl,
          decl.getNameAsString(),
          decl.getType().asString() + " for elements of type " + elementType.javaName());
      return elementType;
    }
    return declared;
  }

  Optional<Stmt> forEach(ForEachStmt f) {
    Expr array = exprs.lower(f.getIterable());
    if (!iterable(array)) {
      cx.report(DiagnosticCode.AD103, f.getIterable(), ITERABLE);
      return Optional.empty();
    }
    Type elementType = array.type().elementType();
    VariableDeclarator decl = f.getVariable().getVariable(0);
    cx.scope.push(true);
    try {
      Var index = cx.scope.fresh("i", Type.INT);
      List<Stmt> body = new ArrayList<>();
      Var element =
          cx.scope.declare(decl.getNameAsString(), loopVariableType(cx, decl, elementType));
      body.add(new Stmt.Declare(element, new Expr.Index(array, Exprs.ref(index))));
      cx.scope.push(false);
      try {
        body.addAll(stmts.block(StmtLowering.statements(f.getBody()), false));
      } finally {
        cx.scope.pop();
      }
      return Optional.of(
          new Stmt.For(index, Expr.Const.ofInt(0), BinOp.LT, new Expr.Length(array), 1, body));
    } finally {
      cx.scope.pop();
    }
  }

  /** The bound without its {@code a.length} parts: an array's length never changes. */
  private static Expr dropLengths(Expr bound) {
    return Exprs.rewrite(bound, e -> e instanceof Expr.Length ? Expr.Const.ofInt(0) : e);
  }

  /**
   * Not a counted loop: the caller lowers it as a general loop instead. The node and the reason are
   * not reported (a general loop is no error); they say at each call site what disqualifies it.
   */
  @SuppressWarnings("UnusedVariable")
  private Optional<Stmt> fail(com.github.javaparser.ast.Node at, String why) {
    return Optional.empty();
  }

  private static boolean isName(Expression e, String name) {
    return e instanceof NameExpr n && n.getNameAsString().equals(name);
  }

  /** The constant step of {@code i++}, {@code i -= 2}, {@code i = i + 3}; empty otherwise. */
  private static OptionalLong step(Expression u, String name) {
    if (u instanceof UnaryExpr un && isName(un.getExpression(), name)) {
      return switch (un.getOperator()) {
        case PREFIX_INCREMENT, POSTFIX_INCREMENT -> OptionalLong.of(1);
        case PREFIX_DECREMENT, POSTFIX_DECREMENT -> OptionalLong.of(-1);
        default -> OptionalLong.empty();
      };
    }
    if (u instanceof AssignExpr a && isName(a.getTarget(), name)) {
      if (a.getOperator() == AssignExpr.Operator.PLUS) {
        return constant(a.getValue(), 1);
      }
      if (a.getOperator() == AssignExpr.Operator.MINUS) {
        return constant(a.getValue(), -1);
      }
      if (a.getOperator() == AssignExpr.Operator.ASSIGN
          && a.getValue() instanceof BinaryExpr b
          && isName(b.getLeft(), name)) {
        if (b.getOperator() == BinaryExpr.Operator.PLUS) {
          return constant(b.getRight(), 1);
        }
        if (b.getOperator() == BinaryExpr.Operator.MINUS) {
          return constant(b.getRight(), -1);
        }
      }
    }
    return OptionalLong.empty();
  }

  private static OptionalLong constant(Expression e, int sign) {
    if (e instanceof IntegerLiteralExpr i) {
      return OptionalLong.of(sign * i.asNumber().longValue());
    }
    return OptionalLong.empty();
  }
}
