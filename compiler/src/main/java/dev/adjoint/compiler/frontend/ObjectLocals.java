package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Stmt;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.List;
import java.util.Optional;

/**
 * Local declarations of object and data types: a record or helper object names its {@link Struct}
 * ({@code Params q = step(p, h);}), data kept verbatim names the variable holding it ({@code Sample
 * s = data.get(i);}). Neither is reassigned.
 */
final class ObjectLocals {
  private final Context cx;
  private final ExprLowering exprs;

  ObjectLocals(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
  }

  /** Lowers {@code v} when it is such a local (true), or does nothing (false). */
  boolean declare(VariableDeclarator v, List<Stmt> out) {
    return objectLocal(v) || dataLocal(v, out);
  }

  /**
   * A local holding a record or helper object ({@code Params q = step(p, h);}, {@code var s = new
   * Spring(k);}): the name denotes the object's struct; true when {@code v} is one (lowered or
   * reported).
   */
  boolean objectLocal(VariableDeclarator v) {
    Optional<ClassInfo> declared =
        v.getType().isVarType() ? Optional.empty() : exprs.objects.classOf(v.getType());
    if (declared.isEmpty() && !v.getType().isVarType()) {
      return false;
    }
    Optional<Struct> value = v.getInitializer().flatMap(exprs.objects::object);
    if (value.isEmpty()) {
      if (declared.isPresent()
          && v.getInitializer().filter(i -> exprs.verbatim.data.isDataValue(i)).isEmpty()) {
        cx.report(
            DiagnosticCode.AD117,
            v,
            declared.get().simpleName(),
            "a local of object type needs an initialiser that makes or names an object");
        return true;
      }
      return false;
    }
    if (declared.isPresent()
        && !value.get().reported // what made it was reported: no follow-on error
        && !declared.get().name().equals(value.get().type.name())) {
      cx.report(
          DiagnosticCode.AD208,
          v,
          "cannot assign " + value.get().type.simpleName() + " to " + declared.get().simpleName());
      return true;
    }
    String name = v.getNameAsString();
    Optional<AssignExpr> reassigned = reassignment(v);
    if (reassigned.isPresent()) {
      cx.report(
          DiagnosticCode.AD117,
          reassigned.get(),
          value.get().type.simpleName(),
          "a local holding an object is not reassigned; declare a new local for the new object");
    }
    cx.scope.bindObject(name, value.get());
    return true;
  }

  /**
   * A local holding data kept verbatim ({@code Sample s = data.get(i);}, {@code var it =
   * xs.iterator();}, {@code List<Sample> d = data;}): the name denotes the value's variable. A
   * boxed number ({@code Double w = ws.get(i);}) is a local of its primitive type. True when {@code
   * v} is one (lowered or reported).
   */
  boolean dataLocal(VariableDeclarator v, List<Stmt> out) {
    Optional<Expression> init = v.getInitializer();
    // a reference type: a primitive the IR does not model (short, byte) stays unsupported
    boolean declaredData =
        !v.getType().isVarType()
            && Types.of(v.getType()).isEmpty()
            && !v.getType().isPrimitiveType()
            && !v.getType().isArrayType()
            && cx.program.resolver.javaType(v.getType().asString()).isPresent();
    boolean inferredData =
        v.getType().isVarType() && init.filter(i -> exprs.verbatim.data.isDataValue(i)).isPresent();
    if (!declaredData && !inferredData) {
      return false;
    }
    String name = v.getNameAsString();
    if (init.isEmpty()) {
      cx.report(DiagnosticCode.AD204, v, name, v.getType().asString() + " without an initialiser");
      return true;
    }
    Expr value =
        exprs.verbatim.value(
            init.get(),
            name,
            declaredData
                ? cx.program.resolver.javaType(v.getType().asString()).orElse(null)
                : null);
    if (Context.isPlaceholder(value)) {
      return true;
    }
    if (value.type() != Type.OBJECT) {
      // a boxed number: a local of its primitive type, unboxed where it is read
      cx.flush(out);
      Var var = cx.scope.declare(name, value.type());
      out.add(new Stmt.Declare(var, value));
      return true;
    }
    if (!(value instanceof Expr.Ref r)) {
      cx.report(DiagnosticCode.AD204, v, name, v.getType().asString());
      return true;
    }
    Optional<AssignExpr> reassigned = reassignment(v);
    if (reassigned.isPresent()) {
      cx.report(
          DiagnosticCode.AD118,
          reassigned.get(),
          "'" + name + "'",
          "a local holding data is not reassigned; declare a new local");
      return true;
    }
    cx.scope.bind(name, r.var());
    return true;
  }

  /** The first assignment to the local {@code v} declares, anywhere in its method, if any. */
  private static Optional<AssignExpr> reassignment(VariableDeclarator v) {
    Node scope = v;
    while (scope.getParentNode().isPresent()
        && !(scope instanceof com.github.javaparser.ast.body.MethodDeclaration)) {
      scope = scope.getParentNode().get();
    }
    String name = v.getNameAsString();
    return scope.findAll(AssignExpr.class).stream()
        .filter(a -> a.getTarget() instanceof NameExpr n && n.getNameAsString().equals(name))
        .findFirst();
  }
}
