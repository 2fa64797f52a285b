package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.BinOp;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Expr.Binary;
import dev.adjoint.compiler.ir.Expr.Const;
import dev.adjoint.compiler.ir.Expr.Ref;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Typing;
import dev.adjoint.compiler.ir.UnOp;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lowers JavaParser expressions to typed IR expressions, reporting what is outside the language.
 */
final class ExprLowering {
  private final Context cx;
  private final MathCalls calls;
  final Calls userCalls;

  /** Records, the receiver and helper objects, replaced by their fields. */
  final ObjectLowering objects;

  /** Data objects, collections and code without source, kept as the user wrote them. */
  final Verbatim verbatim;

  /** Assignments and increments, as statements and inside expressions. */
  final Assignments assignments;

  private final ConditionalEvaluation conditionals;

  /**
   * Lowers switch expressions; set by the statement lowering that uses this expression lowering.
   */
  Switches switches;

  /** Lowers stream reductions; set by the statement lowering that uses this expression lowering. */
  Streams streams;

  ExprLowering(Context cx) {
    this.cx = cx;
    this.userCalls = new Calls(cx, this);
    this.objects = new ObjectLowering(cx, this);
    this.verbatim = new Verbatim(cx, this);
    if (cx.objects == null) {
      cx.objects = objects;
    }
    this.calls = new MathCalls(cx, this, userCalls);
    this.assignments = new Assignments(cx, this);
    this.conditionals = new ConditionalEvaluation(cx, this);
  }

  /** A call used as a statement: its value, if any, is dropped. */
  void callStatement(MethodCallExpr m) {
    if (streams != null && Streams.isStream(m)) {
      streams.lower(m);
      return;
    }
    userCalls.lower(m, true);
  }

  Expr lower(Expression e) {
    if (e instanceof EnclosedExpr en) {
      return lower(en.getInner());
    }
    if (e instanceof IntegerLiteralExpr i) {
      return new Const(Type.INT, i.asNumber().doubleValue(), i.getValue());
    }
    if (e instanceof LongLiteralExpr l) {
      return new Const(Type.LONG, l.asNumber().doubleValue(), l.getValue());
    }
    if (e instanceof DoubleLiteralExpr d) {
      String text = d.getValue();
      if (text.endsWith("f") || text.endsWith("F")) {
        return new Const(Type.FLOAT, (float) d.asDouble(), text);
      }
      return new Const(Type.DOUBLE, d.asDouble(), text);
    }
    if (e instanceof BooleanLiteralExpr b) {
      return Const.ofBoolean(b.getValue());
    }
    if (e instanceof CharLiteralExpr c) {
      // a char is an int in the IR (it is only ever read, compared and promoted)
      return new Const(Type.INT, c.asChar(), "'" + c.getValue() + "'");
    }
    if (e instanceof NameExpr n) {
      return name(n);
    }
    Optional<Expr> dataTest = new DataTests(cx).condition(e);
    if (dataTest.isPresent()) {
      return dataTest.get();
    }
    if (e instanceof FieldAccessExpr f) {
      return field(f);
    }
    if (e instanceof ArrayAccessExpr a) {
      return arrayAccess(a);
    }
    if (e instanceof BinaryExpr b) {
      return binary(b);
    }
    if (e instanceof UnaryExpr u) {
      return unary(u);
    }
    if (e instanceof CastExpr c) {
      return cast(c);
    }
    if (e instanceof ConditionalExpr c) {
      return conditionals.conditional(c);
    }
    if (e instanceof MethodCallExpr m) {
      Optional<Expr> read = objects.member(m);
      if (read.isPresent()) {
        return read.get();
      }
    }
    if (e instanceof com.github.javaparser.ast.expr.ObjectCreationExpr o
        && verbatim.data.isData(o)) {
      return verbatim.create(o);
    }
    if (e instanceof com.github.javaparser.ast.expr.ObjectCreationExpr
        || e instanceof com.github.javaparser.ast.expr.ThisExpr) {
      return objectAsValue(e);
    }
    if (e instanceof MethodCallExpr m && streams != null && Streams.isStream(m)) {
      objects.forgetLoweredReceiver();
      return streams.lower(m);
    }
    if (e instanceof MethodCallExpr m) {
      try {
        return calls.lower(m);
      } finally {
        objects.forgetLoweredReceiver();
      }
    }
    if (e instanceof com.github.javaparser.ast.expr.SwitchExpr s && switches != null) {
      return switches.expression(s);
    }
    if (e instanceof AssignExpr a) {
      return assignments.assign(a, true);
    }
    if (e instanceof com.github.javaparser.ast.expr.ArrayCreationExpr c) {
      return newArray(c);
    }
    return cx.error(DiagnosticCode.AD102, e, Type.DOUBLE, describe(e));
  }

