package dev.adjoint.compiler.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The index's text form and its merge: what a compilation keeps of what earlier ones recorded. */
class DependencyIndexTest {
  private static Dependency method(
      String generated, String owner, String type, String fingerprint) {
    return new Dependency(
        generated,
        owner,
        owner.replace('.', '/') + ".java",
        Dependency.Kind.METHOD,
        type,
        "f/1",
        fingerprint);
  }

  @Test
  void formatIsSortedAndParsesBack() {
    DependencyIndex index =
        DependencyIndex.empty()
            .merge(
                owner -> false,
                List.of(
                    method("p.BDerivatives", "p.B", "p.H", "00000000000000bb"),
                    method("p.ADerivatives", "p.A", "p.H", "00000000000000aa"),
                    Dependency.generated("p.ADerivatives", "p.A", "p/A.java")));
    String text = index.format();
    assertEquals(
        DependencyIndex.HEADER
            + "\n"
            + "p.ADerivatives\tp.A\tp/A.java\tGENERATED\tp.A\t-\t-\n"
            + "p.ADerivatives\tp.A\tp/A.java\tMETHOD\tp.H\tf/1\t00000000000000aa\n"
            + "p.BDerivatives\tp.B\tp/B.java\tMETHOD\tp.H\tf/1\t00000000000000bb\n",
        text);
    assertEquals(index, DependencyIndex.parse(text));
    assertTrue(index.generatedFrom("p.ADerivatives", "p.A"));
    assertFalse(index.generatedFrom("p.BDerivatives", "p.B"));
  }

  @Test
  void mergeReplacesOwnersCompiledAgainAndKeepsTheRest() {
    DependencyIndex earlier =
        DependencyIndex.empty()
            .merge(
                owner -> false,
                List.of(
                    method("p.ADerivatives", "p.A", "p.H", "00000000000000aa"),
                    method("p.BDerivatives", "p.B", "p.H", "00000000000000bb")));
    // A compiled again: its line is replaced; B not compiled: kept; C compiled without derivatives:
    // nothing
    DependencyIndex now =
        earlier.merge(
            owner -> owner.equals("p.A") || owner.equals("p.C"),
            List.of(method("p.ADerivatives", "p.A", "p.H", "00000000000000a2")));
    assertEquals(
        List.of(
            method("p.ADerivatives", "p.A", "p.H", "00000000000000a2"),
            method("p.BDerivatives", "p.B", "p.H", "00000000000000bb")),
        List.copyOf(now.dependencies()));
    // an owner compiled again without @Differentiable methods any more leaves no lines
    assertEquals(
        List.of(method("p.BDerivatives", "p.B", "p.H", "00000000000000bb")),
        List.copyOf(now.merge(owner -> owner.equals("p.A"), List.of()).dependencies()));
  }

  @Test
  void linesThatAreNotDependenciesAreSkipped() {
    DependencyIndex index =
        DependencyIndex.parse(
            "# comment\n\nnot a line\np.A\tp.A\tp/A.java\tMETHOD\tp.H\tf\tx\n"
                + "p.A\tp.A\tp/A.java\tFUTURE\tp.H\tf/1\tx\n"
                + "p.ADerivatives\tp.A\tp/A.java\tCONSTANT\tp.H\tK\t01\n");
    assertEquals(1, index.dependencies().size());
    assertThrows(IllegalArgumentException.class, () -> method("p.A\tx", "p.A", "p.H", "aa"));
  }
}
