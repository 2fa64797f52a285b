package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Type;
import java.util.Optional;

/**
 * Objects in differentiable code: records, the receiver and helper objects are replaced by their
 * fields ({@link Struct}). This class finds the object an expression denotes ({@code this}, a
 * parameter or local of object type, {@code p.inner()}, {@code new Spring(k)}, a call returning a
 * record) and the numbers and arrays read from one ({@code weights}, {@code this.bias}, {@code
 * p.a()}, {@code s.k}).
 */
final class ObjectLowering {
  private final Context cx;
  private final ExprLowering exprs;

  ObjectLowering(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
  }

  /** The class a written type names, if its objects can be replaced by their fields. */
  Optional<ClassInfo> classOf(com.github.javaparser.ast.type.Type t) {
    if (!(t instanceof ClassOrInterfaceType c) || c.getTypeArguments().isPresent()) {
      return Optional.empty();
    }
    String name = c.getNameWithScope();
    if (name.equals("String") || name.equals("java.lang.String")) {
      return Optional.empty();
    }
    return cx.program.resolver.type(name);
  }

  /**
   * The object {@code e} denotes, or empty when it denotes none (a number, an array, or something
   * the language does not model). Lowers nothing unless {@code e} is an object.
   */
  Optional<Struct> object(Expression e) {
    if (e instanceof EnclosedExpr en) {
      return object(en.getInner());
    }
    if (e instanceof ThisExpr t && t.getTypeName().isEmpty()) {
      return Optional.ofNullable(cx.self);
    }
    if (e instanceof NameExpr n) {
      String name = n.getNameAsString();
      if (cx.scope.lookup(name).isPresent()) {
        return Optional.empty();
      }
      Optional<Struct> local = cx.scope.lookupObject(name);
      if (local.isPresent()) {
        return local;
      }
      return cx.self == null ? Optional.empty() : nested(cx.self, name);
    }
    if (e instanceof FieldAccessExpr f) {
      return object(f.getScope()).flatMap(s -> nested(s, f.getNameAsString()));
    }
    if (e instanceof MethodCallExpr m) {
      Optional<Struct> scope = m.getScope().flatMap(this::object);
      if (scope.isPresent() && isComponent(scope.get(), m)) {
        return nested(scope.get(), m.getNameAsString());
      }
      return exprs.userCalls.object(m, scope.orElse(null));
    }
    if (e instanceof ObjectCreationExpr o) {
      Optional<ClassInfo> type = classOf(o.getType());
      if (type.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Constructors(cx, exprs).create(o, type.get()));
    }
    return Optional.empty();
  }