  /**
   * An array created inside an expression ({@code return new double[] {a, b}}, an argument): a
   * local array declared just before the statement, which the expression then reads.
   */
  private Expr newArray(com.github.javaparser.ast.expr.ArrayCreationExpr c) {
    Optional<Type> element = Types.of(c.getElementType());
    int levels = c.getLevels().size();
    Type type =
        element.isEmpty()
            ? null
            : levels == 1 && !element.get().isArray()
                ? element.get().arrayOf()
                : levels == 2 && element.get().isFloating()
                    ? element.get().arrayOf().arrayOf()
                    : null;
    if (type == null) {
      return cx.error(DiagnosticCode.AD102, c, Type.DOUBLE_ARRAY, describe(c));
    }
    // a frame of its own: the compiler-made name is never visible to the user's code
    cx.scope.push(false);
    try {
      String name = cx.scope.freshName("array");
      int before = cx.pending.size();
      new ArrayLowering(cx, this).declare(name, type, c, c, cx.pending);
      if (cx.pending.size() == before
          || !(cx.pending.get(before) instanceof dev.adjoint.compiler.ir.Stmt.Declare d)) {
        return Context.placeholder(type);
      }
      return new Ref(d.var());
    } finally {
      cx.scope.pop();
    }
  }

  /**
   * An object where a number or array is expected: lowered for its errors, then reported (an object
   * is only ever a receiver, an argument, a component or a local of its own type).
   */
  private Expr objectAsValue(Expression e) {
    Optional<Struct> s = objects.object(e);
    return cx.error(
        DiagnosticCode.AD117,
        e,
        Type.DOUBLE,
        s.map(o -> o.type.simpleName()).orElse(e.toString()),
        "a number or array is expected here");
  }

  /** Lowers an expression that must have a boolean type (a condition). */
  Expr condition(Expression e) {
    Expr c = lower(e);
    if (Context.isPlaceholder(c)) {
      return Context.placeholder(Type.BOOLEAN); // already reported: no follow-on error
    }
    if (c.type() != Type.BOOLEAN) {
      return cx.error(
          DiagnosticCode.AD208,
          e,
          Type.BOOLEAN,
          "a condition must be boolean, found " + c.type().javaName());
    }
    return c;
  }

  private Expr name(NameExpr n) {
    Optional<Var> v = cx.scope.lookup(n.getNameAsString());
    if (v.isPresent() && cx.reported.contains(v.get())) {
      return Context.placeholder(v.get().type()); // its declaration was reported
    }
    if (v.isPresent() && v.get().type() == Type.OBJECT && cx.javaTypes.containsKey(v.get())) {
      return cx.error(
          DiagnosticCode.AD118,
          n,
          Type.DOUBLE,
          "'" + n.getNameAsString() + "' (" + cx.javaTypes.get(v.get()) + ")",
          "a data object is used here as a number; call its methods or read its fields");
    }
    if (v.isPresent() && v.get().type() == Type.OBJECT) {
      return new DataTests(cx).misuse(n, v.get());
    }
    if (v.isPresent()) {
      return new Ref(v.get());
    }
    Optional<Expr> field = objects.member(n);
    if (field.isPresent()) {
      return field.get();
    }
    if (cx.scope.lookupObject(n.getNameAsString()).isPresent()) {
      return objectAsValue(n);
    }
    Optional<Const> constant = cx.program.resolver.constant(null, n.getNameAsString());
    if (constant.isPresent()) {
      return constant.get();
    }
    return cx.error(DiagnosticCode.AD203, n, Type.DOUBLE, n.getNameAsString());
  }

