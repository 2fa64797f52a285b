package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CharLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Java code kept as the user wrote it: calls on data objects and collections ({@code xs.get(i)},
 * {@code s.weight()}, {@code data.size()}), their public fields, objects made for data ({@code new
 * Random(42)}) and static calls without source. Each becomes a local declared with an {@link
 * Expr.Opaque} initialiser where Java evaluates it, so it runs exactly once, in order; the values
 * it reads that the IR computes are its operands. Whether those depend on a differentiated input is
 * checked after activity analysis ({@link VerbatimSite}); javac's types ({@link
 * CalleeResolver#memberType}) say what each piece returns.
 */
final class Verbatim {
  private final Context cx;
  private final ExprLowering exprs;

  /** Which expressions are data. */
  final DataExpressions data;

  Verbatim(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
    this.data = new DataExpressions(cx, exprs);
  }

  /** The local a piece of code initialises, whose name its value takes: (node, name). */
  private com.github.javaparser.ast.Node hintAt;

  private String hint;

  /** The declared type of that local, which a generic method's result takes; or null. */
  private String hintType;

  /**
   * The value of {@code e}, held by a local named {@code name} when {@code e} is kept verbatim;
   * {@code declared} is the local's type (null for {@code var}).
   */
  Expr value(Expression e, String name, String declared) {
    hintAt = e instanceof EnclosedExpr en ? en.getInner() : e;
    hint = name;
    hintType = declared;
    try {
      return value(e);
    } finally {
      hintAt = null;
      hint = null;
      hintType = null;
    }
  }

  /** The local's declared type when {@code at} initialises it: a generic method's result type. */
  @SuppressWarnings("ReferenceEquality") // the same node: JavaParser's equals is structural
  private Optional<String> declaredFor(com.github.javaparser.ast.Node at) {
    return at == hintAt ? Optional.ofNullable(hintType) : Optional.empty();
  }

  /** The value of a data expression: a data variable as it is, anything else kept verbatim. */
  Expr value(Expression e) {
    if (e instanceof EnclosedExpr en) {
      return value(en.getInner());
    }
    if (e instanceof NameExpr n) {
      Optional<Var> v = cx.scope.lookup(n.getNameAsString());
      if (v.isPresent()) {
        return Exprs.ref(v.get());
      }
    }
    if (e instanceof NameExpr || (e instanceof FieldAccessExpr f && !data.isData(f.getScope()))) {
      Optional<Expr> field = exprs.objects.member(e);
      if (field.isPresent()) {
        return field.get();
      }
    }
    return exprs.lower(e);
  }

  /** {@code scope.name(args)} on data, or a static call without source, kept verbatim. */
  Expr call(MethodCallExpr m) {
    if (data.isStaticData(m)) {
      return call(m, null, null, "");
    }
    Expr receiver = value(m.getScope().orElseThrow());
    if (Context.isPlaceholder(receiver)) {
      return receiver;
    }
    return call(m, receiver, typeName(receiver), "");
  }

  /**
   * {@code receiver.name(args)} kept verbatim, on a receiver already computed (null for a static
   * call); {@code why} says why it is not inlined, for messages.
   */
  Expr call(MethodCallExpr m, Expr receiver, String receiverType, String why) {
    Template t = new Template();
    if (receiver != null) {
      t.operand(receiver);
    }
    List<String> argTypes = arguments(m.getArguments(), t, m.getNameAsString() + "(");
    if (argTypes == null) {
      return Context.placeholder(Type.DOUBLE);
    }
    String type;
    if (receiver == null) {
      String owner = m.getScope().orElseThrow().toString();
      Optional<CalleeResolver.StaticMember> member =
          cx.program.resolver.staticMember(owner, m.getNameAsString(), argTypes);
      if (member.isEmpty()) {
        return unknown(m);
      }
      t.parts.set(0, member.get().owner() + "." + t.parts.get(0));
      type = member.get().type().isEmpty() ? declaredFor(m).orElse("") : member.get().type();
      if (type.isEmpty()) {
        return generic(m);
      }
    } else {
      t.parts.set(1, "." + t.parts.get(1));
      Optional<String> member =
          receiverType == null
              ? Optional.empty()
              : cx.program.resolver.memberType(receiverType, m.getNameAsString(), argTypes);
      if (member.isEmpty()) {
        return unknown(m);
      }
      type = member.get().isEmpty() ? declaredFor(m).orElse("") : member.get();
      if (type.isEmpty()) {
        return generic(m);
      }
    }
    return declare(m, localName(m), t.parts, t.operands, type, receiver == null, why);
  }