  /**
   * A number or array read from an object: a field of the receiver ({@code weights}, {@code
   * this.weights}), of another object ({@code s.k}) or a record component ({@code p.a()}). Empty
   * when {@code e} is no such read; an error (placeholder) for a field of a type the IR does not
   * model.
   */
  Optional<Expr> member(Expression e) {
    if (e instanceof NameExpr n) {
      String name = n.getNameAsString();
      if (cx.self == null
          || cx.scope.lookup(name).isPresent()
          || cx.scope.lookupObject(name).isPresent()) {
        return Optional.empty();
      }
      return leaf(cx.self, name, e);
    }
    if (e instanceof FieldAccessExpr f) {
      Optional<Struct> s = object(f.getScope());
      return s.isEmpty() ? Optional.empty() : leaf(s.get(), f.getNameAsString(), e);
    }
    if (e instanceof MethodCallExpr m && m.getScope().isPresent()) {
      Optional<Struct> s = object(m.getScope().get());
      if (s.isPresent() && isComponent(s.get(), m)) {
        return leaf(s.get(), m.getNameAsString(), e);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a plain name is a field of the receiver (no local or object local of that name hides
   * it), as {@link #member} would read it: so that {@code w.length} of an array field is the
   * array's length rather than a constant {@code length} of a class {@code w}.
   */
  boolean isFieldName(NameExpr n) {
    String name = n.getNameAsString();
    return cx.self != null
        && cx.scope.lookup(name).isEmpty()
        && cx.scope.lookupObject(name).isEmpty()
        && cx.self.type.field(name).isPresent();
  }

  /**
   * Lowers {@code this.f = e} (or {@code f = e}) in a constructor, for a field of array or object
   * type, which the object then refers to; false when {@code a} is no such assignment.
   */
  boolean assignField(AssignExpr a) {
    if (!cx.constructing || a.getOperator() != AssignExpr.Operator.ASSIGN) {
      return false;
    }
    Optional<ClassInfo.Field> f = constructedField(a.getTarget());
    if (f.isEmpty()) {
      return false;
    }
    Optional<FieldTypes.Resolved> t = FieldTypes.resolve(cx.self.type, f.get());
    if (t.isEmpty() || (t.get().type() != null && !t.get().type().isArray())) {
      return false; // a number: assigned like a variable (Assignments)
    }
    if (t.get().object() != null) {
      Optional<Struct> value = object(a.getValue());
      if (value.isEmpty()) {
        cx.report(
            DiagnosticCode.AD208,
            a.getValue(),
            "field '" + f.get().name() + "' holds a " + t.get().object().simpleName());
        return true;
      }
      cx.self.set(f.get().name(), Struct.Member.of(value.get()));
      return true;
    }
    Expr value = exprs.lower(a.getValue());
    if (!Context.isPlaceholder(value)) {
      if (!(value instanceof Expr.Ref) || value.type() != t.get().type()) {
        cx.report(
            DiagnosticCode.AD309,
            a,
            "field '" + f.get().name() + "'",
            "an array field of a helper object must be set from an array variable",
            "assign a parameter or a local array (this.w = w)");
        return true;
      }
      cx.self.set(f.get().name(), Struct.Member.of(value));
    }
    return true;
  }

  /** The field of the object under construction that an assignment's target names, if any. */
  Optional<ClassInfo.Field> constructedField(Expression target) {
    if (!cx.constructing) {
      return Optional.empty();
    }
    String name;
    if (target instanceof FieldAccessExpr f
        && f.getScope() instanceof ThisExpr t
        && t.getTypeName().isEmpty()) {
      name = f.getNameAsString();
    } else if (target instanceof NameExpr n && cx.scope.lookup(n.getNameAsString()).isEmpty()) {
      name = n.getNameAsString();
    } else {
      return Optional.empty();
    }
    return cx.self.type.field(name);
  }

  /** Whether {@code m} is an accessor call {@code p.a()} of a record component. */
  private static boolean isComponent(Struct s, MethodCallExpr m) {
    return s.type.isRecord()
        && m.getArguments().isEmpty()
        && s.type.field(m.getNameAsString()).isPresent();
  }

  private Optional<Struct> nested(Struct s, String name) {
    if (s.type.field(name).isEmpty()) {
      return Optional.empty();
    }
    return s.get(name).map(Struct.Member::nested);
  }

  private Optional<Expr> leaf(Struct s, String name, Expression at) {
    Optional<ClassInfo.Field> f = s.type.field(name);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Optional<Struct.Member> m = s.get(name);
    if (m.isEmpty()) {
      Optional<FieldTypes.Resolved> t = FieldTypes.resolve(s.type, f.get());
      if (t.isPresent() && cx.constructing && s == cx.self) {
        return Optional.of(
            cx.error(
                DiagnosticCode.AD309,
                at,
                Type.DOUBLE,
                "field '" + name + "'",
                "it is read before the constructor sets it",
                "set it first"));
      }
      return Optional.of(
          cx.error(
              DiagnosticCode.AD116, at, Type.DOUBLE, name, s.type.simpleName(), f.get().type()));
    }
    if (m.get().nested() != null) {
      return Optional.empty(); // an object: read through object()
    }
    return Optional.of(m.get().leaf());
  }
}
