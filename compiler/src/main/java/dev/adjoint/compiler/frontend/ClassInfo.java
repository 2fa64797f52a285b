package dev.adjoint.compiler.frontend;

import java.util.List;
import java.util.Optional;

/**
 * A class that differentiable code uses as an object (a record, the receiver's class, a helper
 * object's class), as javac resolved it: what the frontend needs to replace its instances by their
 * fields ({@link Struct}).
 *
 * @param name the canonical name ({@code com.example.Model.Params}), its key in messages
 * @param spelling how the generated class (same package as the owner) names it
 * @param isRecord whether it is a record: its fields are its components, read by accessors
 * @param accessible whether the generated class can name the type (no private class on the way)
 * @param fields the instance fields (a record's components) in declaration order
 * @param constructors the sources of its constructors (empty for a record's implicit canonical one)
 * @param scope resolves the names used inside its methods and constructors
 * @param typeParameters how many type parameters the class declares: a parameter of its type is
 *     declared with as many wildcards ({@code Box<?>}), never raw
 */
public record ClassInfo(
    String name,
    String spelling,
    boolean isRecord,
    boolean accessible,
    List<Field> fields,
    List<MethodRequest> constructors,
    CalleeResolver scope,
    int typeParameters) {
  public ClassInfo {
    fields = List.copyOf(fields);
    constructors = List.copyOf(constructors);
    scope = scope == null ? CalleeResolver.NONE : scope;
  }

  /** A class without type parameters. */
  public ClassInfo(
      String name,
      String spelling,
      boolean isRecord,
      boolean accessible,
      List<Field> fields,
      List<MethodRequest> constructors,
      CalleeResolver scope) {
    this(name, spelling, isRecord, accessible, fields, constructors, scope, 0);
  }

  /** How a parameter of this type is declared: {@code Box<?>} for a generic class. */
  public String parameterSpelling() {
    return typeParameters == 0
        ? spelling
        : spelling
            + "<"
            + String.join(", ", java.util.Collections.nCopies(typeParameters, "?"))
            + ">";
  }

  /**
   * An instance field, or a record component.
   *
   * @param type its type as javac prints it: {@code double[]}, {@code com.example.Params}
   * @param direct whether the generated class reads it as {@code object.name} (not private); a
   *     private field is read through a {@code VarHandle}; a record component by its accessor
   * @param initializer the text of its initialiser, or null
   * @param isFinal whether it is declared final (a record's components are)
   * @param data for a String or enum field, its type as javac resolved it; null otherwise
   */
  public record Field(
      String name,
      String type,
      boolean direct,
      String initializer,
      boolean isFinal,
      DataType data) {
    /** A field that is not a String or enum. */
    public Field(String name, String type, boolean direct, String initializer, boolean isFinal) {
      this(name, type, direct, initializer, isFinal, null);
    }
  }

  public Optional<Field> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** The simple name, for messages. */
  public String simpleName() {
    return name.substring(name.lastIndexOf('.') + 1);
  }
}
