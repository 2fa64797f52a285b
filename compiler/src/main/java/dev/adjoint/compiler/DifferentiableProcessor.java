package dev.adjoint.compiler;

import dev.adjoint.compiler.Differentiation.Outcome;
import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.emit.DerivativesEmitter;
import dev.adjoint.compiler.javac.JavacMethods;
import dev.adjoint.compiler.javac.Rules;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic.Kind;

/**
 * The annotation processor, kept thin: for each {@code @Differentiable} method it reads the source
 * (javac layer), differentiates it ({@link Differentiation}), reports the diagnostics, and writes
 * one {@code OwnerDerivatives} class per owner from the methods that came through clean. Any
 * exception is caught per method and reported as an internal error, never thrown into javac.
 */
@SupportedAnnotationTypes({JavacMethods.DIFFERENTIABLE, JavacMethods.NO_DERIVATIVE, Rules.PARTIAL,
    "javax.annotation.processing.Generated"})
public final class DifferentiableProcessor extends AbstractProcessor {
  private boolean reportedEnvironment;
  /** The classes written so far, across rounds. */
  private final Set<String> generated = new HashSet<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement annotation = processingEnv.getElementUtils().getTypeElement(JavacMethods.DIFFERENTIABLE);
    if (annotation == null) {
      return false;
    }
    Set<? extends Element> annotated = round.getElementsAnnotatedWith(annotation);
    TypeElement partial = processingEnv.getElementUtils().getTypeElement(Rules.PARTIAL);
    Set<? extends Element> partials = partial == null ? Set.of() : round.getElementsAnnotatedWith(partial);
    if (annotated.isEmpty() && partials.isEmpty()) {
      return ours(annotations);
    }
    Optional<JavacMethods> javac = JavacMethods.create(processingEnv);
    if (javac.isEmpty()) {
      reportEnvironment(annotated.isEmpty() ? partials : annotated);
      return false;
    }
    Rules rules;
    try {
      rules = Rules.collect(partials, javac.get());
    } catch (Throwable t) {
      processingEnv.getMessager().printMessage(Kind.ERROR, DiagnosticCode.AD901.format("@Partial rules", String.valueOf(t)));
      return false;
    }
    for (Map.Entry<TypeElement, List<ExecutableElement>> owner : byOwner(annotated).entrySet()) {
      processOwner(javac.get(), owner.getKey(), owner.getValue(), rules);
    }
    return ours(annotations);
  }

  /**
   * Claims the annotations when they are only ours (so that {@code -Xlint:processing} does not
   * warn that nobody claimed them); {@code @Generated} is claimed only in rounds where it comes
   * from our own output alone.
   */
  private static boolean ours(Set<? extends TypeElement> annotations) {
    return annotations.stream().allMatch(a -> {
      String n = a.getQualifiedName().toString();
      return n.equals(JavacMethods.DIFFERENTIABLE) || n.equals(JavacMethods.NO_DERIVATIVE) || n.equals(Rules.PARTIAL)
          || n.equals("javax.annotation.processing.Generated");
    });
  }

  private void processOwner(JavacMethods javac, TypeElement owner, List<ExecutableElement> methods, Rules rules) {
    List<Outcome> clean = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (ExecutableElement m : methods) {
      if (!names.add(m.getSimpleName().toString())) {
        javac.reportAtMethod(m, Kind.ERROR, DiagnosticCode.AD109.format(m.getSimpleName()) + "\n  hint: " + DiagnosticCode.AD109.hint());
        continue;
      }
      try {
        processMethod(javac, owner, m, rules).ifPresent(clean::add);
      } catch (Throwable t) { // never let anything escape into javac
        javac.reportAtMethod(m, Kind.ERROR, internalError(m, t));
      }
    }
    if (clean.isEmpty()) {
      return;
    }
    String pkg = processingEnv.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
    String ownerName = ownerName(owner);
    String className = ownerName.replace('.', '_') + "Derivatives";
    String qualified = pkg.isEmpty() ? className : pkg + "." + className;
    if (processingEnv.getElementUtils().getTypeElement(qualified) != null || !generated.add(qualified)) {
      javac.reportAtMethod(methods.get(0), Kind.ERROR, DiagnosticCode.AD003.format(qualified) + "\n  hint: "
          + DiagnosticCode.AD003.hint());
      return;
    }
    try {
      DerivativesEmitter.file(pkg, ownerName, className, clean).writeTo(processingEnv.getFiler());
    } catch (Throwable t) {
      javac.reportAtMethod(methods.get(0), Kind.ERROR, internalError(methods.get(0), t));
    }
  }

  private Optional<Outcome> processMethod(JavacMethods javac, TypeElement owner, ExecutableElement m, Rules rules)
      throws Exception {
    Optional<JavacMethods.Source> source = javac.read(m, owner);
    if (source.isEmpty()) {
      String message = DiagnosticCode.AD002.format(m.getSimpleName()) + "\n  hint: " + DiagnosticCode.AD002.hint();
      // an implicit member (a record's accessor) has no position: report at its class
      processingEnv.getMessager().printMessage(Kind.ERROR, message, m.getEnclosingElement());
      return Optional.empty();
    }
    Outcome outcome = Differentiation.run(source.get().request(), javac.resolver(owner, source.get().unit(), rules));
    for (Diagnostic d : outcome.diagnostics().all()) {
      javac.report(source.get(), d);
    }
    if (outcome.diagnostics().hasErrors()) {
      long errors = outcome.diagnostics().all().stream().filter(Diagnostic::isError).count();
      javac.reportAtMethod(m, Kind.NOTE, "method '" + m.getSimpleName() + "' is not differentiable: "
          + errors + " error(s) above; no derivatives were generated for it");
      return Optional.empty();
    }
    return Optional.of(outcome);
  }

  private static String internalError(ExecutableElement m, Throwable t) {
    StringWriter trace = new StringWriter();
    t.printStackTrace(new PrintWriter(trace));
    return DiagnosticCode.AD901.format(m.getSimpleName(), String.valueOf(t)) + "\n  hint: "
        + DiagnosticCode.AD901.hint() + "\n" + trace;
  }

  private void reportEnvironment(Set<? extends Element> annotated) {
    if (reportedEnvironment) {
      return;
    }
    reportedEnvironment = true;
    String compiler = processingEnv.getClass().getName();
    processingEnv.getMessager().printMessage(Kind.ERROR,
        DiagnosticCode.AD001.format(compiler) + "\n  hint: " + DiagnosticCode.AD001.hint(), annotated.iterator().next());
  }

  /** Methods grouped by their class, both in source order, for deterministic output. */
  private static Map<TypeElement, List<ExecutableElement>> byOwner(Set<? extends Element> annotated) {
    Map<TypeElement, List<ExecutableElement>> out = new LinkedHashMap<>();
    List<Element> sorted = new ArrayList<>(annotated);
    sorted.sort((a, b) -> ownerName((TypeElement) a.getEnclosingElement())
        .compareTo(ownerName((TypeElement) b.getEnclosingElement())));
    for (Element e : sorted) {
      if (e.getKind() != ElementKind.METHOD) {
        continue;
      }
      TypeElement owner = (TypeElement) e.getEnclosingElement();
      out.computeIfAbsent(owner, k -> new ArrayList<>());
    }
    for (TypeElement owner : out.keySet()) {
      for (Element member : owner.getEnclosedElements()) {
        if (annotated.contains(member)) {
          out.get(owner).add((ExecutableElement) member);
        }
      }
    }
    return out;
  }

  /** {@code Outer.Inner} for nested classes, the simple name otherwise. */
  private static String ownerName(TypeElement owner) {
    String name = owner.getSimpleName().toString();
    Element enclosing = owner.getEnclosingElement();
    while (enclosing instanceof TypeElement t) {
      name = t.getSimpleName() + "." + name;
      enclosing = t.getEnclosingElement();
    }
    return name;
  }
}
