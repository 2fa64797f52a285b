package dev.adjoint.compiler.ir;

/** A named, typed local variable or parameter of an IR function. Names are unique per function. */
public record Var(String name, Type type) {
  @Override
  public String toString() {
    return name;
  }
}