  /**
   * The name of the local holding a call's value: {@code pWeight} for {@code p.weight()} on a named
   * receiver, {@code size} for {@code data.size()}-like calls with arguments or other receivers.
   */
  private static String localName(MethodCallExpr m) {
    String method = m.getNameAsString();
    if (m.getArguments().isEmpty()
        && m.getScope().orElse(null) instanceof NameExpr n
        && !Character.isUpperCase(n.getNameAsString().charAt(0))) {
      String bare = method.startsWith("get") && method.length() > 3 ? method.substring(3) : method;
      return n.getNameAsString() + Character.toUpperCase(bare.charAt(0)) + bare.substring(1);
    }
    return method;
  }

  /** {@code scope.name}: a public field of a data object. */
  Expr field(FieldAccessExpr f) {
    Expr receiver = value(f.getScope());
    if (Context.isPlaceholder(receiver)) {
      return receiver;
    }
    String receiverType = typeName(receiver);
    Optional<String> type =
        receiverType == null
            ? Optional.empty()
            : cx.program.resolver.memberType(receiverType, f.getNameAsString(), null);
    if (type.isEmpty()) {
      return unknown(f);
    }
    return declare(
        f,
        f.getNameAsString(),
        List.of("", "." + f.getNameAsString()),
        List.of(receiver),
        type.get(),
        false,
        "");
  }

  /** {@code new T(args)} for a class without source: an object for data. */
  Expr create(ObjectCreationExpr o) {
    Template t = new Template();
    t.parts.set(0, "");
    List<String> argTypes = arguments(o.getArguments(), t, "(");
    if (argTypes == null) {
      return Context.placeholder(Type.OBJECT);
    }
    Optional<String> type = cx.program.resolver.constructed(o.getType().asString(), argTypes);
    if (type.isEmpty()) {
      return unknown(o);
    }
    t.parts.set(0, "new " + rawSpelling(type.get()) + t.parts.get(0));
    String base = o.getType().getNameAsString();
    return declare(
        o,
        Character.toLowerCase(base.charAt(0)) + base.substring(1),
        t.parts,
        t.operands,
        type.get(),
        false,
        "");
  }

  /** The type of {@code new}: the class with its arguments inferred ({@code new ArrayList<>()}). */
  private static String rawSpelling(String canonical) {
    int lt = canonical.indexOf('<');
    return lt < 0 ? canonical : canonical.substring(0, lt) + "<>";
  }

  /** The text pieces and operands of a template being built. */
  private static final class Template {
    final List<String> parts = new ArrayList<>(List.of(""));
    final List<Expr> operands = new ArrayList<>();

    void text(String s) {
      parts.set(parts.size() - 1, parts.get(parts.size() - 1) + s);
    }

    void operand(Expr e) {
      operands.add(e);
      parts.add("");
    }
  }

