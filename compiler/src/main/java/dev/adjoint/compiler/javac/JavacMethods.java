package dev.adjoint.compiler.javac;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ImportTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.Span;
import dev.adjoint.compiler.frontend.CalleeResolver;
import dev.adjoint.compiler.frontend.ClassInfo;
import dev.adjoint.compiler.frontend.MethodRequest;
import dev.adjoint.compiler.ir.Expr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic.Kind;

/**
 * The only place that touches javac's Trees API: reads an annotated method's exact source text and
 * annotation values, and reports diagnostics at the sub-expression a {@link Span} points to.
 */
public final class JavacMethods {
  public static final String DIFFERENTIABLE = "dev.adjoint.Differentiable";
  public static final String NO_DERIVATIVE = "dev.adjoint.NoDerivative";

  final Trees trees;
  private final Messager messager;
  private final javax.lang.model.util.Elements elements;
  private final int languageLevel;

  private final ClassInfos classes;

  private final JavaTypes javaTypes;

  private JavacMethods(Trees trees, ProcessingEnvironment env) {
    this.classes = new ClassInfos(this, env.getElementUtils());
    this.javaTypes = new JavaTypes(this, env.getElementUtils(), env.getTypeUtils());
    this.trees = trees;
    this.messager = env.getMessager();
    this.elements = env.getElementUtils();
    this.languageLevel = featureVersion(env.getSourceVersion());
  }

  /** 17 for {@code RELEASE_17}: the number in the constant's name, not its position in the enum. */
  static int featureVersion(SourceVersion version) {
    String name = version.name();
    return Integer.parseInt(name.substring(name.lastIndexOf('_') + 1));
  }

  /** Empty when the compiler is not javac (Trees unavailable). */
  public static Optional<JavacMethods> create(ProcessingEnvironment env) {
    try {
      return Optional.of(new JavacMethods(Trees.instance(env), env));
    } catch (IllegalArgumentException | LinkageError e) {
      return Optional.empty();
    }
  }

  /** A method read from source, with what is needed to report at its sub-expressions. */
  public record Source(
      MethodRequest request,
      ExecutableElement element,
      CompilationUnitTree unit,
      Tree tree,
      long start) {}

