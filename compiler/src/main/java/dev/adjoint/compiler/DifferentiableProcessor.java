package dev.adjoint.compiler;

import com.palantir.javapoet.JavaFile;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.Differentiation.Result;
import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.emit.DerivativesEmitter;
import dev.adjoint.compiler.incremental.Dependency;
import dev.adjoint.compiler.incremental.DependencyIndex;
import dev.adjoint.compiler.javac.ExternalReads;
import dev.adjoint.compiler.javac.JavacMethods;
import dev.adjoint.compiler.javac.Messages;
import dev.adjoint.compiler.javac.Rules;
import java.io.Writer;
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
import javax.tools.JavaFileObject;

/**
 * The annotation processor, kept thin: for each {@code @Differentiable} method it reads the source
 * (javac layer), differentiates it ({@link Differentiation}), reports the diagnostics, and writes
 * one {@code OwnerDerivatives} class per owner from the methods that came through clean, recording
 * what it copied from other classes for incremental builds ({@link IncrementalBuild}). Any
 * exception is caught per method and reported as an internal error, never thrown into javac.
 */
// "*": the processor must also run in compilations without any of its annotations, since
// recompiling only a helper class can make an earlier generated class stale (IncrementalBuild)
@SupportedAnnotationTypes("*")
public final class DifferentiableProcessor extends AbstractProcessor {
  /** The runtime's interface the generated objectives implement. */
  private static final String RUNTIME_FUNCTION = "dev.adjoint.runtime.DifferentiableFunction";

  /** Annotations javac handles itself; claiming them along with ours takes nothing from anyone. */
  private static final Set<String> PLATFORM =
      Set.of(
          "java.lang.Deprecated",
          "java.lang.Override",
          "java.lang.SuppressWarnings",
          "java.lang.FunctionalInterface",
          "java.lang.SafeVarargs");

  private boolean reportedEnvironment;

  /** The classes written so far, across rounds. */
  private final Set<String> generated = new HashSet<>();

  /** Set in the first round; null outside javac or when the index could not be read. */
  private IncrementalBuild incremental;

