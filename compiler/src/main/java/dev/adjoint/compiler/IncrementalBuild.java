package dev.adjoint.compiler;

import dev.adjoint.compiler.diag.Diagnostic;
import dev.adjoint.compiler.diag.DiagnosticCode;
import dev.adjoint.compiler.incremental.Dependency;
import dev.adjoint.compiler.incremental.DependencyIndex;
import dev.adjoint.compiler.incremental.IndexFile;
import dev.adjoint.compiler.javac.JavacMethods;
import dev.adjoint.compiler.javac.Messages;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * The processor's part in incremental builds: a generated class contains copies of other classes'
 * methods and constants, which javac does not know about, so a build that recompiles only the
 * changed class (an IDE on save, Maven recompiling stale sources) would keep a derivative of the
 * old code. At the start of a compilation this reads the {@link DependencyIndex} the previous ones
 * left and reports AD004 for every copy whose source is compiled now, has changed, and whose owner
 * is not compiled now (when the owner is compiled, its derivatives are made again from the current
 * sources). At the end it writes the index again with this compilation's copies.
 */
final class IncrementalBuild {
  private final ProcessingEnvironment env;
  private final JavacMethods javac;
  private final Set<TypeElement> compiledNow = new HashSet<>();
  private final Optional<DependencyIndex> previous;
  private final List<Dependency> recorded = new ArrayList<>();

  private IncrementalBuild(
      ProcessingEnvironment env,
      JavacMethods javac,
      Set<? extends Element> roots,
      Optional<DependencyIndex> previous) {
    this.env = env;
    this.javac = javac;
    this.previous = previous;
    for (Element root : roots) {
      if (root instanceof TypeElement t) {
        compiledNow.add(t);
      }
    }
  }

  /** Starts with the first round's root elements: the classes whose sources are compiled now. */
  static IncrementalBuild start(
      ProcessingEnvironment env, JavacMethods javac, Set<? extends Element> roots)
      throws IOException {
    return new IncrementalBuild(env, javac, roots, IndexFile.read(env.getFiler()));
  }

  /** Reports AD004 for each copy in a generated class that the sources compiled now make stale. */
  void check() {
    if (previous.isEmpty()) {
      return;
    }
    for (Dependency d : previous.get().dependencies()) {
      if (d.kind() == Dependency.Kind.GENERATED) {
        continue;
      }
      Optional<TypeElement> type = compiled(d.type());
      if (type.isEmpty() || compiled(d.owner()).isPresent()) {
        continue;
      }
      Optional<String> now =
          switch (d.kind()) {
            case METHOD -> javac.methodFingerprint(type.get(), name(d), arity(d));
            case SHAPE -> Optional.of(javac.shapeFingerprint(type.get()));
            default -> javac.constantFingerprint(type.get(), d.member());
          };
      if (!now.equals(Optional.of(d.fingerprint()))) {
        Messages.print(
            env.getMessager(),
            Diagnostic.atElement(
                DiagnosticCode.AD004, d.generated(), d.described(), d.ownerSource()),
            member(type.get(), d));
      }
    }
  }

  /**
   * Whether an existing class {@code generated} is this processor's output for {@code owner} from
   * an earlier compilation, which compiling the owner again replaces (rather than a clash).
   */
  boolean generatedEarlier(String generated, String owner) {
    return previous.map(index -> index.generatedFrom(generated, owner)).orElse(false);
  }

  /** Records the copies a class generated now was made from (replacing its earlier entries). */
  void generated(List<Dependency> dependencies) {
    recorded.addAll(dependencies);
  }

  /**
   * Writes the index when it changed: entries of owners compiled now are replaced by what they were
   * generated from now. Nothing is written after errors, since no class was written either and the
   * old entries still describe the classes on disk.
   */
  void finish(boolean errorRaised) throws IOException {
    if (errorRaised) {
      return;
    }
    DependencyIndex merged =
        previous
            .orElse(DependencyIndex.empty())
            .merge(owner -> compiled(owner).isPresent(), recorded);
    if (previous.map(merged::equals).orElse(merged.isEmpty())) {
      return;
    }
    IndexFile.write(env.getFiler(), merged);
  }

  /** The class of that name if its source is compiled now. */
  private Optional<TypeElement> compiled(String qualifiedName) {
    TypeElement type = env.getElementUtils().getTypeElement(qualifiedName);
    if (type == null) {
      return Optional.empty();
    }
    TypeElement top = type;
    for (Element e = type.getEnclosingElement();
        e instanceof TypeElement t;
        e = t.getEnclosingElement()) {
      top = t;
    }
    return compiledNow.contains(top) ? Optional.of(type) : Optional.empty();
  }

  /** Where to report a changed copy: at the method or constant if it is still there. */
  private static Element member(TypeElement type, Dependency d) {
    for (Element e : type.getEnclosedElements()) {
      boolean method =
          d.kind() == Dependency.Kind.METHOD
              && e.getKind() == ElementKind.METHOD
              && e.getSimpleName().contentEquals(name(d))
              && ((ExecutableElement) e).getParameters().size() == arity(d);
      boolean field =
          d.kind() == Dependency.Kind.CONSTANT
              && e.getKind() == ElementKind.FIELD
              && e.getSimpleName().contentEquals(d.member());
      if (method || field) {
        return e;
      }
    }
    return type;
  }

  private static String name(Dependency d) {
    return d.member().substring(0, d.member().indexOf('/'));
  }

  private static int arity(Dependency d) {
    return Integer.parseInt(d.member().substring(d.member().indexOf('/') + 1));
  }
}
