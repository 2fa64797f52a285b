package dev.adjoint.compiler.javac;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Type;
import java.util.Optional;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A {@code static final} compile-time constant as an IR constant: named as in the source when the
 * generated class can see it ({@code Physics.G}), as its value otherwise (a private field).
 */
final class Constants {
  private Constants() {}

  static Optional<Expr.Const> of(VariableElement field, TypeElement owner) {
    Object value = field.getConstantValue();
    String name = owner.getQualifiedName() + "." + field.getSimpleName();
    boolean visible = !field.getModifiers().contains(Modifier.PRIVATE);
    if (value instanceof Double d) {
      return Optional.of(new Expr.Const(Type.DOUBLE, d, visible ? name : Expr.Const.of(d).text()));
    }
    if (value instanceof Integer i) {
      return Optional.of(new Expr.Const(Type.INT, i, visible ? name : Integer.toString(i)));
    }
    if (value instanceof Long l && Math.abs(l) < (1L << 53)) {
      return Optional.of(new Expr.Const(Type.LONG, l, visible ? name : l + "L"));
    }
    if (value instanceof Boolean b) {
      return Optional.of(
          new Expr.Const(Type.BOOLEAN, b ? 1 : 0, visible ? name : Boolean.toString(b)));
    }
    return Optional.empty(); // float, char, String...: not part of the language
  }
}
