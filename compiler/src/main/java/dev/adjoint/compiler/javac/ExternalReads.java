package dev.adjoint.compiler.javac;

import dev.adjoint.compiler.incremental.Dependency;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * What differentiating one owner's methods read from the sources of other classes (inlined method
 * bodies, constant values), as the resolver handed them out: the generated class goes stale when
 * any of them changes. Reads from the owner's own file are left out, since that file is always
 * compiled together with its generated class.
 */
public final class ExternalReads {
  private record Read(Dependency.Kind kind, String member, String fingerprint) {}

  private final TypeElement ownerTop;
  private final Map<TypeElement, Set<Read>> reads = new LinkedHashMap<>();

  public ExternalReads(TypeElement owner) {
    this.ownerTop = top(owner);
  }

  void method(TypeElement type, String name, int arity, String fingerprint) {
    add(type, new Read(Dependency.Kind.METHOD, name + "/" + arity, fingerprint));
  }

  void shape(TypeElement type, String fingerprint) {
    add(type, new Read(Dependency.Kind.SHAPE, "-", fingerprint));
  }

  void constant(TypeElement type, String name, String fingerprint) {
    add(type, new Read(Dependency.Kind.CONSTANT, name, fingerprint));
  }

  private void add(TypeElement type, Read read) {
    if (!top(type).equals(ownerTop)) {
      reads.computeIfAbsent(type, t -> new LinkedHashSet<>()).add(read);
    }
  }

  /** The classes read from, to pass as originating elements of the generated file. */
  public List<TypeElement> types() {
    return new ArrayList<>(reads.keySet());
  }

  /** The reads as index lines of a generated class. */
  public List<Dependency> dependencies(String generated, String owner, String ownerSource) {
    List<Dependency> out = new ArrayList<>();
    reads.forEach(
        (type, set) ->
            set.forEach(
                r ->
                    out.add(
                        new Dependency(
                            generated,
                            owner,
                            ownerSource,
                            r.kind(),
                            type.getQualifiedName().toString(),
                            r.member(),
                            r.fingerprint()))));
    return out;
  }

  static TypeElement top(TypeElement type) {
    TypeElement top = type;
    for (Element e = type.getEnclosingElement();
        e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      top = t;
    }
    return top;
  }
}
