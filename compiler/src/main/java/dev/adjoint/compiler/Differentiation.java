package dev.adjoint.compiler;

import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.diag.Diagnostics;
import dev.adjoint.compiler.diag.Span;
import dev.adjoint.compiler.frontend.CalleeResolver;
import dev.adjoint.compiler.frontend.Lowered;
import dev.adjoint.compiler.frontend.MethodLowering;
import dev.adjoint.compiler.frontend.MethodRequest;
import dev.adjoint.compiler.ir.Function;
import dev.adjoint.compiler.ir.Var;
import dev.adjoint.compiler.ir.Verifier;
import dev.adjoint.compiler.pass.Activity;
import dev.adjoint.compiler.pass.GradientLayout;
import dev.adjoint.compiler.pass.Pipeline;
import java.util.List;

/**
 * One method through the compiler, free of javac: lower, check, differentiate, verify. The result
 * carries the diagnostics; the derivatives are present only when there are no errors.
 */
public final class Differentiation {
  private Differentiation() {}

  /** What the emitter needs for one method, or the reasons there is nothing to emit. */
  public record Outcome(
      MethodRequest request,
      Function primal,
      List<Var> wrt,
      GradientLayout layout,
      Function gradient,
      Function tangent,
      Function hessianVector,
      Function hessian,
      Diagnostics diagnostics) {
    public boolean succeeded() {
      return gradient != null && !diagnostics.hasErrors();
    }
  }

  public static Outcome run(MethodRequest request) {
    return run(request, CalleeResolver.NONE);
  }

  public static Outcome run(MethodRequest request, CalleeResolver callees) {
    Lowered lowered = MethodLowering.lower(request, callees);
    Diagnostics diagnostics = lowered.diagnostics();
    if (diagnostics.hasErrors()) {
      return new Outcome(
          request, lowered.function(), lowered.wrt(), null, null, null, null, null, diagnostics);
    }
    Verifier.checkRaw(lowered.function());
    Function primal = Pipeline.normalise(lowered.function());
    Verifier.check(primal);
    Activity activity = Activity.of(primal, lowered.wrt());
    for (Var p : lowered.wrt()) {
      if (!activity.isUseful(p)) {
        diagnostics.report(
            DiagnosticCode.AD303,
            lowered.paramSpans().getOrDefault(p.name(), Span.METHOD),
            p.name());
      }
    }
    Pipeline.Derivatives derivatives = Pipeline.derivatives(primal, lowered.wrt(), request.order());
    Function gradient = derivatives.gradient();
    Verifier.check(gradient);
    Function tangent = derivatives.tangent();
    Verifier.check(tangent);
    Function hessianVector = null;
    Function hessian = null;
    if (derivatives.secondOrder().isPresent()) {
      hessianVector = derivatives.secondOrder().get().hessianVector();
      Verifier.check(hessianVector);
      hessian = derivatives.secondOrder().get().hessian();
      Verifier.check(hessian);
    }
    return new Outcome(
        request,
        primal,
        lowered.wrt(),
        GradientLayout.of(lowered.wrt()),
        gradient,
        tangent,
        hessianVector,
        hessian,
        diagnostics);
  }
}
