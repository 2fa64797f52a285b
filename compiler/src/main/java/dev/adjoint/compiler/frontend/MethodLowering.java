package dev.adjoint.compiler.frontend;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ParserConfiguration.LanguageLevel;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SimpleName;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.diag.Diagnostics;
import dev.adjoint.compiler.diag.Span;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.NameSupply;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The frontend's entry: parses one method's source with JavaParser, checks its signature and {@code
 * wrt}, and lowers its body to an IR {@link Function}.
 */
public final class MethodLowering {
  /** The receiver's name in generated methods and in the IR: {@code Owner self}. */
  public static final String RECEIVER = "self";

  private MethodLowering() {}

  public static Lowered lower(MethodRequest request) {
    return lower(request, CalleeResolver.NONE);
  }

  /** Lowers an annotated method; calls are resolved with {@code resolver} and inlined. */
  public static Lowered lower(MethodRequest request, CalleeResolver resolver) {
    return lower(request, new Program(resolver), true);
  }

  /** Lowers a method called from a differentiable one: any supported return type, no wrt. */
  static Lowered lowerCallee(MethodRequest request, Program program) {
    return lower(request, program, false);
  }

  private static Lowered lower(MethodRequest request, Program program, boolean annotated) {
    Diagnostics diagnostics = new Diagnostics();
    Optional<MethodDeclaration> parsed = parse(request, diagnostics);
    if (parsed.isEmpty()) {
      return Lowered.rejected(diagnostics);
    }
    MethodDeclaration m = parsed.get();
    Spans spans = new Spans(request.source());
    Optional<ClassInfo> owner =
        request.isStatic()
            ? Optional.empty()
            : program.resolver.type(request.ownerSimpleName()).filter(ClassInfo::accessible);
    if (!request.isStatic() && owner.isEmpty()) {
      diagnostics.report(DiagnosticCode.AD106, spans.of(m.getName()), request.methodName());
      return Lowered.rejected(diagnostics);
    }
    if (m.getBody().isEmpty()) {
      diagnostics.report(DiagnosticCode.AD002, spans.of(m.getName()), request.methodName());
      return Lowered.rejected(diagnostics);
    }
    if (!m.getTypeParameters().isEmpty()
        || m.getParameters().stream().anyMatch(Parameter::isVarArgs)) {
      diagnostics.report(DiagnosticCode.AD110, spans.of(m.getName()), request.methodName());
      return Lowered.rejected(diagnostics);
    }
    if (annotated
        && (request.order() < 1
            || request.order() > 2
            || (request.order() == 2 && m.getType().isArrayType()))) {
      diagnostics.report(
          DiagnosticCode.AD207,
          Span.METHOD,
          request.order(),
          request.order() == 2 ? " on a method returning " + m.getType().asString() : "");
    }
    if (annotated && request.checkpoints() < 0) {
      diagnostics.report(DiagnosticCode.AD210, Span.METHOD, request.checkpoints());
    }
    NameSupply names = new NameSupply(sourceNames(m));
    Context cx = new Context(new Scope(names), spans, diagnostics, program);
    ObjectLowering objects = new ObjectLowering(cx, null);
    Optional<ClassInfo> returnsObject =
        annotated || m.getType().isVoidType() || Types.of(m.getType()).isPresent()
            ? Optional.empty()
            : objects.classOf(m.getType());
    Type returnType =
        m.getType().isVoidType() || returnsObject.isPresent()
            ? Type.VOID
            : Types.of(m.getType()).orElse(null);
    if (returnType == null || (annotated && !differentiableResult(returnType))) {
      diagnostics.report(DiagnosticCode.AD202, spans.of(m.getType()), m.getType().asString());
      returnType = Type.DOUBLE;
    }
    boolean returnTypeReported =
        diagnostics.all().stream().anyMatch(d -> d.code() == DiagnosticCode.AD202);
    cx.returnTypeReported = returnTypeReported;
    cx.root = annotated;
    Map<String, String> declaredTypes = new LinkedHashMap<>();
    ParamBinder binder = new ParamBinder(cx, declaredNames(m), declaredTypes);
    cx.binder = binder;
    List<Var> visible = new ArrayList<>();
    if (owner.isPresent()) {
      Var self = new Var(RECEIVER, Type.OBJECT);
      visible.add(self);
      declaredTypes.put(RECEIVER, owner.get().parameterSpelling());
      cx.self = binder.root(self, owner.get());
    }
    Map<String, Object> declared = new LinkedHashMap<>();
    Map<String, Var> params = parameters(m, request, cx, declaredTypes, binder, declared, visible);
    List<Input> inputs = annotated ? Wrt.resolve(request, m, declared, cx) : List.of();
    List<Var> wrt = inputs.stream().flatMap(i -> i.leaves().stream()).toList();
    boolean raw = returnsObject.isEmpty() && returns(m).stream().anyMatch(GeneralLoops::insideLoop);
    Var result =
        !raw && returnType != Type.VOID && needsResultVar(m)
            ? names.fresh("result", returnType)
            : null;
    ExprLowering exprs = new ExprLowering(cx);
    StmtLowering stmts = new StmtLowering(cx, exprs, result, returnType, raw);
    List<Stmt> body = new ArrayList<>();
    if (result != null) {
      body.add(new Stmt.Declare(result, null));
    }
    List<Statement> source =
        m.getBody().map(b -> (List<Statement>) b.getStatements()).orElse(List.of());
    ObjectResult objectResult = null;
    if (returnsObject.isPresent()) {
      objectResult =
          ObjectResults.lower(cx, exprs, stmts, m, returnsObject.get(), source, body).orElse(null);
    } else {
      body.addAll(stmts.block(source, true));
    }
    if (result != null) {
      body.add(new Stmt.Return(dev.adjoint.compiler.ir.Exprs.ref(result)));
    } else if (!raw
        && returnType != Type.VOID
        && (body.isEmpty() || !(body.get(body.size() - 1) instanceof Stmt.Return))) {
      if (!diagnostics.hasErrors()) {
        // without a result variable the method's only return is its last statement
        throw new IllegalStateException(
            "lowered body of '" + request.methodName() + "' does not end in its return");
      }
    }
    if (annotated
        && returnType.isArray()
        && !diagnostics.hasErrors()
        && !(body.get(body.size() - 1) instanceof Stmt.Return r
            && r.value() instanceof dev.adjoint.compiler.ir.Expr.Ref
            && (result == null || !r.value().equals(dev.adjoint.compiler.ir.Exprs.ref(result))))) {
      diagnostics.report(
          DiagnosticCode.AD202,
          spans.of(m.getType()),
          returnType.javaName()
              + " returned other than by a single final 'return' of a local array variable");
    }
    List<Var> all = new ArrayList<>(params.values());
    visible.stream().filter(binder.handles::contains).forEach(all::add);
    all.addAll(binder.bound.keySet());
    body = BufferBanks.lower(cx, all, annotated, body);
    Reassignments.check(cx, all, body);
    charWrites(m, params, declaredTypes, body, cx);
    Function f = new Function(request.methodName(), all, returnType, body);
    Map<String, Span> paramSpans = new LinkedHashMap<>();
    m.getParameters().forEach(p -> paramSpans.put(p.getNameAsString(), spans.of(p)));
    return new Lowered(
        f,
        wrt,
        paramSpans,
        declaredTypes,
        diagnostics,
        annotated ? program.helpers() : List.of(),
        visible,
        binder.bound,
        inputs,
        objectResult,
        annotated ? program.verbatim : List.of());
  }