  private boolean started;

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  // Claims only in rounds where every annotation present is ours or javac's own (see ours), so no
  // other processor is denied an annotation; that keeps -Xlint:processing quiet for our users.
  @SuppressWarnings("DoNotClaimAnnotations")
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!started) {
      started = true;
      startIncremental(round);
    }
    boolean claimed = differentiate(annotations, round);
    if (round.processingOver() && incremental != null) {
      try {
        incremental.finish(round.errorRaised());
      } catch (Throwable t) { // never let anything escape into javac
        report(Diagnostic.internalError("the index " + DependencyIndex.PATH, t), null);
      }
    }
    return claimed;
  }

  /** Reads what earlier compilations generated from, and reports what this one makes stale. */
  private void startIncremental(RoundEnvironment round) {
    Optional<JavacMethods> javac = JavacMethods.create(processingEnv);
    if (javac.isEmpty()) {
      return;
    }
    try {
      incremental = IncrementalBuild.start(processingEnv, javac.get(), round.getRootElements());
      incremental.check();
    } catch (Throwable t) { // never let anything escape into javac
      report(Diagnostic.internalError("the index " + DependencyIndex.PATH, t), null);
    }
  }

  private boolean differentiate(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    TypeElement annotation =
        processingEnv.getElementUtils().getTypeElement(JavacMethods.DIFFERENTIABLE);
    if (annotation == null) {
      return false;
    }
    Set<? extends Element> annotated = round.getElementsAnnotatedWith(annotation);
    TypeElement partial = processingEnv.getElementUtils().getTypeElement(Rules.PARTIAL);
    Set<? extends Element> partials =
        partial == null ? Set.of() : round.getElementsAnnotatedWith(partial);
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
      report(Diagnostic.internalError("@Partial rules", t), null);
      return false;
    }
    for (Map.Entry<TypeElement, List<ExecutableElement>> owner : byOwner(annotated).entrySet()) {
      processOwner(javac.get(), owner.getKey(), owner.getValue(), rules);
    }
    return ours(annotations);
  }

  /**
   * Claims the annotations when they are only ours, besides javac's own (so that {@code
   * -Xlint:processing} does not warn that nobody claimed them); whenever another annotation is
   * present nothing is claimed, so other processors see everything. {@code @Generated} is claimed
   * only in rounds where it comes from our own output alone.
   */
  private static boolean ours(Set<? extends TypeElement> annotations) {
    return annotations.stream()
        .allMatch(
            a -> {
              String n = a.getQualifiedName().toString();
              return n.equals(JavacMethods.DIFFERENTIABLE)
                  || n.equals(JavacMethods.NO_DERIVATIVE)
                  || n.equals(Rules.PARTIAL)
                  || n.equals("javax.annotation.processing.Generated")
                  || PLATFORM.contains(n);
            });
  }

  private void processOwner(
      JavacMethods javac, TypeElement owner, List<ExecutableElement> methods, Rules rules) {
    List<Differentiated> clean = new ArrayList<>();
    ExternalReads reads = new ExternalReads(owner);
    Set<String> names = new HashSet<>();
    for (ExecutableElement m : methods) {
      if (!names.add(m.getSimpleName().toString())) {
        javac.reportAtMethod(m, Diagnostic.atElement(DiagnosticCode.AD109, m.getSimpleName()));
        continue;
      }
      try {
        processMethod(javac, owner, m, rules, reads).ifPresent(clean::add);
      } catch (Throwable t) { // never let anything escape into javac
        javac.reportAtMethod(m, Diagnostic.internalError(m.getSimpleName(), t));
      }
    }
    if (clean.isEmpty()) {
      return;
    }
    String pkg = processingEnv.getElementUtils().getPackageOf(owner).getQualifiedName().toString();
    String ownerName = ownerName(owner);
    String className = ownerName.replace('.', '_') + "Derivatives";
    String qualified = pkg.isEmpty() ? className : pkg + "." + className;
    TypeElement existing = processingEnv.getElementUtils().getTypeElement(qualified);
    // a class of that name from an earlier compilation of this owner is replaced, not a clash
    boolean earlier =
        existing != null
            && !javac.hasSource(existing)
            && incremental != null
            && incremental.generatedEarlier(qualified, owner.getQualifiedName().toString());
    if ((existing != null && !earlier) || !generated.add(qualified)) {
      javac.reportAtMethod(methods.get(0), Diagnostic.atElement(DiagnosticCode.AD003, qualified));
      return;
    }
    try {
      // the adapters implement the runtime's interfaces: only when the runtime is there to compile
      boolean runtime = processingEnv.getElementUtils().getTypeElement(RUNTIME_FUNCTION) != null;
      JavaFile file = DerivativesEmitter.file(pkg, ownerName, className, clean, runtime);
      // the classes whose code was copied in originate the file too (for build tools that track it)
      List<Element> origins = new ArrayList<>();
      origins.add(owner);
      origins.addAll(reads.types());
      JavaFileObject out =
          processingEnv.getFiler().createSourceFile(qualified, origins.toArray(Element[]::new));
      try (Writer writer = out.openWriter()) {
        file.writeTo(writer);
      }
      if (incremental != null) {
        String ownerSource = javac.sourceFile(owner);
        incremental.generated(
            List.of(
                Dependency.generated(qualified, owner.getQualifiedName().toString(), ownerSource)));
        incremental.generated(
            reads.dependencies(qualified, owner.getQualifiedName().toString(), ownerSource));
      }
    } catch (Throwable t) {
      javac.reportAtMethod(
          methods.get(0), Diagnostic.internalError(methods.get(0).getSimpleName(), t));
    }
  }

  private Optional<Differentiated> processMethod(
      JavacMethods javac, TypeElement owner, ExecutableElement m, Rules rules, ExternalReads reads)
      throws Exception {
    Optional<JavacMethods.Source> source = javac.read(m, owner);
    if (source.isEmpty()) {
      // an implicit member (a record's accessor) has no position: report at its class
      report(
          Diagnostic.atElement(DiagnosticCode.AD002, m.getSimpleName()), m.getEnclosingElement());
      return Optional.empty();
    }
    Result result =
        Differentiation.run(
            source.get().request(), javac.resolver(owner, source.get().unit(), rules, reads));
    for (Diagnostic d : result.diagnostics().all()) {
      javac.report(source.get(), d);
    }
    if (result instanceof Differentiated differentiated) {
      return Optional.of(differentiated);
    }
    javac.reportAtMethod(m, Kind.NOTE, result.diagnostics().rejection(m.getSimpleName()));
    return Optional.empty();
  }

  /**
   * Reports a diagnostic about a whole element, or about the compilation when {@code at} is null.
   */
  private void report(Diagnostic d, Element at) {
    Messages.print(processingEnv.getMessager(), d, at);
  }

  private void reportEnvironment(Set<? extends Element> annotated) {
    if (reportedEnvironment) {
      return;
    }
    reportedEnvironment = true;
    String compiler = processingEnv.getClass().getName();
    report(Diagnostic.atElement(DiagnosticCode.AD001, compiler), annotated.iterator().next());
  }

  /** Methods grouped by their class, both in source order, for deterministic output. */
  private static Map<TypeElement, List<ExecutableElement>> byOwner(
      Set<? extends Element> annotated) {
    Map<TypeElement, List<ExecutableElement>> out = new LinkedHashMap<>();
    List<Element> sorted = new ArrayList<>(annotated);
    sorted.sort(
        (a, b) ->
            ownerName((TypeElement) a.getEnclosingElement())
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
