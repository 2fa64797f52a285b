package dev.adjoint.compiler.frontend;

import com.github.javaparser.ParseProblemException;
import com.github.javaparser.StaticJavaParser;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import dev.adjoint.compiler.ir.Type;
import java.util.Optional;

/**
 * The type of a field (or record component) of a class that differentiable code uses: a number or
 * array the IR models, or another class whose objects are replaced by their fields.
 */
final class FieldTypes {
  private FieldTypes() {}

  /**
   * Exactly one of {@code type} and {@code object}; {@code spelling} is how the generated class
   * names it; {@code data} for a String or enum ({@code type} is then {@code OBJECT}).
   */
  record Resolved(Type type, ClassInfo object, String spelling, DataType data) {
    Resolved(Type type, ClassInfo object, String spelling) {
      this(type, object, spelling, null);
    }

    /** Whether the field refers to something (an array, an object, data) rather than a number. */
    boolean isReference() {
      return type == null || type.isArray() || type == Type.OBJECT;
    }
  }

  static Optional<Resolved> resolve(ClassInfo owner, ClassInfo.Field field) {
    if (field.data() != null) {
      return Optional.of(new Resolved(Type.OBJECT, null, field.data().spelling(), field.data()));
    }
    com.github.javaparser.ast.type.Type parsed;
    try {
      parsed = StaticJavaParser.parseType(field.type());
    } catch (ParseProblemException e) {
      return Optional.empty();
    }
    Optional<Type> t = Types.of(parsed);
    if (t.isPresent()) {
      return Optional.of(new Resolved(t.get(), null, t.get().javaName()));
    }
    if (parsed instanceof ClassOrInterfaceType c && c.getTypeArguments().isEmpty()) {
      Optional<Resolved> object =
          owner
              .scope()
              .type(field.type())
              .filter(ClassInfo::accessible)
              .map(info -> new Resolved(null, info, info.spelling()));
      if (object.isPresent()) {
        return object;
      }
    }
    // any other class: data, read through calls kept verbatim (a List<Sample>, a Random); not an
    // array the IR does not model, nor a boxed number (hold numbers in primitives)
    if (parsed.isArrayType() || Verbatim.irType(field.type()) != Type.OBJECT) {
      return Optional.empty();
    }
    return Optional.of(new Resolved(Type.OBJECT, null, field.type()));
  }
}
