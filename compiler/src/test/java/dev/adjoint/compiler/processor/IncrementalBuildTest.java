package dev.adjoint.compiler.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.compiler.incremental.DependencyIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental builds as javac sees them: sources and classes on disk, and later compilations of
 * only some of the sources with the earlier classes on the class path (an IDE on save, Maven
 * recompiling stale sources). A generated class that copied a method or constant of another class
 * must never silently keep the old copy: recompiling only that other class fails with AD004 naming
 * the owner's file, and recompiling the owner makes the derivatives from the new code.
 */
class IncrementalBuildTest {
  private static final String MODEL =
      """
      package inc;

      import dev.adjoint.Differentiable;

      public final class Model {
        @Differentiable
        public static double loss(double x) {
          return Helper.f(x) * Helper.K;
        }
      }
      """;
  private static final String HELPER =
      """
      package inc;

      public final class Helper {
        public static final double K = 2.0;

        static double f(double x) {
          return x * x;
        }

        static double g(double x) {
          return x + 1;
        }
      }
      """;

  @TempDir Path dir;
  private DiskJavac javac;

  @BeforeEach
  void setUp() {
    javac = new DiskJavac(dir, "inc");
  }

  @Test
  void changedHelperCompiledAloneIsAnErrorNamingTheOwnersFile() throws Exception {
    write("Model.java", MODEL);
    write("Helper.java", HELPER);
    assertClean(compile("Model.java", "Helper.java"));
    assertEquals(2 * 2 * 3.0, gradient(3.0), 0.0);

    write("Helper.java", HELPER.replace("return x * x;", "return x * x * x;"));
    DiskJavac.Result stale = compile("Helper.java");
    assertFalse(stale.success(), "a stale derivative must not compile: " + stale.errorTexts());
    assertEquals(1, stale.errorTexts().size(), stale.errorTexts().toString());
    String error = stale.errorTexts().get(0);
    assertTrue(error.startsWith("Helper.java: [AD004]"), error);
    assertTrue(error.contains("'inc.ModelDerivatives'") && error.contains("Helper.f"), error);
    assertTrue(error.contains("recompile inc/Model.java as well"), error);
    // nothing was written: the earlier classes, still consistent with each other, remain
    assertEquals(2 * 2 * 3.0, gradient(3.0), 0.0);

    // the build the error asks for: the owner too
    assertClean(compile("Model.java", "Helper.java"));
    assertEquals(2 * 3 * 3 * 3.0, gradient(3.0), 0.0);
    // and the new copy is what later compilations compare against
    assertClean(compile("Helper.java"));
  }

  @Test
  void compilingTheOwnerAgainReplacesItsEarlierGeneratedClass() throws Exception {
    write("Model.java", MODEL);
    write("Helper.java", HELPER);
    assertClean(compile("Model.java", "Helper.java"));
    // the earlier ModelDerivatives is on the class path now: it is replaced, not a clash (AD003);
    // and reading the index, then writing it again through the Filer, works
    write("Helper.java", HELPER.replace("return x * x;", "return 5 * x;"));
    assertClean(compile("Model.java", "Helper.java"));
    assertEquals(5 * 2.0, gradient(3.0), 0.0);
  }

  @Test
  void changingAnotherMethodOfTheHelperIsNoError() throws Exception {
    write("Model.java", MODEL);
    write("Helper.java", HELPER);
    assertClean(compile("Model.java", "Helper.java"));
    String index = index();
    write(
        "Helper.java",
        HELPER
            .replace("return x + 1;", "return x + 2;")
            .replace(
                "public final class Helper {",
                "public final class Helper {\n  // a comment outside f\n"));
    assertClean(compile("Helper.java"));
    assertEquals(12.0, gradient(3.0), 0.0);
    assertEquals(index, index(), "the index stays as it was");
  }

  @Test
  void changedConstantCompiledAloneIsAnError() throws Exception {
    write("Model.java", MODEL);
    write("Helper.java", HELPER);
    assertClean(compile("Model.java", "Helper.java"));
    write("Helper.java", HELPER.replace("K = 2.0", "K = 3.0"));
    DiskJavac.Result stale = compile("Helper.java");
    assertFalse(stale.success());
    assertTrue(
        stale.errorTexts().toString().contains("[AD004]")
            && stale.errorTexts().toString().contains("Helper.K"),
        stale.errorTexts().toString());
  }

  @Test
  void removedHelperMethodIsAnError() throws Exception {
    write("Model.java", MODEL);
    write("Helper.java", HELPER);
    assertClean(compile("Model.java", "Helper.java"));
    write("Helper.java", HELPER.replace("static double f(double x) {\n    return x * x;\n  }", ""));
    DiskJavac.Result stale = compile("Helper.java");
    assertFalse(stale.success());
    assertTrue(
        stale.errorTexts().toString().contains("[AD004]")
            && stale.errorTexts().toString().contains("Helper.f"),
        stale.errorTexts().toString());
  }

  @Test
  void indexListsTheCopiesSorted() throws Exception {
    write("Model.java", MODEL);
    write("Helper.java", HELPER);
    assertClean(compile("Model.java", "Helper.java"));
    List<String> lines =
        index().lines().filter(l -> !l.startsWith("#")).collect(Collectors.toList());
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(
        lines
            .get(0)
            .startsWith(
                "inc.ModelDerivatives\tinc.Model\tinc/Model.java\tCONSTANT\tinc.Helper\tK\t"),
        lines.get(0));
    assertEquals(
        "inc.ModelDerivatives\tinc.Model\tinc/Model.java\tGENERATED\tinc.Model\t-\t-",
        lines.get(1));
    assertTrue(
        lines
            .get(2)
            .matches(
                "inc\\.ModelDerivatives\tinc\\.Model\tinc/Model\\.java\tMETHOD\tinc\\.Helper\tf/1\t[0-9a-f]{16}"),
        lines.get(2));
    String first = index();
    assertClean(compile("Model.java", "Helper.java"));
    assertEquals(first, index(), "a second identical build writes the same index");
  }

  @Test
  void compilationsWithoutDifferentiableMethodsWriteNoIndex() throws Exception {
    write("Helper.java", HELPER);
    assertClean(compile("Helper.java"));
    assertFalse(Files.exists(javac.out().resolve(DependencyIndex.PATH)));
  }

  private void write(String file, String text) throws IOException {
    javac.write(file, text);
  }

  private String index() throws IOException {
    return Files.readString(javac.out().resolve(DependencyIndex.PATH), StandardCharsets.UTF_8);
  }

  private DiskJavac.Result compile(String... files) throws IOException {
    return javac.compile(files);
  }

  private static void assertClean(DiskJavac.Result r) {
    assertTrue(r.success() && r.problems().isEmpty(), r.problems().toString());
  }

  /** d loss / dx at x, from the generated class on disk. */
  private double gradient(double x) throws Exception {
    double[] g = new double[1];
    javac.call(
        "ModelDerivatives",
        "lossValueAndGradient",
        new Class<?>[] {double.class, double[].class},
        x,
        g);
    return g[0];
  }
}
