package dev.adjoint.compiler;

import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.diag.Diagnostics;
import dev.adjoint.compiler.diag.Span;
import dev.adjoint.compiler.frontend.Binding;
import dev.adjoint.compiler.frontend.CalleeResolver;
import dev.adjoint.compiler.frontend.Input;
import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.frontend.MethodLowering;
import dev.adjoint.compiler.frontend.MethodRequest;
import dev.adjoint.compiler.frontend.VerbatimSite;
import dev.adjoint.compiler.ir.Applies;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.ir.Verifier;
import dev.adjoint.compiler.pass.Pipeline;
import dev.adjoint.compiler.pass.Pipeline.SecondOrder;
import dev.adjoint.compiler.pass.ad.GradientLayout;
import dev.adjoint.compiler.pass.analysis.Activity;
import dev.adjoint.compiler.pass.analysis.VerbatimChecks;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One method through the compiler, free of javac: lower, check, differentiate, verify. The result
 * is either the derivatives, with the warnings found on the way, or the errors that stop them.
 */
public final class Differentiation {
  private Differentiation() {}

  /** What became of one method: {@link Differentiated} or {@link Rejected}. */
  public sealed interface Result {
    MethodRequest request();

    /** Every diagnostic of the method: errors when rejected, warnings at most otherwise. */
    Diagnostics diagnostics();
  }

