package dev.adjoint.compiler.javac;

import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import dev.adjoint.compiler.frontend.CalleeResolver;
import dev.adjoint.compiler.frontend.ClassInfo;
import dev.adjoint.compiler.frontend.MethodRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Describes a class for the frontend ({@link ClassInfo}): a record's components (from source or a
 * class file), or the instance fields and constructors of a class whose source is in the
 * compilation; and fingerprints that description for incremental builds.
 */
final class ClassInfos {
  private final JavacMethods javac;
  private final Elements elements;

  ClassInfos(JavacMethods javac, Elements elements) {
    this.javac = javac;
    this.elements = elements;
  }

  /**
   * The description of {@code type}, spelled for the generated class of package {@code pkg}; empty
   * for an interface, enum, abstract class or a class without source.
   */
  Optional<ClassInfo> of(TypeElement type, String pkg, CalleeResolver scope) {
    boolean record = type.getKind() == ElementKind.RECORD;
    if (!record
        && (type.getKind() != ElementKind.CLASS
            || type.getModifiers().contains(Modifier.ABSTRACT)
            || !javac.hasSource(type))) {
      return Optional.empty();
    }
    List<ClassInfo.Field> fields = new ArrayList<>();
    if (record) {
      for (RecordComponentElement c : type.getRecordComponents()) {
        fields.add(
            new ClassInfo.Field(
                c.getSimpleName().toString(),
                c.asType().toString(),
                false,
                null,
                true,
                DataTypes.of(c.asType(), pkg).orElse(null)));
      }
    } else {
      for (Element e : type.getEnclosedElements()) {
        if (e instanceof VariableElement f
            && e.getKind() == ElementKind.FIELD
            && !f.getModifiers().contains(Modifier.STATIC)) {
          fields.add(
              new ClassInfo.Field(
                  f.getSimpleName().toString(),
                  f.asType().toString(),
                  !f.getModifiers().contains(Modifier.PRIVATE),
                  initializer(f),
                  f.getModifiers().contains(Modifier.FINAL),
                  DataTypes.of(f.asType(), pkg).orElse(null)));
        }
      }
    }
    List<MethodRequest> constructors = new ArrayList<>();
    for (Element e : type.getEnclosedElements()) {
      if (e instanceof ExecutableElement c
          && e.getKind() == ElementKind.CONSTRUCTOR
          && elements.getOrigin(c) == Elements.Origin.EXPLICIT) {
        try {
          javac.read(c, type).ifPresent(s -> constructors.add(s.request()));
        } catch (IOException ex) {
          // unreadable: as if it had no source
        }
      }
    }
    return Optional.of(
        new ClassInfo(
            type.getQualifiedName().toString(),
            spelling(type, pkg),
            record,
            accessible(type),
            fields,
            constructors,
            scope,
            type.getTypeParameters().size()));
  }

  /** A stable hash of everything {@link #of} describes: a change to it makes a copy stale. */
  String fingerprint(TypeElement type) {
    StringBuilder b = new StringBuilder(type.getKind() + " " + type.getQualifiedName() + "\n");
    Optional<ClassInfo> info = of(type, "", null);
    info.ifPresent(
        i -> {
          i.fields().forEach(f -> b.append(f).append('\n'));
          i.constructors().forEach(c -> b.append(c.source()).append('\n'));
        });
    return Fingerprint.of(b.toString());
  }

  private String initializer(VariableElement f) {
    TreePath path = javac.trees.getPath(f);
    if (path == null || !(path.getLeaf() instanceof VariableTree v) || v.getInitializer() == null) {
      return null;
    }
    SourcePositions positions = javac.trees.getSourcePositions();
    long start = positions.getStartPosition(path.getCompilationUnit(), v.getInitializer());
    long end = positions.getEndPosition(path.getCompilationUnit(), v.getInitializer());
    try {
      CharSequence content = path.getCompilationUnit().getSourceFile().getCharContent(true);
      return start < 0 || end < start
          ? null
          : content.subSequence((int) start, (int) end).toString();
    } catch (IOException e) {
      return null;
    }
  }

  /** How a class of package {@code pkg} names the type: relative within the package. */
  static String spelling(TypeElement type, String pkg) {
    String canonical = type.getQualifiedName().toString();
    String own = packageOf(type).getQualifiedName().toString();
    return own.isEmpty() || !own.equals(pkg) ? canonical : canonical.substring(own.length() + 1);
  }

  /** Whether code of the same package can name the type: no private class on the way. */
  static boolean accessible(TypeElement type) {
    for (Element e = type; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      if (t.getModifiers().contains(Modifier.PRIVATE)) {
        return false;
      }
    }
    return true;
  }

  static PackageElement packageOf(Element e) {
    while (!(e instanceof PackageElement p)) {
      e = e.getEnclosingElement();
    }
    return p;
  }
}
