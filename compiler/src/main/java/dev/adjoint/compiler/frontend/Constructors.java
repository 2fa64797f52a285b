package dev.adjoint.compiler.frontend;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.diag.Diagnostics;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code new C(...)} in differentiable code, for a record or a class whose source is in the
 * compilation: the object becomes a {@link Struct} whose number fields are locals of the method. A
 * record without a declared constructor takes its arguments as components; otherwise the
 * constructor's body (after the fields' initialisers) is lowered in place, its parameters bound to
 * the arguments and its field assignments setting the struct.
 */
final class Constructors {
  private final Context cx;
  private final ExprLowering exprs;

  Constructors(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
  }

  Struct create(ObjectCreationExpr o, ClassInfo type) {
    Struct made = Struct.made(type);
    if (o.getAnonymousClassBody().isPresent() || !type.accessible()) {
      cx.report(DiagnosticCode.AD117, o, type.simpleName(), "an anonymous or private class");
      made.reported = true;
      return made;
    }
    List<Object> args = new ArrayList<>();
    for (Expression a : o.getArguments()) {
      args.add(argument(a));
    }
    if (type.isRecord() && type.constructors().isEmpty()) {
      if (args.size() != type.fields().size()) {
        cx.report(
            DiagnosticCode.AD208,
            o,
            type.simpleName() + " has " + type.fields().size() + " components");
        made.reported = true;
        return made;
      }
      for (int k = 0; k < args.size(); k++) {
        made.set(type.fields().get(k).name(), member(type, type.fields().get(k), args.get(k), o));
      }
      return made;
    }
    Optional<MethodRequest> ctor =
        type.constructors().stream()
            .filter(c -> parse(c).map(d -> d.getParameters().size() == args.size()).orElse(false))
            .findFirst();
    if (ctor.isEmpty()) {
      cx.report(
          DiagnosticCode.AD117,
          o,
          type.simpleName(),
          "no constructor with " + args.size() + " parameters has its source in this compilation");
      made.reported = true;
      return made;
    }
    run(o, type, ctor.get(), parse(ctor.get()).orElseThrow(), args, made);
    return made;
  }

  /** An argument: an object, or an IR value kept in a local so that it is evaluated once, here. */
  private Object argument(Expression a) {
    Optional<Struct> s = new ObjectLowering(cx, exprs).object(a);
    if (s.isPresent()) {
      return s.get();
    }
    Expr e = exprs.lower(a);
    if (e.type().isArray() || e instanceof Expr.Const || Context.isPlaceholder(e)) {
      return e; // arrays are passed by reference, as in Java
    }
    Var v = cx.scope.fresh("arg", e.type());
    cx.pending.add(new Stmt.Declare(v, e));
    return Exprs.ref(v);
  }

  /** A record component set from an argument, converted to the component's type as Java does. */
  private Struct.Member member(
      ClassInfo type, ClassInfo.Field f, Object arg, ObjectCreationExpr at) {
    Optional<FieldTypes.Resolved> t = FieldTypes.resolve(type, f);
    if (arg instanceof Struct s) {
      if (t.isEmpty()
          || t.get().object() == null
          || !t.get().object().name().equals(s.type.name())) {
        cx.report(
            DiagnosticCode.AD208,
            at,
            "component '" + f.name() + "' is not a " + s.type.simpleName());
      }
      return Struct.Member.of(s);
    }
    return Struct.Member.of(
        converted((Expr) arg, t.map(FieldTypes.Resolved::type).orElse(null), at));
  }

  /** {@code e} as a value of type {@code to} (a widening, as an assignment converts). */
  private Expr converted(Expr e, Type to, com.github.javaparser.ast.Node at) {
    if (to == null || Context.isPlaceholder(e)) {
      return e;
    }
    if (e.type() == to) {
      return e;
    }
    if (!Type.assignable(e.type(), to)) {
      return cx.error(
          DiagnosticCode.AD208,
          at,
          to,
          "cannot pass " + e.type().javaName() + " as " + to.javaName());
    }
    return new Expr.Cast(to, e);
  }

