package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.Optional;

/**
 * Which expressions are data kept verbatim ({@link Verbatim}), decided from the source alone,
 * lowering nothing: a variable holding data, a field of a data type, a call or field on such, a new
 * object of a class without source, a static call without source.
 */
final class DataExpressions {
  private final Context cx;
  private final ExprLowering exprs;

  DataExpressions(Context cx, ExprLowering exprs) {
    this.cx = cx;
    this.exprs = exprs;
  }

  /**
   * Whether {@code e} is data kept verbatim: a data variable, a field of a data type, a call or
   * field on such, a new object of a class without source. Decided from the source alone.
   */
  boolean isData(Expression e) {
    if (e instanceof EnclosedExpr en) {
      return isData(en.getInner());
    }
    if (e instanceof NameExpr n) {
      Optional<Var> v = cx.scope.lookup(n.getNameAsString());
      if (v.isPresent()) {
        return v.get().type() == Type.OBJECT && javaType(v.get()) != null;
      }
      return cx.self != null
          && cx.scope.lookupObject(n.getNameAsString()).isEmpty()
          && dataField(cx.self, n.getNameAsString());
    }
    if (e instanceof FieldAccessExpr f) {
      if (f.getScope() instanceof ThisExpr t && t.getTypeName().isEmpty() && cx.self != null) {
        return dataField(cx.self, f.getNameAsString());
      }
      return isData(f.getScope());
    }
    if (e instanceof MethodCallExpr m) {
      return m.getScope().isPresent() && (isData(m.getScope().get()) || isStaticData(m));
    }
    if (e instanceof ObjectCreationExpr o) {
      return o.getAnonymousClassBody().isEmpty()
          && exprs.objects.classOf(o.getType()).isEmpty()
          && cx.program.resolver.javaType(o.getType().asString()).isPresent();
    }
    return false;
  }

  /** Whether {@code e} is data: {@link #isData}, or a variable holding data. */
  boolean isDataValue(Expression e) {
    return isData(e) || isDataName(e);
  }

  /** A static call of a class's method that has no source here: {@code Objects.hash(...)}. */
  boolean isStaticData(MethodCallExpr m) {
    if (m.getScope().isEmpty()) {
      return false;
    }
    Expression q = m.getScope().get();
    if (!(q instanceof NameExpr || q instanceof FieldAccessExpr)
        || (q instanceof NameExpr n
            && (cx.scope.lookup(n.getNameAsString()).isPresent()
                || cx.scope.lookupObject(n.getNameAsString()).isPresent()
                || (cx.self != null && cx.self.type.field(n.getNameAsString()).isPresent())))) {
      return false;
    }
    String qualifier = q.toString();
    int arity = m.getArguments().size();
    return cx.program.resolver.javaType(qualifier).isPresent()
        && cx.program.resolver.resolve(qualifier, m.getNameAsString(), arity).isEmpty()
        && cx.program.resolver.rule(qualifier, m.getNameAsString(), arity).isEmpty();
  }

  private boolean dataField(Struct s, String name) {
    return s.type
        .field(name)
        .flatMap(f -> FieldTypes.resolve(s.type, f))
        .map(t -> t.type() == Type.OBJECT && t.data() == null)
        .orElse(false);
  }

  /** The Java type of a data variable, or null for one that holds no data kept verbatim. */
  String javaType(Var v) {
    String t = cx.javaTypes.get(v);
    if (t == null && cx.data.containsKey(v)) {
      return cx.data.get(v).canonicalName();
    }
    return t;
  }

  boolean isDataName(Expression a) {
    return a instanceof NameExpr n
        && cx.scope
            .lookup(n.getNameAsString())
            .map(v -> v.type() == Type.OBJECT && javaType(v) != null)
            .orElse(false);
  }
}
