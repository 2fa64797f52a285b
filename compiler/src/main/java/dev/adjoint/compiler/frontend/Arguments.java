package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of an inlined callee's IR function at a call site: its plain parameters take the
 * call's arguments, and each parameter bound from an object (its receiver's fields, a record
 * argument's components, {@link Binding}) takes the caller's value of that field.
 */
final class Arguments {
  private Arguments() {}

  /**
   * One IR argument per parameter of {@code callee}'s function; empty after an error.
   *
   * @param self the receiver, for an instance method
   * @param args the call's arguments (a placeholder where {@code objects} has the object)
   */
  static Optional<List<Expr>> of(
      Context cx,
      MethodCallExpr call,
      Lowered callee,
      Struct self,
      List<Expr> args,
      List<Struct> objects) {
    List<Var> visible = callee.visible();
    int offset = self != null ? 1 : 0;
    List<Expr> out = new ArrayList<>();
    for (Var p : callee.function().params()) {
      Binding b = callee.bound().get(p);
      int at = visible.indexOf(p);
      Struct object = at < offset ? self : at >= 0 ? objects.get(at - offset) : null;
      if (b == null && object != null) {
        // the callee hands the object itself to code kept verbatim: the caller's Java object
        Optional<Var> handle = cx.objects.handle(object);
        if (handle.isEmpty()) {
          cx.report(
              DiagnosticCode.AD118,
              call,
              ExprLowering.describe(call),
              "the method gives an object made here to code kept verbatim, which needs a Java"
                  + " object");
          return Optional.empty();
        }
        out.add(dev.adjoint.compiler.ir.Exprs.ref(handle.get()));
        continue;
      }
      if (b == null) {
        out.add(args.get(at - offset));
        continue;
      }
      int k = visible.indexOf(b.root());
      Struct from = k < offset ? self : objects.get(k - offset);
      Optional<Struct.Member> m = from == null ? Optional.empty() : from.at(b.names());
      if ((m.isEmpty() || m.get().leaf() == null) && from != null && from.reported) {
        return Optional.empty(); // making the object was reported
      }
      if (m.isEmpty() || m.get().leaf() == null) {
        cx.report(
            DiagnosticCode.AD117,
            call,
            from == null ? "?" : from.type.simpleName(),
            "the method reads " + String.join(".", b.names()) + ", which this object does not set");
        return Optional.empty();
      }
      out.add(m.get().leaf());
    }
    return Optional.of(out);
  }
}
