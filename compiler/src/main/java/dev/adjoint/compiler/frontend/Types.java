package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.PrimitiveType;
import dev.adjoint.compiler.ir.Type;
import java.util.Optional;

/**
 * Maps source types to IR types; empty for anything the IR does not model. A {@code char} is an
 * {@code int} in the IR: the language reads chars (selectors, labels, promotions), and a cast to
 * char is lowered with its narrowing; a {@code char[]} is modelled only as a parameter ({@link
 * #parameter}).
 */
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
        case CHAR -> Optional.of(Type.INT);
        default -> Optional.empty();
      };
    }
    if (t instanceof ArrayType a && a.getArrayLevel() == 2) {
      return of(a.getElementType()).filter(Type::isFloating).map(e -> e.arrayOf().arrayOf());
    }
    if (t instanceof ArrayType a && a.getArrayLevel() == 1 && !isChar(a.getComponentType())) {
      return of(a.getComponentType())
          .filter(e -> e.isFloating() || e == Type.INT)
          .map(Type::arrayOf);
    }
    return Optional.empty();
  }

  /** A parameter's IR type: as {@link #of}, and a {@code char[]} (read-only data) as int[]. */
  static Optional<Type> parameter(com.github.javaparser.ast.type.Type t) {
    return isCharArray(t) ? Optional.of(Type.INT_ARRAY) : of(t);
  }

  static boolean isChar(com.github.javaparser.ast.type.Type t) {
    return t instanceof PrimitiveType p && p.getType() == PrimitiveType.Primitive.CHAR;
  }

  static boolean isCharArray(com.github.javaparser.ast.type.Type t) {
    return t instanceof ArrayType a && a.getArrayLevel() == 1 && isChar(a.getComponentType());
  }
}
