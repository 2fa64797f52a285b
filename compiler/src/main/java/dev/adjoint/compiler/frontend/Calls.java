package dev.adjoint.compiler.frontend;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Fn;
import dev.adjoint.compiler.ir.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Calls of the user's own static methods: the callee's source is lowered (once per method) and
 * inlined at the call site, unless it is recursive ({@link RecursiveCalls}). {@code
 * Adjoint.stopGradient(x)} is recognised here too. Calls with no source are reported with the two
 * ways out.
 */
final class Calls {

  private final Context cx;
  private final ExprLowering exprs;

  Calls(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
  }

  static boolean isAdjoint(String scope) {
    return scope.equals("Adjoint") || scope.equals("dev.adjoint.Adjoint");
  }

  /** The call's value; for a void callee, null after its statements are queued. */
  Expr lower(MethodCallExpr m, boolean asStatement) {
    Outcome o = invoke(m, asStatement, null);
    if (o.object() != null) {
      return cx.error(
          DiagnosticCode.AD117,
          m,
          Type.DOUBLE,
          o.object().type.simpleName(),
          "a number or array is expected here");
    }
    return o.value();
  }

  /**
   * The object a call returns, when its callee (a method with source) returns a record or helper
   * object; empty, with nothing lowered, when it returns anything else. {@code receiver} is the
   * object the call is made on, if the caller already has it.
   */
  Optional<Struct> object(MethodCallExpr m, Struct receiver) {
    if (m.getScope().isPresent() && Calls.isAdjoint(m.getScope().get().toString())) {
      return Optional.empty();
    }
    CalleeResolver resolver = receiver != null ? receiver.type.scope() : cx.program.resolver;
    String qualifier =
        receiver != null ? null : m.getScope().map(Expression::toString).orElse(null);
    boolean returnsObject =
        resolver.resolve(qualifier, m.getNameAsString(), m.getArguments().size()).stream()
            .map(c -> declaration(c).map(d -> d.getType()))
            .flatMap(Optional::stream)
            .anyMatch(t -> exprs.objects.classOf(t).isPresent());
    if (!returnsObject) {
      return Optional.empty();
    }
    Outcome o = invoke(m, false, receiver);
    if (o.object() != null) {
      return Optional.of(o.object());
    }
    Struct failed = Struct.made(unknown()); // the call was reported
    failed.reported = true;
    return Optional.of(failed);
  }

  /** What a call gave: a value (null for void), or an object. */
  private record Outcome(Expr value, Struct object) {
    static Outcome of(Expr value) {
      return new Outcome(value, null);
    }
  }

