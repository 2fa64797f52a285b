package dev.adjoint.compiler.frontend;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the javac layer hands the frontend for one annotated method: its exact source text and the
 * facts javac resolved (annotation values, modifiers), with no javac types.
 *
 * @param source the method's declaration text, from its first modifier to its closing brace
 * @param wrt the names given in {@code @Differentiable(wrt)}, empty for the default
 * @param noDerivative names of parameters marked {@code @NoDerivative}
 * @param languageLevel the Java feature version the source is compiled at (17, 21, ...)
 * @param dataParameters the String and enum parameters, by name, with their types as javac resolved
 *     them (the frontend sees only their names as written)
 * @param checkpoints {@code @Differentiable(checkpoints)}: 0 to store every loop iteration's state,
 *     else the number of snapshots a loop's reverse sweep may keep
 */
public record MethodRequest(
    String ownerSimpleName,
    String methodName,
    String source,
    boolean isStatic,
    List<String> wrt,
    int order,
    Set<String> noDerivative,
    int languageLevel,
    Map<String, DataType> dataParameters,
    int checkpoints) {
  public MethodRequest {
    dataParameters = Map.copyOf(dataParameters);
  }

  /** A request storing every loop's state in full ({@code checkpoints = 0}). */
  public MethodRequest(
      String ownerSimpleName,
      String methodName,
      String source,
      boolean isStatic,
      List<String> wrt,
      int order,
      Set<String> noDerivative,
      int languageLevel,
      Map<String, DataType> dataParameters) {
    this(
        ownerSimpleName,
        methodName,
        source,
        isStatic,
        wrt,
        order,
        noDerivative,
        languageLevel,
        dataParameters,
        0);
  }

  /** A request for a method without String or enum parameters. */
  public MethodRequest(
      String ownerSimpleName,
      String methodName,
      String source,
      boolean isStatic,
      List<String> wrt,
      int order,
      Set<String> noDerivative,
      int languageLevel) {
    this(
        ownerSimpleName,
        methodName,
        source,
        isStatic,
        wrt,
        order,
        noDerivative,
        languageLevel,
        Map.of());
  }
}
