package dev.adjoint.compiler.frontend;

import java.util.List;

/**
 * The type of a {@code String} or enum parameter, as javac resolved it: data that a differentiable
 * method passes along and compares with constants ({@code switch (kind)}), never computes with.
 *
 * @param canonicalName the type's canonical name ({@code java.lang.String}, {@code
 *     com.example.Model.Kind}), for the generated methods' parameter
 * @param spelling how code in the generated class (same package as the owner) names the type
 * @param isEnum whether it is an enum (else it is {@code String})
 * @param constants the enum's constants in declaration order (empty for String)
 */
public record DataType(
    String canonicalName, String spelling, boolean isEnum, List<String> constants) {
  public DataType {
    constants = List.copyOf(constants);
  }

  public static final DataType STRING =
      new DataType("java.lang.String", "String", false, List.of());
}
