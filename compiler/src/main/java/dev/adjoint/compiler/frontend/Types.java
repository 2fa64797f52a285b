package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.PrimitiveType;
import dev.adjoint.compiler.ir.Type;
import java.util.Optional;

/** Maps source types to IR types; empty for anything the IR does not model. */
final class Types {
  private Types() {}

  static Optional<Type> of(com.github.javaparser.ast.type.Type t) {
    if (t instanceof PrimitiveType p) {
      return switch (p.getType()) {
        case DOUBLE -> Optional.of(Type.DOUBLE);
        case FLOAT -> Optional.of(Type.FLOAT);
        case INT -> Optional.of(Type.INT);
        case LONG -> Optional.of(Type.LONG);
        case BOOLEAN -> Optional.of(Type.BOOLEAN);
        default -> Optional.empty();
      };
    }
    if (t instanceof ArrayType a && a.getArrayLevel() == 2) {
      return of(a.getElementType()).filter(Type::isFloating).map(e -> e.arrayOf().arrayOf());
    }
    if (t instanceof ArrayType a && a.getArrayLevel() == 1) {
      return of(a.getComponentType())
          .filter(e -> e.isFloating() || e == Type.INT)
          .map(Type::arrayOf);
    }
    return Optional.empty();
  }
}
