package dev.adjoint.compiler.frontend;

import java.util.List;
import java.util.Set;

/**
 * What the javac layer hands the frontend for one annotated method: its exact source text and the
 * facts javac resolved (annotation values, modifiers), with no javac types.
 *
 * @param source the method's declaration text, from its first modifier to its closing brace
 * @param wrt the names given in {@code @Differentiable(wrt)}, empty for the default
 * @param noDerivative names of parameters marked {@code @NoDerivative}
 * @param languageLevel the Java feature version the source is compiled at (17, 21, ...)
 */
public record MethodRequest(
    String ownerSimpleName,
    String methodName,
    String source,
    boolean isStatic,
    List<String> wrt,
    int order,
    Set<String> noDerivative,
    int languageLevel) {}
