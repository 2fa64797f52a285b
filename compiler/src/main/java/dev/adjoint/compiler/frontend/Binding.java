package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Var;
import java.util.List;

/**
 * How a parameter of the IR function is read from one of the method's own parameters: a field of
 * the receiver ({@code self.weights}), a record component ({@code p.a()}), or a path of them
 * ({@code p.inner().x()}). The generated methods take the method's parameters as declared and bind
 * these at entry; an inlined callee's are read from its arguments. Sound because differentiable
 * code never writes a field, and a record's components are final.
 *
 * @param root the declared parameter (or {@code self}, the receiver) the path starts from
 * @param path the accesses, outermost first; never empty
 */
public record Binding(Var root, List<Access> path) {
  public Binding {
    path = List.copyOf(path);
    if (path.isEmpty()) {
      throw new IllegalArgumentException("a binding reads at least one field");
    }
  }

  /**
   * One step of a binding's path.
   *
   * @param name the field's or component's name
   * @param kind how the generated code reads it
   * @param declaringType the class declaring it, as javac spells it
   * @param type its type, as javac spells it
   * @param isFinal whether it is declared final (a record component is): the generated adapters
   *     write the point into a receiver's non-final fields
   */
  public record Access(
      String name, Kind kind, String declaringType, String type, boolean isFinal) {}

  /** How the generated code reads a step. */
  public enum Kind {
    /** {@code x.name}: a field the generated class can see. */
    FIELD,
    /** A private field, through a {@code static final VarHandle} of the generated class. */
    PRIVATE_FIELD,
    /** {@code x.name()}: a record component. */
    ACCESSOR
  }

  /** The field names along the path. */
  public List<String> names() {
    return path.stream().map(Access::name).toList();
  }
}