  /** The names the method declares: parameters, locals, lambda parameters, pattern variables. */
  private static Set<String> declaredNames(MethodDeclaration m) {
    Set<String> out = new java.util.HashSet<>();
    m.findAll(Parameter.class).forEach(p -> out.add(p.getNameAsString()));
    m.findAll(com.github.javaparser.ast.body.VariableDeclarator.class)
        .forEach(v -> out.add(v.getNameAsString()));
    m.findAll(com.github.javaparser.ast.expr.TypePatternExpr.class)
        .forEach(p -> out.add(p.getNameAsString()));
    out.add(RECEIVER);
    return out;
  }

  /** The result types of a differentiable method: a number or a vector of numbers. */
  private static boolean differentiableResult(Type t) {
    return t.isFloating() || t == Type.DOUBLE_ARRAY || t == Type.FLOAT_ARRAY;
  }

  private static Optional<MethodDeclaration> parse(MethodRequest request, Diagnostics diagnostics) {
    ParserConfiguration config =
        new ParserConfiguration()
            .setLanguageLevel(level(request.languageLevel()))
            .setPreprocessUnicodeEscapes(true);
    ParseResult<BodyDeclaration<?>> result =
        new JavaParser(config).parseBodyDeclaration(request.source());
    if (!result.isSuccessful()
        || result.getResult().isEmpty()
        || !(result.getResult().get() instanceof MethodDeclaration)) {
      String problems =
          result.getProblems().stream()
              .map(p -> p.getVerboseMessage())
              .collect(Collectors.joining("; "));
      diagnostics.report(
          DiagnosticCode.AD901,
          Span.METHOD,
          request.methodName(),
          "JavaParser could not parse the method: " + problems);
      return Optional.empty();
    }
    return Optional.of((MethodDeclaration) result.getResult().get());
  }

  private static LanguageLevel level(int feature) {
    if (feature <= 17) {
      return LanguageLevel.JAVA_17;
    }
    try {
      return LanguageLevel.valueOf("JAVA_" + feature);
    } catch (IllegalArgumentException e) {
      return LanguageLevel.BLEEDING_EDGE;
    }
  }

