package dev.adjoint.compiler.ir;

import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The parameters of an IR function, with the role of each one a differentiation pass added: the
 * passes that extend a signature (reverse mode, forward mode, the Hessians) name what they add, and
 * the emitter writes a generated method's parameters and length checks by looking them up here. A
 * function lowered from the user's method has no roles: all its parameters are the user's.
 */
public record Signature(List<Var> params, Map<Role, Var> roles) {

  /** What an added parameter of a generated function is. */
  public enum Role {
    /** The flat gradient a reverse-mode function overwrites. */
    GRADIENT,
    /** The adjoint of an array-valued function's result, which a pullback starts from. */
    OUTPUT_ADJOINT,
    /** The direction of a tangent or of a Hessian-vector product, in flat layout. */
    DIRECTION,
    /** Where the tangent of an array-valued function's result goes (Jacobian times direction). */
    TANGENT,
    /** Where a Hessian-vector product goes. */
    HESSIAN_VECTOR,
    /** The full Hessian an unrolled Hessian function fills, one row per flat input. */
    HESSIAN,
    /** The index k of a Hessian row function, standing for the unit direction e_k. */
    ROW
  }

  public Signature {
    params = List.copyOf(params);
    EnumMap<Role, Var> copy = new EnumMap<>(Role.class);
    copy.putAll(roles);
    if (!params.containsAll(copy.values()) || new HashSet<>(copy.values()).size() != copy.size()) {
      throw new IllegalArgumentException(
          "roles " + copy + " are not distinct parameters " + params);
    }
    roles = Collections.unmodifiableMap(copy);
  }

  /** The parameters of a function without roles: a user's method, as lowered. */
  public static Signature of(List<Var> params) {
    return new Signature(params, Map.of());
  }

  /** This signature with {@code v} appended as the parameter of that role. */
  public Signature with(Role role, Var v) {
    if (roles.containsKey(role)) {
      throw new IllegalArgumentException("a second " + role + " parameter: " + v);
    }
    EnumMap<Role, Var> more = new EnumMap<>(Role.class);
    more.putAll(roles);
    more.put(role, v);
    return new Signature(Stream.concat(params.stream(), Stream.of(v)).toList(), more);
  }

  /** The parameter of that role; a pass that should have added it did not, when it is missing. */
  public Var get(Role role) {
    return find(role)
        .orElseThrow(() -> new IllegalStateException("no " + role + " parameter among " + params));
  }

  public Optional<Var> find(Role role) {
    return Optional.ofNullable(roles.get(role));
  }

  public boolean has(Role role) {
    return roles.containsKey(role);
  }

  /**
   * The user's own parameters (the receiver included), in declaration order: those without role.
   */
  public List<Var> user() {
    return params.stream().filter(p -> !roles.containsValue(p)).toList();
  }
}
