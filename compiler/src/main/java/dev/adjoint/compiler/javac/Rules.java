package dev.adjoint.compiler.javac;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.frontend.CalleeResolver;
import dev.adjoint.compiler.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;

/**
 * The custom derivative rules ({@code @Partial} methods) of a compilation round, checked and
 * indexed by their target method. A misspelled target, an unknown parameter or a wrong signature is
 * a coded error at the rule, listing what was found; a bad rule is never silently ignored.
 */
public final class Rules {
  public static final String PARTIAL = "dev.adjoint.Partial";

  private final Map<String, CalleeResolver.Rule> byTarget = new HashMap<>();

  /** Reads and checks every {@code @Partial} method in {@code annotated}. */
  public static Rules collect(Set<? extends Element> annotated, JavacMethods javac) {
    Rules rules = new Rules();
    for (Element e : annotated) {
      if (e instanceof ExecutableElement rule) {
        rules.add(rule, javac, javac.trees);
      }
    }
    return rules;
  }

  private void add(ExecutableElement rule, JavacMethods javac, Trees trees) {
    TypeElement owner = (TypeElement) rule.getEnclosingElement();
    String of = value(rule, "of");
    String wrt = value(rule, "wrt");
    String name = rule.getSimpleName().toString();
    if (!rule.getModifiers().contains(Modifier.STATIC)
        || rule.getModifiers().contains(Modifier.PRIVATE)
        || rule.getReturnType().getKind() != TypeKind.DOUBLE) {
      report(
          javac,
          rule,
          DiagnosticCode.AD307,
          name,
          rule.getModifiers() + " " + rule.getReturnType());
      return;
    }
    List<String> types = rule.getParameters().stream().map(p -> p.asType().toString()).toList();
    int w = -1;
    for (int k = 0; k < rule.getParameters().size(); k++) {
      VariableElement p = rule.getParameters().get(k);
      if (p.getSimpleName().contentEquals(wrt) && p.asType().getKind() == TypeKind.DOUBLE) {
        w = k;
      }
    }
    if (w < 0) {
      report(
          javac,
          rule,
          DiagnosticCode.AD306,
          wrt,
          rule.getParameters().stream()
              .map(p -> p.asType() + " " + p.getSimpleName())
              .collect(Collectors.joining(", ")));
      return;
    }
    int dot = of.lastIndexOf('.');
    String qualifier = dot < 0 ? null : of.substring(0, dot);
    String method = of.substring(dot + 1);
    TreePath path = trees.getPath(rule);
    List<String> found = new ArrayList<>();
    for (TypeElement type :
        javac.types(qualifier, owner, path == null ? null : path.getCompilationUnit())) {
      for (Element member : type.getEnclosedElements()) {
        if (member instanceof ExecutableElement target
            && member.getKind() == ElementKind.METHOD
            && target.getSimpleName().contentEquals(method)) {
          List<String> targetTypes =
              target.getParameters().stream().map(p -> p.asType().toString()).toList();
          found.add(
              type.getQualifiedName() + "." + method + "(" + String.join(", ", targetTypes) + ")");
          if (targetTypes.equals(types)
              && target.getModifiers().contains(Modifier.STATIC)
              && !target.getModifiers().contains(Modifier.PRIVATE)) {
            register(
                JavacMethods.key(type, target),
                type.getQualifiedName() + "." + method,
                target,
                w,
                owner.getQualifiedName() + "." + name);
            return;
          }
        }
      }
    }
    report(
        javac,
        rule,
        DiagnosticCode.AD305,
        of,
        String.join(", ", types),
        found.isEmpty() ? "no method of that name" : String.join("; ", found));
  }

  private void register(
      String key, String method, ExecutableElement target, int wrt, String partial) {
    CalleeResolver.Rule old = byTarget.get(key);
    List<Type> types = new ArrayList<>();
    for (VariableElement p : target.getParameters()) {
      types.add(type(p.asType().getKind()));
    }
    List<String> partials =
        old != null
            ? new ArrayList<>(old.partials())
            : new ArrayList<>(Collections.nCopies(types.size(), (String) null));
    partials.set(wrt, partial);
    byTarget.put(
        key,
        new CalleeResolver.Rule(method, types, type(target.getReturnType().getKind()), partials));
  }

  private static Type type(TypeKind k) {
    return switch (k) {
      case INT -> Type.INT;
      case LONG -> Type.LONG;
      case BOOLEAN -> Type.BOOLEAN;
      default -> Type.DOUBLE;
    };
  }

  /** The rule for the method with this key (see {@link JavacMethods#key}), if any. */
  Optional<CalleeResolver.Rule> forTarget(String key) {
    return Optional.ofNullable(byTarget.get(key));
  }

  private static void report(
      JavacMethods javac, ExecutableElement rule, DiagnosticCode code, Object... args) {
    javac.reportAt(rule, PARTIAL, Diagnostic.atElement(code, args));
  }

  private static String value(ExecutableElement e, String key) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement())
          .getQualifiedName()
          .contentEquals(PARTIAL)) {
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> v :
            a.getElementValues().entrySet()) {
          if (v.getKey().getSimpleName().contentEquals(key)) {
            return String.valueOf(v.getValue().getValue());
          }
        }
      }
    }
    return "";
  }
}