  private Expr field(FieldAccessExpr f) {
    Optional<Expr> read = objects.member(f);
    if (read.isPresent()) {
      return read.get();
    }
    if (verbatim.data.isData(f.getScope())) {
      return verbatim.field(f);
    }
    String scope = f.getScope().toString();
    String name = f.getNameAsString();
    Optional<Expr> unusable = cx.unusableReceiver(f.getScope());
    if (unusable.isPresent()) {
      return unusable.get();
    }
    if (MathCalls.isMathClass(scope) && (name.equals("PI") || name.equals("E"))) {
      double value = name.equals("PI") ? Math.PI : Math.E;
      return new Const(Type.DOUBLE, value, MathCalls.simpleOwner(scope) + "." + name);
    }
    // a name that is no variable may be a class (Owner.CONST.length), unless it is a field of the
    // receiver (ws.length in an instance method)
    if (name.equals("length")
        && !(f.getScope() instanceof NameExpr qn
            && cx.scope.lookup(qn.getNameAsString()).isEmpty()
            && !objects.isReceiverField(qn))) {
      Expr array = lower(f.getScope());
      if (array.type().isArray()) {
        return new Expr.Length(array);
      }
    }
    if (f.getScope() instanceof NameExpr || f.getScope() instanceof FieldAccessExpr) {
      Optional<Const> constant = cx.program.resolver.constant(scope, name);
      if (constant.isPresent()) {
        return constant.get();
      }
    }
    return cx.error(DiagnosticCode.AD203, f, Type.DOUBLE, f.toString());
  }

  private Expr arrayAccess(ArrayAccessExpr a) {
    EvaluationOrder order = new EvaluationOrder(cx);
    order.add(lower(a.getName()));
    order.add(lower(a.getIndex()));
    List<Expr> operands = order.values();
    Expr array = operands.get(0);
    Expr index = operands.get(1);
    if (!array.type().isArray()) {
      if (Context.isPlaceholder(array) || cx.isReported(array)) {
        return Context.placeholder(Type.DOUBLE); // already reported: no follow-on error
      }
      return cx.error(
          DiagnosticCode.AD208, a, Type.DOUBLE, "'" + a.getName() + "' is not an array");
    }
    if (index.type() != Type.INT) {
      return cx.error(
          DiagnosticCode.AD208,
          a.getIndex(),
          array.type().elementType(),
          "an array index must be an int, found " + index.type().javaName());
    }
    return new Expr.Index(array, index);
  }

  private Expr binary(BinaryExpr b) {
    BinOp op = Operators.binary(b.getOperator());
    if (op != null && op.isLogical()) {
      return conditionals.logical(b, op);
    }
    EvaluationOrder order = new EvaluationOrder(cx);
    order.add(lower(b.getLeft()));
    order.add(lower(b.getRight()));
    List<Expr> operands = order.values();
    if (op == null) {
      return cx.error(
          DiagnosticCode.AD102, b, Type.DOUBLE, "the operator " + b.getOperator().asString());
    }
    return combine(op, operands.get(0), operands.get(1), b);
  }