  /**
   * Lowers the constructor's body with {@code made} as {@code this}: its number fields are locals
   * (their initialisers or Java's default first), its arrays and objects what it assigns them.
   */
  private void run(
      ObjectCreationExpr at,
      ClassInfo type,
      MethodRequest source,
      ConstructorDeclaration ctor,
      List<Object> args,
      Struct made) {
    Diagnostics diagnostics = new Diagnostics();
    Context inner =
        new Context(
            cx.scope, new Spans(source.source()), diagnostics, cx.program.within(type.scope()));
    inner.self = made;
    inner.constructing = true;
    inner.pending = cx.pending;
    ExprLowering innerExprs = new ExprLowering(inner);
    StmtLowering stmts = new StmtLowering(inner, innerExprs, null, Type.VOID, false);
    cx.scope.push(false);
    try {
      for (ClassInfo.Field f : type.fields()) {
        Optional<FieldTypes.Resolved> t = FieldTypes.resolve(type, f);
        if (t.isEmpty() || t.get().isReference()) {
          continue; // set by the body (or never: reading it is then reported)
        }
        Var v = cx.scope.fresh(fieldLocal(type, f), t.get().type());
        made.set(f.name(), Struct.Member.of(Exprs.ref(v)));
        Expr init = defaultValue(t.get().type());
        if (f.initializer() != null) {
          init =
              innerExprs.lower(
                  com.github.javaparser.StaticJavaParser.parseExpression(f.initializer()));
        }
        cx.pending.add(new Stmt.Declare(v, init));
      }
      List<Parameter> params = ctor.getParameters();
      for (int k = 0; k < params.size(); k++) {
        String name = params.get(k).getNameAsString();
        if (args.get(k) instanceof Struct s) {
          cx.scope.bindObject(name, s);
        } else {
          Type declared = Types.of(params.get(k).getType()).orElse(((Expr) args.get(k)).type());
          Expr e = converted((Expr) args.get(k), declared, at);
          Var v = cx.scope.declare(name, declared);
          cx.pending.add(new Stmt.Declare(v, e));
        }
      }
      List<Statement> body = new ArrayList<>(ctor.getBody().getStatements());
      if (!body.isEmpty() && body.get(0) instanceof ExplicitConstructorInvocationStmt call) {
        inner.report(DiagnosticCode.AD101, call, "this(...) and super(...)");
      }
      cx.pending.addAll(stmts.block(body, false));
    } finally {
      cx.scope.pop();
    }
    Optional<Diagnostic> first = diagnostics.all().stream().filter(Diagnostic::isError).findFirst();
    if (first.isPresent()) {
      made.reported = true;
      cx.report(
          DiagnosticCode.AD117,
          at,
          type.simpleName(),
          "its constructor is outside the supported language: " + first.get().message());
    }
  }

  /**
   * The name of the local holding a field of a made object: {@code springK} for {@code Spring.k},
   * so that the fields of two objects and a field named like a fresh name ({@code k2}) stay apart.
   */
  private static String fieldLocal(ClassInfo type, ClassInfo.Field f) {
    String simple = type.simpleName();
    return Character.toLowerCase(simple.charAt(0))
        + simple.substring(1)
        + Character.toUpperCase(f.name().charAt(0))
        + f.name().substring(1);
  }

  private static Expr defaultValue(Type t) {
    return t == Type.BOOLEAN ? Expr.Const.ofBoolean(false) : Expr.Const.zero(t);
  }

  private static Optional<ConstructorDeclaration> parse(MethodRequest request) {
    ParseResult<BodyDeclaration<?>> r =
        new JavaParser(
                new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
            .parseBodyDeclaration(request.source());
    return r.getResult()
        .filter(ConstructorDeclaration.class::isInstance)
        .map(ConstructorDeclaration.class::cast);
  }
}
