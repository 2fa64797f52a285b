package dev.adjoint.compiler.frontend;

import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
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
  private static final String NO_SOURCE =
      "its source is not part of this compilation; declare its derivatives with @Partial(of = ..., wrt = ...), or treat it as a constant with Adjoint.stopGradient(...)";

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
    String qualifier = m.getScope().map(Expression::toString).orElse(null);
    String callee = (qualifier == null ? "" : qualifier + ".") + m.getNameAsString();
    if (qualifier != null
        && isAdjoint(qualifier)
        && m.getNameAsString().equals("stopGradient")
        && m.getArguments().size() == 1) {
      Expr arg = exprs.lower(m.getArguments().get(0));
      return new Expr.Call("dev.adjoint.Adjoint", Fn.STOP_GRADIENT, List.of(arg), Type.DOUBLE);
    }
    EvaluationOrder order = new EvaluationOrder(cx);
    for (Expression a : m.getArguments()) {
      order.add(exprs.lower(a));
    }
    List<Expr> args = new ArrayList<>(order.values());
    Optional<Expr> unusable = m.getScope().flatMap(cx::unusableReceiver);
    if (unusable.isPresent()) {
      return unusable.get();
    }
    if (args.stream().anyMatch(Context::isPlaceholder)) {
      return Context.placeholder(Type.DOUBLE); // an argument was reported: the call is not
    }
    Optional<CalleeResolver.Rule> rule =
        cx.program.resolver.rule(qualifier, m.getNameAsString(), args.size());
    if (rule.isPresent()) {
      return ruled(m, callee, rule.get(), args);
    }
    List<CalleeResolver.Callee> candidates =
        cx.program.resolver.resolve(qualifier, m.getNameAsString(), args.size());
    Optional<CalleeResolver.Callee> chosen =
        candidates.stream().filter(c -> accepts(c, args)).findFirst();
    if (chosen.isEmpty()) {
      return cx.error(
          DiagnosticCode.AD301,
          m,
          Type.DOUBLE,
          callee,
          candidates.isEmpty()
              ? NO_SOURCE
              : "no overload with " + args.size() + " parameters accepts these argument types");
    }
    CalleeResolver.Callee c = chosen.get();
    for (int k = 0; k < args.size(); k++) {
      if (args.get(k).type().isArray() && args.get(k) instanceof Expr.Index row) {
        dev.adjoint.compiler.ir.Var alias = cx.scope.fresh("row", row.type());
        cx.pending.add(new dev.adjoint.compiler.ir.Stmt.Declare(alias, row));
        args.set(k, dev.adjoint.compiler.ir.Exprs.ref(alias));
      }
      if (args.get(k).type().isArray() && !(args.get(k) instanceof Expr.Ref)) {
        return cx.error(
            DiagnosticCode.AD301,
            m.getArguments().get(k),
            Type.DOUBLE,
            callee,
            "pass arrays as variables, not expressions");
      }
    }
    if (cx.program.active.contains(c.key())) {
      return RecursiveCalls.closing(c, cx.program, args);
    }
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
    if (lowered.diagnostics().hasErrors()) {
      Diagnostic first =
          lowered.diagnostics().all().stream()
              .filter(Diagnostic::isError)
              .findFirst()
              .orElseThrow();
      return cx.error(
          DiagnosticCode.AD301,
          m,
          Type.DOUBLE,
          callee,
          "its body (" + c.location() + ") is outside the supported language: " + first.message());
    }
    if (cx.program.isRecursive(c.key())) {
      return RecursiveCalls.call(cx, m, c, lowered.function(), args);
    }
    Type returns = lowered.function().returnType();
    if (returns == Type.VOID && !asStatement) {
      return cx.error(DiagnosticCode.AD208, m, Type.DOUBLE, callee + " returns nothing");
    }
    Inliner.Inlined inlined = Inliner.inline(lowered.function(), args, cx.scope);
    cx.pending.addAll(inlined.statements());
    return inlined.value();
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
  private static boolean accepts(CalleeResolver.Callee c, List<Expr> args) {
    MethodDeclaration m;
    try {
      m = StaticJavaParser.parseMethodDeclaration(c.request().source());
    } catch (RuntimeException e) {
      return false;
    }
    List<Parameter> params = m.getParameters();
    if (params.stream().anyMatch(Parameter::isVarArgs)) {
      return true; // chosen so that its lowering reports why varargs is not supported (AD110)
    }
    if (params.size() != args.size()) {
      return false;
    }
    for (int k = 0; k < args.size(); k++) {
      Optional<Type> t = Types.parameter(params.get(k).getType());
      if (t.isEmpty() || !Type.assignable(args.get(k).type(), t.get())) {
        return false;
      }
    }
    return true;
  }
}