  /** Reads the method, or empty if javac has no source for it. */
  public Optional<Source> read(ExecutableElement m, TypeElement owner) throws IOException {
    TreePath path = trees.getPath(m);
    if (path == null) {
      return Optional.empty();
    }
    CompilationUnitTree unit = path.getCompilationUnit();
    Tree tree = path.getLeaf();
    SourcePositions positions = trees.getSourcePositions();
    long start = positions.getStartPosition(unit, tree);
    long end = positions.getEndPosition(unit, tree);
    if (start < 0 || end < start) {
      return Optional.empty();
    }
    CharSequence content = unit.getSourceFile().getCharContent(true);
    String text = content.subSequence((int) start, (int) end).toString();
    List<String> wrt = new ArrayList<>();
    int order = 1;
    int checkpoints = 0;
    for (AnnotationMirror a : m.getAnnotationMirrors()) {
      if (!name(a).equals(DIFFERENTIABLE)) {
        continue;
      }
      for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
          a.getElementValues().entrySet()) {
        String key = e.getKey().getSimpleName().toString();
        if (key.equals("wrt") && e.getValue().getValue() instanceof List<?> values) {
          values.forEach(v -> wrt.add(String.valueOf(((AnnotationValue) v).getValue())));
        } else if (key.equals("order") && e.getValue().getValue() instanceof Integer i) {
          order = i;
        } else if (key.equals("checkpoints") && e.getValue().getValue() instanceof Integer i) {
          checkpoints = i;
        }
      }
    }
    Set<String> noDerivative = new LinkedHashSet<>();
    for (VariableElement p : m.getParameters()) {
      if (p.getAnnotationMirrors().stream().anyMatch(a -> name(a).equals(NO_DERIVATIVE))) {
        noDerivative.add(p.getSimpleName().toString());
      }
    }
    MethodRequest request =
        new MethodRequest(
            owner.getSimpleName().toString(),
            m.getSimpleName().toString(),
            text,
            m.getModifiers().contains(Modifier.STATIC),
            wrt,
            order,
            noDerivative,
            languageLevel,
            DataTypes.of(m),
            checkpoints);
    return Optional.of(new Source(request, m, unit, tree, start));
  }

  /**
   * Resolves calls made from methods of {@code owner} to the sources of static methods, and names
   * to {@code static final} compile-time constants.
   */
  public CalleeResolver resolver(TypeElement owner, CompilationUnitTree unit, Rules rules) {
    return resolver(owner, unit, rules, null);
  }

  /**
   * As {@link #resolver(TypeElement, CompilationUnitTree, Rules)}, recording in {@code reads} (when
   * not null) every method source and constant it hands out, callees' own lookups included.
   */
  public CalleeResolver resolver(
      TypeElement owner, CompilationUnitTree unit, Rules rules, ExternalReads reads) {
    return new CalleeResolver() {
      @Override
      public Optional<CalleeResolver.Rule> rule(String qualifier, String name, int arity) {
        for (TypeElement type : types(qualifier, owner, unit)) {
          for (Element member : type.getEnclosedElements()) {
            if (member instanceof ExecutableElement m
                && member.getKind() == ElementKind.METHOD
                && m.getSimpleName().contentEquals(name)
                && m.getParameters().size() == arity) {
              Optional<CalleeResolver.Rule> rule = rules.forTarget(key(type, m));
              if (rule.isPresent()) {
                return rule;
              }
            }
          }
        }
        return Optional.empty();
      }

      @Override
      public List<CalleeResolver.Callee> resolve(String qualifier, String name, int arity) {
        List<CalleeResolver.Callee> out = new ArrayList<>();
        for (TypeElement type : types(qualifier, owner, unit)) {
          if (reads != null) {
            methodFingerprint(type, name, arity).ifPresent(f -> reads.method(type, name, arity, f));
          }
          for (Element member : type.getEnclosedElements()) {
            if (member instanceof ExecutableElement m
                && member.getKind() == ElementKind.METHOD
                && m.getSimpleName().contentEquals(name)
                && (m.getParameters().size() == arity || m.isVarArgs())) {
              // a varargs method is returned whatever the arity, so that its lowering says why it
              // is
              // not supported (AD110) instead of the call looking like one to a method without
              // source
              try {
                // names inside the callee resolve from its own class, not from the caller's
                read(m, type)
                    .ifPresent(
                        source ->
                            out.add(
                                new CalleeResolver.Callee(
                                    key(type, m),
                                    location(source),
                                    source.request(),
                                    resolver(type, source.unit(), rules, reads))));
              } catch (IOException e) {
                // no readable source: the caller reports the call as unresolved
              }
            }
          }
        }
        return out;
      }

      @Override
      public Optional<String> javaType(String written) {
        return javaTypes.resolve(written, owner, unit).map(Object::toString);
      }

      @Override
      public Optional<String> memberType(String receiver, String name, List<String> args) {
        return javaTypes.member(receiver, name, args, owner, unit);
      }

      @Override
      public Optional<CalleeResolver.StaticMember> staticMember(
          String qualifier, String name, List<String> args) {
        return javaTypes.staticMember(qualifier, name, args, owner, unit);
      }

      @Override
      public Optional<dev.adjoint.compiler.frontend.DataType> dataType(String canonical) {
        String pkg = ClassInfos.packageOf(owner).getQualifiedName().toString();
        return javaTypes.resolve(canonical, owner, unit).flatMap(t -> DataTypes.of(t, pkg));
      }

      @Override
      public Optional<String> constructed(String written, List<String> args) {
        return javaTypes.constructed(written, args, owner, unit);
      }

      @Override
      public Optional<ClassInfo> type(String name) {
        String pkg = ClassInfos.packageOf(owner).getQualifiedName().toString();
        for (TypeElement type : types(name, owner, unit)) {
          TreePath path = trees.getPath(type);
          CompilationUnitTree typeUnit = path == null ? null : path.getCompilationUnit();
          Optional<ClassInfo> info = classes.of(type, pkg, resolver(type, typeUnit, rules, reads));
          if (info.isPresent()) {
            if (reads != null) {
              reads.shape(type, classes.fingerprint(type));
            }
            return info;
          }
        }
        return Optional.empty();
      }

      @Override
      public Optional<Expr.Const> constant(String qualifier, String name) {
        for (TypeElement type : types(qualifier, owner, unit)) {
          for (Element member : type.getEnclosedElements()) {
            if (member instanceof VariableElement f
                && member.getKind() == ElementKind.FIELD
                && f.getSimpleName().contentEquals(name)
                && f.getModifiers().contains(Modifier.STATIC)
                && f.getModifiers().contains(Modifier.FINAL)
                && f.getConstantValue() != null) {
              Optional<Expr.Const> constant = Constants.of(f, type);
              if (reads != null && constant.isPresent()) {
                reads.constant(type, f.getSimpleName().toString(), constantFingerprint(f));
              }
              return constant;
            }
          }
        }
        return Optional.empty();
      }
    };
  }

  /**
   * The fingerprint of what a call {@code type.name(arity arguments)} may inline: the source text
   * of every such method of the type with source in this compilation (overloads and varargs methods
   * included, so that adding an overload counts as a change); empty when there is none.
   */
  public Optional<String> methodFingerprint(TypeElement type, String name, int arity) {
    StringBuilder texts = new StringBuilder();
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof ExecutableElement m
          && member.getKind() == ElementKind.METHOD
          && m.getSimpleName().contentEquals(name)
          && (m.getParameters().size() == arity || m.isVarArgs())) {
        try {
          Optional<Source> source = read(m, type);
          if (source.isPresent()) {
            texts
                .append(key(type, m))
                .append('\n')
                .append(source.get().request().source())
                .append('\n');
          }
        } catch (IOException e) {
          // unreadable: as if absent
        }
      }
    }
    return texts.length() == 0 ? Optional.empty() : Optional.of(Fingerprint.of(texts.toString()));
  }

  /** The fingerprint of what differentiable code copies of a class whose objects it replaces. */
  public String shapeFingerprint(TypeElement type) {
    return classes.fingerprint(type);
  }

  /**
   * The fingerprint of the value of a {@code static final} constant {@code type.name}, if it is
   * one.
   */
  public Optional<String> constantFingerprint(TypeElement type, String name) {
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof VariableElement f
          && member.getKind() == ElementKind.FIELD
          && f.getSimpleName().contentEquals(name)
          && f.getModifiers().contains(Modifier.STATIC)
          && f.getModifiers().contains(Modifier.FINAL)
          && f.getConstantValue() != null) {
        return Optional.of(constantFingerprint(f));
      }
    }
    return Optional.empty();
  }

  private static String constantFingerprint(VariableElement f) {
    Object value = f.getConstantValue();
    return Fingerprint.of(value.getClass().getSimpleName() + ":" + value);
  }

  /**
   * Whether the class is declared in a source file of this compilation (not read from a class
   * file).
   */
  public boolean hasSource(TypeElement type) {
    return trees.getPath(type) != null;
  }

  /**
   * The file declaring a class of this compilation, relative to its source root as the package
   * implies ({@code pkg/Model.java}); for other classes, the file javac would expect.
   */
  public String sourceFile(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement t) {
      top = t;
    }
    String pkg = elements.getPackageOf(top).getQualifiedName().toString();
    String file = top.getSimpleName() + ".java";
    TreePath path = trees.getPath(top);
    if (path != null) {
      String name = path.getCompilationUnit().getSourceFile().getName();
      file = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }
    return pkg.isEmpty() ? file : pkg.replace('.', '/') + "/" + file;
  }

  /**
   * The types a qualifier (as written in {@code owner}'s source, or null for owner's own) may mean.
   */
  List<TypeElement> types(String qualifier, TypeElement owner, CompilationUnitTree unit) {
    List<TypeElement> out = new ArrayList<>();
    if (qualifier == null) {
      for (Element e = owner; e instanceof TypeElement t; e = t.getEnclosingElement()) {
        out.add(t);
      }
      return out;
    }
    List<String> candidates = new ArrayList<>();
    candidates.add(qualifier);
    for (Element e = owner; e instanceof TypeElement t; e = t.getEnclosingElement()) {
      candidates.add(t.getQualifiedName() + "." + qualifier);
    }
    String pkg = elements.getPackageOf(owner).getQualifiedName().toString();
    candidates.add(pkg.isEmpty() ? qualifier : pkg + "." + qualifier);
    candidates.add("java.lang." + qualifier);
    for (ImportTree i : unit == null ? List.<ImportTree>of() : unit.getImports()) {
      String imported = i.getQualifiedIdentifier().toString();
      if (!i.isStatic() && imported.endsWith("." + qualifier)) {
        candidates.add(imported);
      }
    }
    for (String c : candidates) {
      TypeElement t = elements.getTypeElement(c);
      if (t != null && !out.contains(t)) {
        out.add(t);
      }
    }
    return out;
  }

  static String key(TypeElement type, ExecutableElement m) {
    return type.getQualifiedName()
        + "#"
        + m.getSimpleName()
        + m.getParameters().stream()
            .map(p -> p.asType().toString())
            .collect(Collectors.joining(",", "(", ")"));
  }

  private String location(Source source) {
    String file = source.unit().getSourceFile().getName();
    file = file.substring(file.lastIndexOf('/') + 1);
    return file + ":" + source.unit().getLineMap().getLineNumber(source.start());
  }

  private static String name(AnnotationMirror a) {
    return ((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().toString();
  }

  /** Reports a diagnostic at its span within the method, or at the method's annotation. */
  public void report(Source source, Diagnostic d) {
    Kind kind = Messages.kind(d.code().severity());
    Span span = d.span();
    Tree at =
        span.isMethod()
            ? null
            : innermost(source, source.start() + span.start(), source.start() + span.end());
    if (at != null) {
      trees.printMessage(kind, d.fullMessage(), at, source.unit());
    } else {
      reportAtMethod(source.element(), kind, d.fullMessage());
    }
  }

  /** Reports at the method's {@code @Differentiable} annotation (or the method). */
  public void reportAtMethod(ExecutableElement m, Kind kind, String message) {
    reportAt(m, DIFFERENTIABLE, kind, message);
  }

  /** Reports a diagnostic about the whole method at its {@code @Differentiable} annotation. */
  public void reportAtMethod(ExecutableElement m, Diagnostic d) {
    reportAt(m, DIFFERENTIABLE, d);
  }

  /** Reports a diagnostic about the whole method at its annotation of that type (or the method). */
  void reportAt(ExecutableElement m, String annotation, Diagnostic d) {
    reportAt(m, annotation, Messages.kind(d.code().severity()), d.fullMessage());
  }

  /** Reports at the method's annotation of that type (or the method). */
  void reportAt(ExecutableElement m, String annotation, Kind kind, String message) {
    Optional<? extends AnnotationMirror> a =
        m.getAnnotationMirrors().stream().filter(x -> name(x).equals(annotation)).findFirst();
    if (a.isPresent()) {
      messager.printMessage(kind, message, m, a.get());
    } else {
      messager.printMessage(kind, message, m);
    }
  }

  /** The tree spanning exactly [start, end), else the smallest one containing it. */
  private Tree innermost(Source source, long start, long end) {
    SourcePositions positions = trees.getSourcePositions();
    Tree[] best = {null};
    long[] bestSize = {Long.MAX_VALUE};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree t, Void unused) {
        if (t == null) {
          return null;
        }
        long s = positions.getStartPosition(source.unit(), t);
        long e = positions.getEndPosition(source.unit(), t);
        if (s >= 0 && s <= start && e >= end) {
          long size = (e - s) + (s == start && e == end ? 0 : 1);
          if (size < bestSize[0] || (size == bestSize[0] && s == start)) {
            best[0] = t;
            bestSize[0] = size;
          }
        }
        return super.scan(t, null);
      }
    }.scan(source.tree(), null);
    return best[0];
  }
}
