package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Exprs;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the parameters of the IR function that stand for the fields of a method's object parameters
 * and of its receiver: each number or array read from one ({@code weights}, {@code p.a()}) becomes
 * a parameter of its own, bound at entry ({@link Binding}), the first time the code reads it. A
 * field of object type becomes a struct of the same kind.
 */
final class ParamBinder implements Struct.Binder {
  /** The parameters made, in the order made, with where each is read from. */
  final Map<Var, Binding> bound = new LinkedHashMap<>();

  private final Context cx;

  /** Names the user declares in the method: a parameter made for a field must not take them. */
  private final Set<String> declared;

  /** For each struct this binder made, its root and the path to it. */
  private final IdentityHashMap<Struct, Root> roots = new IdentityHashMap<>();

  private record Root(Var handle, List<Binding.Access> path) {}

  /** The declared Java types of parameters the IR models by another type, to add to. */
  private final Map<String, String> declaredTypes;

  ParamBinder(Context cx, Set<String> declared, Map<String, String> declaredTypes) {
    this.cx = cx;
    this.declared = declared;
    this.declaredTypes = declaredTypes;
  }

  /**
   * The roots (the receiver, object parameters) whose Java object the code uses itself, through
   * code kept verbatim: parameters of the function too.
   */
  final java.util.Set<Var> handles = new java.util.LinkedHashSet<>();

  /**
   * Whether {@code s} stands for a Java object of the caller's: a parameter, a field, the receiver.
   */
  boolean isRooted(Struct s) {
    return roots.containsKey(s);
  }

  /** The variable holding the Java object {@code s} stands for; empty for one it did not make. */
  Optional<Var> handle(Struct s) {
    Root root = roots.get(s);
    if (root == null) {
      return Optional.empty();
    }
    if (root.path().isEmpty()) {
      handles.add(root.handle());
      cx.javaTypes.put(root.handle(), s.type.name());
      return Optional.of(root.handle());
    }
    for (Map.Entry<Var, Binding> b : bound.entrySet()) {
      if (b.getValue().root().equals(root.handle()) && b.getValue().path().equals(root.path())) {
        return Optional.of(b.getKey());
      }
    }
    Var v = new Var(name(root.handle(), s.path), Type.OBJECT);
    bound.put(v, new Binding(root.handle(), root.path()));
    cx.javaTypes.put(v, s.type.name());
    declaredTypes.put(v.name(), s.type.spelling());
    return Optional.of(v);
  }

  /** The struct a parameter (or the receiver) of object type stands for. */
  Struct root(Var handle, ClassInfo type) {
    Struct s = new Struct(type, this, List.of());
    roots.put(s, new Root(handle, List.of()));
    return s;
  }

  @Override
  public Struct.Member bind(Struct owner, ClassInfo.Field field) {
    Root root = roots.get(owner);
    Optional<FieldTypes.Resolved> resolved = FieldTypes.resolve(owner.type, field);
    if (root == null || resolved.isEmpty()) {
      return null;
    }
    Binding.Kind kind =
        owner.type.isRecord() && !declaresAccessor(owner.type, field)
            ? Binding.Kind.ACCESSOR
            : field.direct() ? Binding.Kind.FIELD : Binding.Kind.PRIVATE_FIELD;
    List<Binding.Access> path = new ArrayList<>(root.path());
    path.add(
        new Binding.Access(
            field.name(),
            kind,
            owner.type.spelling(),
            resolved.get().spelling(),
            field.isFinal() || owner.type.isRecord()));
    List<String> names = new ArrayList<>(owner.path);
    names.add(field.name());
    if (resolved.get().object() != null) {
      Struct nested = new Struct(resolved.get().object(), this, names);
      roots.put(nested, new Root(root.handle(), path));
      return Struct.Member.of(nested);
    }
    Type t = resolved.get().type();
    Var v = new Var(name(root.handle(), names), t);
    bound.put(v, new Binding(root.handle(), path));
    if (resolved.get().data() != null) {
      cx.data.put(v, resolved.get().data()); // a String or enum: compared, switched on
      declaredTypes.put(v.name(), resolved.get().data().canonicalName());
    } else if (t == Type.OBJECT) {
      cx.javaTypes.put(v, field.type()); // data, read by code kept verbatim
      declaredTypes.put(v.name(), field.type());
    }
    return Struct.Member.of(Exprs.ref(v));
  }

  /**
   * Whether a record declares the accessor of {@code field} itself: it may compute anything, so the
   * component is read from its (private) field instead.
   */
  private static boolean declaresAccessor(ClassInfo record, ClassInfo.Field field) {
    return record.scope().resolve(null, field.name(), 0).stream()
        .anyMatch(c -> !c.request().isStatic());
  }

  /**
   * A receiver's field keeps its name ({@code weights}); a parameter's component is named after
   * both ({@code pA} for {@code p.a()}); a name the method declares, or a local the frontend made
   * took, gets a fresh one instead.
   */
  private String name(Var handle, List<String> names) {
    StringBuilder b = new StringBuilder();
    boolean receiver = handle.name().equals(MethodLowering.RECEIVER);
    if (!receiver) {
      b.append(handle.name());
    }
    for (String n : names) {
      b.append(b.length() == 0 ? n : Character.toUpperCase(n.charAt(0)) + n.substring(1));
    }
    String name = b.toString();
    if (declared.contains(name)
        || cx.scope.isTaken(name)
        || cx.scope.isVariable(name) // a local of an inlined callee, declared before
        || bound.keySet().stream().anyMatch(v -> v.name().equals(name))) {
      String fresh = cx.scope.freshName(name);
      cx.scope.reserveForMethod(fresh);
      return fresh;
    }
    declared.add(name);
    cx.scope.reserveForMethod(name);
    // and in the function's names: a local the frontend makes later must not take it
    cx.scope.reserve(name);
    return name;
  }
}