  /**
   * Declares the parameters. A String or enum parameter is an {@code OBJECT} (data, {@link
   * DataTests}); {@code char} and {@code char[]} are int and int[]. Their declared types go to
   * {@code declared}, for the generated methods' signatures. A parameter of an unsupported type is
   * reported once: its uses raise no further errors.
   */
  private static Map<String, Var> parameters(
      MethodDeclaration m,
      MethodRequest request,
      Context cx,
      Map<String, String> declared,
      ParamBinder binder,
      Map<String, Object> all,
      List<Var> visible) {
    Map<String, Var> params = new LinkedHashMap<>();
    ObjectLowering objects = new ObjectLowering(cx, null);
    for (Parameter p : m.getParameters()) {
      String name = p.getNameAsString();
      DataType data = request.dataParameters().get(name);
      if (data != null) {
        Var v = cx.scope.declare(name, Type.OBJECT);
        cx.data.put(v, data);
        declared.put(name, data.canonicalName());
        params.put(name, v);
        all.put(name, v);
        visible.add(v);
        continue;
      }
      Optional<Type> t = Types.parameter(p.getType());
      Optional<ClassInfo> object = t.isPresent() ? Optional.empty() : objects.classOf(p.getType());
      Optional<String> dataType =
          t.isPresent() || object.isPresent() || p.getType().isArrayType()
              ? Optional.empty()
              : cx.program.resolver.javaType(p.getType().asString());
      if (dataType.isPresent() && Verbatim.irType(dataType.get()) == Type.OBJECT) {
        // data the method reads through calls kept verbatim (a List<Sample>, a Random)
        Var v = cx.scope.declare(name, Type.OBJECT);
        cx.javaTypes.put(v, dataType.get());
        cx.program.resolver.dataType(dataType.get()).ifPresent(d -> cx.data.put(v, d));
        declared.put(name, dataType.get());
        params.put(name, v);
        all.put(name, v);
        visible.add(v);
        continue;
      }
      if (object.isPresent() && object.get().accessible()) {
        Var handle = new Var(name, Type.OBJECT);
        Struct s = binder.root(handle, object.get());
        cx.scope.bindObject(name, s);
        declared.put(name, object.get().parameterSpelling());
        all.put(name, s);
        visible.add(handle);
        continue;
      }
      if (Types.isChar(p.getType()) || Types.isCharArray(p.getType())) {
        declared.put(name, p.getType().asString());
      }
      if (t.isEmpty()) {
        cx.report(DiagnosticCode.AD201, p, name, p.getType().asString());
        // keep lowering to find the body's other errors; its uses are not errors of their own
        Var v = cx.scope.declare(name, Type.DOUBLE);
        cx.reported.add(v);
        params.put(name, v);
        all.put(name, v);
        visible.add(v);
        continue;
      }
      Var v = cx.scope.declare(name, t.get());
      all.put(name, v);
      visible.add(v);
      if (Types.isChar(p.getType())) {
        cx.chars.add(v); // a var initialised from it is a char too
      }
      params.put(name, v);
    }
    return params;
  }

  /**
   * A {@code char} or {@code char[]} parameter is an int or int[] in the generated code's body but
   * keeps its type in the signature, so the body must not write it (an int does not fit a char).
   */
  private static void charWrites(
      MethodDeclaration m,
      Map<String, Var> params,
      Map<String, String> declared,
      List<Stmt> body,
      Context cx) {
    java.util.Set<Var> written = dev.adjoint.compiler.ir.Stmts.writes(body);
    for (Parameter p : m.getParameters()) {
      Var v = params.get(p.getNameAsString());
      String type = declared.get(p.getNameAsString());
      if (v != null && written.contains(v) && v.type() != Type.OBJECT && type != null) {
        cx.report(
            DiagnosticCode.AD208,
            p,
            "the "
                + type
                + " parameter '"
                + p.getNameAsString()
                + "' is written; copy it into an int local (or int[] array) and write that");
      }
    }
  }

  /** A result variable is needed unless the only return is the method's last statement. */
  @SuppressWarnings("ReferenceEquality") // the same node: JavaParser's equals compares structure
  private static boolean needsResultVar(MethodDeclaration m) {
    List<ReturnStmt> returns = returns(m);
    List<Statement> body =
        m.getBody().map(b -> (List<Statement>) b.getStatements()).orElse(List.of());
    return !(returns.size() == 1 && !body.isEmpty() && body.get(body.size() - 1) == returns.get(0));
  }

  /** The method's own return statements, not those of the lambdas in it. */
  private static List<ReturnStmt> returns(MethodDeclaration m) {
    return m.findAll(ReturnStmt.class, r -> !StreamLambdas.inLambda(r));
  }

  private static Set<String> sourceNames(MethodDeclaration m) {
    Set<String> names =
        m.findAll(SimpleName.class).stream().map(SimpleName::asString).collect(Collectors.toSet());
    m.findAll(NameExpr.class).forEach(n -> names.add(n.getNameAsString()));
    return names;
  }
}