  private Outcome invoke(MethodCallExpr m, boolean asStatement, Struct knownReceiver) {
    String qualifier = m.getScope().map(Expression::toString).orElse(null);
    String callee = (qualifier == null ? "" : qualifier + ".") + m.getNameAsString();
    if (qualifier != null
        && isAdjoint(qualifier)
        && m.getNameAsString().equals("stopGradient")
        && m.getArguments().size() == 1) {
      Expr arg = exprs.lower(m.getArguments().get(0));
      return Outcome.of(
          new Expr.Call("dev.adjoint.Adjoint", Fn.STOP_GRADIENT, List.of(arg), Type.DOUBLE));
    }
    if (knownReceiver == null && exprs.verbatim.data.isData(m)) {
      return Outcome.of(exprs.verbatim.call(m)); // a call on data, or without source: kept as it is
    }
    Struct receiver = knownReceiver;
    if (receiver == null && m.getScope().isPresent()) {
      receiver =
          exprs
              .objects
              .takeLoweredReceiver(m)
              .or(() -> exprs.objects.object(m.getScope().get()))
              .orElse(null);
      Optional<String> why =
          receiver == null || !exprs.objects.hasHandle(receiver)
              ? Optional.empty()
              : keptVerbatim(receiver, m);
      if (why.isPresent()) {
        return Outcome.of(
            exprs.verbatim.call(
                m,
                dev.adjoint.compiler.ir.Exprs.ref(exprs.objects.handle(receiver).orElseThrow()),
                receiver.type.name(),
                why.get()));
      }
      if (receiver == null) {
        // a field whose type is no object of the language: reported once, as that field (AD116)
        Optional<Expr> field = exprs.objects.member(m.getScope().get());
        if (field.isPresent() && Context.isPlaceholder(field.get())) {
          return Outcome.of(field.get());
        }
      }
    }
    boolean onThis =
        m.getScope().isEmpty()
            || (m.getScope().get() instanceof ThisExpr t && t.getTypeName().isEmpty());
    CalleeResolver resolver = receiver != null ? receiver.type.scope() : cx.program.resolver;
    if (receiver != null) {
      qualifier = null;
    }
    EvaluationOrder order = new EvaluationOrder(cx);
    List<Struct> objects = new ArrayList<>();
    for (Expression a : m.getArguments()) {
      Optional<Struct> object = exprs.objects.object(a);
      objects.add(object.orElse(null));
      order.add(
          object.isPresent()
              ? Context.placeholder(Type.OBJECT)
              : exprs.verbatim.data.isDataValue(a)
                  ? exprs.verbatim.value(a) // data, handed to a method that keeps it verbatim
                  : exprs.lower(a));
    }
    List<Expr> args = new ArrayList<>(order.values());
    Optional<Expr> unusable =
        receiver != null
            ? Optional.empty()
            : m.getScope()
                .flatMap(cx::unusableReceiver)
                .or(() -> m.getScope().flatMap(exprs.objects::unreadableField));
    if (unusable.isPresent()) {
      return Outcome.of(unusable.get());
    }
    for (int k = 0; k < args.size(); k++) {
      if (objects.get(k) == null && Context.isPlaceholder(args.get(k))) {
        return Outcome.of(Context.placeholder(Type.DOUBLE)); // an argument was reported
      }
    }
    if (receiver == null && objects.stream().allMatch(java.util.Objects::isNull)) {
      Optional<CalleeResolver.Rule> rule =
          resolver.rule(qualifier, m.getNameAsString(), args.size());
      if (rule.isPresent()) {
        return Outcome.of(ruled(m, callee, rule.get(), args));
      }
    }
    List<CalleeResolver.Callee> candidates =
        resolver.resolve(qualifier, m.getNameAsString(), args.size());
    Optional<CalleeResolver.Callee> chosen =
        candidates.stream().filter(c -> accepts(c, args, objects)).findFirst();
    if (chosen.isEmpty()) {
      return Outcome.of(
          cx.error(
              DiagnosticCode.AD301,
              m,
              Type.DOUBLE,
              callee,
              candidates.isEmpty()
                  ? receiver != null
                      ? "class "
                          + receiver.type.simpleName()
                          + " has no method with "
                          + args.size()
                          + " parameters of that name whose source is in this compilation"
                      : CalleeResolver.NO_SOURCE
                  : "no overload with "
                      + args.size()
                      + " parameters accepts these argument types"));
    }
    CalleeResolver.Callee c = chosen.get();
    Struct self = null;
    if (!c.request().isStatic()) {
      self = receiver != null ? receiver : onThis ? cx.self : null;
      if (self == null) {
        return Outcome.of(
            cx.error(
                DiagnosticCode.AD117,
                m,
                Type.DOUBLE,
                c.request().ownerSimpleName(),
                "'"
                    + m.getNameAsString()
                    + "' is an instance method, called here without one; call it on this (in an"
                    + " instance method), a record or a helper object made in the method"));
      }
    }
    for (int k = 0; k < args.size(); k++) {
      if (objects.get(k) != null) {
        continue;
      }
      if (args.get(k).type().isArray() && args.get(k) instanceof Expr.Index row) {
        dev.adjoint.compiler.ir.Var alias = cx.scope.fresh("row", row.type());
        cx.pending.add(new dev.adjoint.compiler.ir.Stmt.Declare(alias, row));
        args.set(k, dev.adjoint.compiler.ir.Exprs.ref(alias));
      }
      if (args.get(k).type().isArray() && !(args.get(k) instanceof Expr.Ref)) {
        return Outcome.of(
            cx.error(
                DiagnosticCode.AD301,
                m.getArguments().get(k),
                Type.DOUBLE,
                callee,
                "pass arrays as variables, not expressions"));
      }
    }
    boolean plain = self == null && objects.stream().allMatch(java.util.Objects::isNull);
    if (cx.program.active.contains(c.key())) {
      if (!plain) {
        return Outcome.of(recursionWithObjects(m, c));
      }
      return Outcome.of(RecursiveCalls.closing(c, cx.program, args));
    }
    Lowered lowered = lowered(c);
    if (lowered.diagnostics().hasErrors()) {
      Diagnostic first =
          lowered.diagnostics().all().stream()
              .filter(Diagnostic::isError)
              .findFirst()
              .orElseThrow();
      return Outcome.of(
          cx.error(
              DiagnosticCode.AD301,
              m,
              Type.DOUBLE,
              callee,
              "its body ("
                  + c.location()
                  + ") is outside the supported language: "
                  + first.message()));
    }
    if (cx.program.isRecursive(c.key())) {
      if (!plain) {
        return Outcome.of(recursionWithObjects(m, c));
      }
      return Outcome.of(RecursiveCalls.call(cx, m, c, lowered.function(), args));
    }
    Type returns = lowered.function().returnType();
    if (returns == Type.VOID && lowered.result() == null && !asStatement) {
      return Outcome.of(
          cx.error(DiagnosticCode.AD208, m, Type.DOUBLE, callee + " returns nothing"));
    }
    Optional<List<Expr>> bound = Arguments.of(cx, m, lowered, self, args, objects);
    if (bound.isEmpty()) {
      return Outcome.of(Context.placeholder(Type.DOUBLE));
    }
    Inliner.Inlined inlined = Inliner.inline(lowered.function(), bound.get(), cx.scope);
    cx.pending.addAll(inlined.statements());
    if (lowered.result() != null) {
      return new Outcome(null, lowered.result().rebuild(inlined.renamed()));
    }
    return Outcome.of(inlined.value());
  }