  /**
   * What the emitter needs for one method: the primal, its differentiated parameters and their flat
   * layout, the value-and-gradient (or pullback) and tangent functions, with {@code order = 2} the
   * second-order functions, the functions of the program they call (recursive helpers and their
   * tangents), the declared Java types of the parameters the IR models by another type ({@link
   * Lowered#parameterTypes}), and the method's parameters as declared with the IR parameters bound
   * from their fields and the differentiated inputs ({@link Lowered#visible}, {@link
   * Lowered#bound}, {@link Lowered#inputs}).
   */
  public record Differentiated(
      MethodRequest request,
      Function primal,
      List<Var> wrt,
      GradientLayout layout,
      Function gradient,
      Function tangent,
      Optional<SecondOrder> secondOrder,
      Map<String, String> parameterTypes,
      List<Function> helpers,
      Diagnostics diagnostics,
      List<Var> visible,
      Map<Var, Binding> bound,
      List<Input> inputs)
      implements Result {
    public Differentiated {
      parameterTypes = Map.copyOf(parameterTypes);
      visible = List.copyOf(visible);
      bound = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bound));
      inputs = List.copyOf(inputs);
      Objects.requireNonNull(request);
      Objects.requireNonNull(primal);
      wrt = List.copyOf(wrt);
      Objects.requireNonNull(layout);
      Objects.requireNonNull(gradient);
      Objects.requireNonNull(tangent);
      Objects.requireNonNull(secondOrder);
      helpers = List.copyOf(helpers);
      if (diagnostics.hasErrors()) {
        throw new IllegalArgumentException("a method with errors is not differentiated");
      }
    }
  }

  /** A method with errors: nothing is generated for it. */
  public record Rejected(MethodRequest request, Diagnostics diagnostics) implements Result {
    public Rejected {
      if (!diagnostics.hasErrors()) {
        throw new IllegalArgumentException("a method is rejected only for errors");
      }
    }
  }

  public static Result run(MethodRequest request) {
    return run(request, CalleeResolver.NONE);
  }

  public static Result run(MethodRequest request, CalleeResolver callees) {
    Lowered lowered = MethodLowering.lower(request, callees);
    Diagnostics diagnostics = lowered.diagnostics();
    if (diagnostics.hasErrors()) {
      return new Rejected(request, diagnostics);
    }
    Verifier.checkRaw(lowered.function());
    Function primal = Pipeline.normalise(lowered.function());
    Verifier.check(primal);
    Activity activity = Activity.of(primal, lowered.wrt());
    Map<Var, String> labels = Input.labels(lowered.inputs());
    for (Var p : lowered.wrt()) {
      if (!activity.isUseful(p)) {
        String label = labels.getOrDefault(p, p.name());
        diagnostics.report(
            DiagnosticCode.AD303, lowered.paramSpans().getOrDefault(label, Span.METHOD), label);
      }
    }
    for (Function h : lowered.helpers()) {
      Verifier.checkRaw(h);
    }
    reportActiveArrayArguments(primal, activity, request.order(), diagnostics);
    reportVerbatim(primal, lowered, activity, labels, request.checkpoints(), diagnostics);
    if (diagnostics.hasErrors()) {
      return new Rejected(request, diagnostics);
    }
    Pipeline.Derivatives derivatives =
        Pipeline.derivatives(
            primal, lowered.wrt(), request.order(), lowered.helpers(), request.checkpoints());
    derivatives.helpers().forEach(Verifier::check);
    Function gradient = derivatives.gradient();
    Verifier.check(gradient);
    VerbatimChecks.requireKept(primal, gradient);
    Function tangent = derivatives.tangent();
    Verifier.check(tangent);
    VerbatimChecks.requireKept(primal, tangent);
    Optional<SecondOrder> secondOrder = derivatives.secondOrder();
    if (secondOrder.isPresent()) {
      Verifier.check(secondOrder.get().hessianVector());
      VerbatimChecks.requireKept(primal, secondOrder.get().hessianVector());
      Function hessian = secondOrder.get().hessian();
      Verifier.check(hessian);
      VerbatimChecks.requireKept(primal, hessian);
    }
    return new Differentiated(
        request,
        primal,
        lowered.wrt(),
        GradientLayout.of(lowered.wrt()),
        gradient,
        tangent,
        secondOrder,
        lowered.parameterTypes(),
        derivatives.helpers(),
        diagnostics,
        lowered.visible(),
        lowered.bound(),
        lowered.inputs());
  }

  /**
   * Code kept verbatim must not read a value that depends on the differentiated parameters (its
   * derivative is unknown), nor sit in a loop nested in another loop (the reverse sweep runs an
   * outer iteration's inner loops again, which would run the code again), nor in a recursive method
   * (whose derivatives run its body again).
   */
  private static void reportVerbatim(
      Function primal,
      Lowered lowered,
      Activity activity,
      Map<Var, String> labels,
      int checkpoints,
      Diagnostics diagnostics) {
    Map<Integer, VerbatimSite> sites = new java.util.HashMap<>();
    lowered.verbatim().forEach(s -> sites.put(s.id(), s));
    Set<Integer> reported = new HashSet<>();
    for (VerbatimChecks.Site s : VerbatimChecks.sites(primal)) {
      VerbatimSite at = sites.get(s.code().id());
      if (at == null || !reported.add(at.id())) {
        continue;
      }
      Optional<Var> active = VerbatimChecks.activeRead(s, activity);
      if (active.isPresent() && at.callee() != null) {
        diagnostics.report(DiagnosticCode.AD301, at.span(), at.callee(), CalleeResolver.NO_SOURCE);
      } else if (active.isPresent()) {
        String name = labels.getOrDefault(active.get(), active.get().name());
        diagnostics.report(
            DiagnosticCode.AD118,
            at.span(),
            at.text(),
            "it reads '" + name + "', which depends on the differentiated parameters");
      } else if (s.loopInBranch()) {
        diagnostics.report(
            DiagnosticCode.AD118,
            at.span(),
            at.text(),
            "it is inside a loop that is inside a branch (an if, or the rest of a method after an"
                + " early return), whose loops the reverse sweep runs again; read the data before"
                + " the branch, or into an array");
      } else if (checkpoints > 0 && s.loopDepth() >= 1) {
        diagnostics.report(
            DiagnosticCode.AD118,
            at.span(),
            at.text(),
            "it is inside a loop, which @Differentiable(checkpoints = "
                + checkpoints
                + ") recomputes from its snapshots; read the data into an array before the loop, or"
                + " store every iteration (checkpoints = 0)");
      } else if (s.loopDepth() >= 2) {
        diagnostics.report(
            DiagnosticCode.AD118,
            at.span(),
            at.text(),
            "it is inside a loop nested in another loop, whose inner loops the reverse sweep runs"
                + " again");
      }
    }
    for (Function h : lowered.helpers()) {
      if (!VerbatimChecks.sites(h).isEmpty()) {
        diagnostics.report(
            DiagnosticCode.AD118,
            Span.METHOD,
            "code in recursive method '" + h.name() + "'",
            "the derivatives of a recursive method run its body again");
      }
    }
  }

  /**
   * What a recursive helper may be given that depends on the differentiated parameters: scalars,
   * and {@code double[]} parameters of the method (their derivatives through the helper are new
   * arrays, which forward mode over reverse mode does not differentiate yet: first order only).
   */
  private static void reportActiveArrayArguments(
      Function primal, Activity activity, int order, Diagnostics diagnostics) {
    Set<String> reported = new HashSet<>();
    for (Expr.Apply a : Applies.in(primal)) {
      for (Expr arg : a.args()) {
        Var root = arg.type().isArray() ? Exprs.root(arg) : null;
        if (root == null || !activity.isActive(root)) {
          continue;
        }
        String why =
            root.type() != Type.DOUBLE_ARRAY || !primal.params().contains(root)
                ? "its argument '"
                    + root.name()
                    + "' is an array that depends on the differentiated parameters and is not a"
                    + " double[] parameter of the method"
                : order > 1
                    ? "its array argument '"
                        + root.name()
                        + "' depends on the differentiated parameters, which order = 2 does not"
                        + " support yet"
                    : null;
        if (why != null && reported.add(a.function() + why)) {
          diagnostics.report(DiagnosticCode.AD114, Span.METHOD, a.function(), why);
        }
      }
    }
  }
}
