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

  ParamBinder(Context cx, Set<String> declared) {
    this.cx = cx;
    this.declared = declared;
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
        owner.type.isRecord()
            ? Binding.Kind.ACCESSOR
            : field.direct() ? Binding.Kind.FIELD : Binding.Kind.PRIVATE_FIELD;
    List<Binding.Access> path = new ArrayList<>(root.path());
    path.add(
        new Binding.Access(field.name(), kind, owner.type.spelling(), resolved.get().spelling()));
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
    return Struct.Member.of(Exprs.ref(v));
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
        || cx.scope.isVariable(name) // a local of an inlined callee, declared before
        || bound.keySet().stream().anyMatch(v -> v.name().equals(name))) {
      return cx.scope.freshName(name);
    }
    declared.add(name);
    // reserved in the function's names too: a local the frontend makes later (an inlined callee's
    // parameter) must not take it
    cx.scope.reserve(name);
    return name;
  }
}
