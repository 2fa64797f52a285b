package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Type;
import java.util.List;
import java.util.Optional;

/**
 * Resolves what a differentiable method refers to beyond its own code: the source of the methods it
 * calls (so the frontend can lower them too) and the values of {@code static final} constants. The
 * javac layer implements it; tests use a map of sources.
 */
public interface CalleeResolver {
  /** A resolver that finds nothing: every call is then reported. */
  CalleeResolver NONE = (qualifier, name, arity) -> List.of();

  /**
   * The static methods {@code name} with {@code arity} parameters that a call with this qualifier
   * (as written, or null when unqualified) may mean, with their source.
   */
  List<Callee> resolve(String qualifier, String name, int arity);

  /**
   * A candidate callee.
   *
   * @param key unique name of the method, e.g. {@code pkg.Owner#helper(double,double[])}
   * @param location where it is declared, for messages, e.g. {@code Helpers.java:12}
   * @param request its source and facts, as for an annotated method
   * @param scope resolves the names used inside the callee (its own class's constants and helpers),
   *     or null to resolve them like the caller's
   */
  record Callee(String key, String location, MethodRequest request, CalleeResolver scope) {
    /** A callee whose unqualified names resolve like the caller's. */
    public Callee(String key, String location, MethodRequest request) {
      this(key, location, request, null);
    }
  }

  /**
   * The compile-time constant {@code qualifier.name} (or {@code name} in scope when {@code
   * qualifier} is null), if it is one of type double, int, long or boolean.
   */
  default Optional<Expr.Const> constant(String qualifier, String name) {
    return Optional.empty();
  }

  /**
   * The class a type name means (as written in this scope, or canonical), when differentiable code
   * can replace its objects by their fields: a record, or a class whose source is in this
   * compilation.
   */
  default Optional<ClassInfo> type(String name) {
    return Optional.empty();
  }

  /** The custom derivative rule of the static method a call means, if it has one. */
  default Optional<Rule> rule(String qualifier, String name, int arity) {
    return Optional.empty();
  }

  /**
   * A method with declared partial derivatives.
   *
   * @param method its qualified name, as the generated code calls it
   * @param parameterTypes its parameter types
   * @param partials for each parameter, the qualified name of the rule method, or null
   */
  record Rule(String method, List<Type> parameterTypes, Type returnType, List<String> partials) {}
}