  /**
   * Appends {@code open}, the arguments and {@code )} to {@code t}: literals as text, anything else
   * as an operand the IR computes, in Java's order. Returns the argument types, or null after an
   * error.
   */
  private List<String> arguments(List<Expression> args, Template t, String open) {
    t.text(open);
    List<String> types = new ArrayList<>();
    EvaluationOrder order = new EvaluationOrder(cx);
    List<Integer> operandAt = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Expression a : args) {
      Optional<String> literal = literal(a);
      if (literal.isPresent()) {
        texts.add(a.toString());
        types.add(literal.get());
        operandAt.add(-1);
        continue;
      }
      Optional<Struct> object =
          data.isData(a) || data.isDataName(a) ? Optional.empty() : exprs.objects.object(a);
      Optional<Var> handle = object.flatMap(exprs.objects::handle);
      if (object.isPresent() && handle.isEmpty()) {
        cx.report(
            DiagnosticCode.AD118,
            a,
            ExprLowering.describe(a),
            "an object made in the method is no Java object that code kept verbatim could take");
        return null;
      }
      Expr v =
          handle.isPresent()
              ? Exprs.ref(handle.get())
              : data.isData(a) || data.isDataName(a) ? value(a) : exprs.lower(a);
      if (Context.isPlaceholder(v)) {
        return null;
      }
      operandAt.add(order.values().size());
      order.add(v);
      texts.add(null);
      types.add(typeName(v));
    }
    List<Expr> values = order.values();
    for (int k = 0; k < args.size(); k++) {
      if (k > 0) {
        t.text(", ");
      }
      if (operandAt.get(k) < 0) {
        t.text(texts.get(k));
      } else {
        t.operand(values.get(operandAt.get(k)));
      }
    }
    t.text(")");
    return types.contains(null) ? null : types;
  }

  private static Optional<String> literal(Expression a) {
    if (a instanceof StringLiteralExpr) {
      return Optional.of("java.lang.String");
    }
    if (a instanceof CharLiteralExpr) {
      return Optional.of("char");
    }
    if (a instanceof NullLiteralExpr) {
      return Optional.of("null");
    }
    if (a instanceof BooleanLiteralExpr) {
      return Optional.of("boolean");
    }
    if (a instanceof ClassExpr c) {
      return Optional.of("java.lang.Class<" + c.getType().asString() + ">");
    }
    return Optional.empty();
  }

  /** The Java type of an IR value, as javac's types are written. */
  private String typeName(Expr v) {
    if (v.type() == Type.OBJECT) {
      return v instanceof Expr.Ref r ? data.javaType(r.var()) : null;
    }
    return v.type().javaName();
  }

  /**
   * Declares the local that holds the code's value, evaluated here, and returns its read. A number
   * (boxed ones unboxed, as Java's assignment does) is typed for the IR; any other reference is an
   * {@code OBJECT} with its Java type.
   */
  private Expr declare(
      com.github.javaparser.ast.Node at,
      String base,
      List<String> parts,
      List<Expr> operands,
      String javaType,
      boolean staticCall,
      String why) {
    Type type = irType(javaType);
    if (type == Type.VOID) {
      return cx.error(
          DiagnosticCode.AD118,
          at,
          Type.DOUBLE,
          ExprLowering.describe(at),
          "it returns nothing, and a differentiable method keeps only code that gives a value");
    }
    int id = cx.program.nextVerbatim();
    @SuppressWarnings("ReferenceEquality") // the same node: JavaParser's equals is structural
    boolean named = at == hintAt;
    Var v = named ? cx.scope.declare(hint, type) : cx.scope.fresh(base, type);
    cx.pending.add(new Stmt.Declare(v, new Expr.Opaque(id, parts, operands, type, javaType)));
    if (type == Type.OBJECT) {
      cx.javaTypes.put(v, javaType);
      cx.program.resolver.dataType(javaType).ifPresent(d -> cx.data.put(v, d));
    }
    // code of a callee or constructor is reported at the method: its positions are in other source
    cx.verbatim.add(
        new VerbatimSite(
            id,
            cx.root ? cx.spans.of(at) : dev.adjoint.compiler.diag.Span.METHOD,
            ExprLowering.describe(at) + why,
            staticCall && at instanceof MethodCallExpr m
                ? m.getScope().map(q -> q + ".").orElse("") + m.getNameAsString()
                : null));
    return Exprs.ref(v);
  }

  /** The IR type of a Java type: numbers (boxed or not) as themselves, references as data. */
  static Type irType(String javaType) {
    return switch (javaType) {
      case "double", "java.lang.Double" -> Type.DOUBLE;
      case "float", "java.lang.Float" -> Type.FLOAT;
      case "int",
          "short",
          "byte",
          "char",
          "java.lang.Integer",
          "java.lang.Short",
          "java.lang.Byte",
          "java.lang.Character" ->
          Type.INT;
      case "long", "java.lang.Long" -> Type.LONG;
      case "boolean", "java.lang.Boolean" -> Type.BOOLEAN;
      case "void" -> Type.VOID;
      default -> Type.OBJECT;
    };
  }

  private Expr unknown(com.github.javaparser.ast.Node at) {
    return cx.error(
        DiagnosticCode.AD118,
        at,
        Type.DOUBLE,
        ExprLowering.describe(at),
        "no accessible member of that name takes these arguments");
  }

  private Expr generic(com.github.javaparser.ast.Node at) {
    return cx.error(
        DiagnosticCode.AD118,
        at,
        Type.DOUBLE,
        ExprLowering.describe(at),
        "its type depends on a type variable of the method; declare a local of its type for it"
            + " (List<Double> ws = List.of(...);)");
  }
}
