package dev.adjoint.compiler.frontend;

import com.github.javaparser.ast.body.MethodDeclaration;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.diag.Span;
import dev.adjoint.compiler.ir.Expr;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.ir.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves what is differentiated: the parameters and receiver fields named in {@code wrt}, or by
 * default every {@code double} and {@code float} parameter, array of them, and record of them not
 * marked {@code @NoDerivative}. Parameters come first in declaration order, then fields in the
 * class's declaration order, a record's components in theirs: that fixes the flat layout.
 */
final class Wrt {
  private Wrt() {}

  /**
   * The inputs; binds every component of a differentiated record (and every differentiated field)
   * now, so that they are parameters of the function whether the body reads them or not.
   *
   * @param params the method's parameters in declaration order: an IR variable for a number or
   *     array, a struct for an object
   */
  static List<Input> resolve(
      MethodRequest request, MethodDeclaration m, Map<String, Object> params, Context cx) {
    List<Input> wrt = new ArrayList<>();
    if (request.wrt().isEmpty()) {
      for (Map.Entry<String, Object> p : params.entrySet()) {
        if (!request.noDerivative().contains(p.getKey())) {
          input(p.getKey(), p.getValue()).ifPresent(wrt::add);
        }
      }
      if (wrt.isEmpty()) {
        cx.diagnostics.report(DiagnosticCode.AD209, cx.spans.of(m.getName()));
      }
      return wrt;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    if (cx.self != null) {
      for (ClassInfo.Field f : cx.self.type.fields()) {
        if (request.wrt().contains(f.name()) && !params.containsKey(f.name())) {
          boolean data =
              FieldTypes.resolve(cx.self.type, f).map(t -> t.type() == Type.OBJECT).orElse(true);
          if (!data) {
            cx.self.get(f.name()).ifPresent(member -> fields.put(f.name(), value(member)));
          }
          fields.putIfAbsent(f.name(), f); // data: reported below, and not bound
        }
      }
    }
    for (String name : request.wrt()) {
      Object p = params.containsKey(name) ? params.get(name) : fields.get(name);
      if (p == null) {
        cx.diagnostics.report(DiagnosticCode.AD205, Span.METHOD, name, names(params, cx));
      } else if (p instanceof ClassInfo.Field f) {
        cx.diagnostics.report(
            DiagnosticCode.AD206,
            Span.METHOD,
            name,
            "field of type " + f.type() + " is not a number, array or record of them");
      } else if (p instanceof Struct s
          && s.type.isRecord()
          && ownAccessorOrConstructor(s.type).isPresent()) {
        cx.diagnostics.report(
            DiagnosticCode.AD206,
            Span.METHOD,
            name,
            "record "
                + s.type.simpleName()
                + " declares "
                + ownAccessorOrConstructor(s.type).get()
                + ", so a "
                + s.type.simpleName()
                + " of partial derivatives would not read back as them; differentiate its"
                + " components as double parameters, or remove it");
      } else if (input(name, p).isEmpty()) {
        cx.diagnostics.report(
            DiagnosticCode.AD206,
            Span.METHOD,
            name,
            "its type is "
                + m.getParameterByName(name) // as declared: a char is an int in the IR
                    .map(d -> d.getType().asString())
                    .orElse(typeName(p)));
      } else if (request.noDerivative().contains(name)) {
        cx.diagnostics.report(
            DiagnosticCode.AD206, Span.METHOD, name, "it is marked @NoDerivative");
      }
    }
    for (Map<String, Object> group : List.of(params, fields)) {
      for (Map.Entry<String, Object> p : group.entrySet()) {
        if (request.wrt().contains(p.getKey()) && !request.noDerivative().contains(p.getKey())) {
          input(p.getKey(), p.getValue()).ifPresent(wrt::add);
        }
      }
    }
    return wrt;
  }

  private static Object value(Struct.Member m) {
    return m.nested() != null ? m.nested() : m.leaf() instanceof Expr.Ref r ? r.var() : null;
  }

  /**
   * The names {@code wrt} accepts, as it accepts them: {@code x, y} or {@code x and the fields w,
   * b} (a field is named without {@code this.}).
   */
  private static String names(Map<String, Object> params, Context cx) {
    String out = String.join(", ", params.keySet());
    if (cx.self != null && !cx.self.type.fields().isEmpty()) {
      out +=
          (out.isEmpty() ? "" : " and ")
              + "the fields "
              + String.join(
                  ", ", cx.self.type.fields().stream().map(ClassInfo.Field::name).toList());
    }
    return out;
  }

  private static String typeName(Object p) {
    return p instanceof Var v
        ? v.type().javaName()
        : p instanceof Struct s ? s.type.simpleName() : "?";
  }

  /** The input a parameter or field is, if it can be differentiated. */
  private static Optional<Input> input(String name, Object p) {
    if (p instanceof Var v) {
      return v.type().carriesDerivatives() ? Optional.of(Input.leaf(name, v)) : Optional.empty();
    }
    if (p instanceof Struct s && differentiable(s.type)) {
      List<Input> components = new ArrayList<>();
      for (ClassInfo.Field f : s.type.fields()) {
        Object member = s.get(f.name()).map(Wrt::value).orElse(null);
        Optional<Input> c = input(f.name(), member);
        if (c.isEmpty()) {
          return Optional.empty();
        }
        components.add(c.get());
      }
      return Optional.of(new Input(name, null, s.type, components));
    }
    return Optional.empty();
  }

  /**
   * What a record declares that would make a record of partial derivatives misread: an accessor of
   * its own ({@code a()} returning {@code 2 * a}) or a canonical or compact constructor (which may
   * check or change the values it is given); empty when it declares neither.
   */
  static Optional<String> ownAccessorOrConstructor(ClassInfo type) {
    for (ClassInfo.Field f : type.fields()) {
      if (type.scope().resolve(null, f.name(), 0).stream().anyMatch(c -> !c.request().isStatic())) {
        return Optional.of("its own accessor " + f.name() + "()");
      }
    }
    for (MethodRequest c : type.constructors()) {
      if (!c.source().contains("(") || c.source().indexOf('(') > c.source().indexOf('{')) {
        return Optional.of("a compact constructor");
      }
      com.github.javaparser.ParseResult<com.github.javaparser.ast.body.BodyDeclaration<?>> r =
          new com.github.javaparser.JavaParser().parseBodyDeclaration(c.source());
      if (r.getResult().isEmpty()
          || (r.getResult().get() instanceof com.github.javaparser.ast.body.ConstructorDeclaration d
              && d.getParameters().size() == type.fields().size())) {
        return Optional.of("its own canonical constructor");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a record's components are all numbers, arrays of them or such records: its values are
   * then points of a vector space, and its gradient a record of the same type.
   */
  static boolean differentiable(ClassInfo type) {
    if (!type.isRecord()
        || !type.accessible()
        || type.fields().isEmpty()
        || ownAccessorOrConstructor(type).isPresent()) {
      return false;
    }
    for (ClassInfo.Field f : type.fields()) {
      Optional<FieldTypes.Resolved> t = FieldTypes.resolve(type, f);
      if (t.isEmpty()
          || (t.get().type() != null && !t.get().type().carriesDerivatives())
          || (t.get().object() != null && !differentiable(t.get().object()))) {
        return false;
      }
    }
    return true;
  }
}
