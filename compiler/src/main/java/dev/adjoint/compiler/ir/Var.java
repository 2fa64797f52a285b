package dev.adjoint.compiler.ir;

/** A named, typed local variable or parameter of an IR function. Names are unique per function. */
public record Var(String name, Type type) {
  @Override
  public String toString() {
    return name;
  }

  /**
   * Independent of the JVM run: the record's default would mix in the enum's identity hash code,
   * and any hash-ordered iteration over variables could then change the generated source between
   * builds.
   */
  @Override
  @SuppressWarnings("EnumOrdinal") // the ordinal is fixed per build of the compiler: stable order
  public int hashCode() {
    return 31 * name.hashCode() + type.ordinal();
  }
}
