package dev.adjoint.compiler.javac;

import dev.adjoint.compiler.frontend.DataType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The String and enum parameters of a method, resolved by javac: the frontend sees only the names
 * the source writes ({@code Kind}), which the generated class (another class of the same package)
 * may not be able to use as they are.
 */
final class DataTypes {
  private DataTypes() {}

  static Map<String, DataType> of(ExecutableElement m) {
    Map<String, DataType> out = new LinkedHashMap<>();
    String pkg = ClassInfos.packageOf(m).getQualifiedName().toString();
    for (VariableElement p : m.getParameters()) {
      of(p.asType(), pkg).ifPresent(t -> out.put(p.getSimpleName().toString(), t));
    }
    return out;
  }

  /**
   * The data type of a parameter type, spelled for a class of package {@code pkg} (where the
   * generated class is): relative to it for a type of that package, in full otherwise.
   */
  static Optional<DataType> of(TypeMirror t, String pkg) {
    if (!(t instanceof DeclaredType d) || !(d.asElement() instanceof TypeElement type)) {
      return Optional.empty();
    }
    String canonical = type.getQualifiedName().toString();
    if (canonical.equals("java.lang.String")) {
      return Optional.of(DataType.STRING);
    }
    if (type.getKind() != ElementKind.ENUM || !ClassInfos.accessible(type)) {
      return Optional.empty();
    }
    List<String> constants =
        type.getEnclosedElements().stream()
            .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
            .map(e -> e.getSimpleName().toString())
            .toList();
    return Optional.of(new DataType(canonical, ClassInfos.spelling(type, pkg), true, constants));
  }
}