  /**
   * Types {@code l op r} as Java does ({@link Typing#binary}), reporting operand types Java or
   * Adjoint rejects: Adjoint supports bitwise operators on int and long only, and {@code %} on
   * integers only.
   */
  Expr combine(BinOp op, Expr l, Expr r, Node at) {
    Type lt = l.type();
    Type rt = r.type();
    Typing.Result typed = Typing.binary(op, lt, rt);
    if (typed instanceof Typing.Result.Rejected no && no.needs() == Typing.Needs.BOOLEAN) {
      return cx.error(
          DiagnosticCode.AD208, at, Type.BOOLEAN, op.symbol() + " needs boolean operands");
    }
    boolean booleans = lt == Type.BOOLEAN && rt == Type.BOOLEAN;
    boolean booleanEquality = (op == BinOp.EQ || op == BinOp.NE) && booleans;
    if (!booleanEquality && !op.isLogical() && (!lt.isNumeric() || !rt.isNumeric())) {
      return cx.error(
          DiagnosticCode.AD208,
          at,
          op.isComparison() ? Type.BOOLEAN : Type.DOUBLE,
          op.symbol()
              + " needs numeric operands, found "
              + lt.javaName()
              + " and "
              + rt.javaName());
    }
    if (typed instanceof Typing.Result.Rejected) {
      // numeric operands of an operator that needs int or long
      return cx.error(
          DiagnosticCode.AD102,
          at,
          Type.INT,
          "the operator " + op.symbol() + " on " + Type.promote(lt, rt).javaName());
    }
    Type t = ((Typing.Result.Typed) typed).type();
    if (op == BinOp.REM && t.isFloating()) {
      return cx.error(DiagnosticCode.AD102, at, Type.DOUBLE, "the remainder operator % on double");
    }
    return new Binary(op, l, r, t);
  }

  private Expr unary(UnaryExpr u) {
    switch (u.getOperator()) {
      case PLUS:
        return numeric(lower(u.getExpression()), u);
      case MINUS:
        {
          Expr operand = numeric(lower(u.getExpression()), u);
          if (operand instanceof Const c && c.type() != Type.BOOLEAN && !c.text().startsWith("-")) {
            return new Const(c.type(), -c.value(), "-" + c.text());
          }
          return new Expr.Unary(UnOp.NEG, operand, operand.type());
        }
      case LOGICAL_COMPLEMENT:
        return new Expr.Unary(UnOp.NOT, condition(u.getExpression()), Type.BOOLEAN);
      case BITWISE_COMPLEMENT:
        {
          Expr operand = lower(u.getExpression());
          if (Typing.unary(UnOp.BNOT, operand.type()) instanceof Typing.Result.Rejected) {
            return cx.error(DiagnosticCode.AD208, u, Type.INT, "~ needs an int or long operand");
          }
          return new Expr.Unary(UnOp.BNOT, operand, operand.type());
        }
      default:
        return assignments.increment(u, true);
    }
  }

  private Expr numeric(Expr e, Node at) {
    if (!e.type().isNumeric()) {
      return cx.error(
          DiagnosticCode.AD208, at, Type.DOUBLE, "expected a number, found " + e.type().javaName());
    }
    return e;
  }

  private Expr cast(CastExpr c) {
    Expr operand = lower(c.getExpression());
    if (Types.isChar(c.getType()) && operand.type().isNumeric()) {
      // (char) v narrows to int, then keeps the low 16 bits (JLS 5.1.3): chars are ints in the IR
      Expr asInt = operand.type() == Type.INT ? operand : new Expr.Cast(Type.INT, operand);
      return new Binary(BinOp.BAND, asInt, Const.ofInt(0xFFFF), Type.INT);
    }
    Optional<Type> t = Types.of(c.getType());
    // Adjoint supports casts between numeric types only
    if (t.isEmpty() || !t.get().isNumeric() || !Typing.castable(operand.type(), t.get())) {
      return cx.error(DiagnosticCode.AD102, c, Type.DOUBLE, "the cast to " + c.getType());
    }
    if (operand.type() == t.get()) {
      return operand;
    }
    return new Expr.Cast(t.get(), operand);
  }

  /** A short human description of an unsupported expression kind. */
  static String describe(Node e) {
    String kind = e.getClass().getSimpleName().replaceAll("Expr$", "");
    String words = kind.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    // the code only, on one line: javac prints the source line with its caret after the message
    String text =
        e.toString(
                new com.github.javaparser.printer.configuration.DefaultPrinterConfiguration()
                    .removeOption(
                        new com.github.javaparser.printer.configuration.DefaultConfigurationOption(
                            com.github.javaparser.printer.configuration.DefaultPrinterConfiguration
                                .ConfigOption.PRINT_COMMENTS)))
            .strip()
            .replaceAll("\\s*\\R\\s*", " ");
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return "the " + words + " expression '" + text + "'";
  }
}
