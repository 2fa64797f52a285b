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
  /** Why a call of a method without source or rule cannot be differentiated (AD301). */
  String NO_SOURCE =
      "its source is not part of this compilation; declare its derivatives with @Partial(of = ...,"
          + " wrt = ...), or treat it as a constant with Adjoint.stopGradient(...)";

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

  /**
   * The canonical Java type a type written in this scope names ({@code List<Sample>} gives {@code
   * java.util.List<demo.Sample>}), for data that differentiable code keeps verbatim ({@link
   * JavaTypes}).
   */
  default Optional<String> javaType(String written) {
    return Optional.empty();
  }

  /**
   * The type of {@code receiver.name(args)} for a value of canonical type {@code receiver}, or of
   * its field {@code receiver.name} when {@code args} is null; argument types are canonical too.
   * Empty when no accessible member fits; {@code ""} when its type depends on a type variable of a
   * generic method (the context must say it).
   */
  default Optional<String> memberType(String receiver, String name, List<String> args) {
    return Optional.empty();
  }

  /**
   * A static method (or field, when {@code args} is null) of the class {@code qualifier} names, as
   * written: how the generated class names that class, and the member's type.
   */
  default Optional<StaticMember> staticMember(String qualifier, String name, List<String> args) {
    return Optional.empty();
  }

  /** The String or enum type a canonical type is, if it is one. */
  default Optional<DataType> dataType(String canonical) {
    return Optional.empty();
  }

  /**
   * A static member: its class as the generated class names it, and its type ({@code ""} for a
   * generic method's, which the context must say).
   */
  record StaticMember(String owner, String type) {}

  /**
   * The canonical type of {@code new written(args)}, when the class has an accessible constructor
   * taking such arguments.
   */
  default Optional<String> constructed(String written, List<String> args) {
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
