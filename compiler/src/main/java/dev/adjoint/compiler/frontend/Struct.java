package dev.adjoint.compiler.frontend;

import dev.adjoint.compiler.ir.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An object that differentiable code uses (a record, the receiver, a helper object), replaced by
 * its fields: each field is an IR expression (a number or an array) or, for a field of object type,
 * a struct of its own. Fields bound lazily (the receiver's, a parameter's) are made on first read
 * by the {@link Binder}, so that only what the code reads becomes a parameter.
 */
final class Struct {
  /** Makes a field's value on first read. */
  interface Binder {
    Member bind(Struct owner, ClassInfo.Field field);
  }

  /** A field's value: exactly one of {@code leaf} (an IR expression) or {@code nested}. */
  record Member(Expr leaf, Struct nested) {
    static Member of(Expr e) {
      return new Member(e, null);
    }

    static Member of(Struct s) {
      return new Member(null, s);
    }
  }

  final ClassInfo type;
  private final Map<String, Member> fields = new LinkedHashMap<>();
  private final Binder binder;

  /**
   * Whether making this object was reported (a constructor outside the language, say): what is read
   * from it then reports nothing more.
   */
  boolean reported;

  /** The path from the root parameter, for messages and bindings (empty for a made object). */
  final List<String> path;

  Struct(ClassInfo type, Binder binder, List<String> path) {
    this.type = type;
    this.binder = binder;
    this.path = List.copyOf(path);
  }

  /** An object made in the code: every field is set with {@link #set}. */
  static Struct made(ClassInfo type) {
    return new Struct(type, null, List.of());
  }

  void set(String name, Member m) {
    fields.put(name, m);
  }

  /**
   * The field's value, bound now if it is read for the first time; empty if there is no such field
   * or it is not set.
   */
  Optional<Member> get(String name) {
    Member m = fields.get(name);
    if (m == null && binder != null) {
      Optional<ClassInfo.Field> f = type.field(name);
      if (f.isPresent()) {
        m = binder.bind(this, f.get());
        if (m != null) {
          fields.put(name, m);
        }
      }
    }
    return Optional.ofNullable(m);
  }

  /** The member at a path of field names. */
  Optional<Member> at(List<String> names) {
    Struct s = this;
    Member m = null;
    for (String n : names) {
      if (s == null) {
        return Optional.empty();
      }
      Optional<Member> next = s.get(n);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      m = next.get();
      s = m.nested();
    }
    return Optional.ofNullable(m);
  }

  /** Every leaf in declaration order, recursively, binding them all; with their paths. */
  List<Map.Entry<List<String>, Expr>> leaves() {
    List<Map.Entry<List<String>, Expr>> out = new ArrayList<>();
    collect(List.of(), out);
    return out;
  }

  private void collect(List<String> prefix, List<Map.Entry<List<String>, Expr>> out) {
    for (ClassInfo.Field f : type.fields()) {
      Optional<Member> m = get(f.name());
      if (m.isEmpty()) {
        continue;
      }
      List<String> p = new ArrayList<>(prefix);
      p.add(f.name());
      if (m.get().nested() != null) {
        m.get().nested().collect(p, out);
      } else {
        out.add(Map.entry(List.copyOf(p), m.get().leaf()));
      }
    }
  }
}
