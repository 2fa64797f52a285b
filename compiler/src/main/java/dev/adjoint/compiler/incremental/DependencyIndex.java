package dev.adjoint.compiler.incremental;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The record, kept next to the class output, of which sources outside their owners the generated
 * classes were made from. A compilation that changes such a source without recompiling the owner
 * would otherwise leave a derivative class computing the old function; the processor reads this
 * index to catch that (AD004), and rewrites it after generating. Plain text, one {@link Dependency}
 * a line, tab-separated, sorted, so that identical builds write identical files.
 */
public final class DependencyIndex {
  /** Where in the class output the index lives. */
  public static final String PATH = "META-INF/adjoint/inlined-sources.txt";

  static final String HEADER =
      "# Adjoint: generated classes and the sources copied into them (generated, owner,"
          + " owner source, kind, type, member, fingerprint); format 1";

  private final Set<Dependency> dependencies;

  private DependencyIndex(Collection<Dependency> dependencies) {
    this.dependencies = new TreeSet<>(dependencies);
  }

  public static DependencyIndex empty() {
    return new DependencyIndex(List.of());
  }

  /**
   * Parses an index; lines that are not dependencies (comments, blank lines, a future format's
   * lines) are skipped, since a missed check is better than a build that cannot start.
   */
  public static DependencyIndex parse(String text) {
    List<Dependency> out = new ArrayList<>();
    for (String line : text.lines().toList()) {
      line = line.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        out.add(Dependency.parse(line));
      } catch (IllegalArgumentException e) {
        // unknown line: skip it
      }
    }
    return new DependencyIndex(out);
  }

  public Set<Dependency> dependencies() {
    return Collections.unmodifiableSet(dependencies);
  }

  /** Whether {@code generated} was made from {@code owner} by an earlier compilation. */
  public boolean generatedFrom(String generated, String owner) {
    return dependencies.stream()
        .anyMatch(
            d ->
                d.kind() == Dependency.Kind.GENERATED
                    && d.generated().equals(generated)
                    && d.owner().equals(owner));
  }

  public boolean isEmpty() {
    return dependencies.isEmpty();
  }

  /**
   * This index without the dependencies of owners that were compiled again (their generated classes
   * were written again, or are gone), with the dependencies recorded now added.
   */
  public DependencyIndex merge(Predicate<String> ownerRecompiled, Collection<Dependency> recorded) {
    List<Dependency> out = new ArrayList<>();
    Set<String> regenerated = new TreeSet<>();
    recorded.forEach(d -> regenerated.add(d.generated()));
    for (Dependency d : dependencies) {
      if (!ownerRecompiled.test(d.owner()) && !regenerated.contains(d.generated())) {
        out.add(d);
      }
    }
    out.addAll(recorded);
    return new DependencyIndex(out);
  }

  public String format() {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    dependencies.forEach(d -> out.append(d.line()).append('\n'));
    return out.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DependencyIndex i && i.dependencies.equals(dependencies);
  }

  @Override
  public int hashCode() {
    return dependencies.hashCode();
  }
}
