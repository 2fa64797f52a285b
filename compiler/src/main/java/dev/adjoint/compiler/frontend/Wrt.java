package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.body.MethodDeclaration;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.diag.Span;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Resolves which parameters are differentiated: the names in {@code wrt}, or by default every
 * {@code double} and {@code float} parameter and array of them not marked {@code @NoDerivative};
 * always in declaration order, which fixes the flat gradient layout.
 */
final class Wrt {
  private Wrt() {}

  static List<Var> resolve(
      MethodRequest request, MethodDeclaration m, Map<String, Var> params, Context cx) {
    List<Var> wrt = new ArrayList<>();
    if (request.wrt().isEmpty()) {
      for (Var p : params.values()) {
        if (differentiable(p) && !request.noDerivative().contains(p.name())) {
          wrt.add(p);
        }
      }
      if (wrt.isEmpty()) {
        cx.diagnostics.report(DiagnosticCode.AD209, cx.spans.of(m.getName()));
      }
      return wrt;
    }
    for (String name : request.wrt()) {
      Var p = params.get(name);
      if (p == null) {
        cx.diagnostics.report(
            DiagnosticCode.AD205, Span.METHOD, name, String.join(", ", params.keySet()));
      } else if (!differentiable(p)) {
        cx.diagnostics.report(
            DiagnosticCode.AD206, Span.METHOD, name, "its type is " + p.type().javaName());
      } else if (request.noDerivative().contains(name)) {
        cx.diagnostics.report(
            DiagnosticCode.AD206, Span.METHOD, name, "it is marked @NoDerivative");
      }
    }
    for (Var p : params.values()) {
      if (request.wrt().contains(p.name())
          && differentiable(p)
          && !request.noDerivative().contains(p.name())) {
        wrt.add(p);
      }
    }
    return wrt;
  }

  private static boolean differentiable(Var p) {
    return p.type().carriesDerivatives();
  }
}