  private Expr recursionWithObjects(MethodCallExpr m, CalleeResolver.Callee c) {
    return cx.error(
        DiagnosticCode.AD114,
        m,
        Type.DOUBLE,
        c.request().methodName(),
        "a recursive method must be static and take no objects");
  }

  /** The callee lowered, once per program. */
  private Lowered lowered(CalleeResolver.Callee c) {
    Lowered lowered = cx.program.callees.get(c.key());
    if (lowered == null) {
      cx.program.active.push(c.key());
      try {
        lowered = MethodLowering.lowerCallee(c.request(), cx.program.within(c.scope()));
      } finally {
        cx.program.active.pop();
      }
      cx.program.callees.put(c.key(), lowered);
    }
    return lowered;
  }

  /**
   * Whether a call of {@code m} on an object given from outside (a parameter, a field) is kept
   * verbatim rather than inlined: its class has no method of that arity with source, or the only
   * one is outside the differentiable language (it writes a field, say), or recursive. Decided
   * before the arguments are lowered, so that they are lowered once.
   */
  private Optional<String> keptVerbatim(Struct receiver, MethodCallExpr m) {
    List<CalleeResolver.Callee> candidates =
        receiver.type.scope().resolve(null, m.getNameAsString(), m.getArguments().size());
    if (candidates.isEmpty()) {
      return Optional.of("");
    }
    if (candidates.size() > 1 || cx.program.active.contains(candidates.get(0).key())) {
      return Optional.empty();
    }
    Lowered l = lowered(candidates.get(0));
    Optional<Diagnostic> first =
        l.diagnostics().all().stream().filter(Diagnostic::isError).findFirst();
    return first.map(
        d ->
            " (its body, "
                + candidates.get(0).location()
                + ", is outside the differentiable language: "
                + d.message()
                + ")");
  }

  /** The callee's declaration, parsed from its source. */
  private static Optional<MethodDeclaration> declaration(CalleeResolver.Callee c) {
    try {
      return Optional.of(StaticJavaParser.parseMethodDeclaration(c.request().source()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static ClassInfo unknown() {
    return new ClassInfo("?", "?", false, false, List.of(), List.of(), null);
  }

  /** A call of a method with custom derivative rules: opaque, differentiated by its rules. */
  private Expr ruled(MethodCallExpr m, String callee, CalleeResolver.Rule rule, List<Expr> args) {
    for (int k = 0; k < args.size(); k++) {
      if (!Type.assignable(args.get(k).type(), rule.parameterTypes().get(k))) {
        return cx.error(
            DiagnosticCode.AD208,
            m.getArguments().get(k),
            Type.DOUBLE,
            "argument "
                + (k + 1)
                + " of "
                + callee
                + " must be "
                + rule.parameterTypes().get(k).javaName());
      }
      boolean differentiable =
          args.get(k).type().isFloating() && !(args.get(k) instanceof Expr.Const);
      if (differentiable && rule.partials().get(k) == null) {
        cx.report(DiagnosticCode.AD308, m.getArguments().get(k), rule.method(), k + 1);
      }
    }
    return new Expr.Invoke(rule.method(), args, rule.returnType(), rule.partials());
  }

  /** Whether the candidate's declared parameter types accept the argument types. */
  private boolean accepts(CalleeResolver.Callee c, List<Expr> args, List<Struct> objects) {
    Optional<MethodDeclaration> d = declaration(c);
    if (d.isEmpty()) {
      return false;
    }
    List<Parameter> params = d.get().getParameters();
    if (params.stream().anyMatch(Parameter::isVarArgs)) {
      return true; // chosen so that its lowering reports why varargs is not supported (AD110)
    }
    if (params.size() != args.size()) {
      return false;
    }
    for (int k = 0; k < args.size(); k++) {
      if (objects.get(k) != null) {
        Optional<ClassInfo> t = exprs.objects.classOf(params.get(k).getType());
        if (t.isEmpty() || !t.get().name().equals(objects.get(k).type.name())) {
          return false;
        }
        continue;
      }
      if (args.get(k).type() == Type.OBJECT && !Context.isPlaceholder(args.get(k))) {
        // data: a parameter of a reference type the IR does not model takes it (javac checked it)
        if (Types.parameter(params.get(k).getType()).isPresent()
            || exprs.objects.classOf(params.get(k).getType()).isPresent()) {
          return false;
        }
        continue;
      }
      Optional<Type> t = Types.parameter(params.get(k).getType());
      if (t.isEmpty() || !Type.assignable(args.get(k).type(), t.get())) {
        return false;
      }
    }
    return true;
  }
}
