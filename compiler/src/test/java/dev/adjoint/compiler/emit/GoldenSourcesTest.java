package dev.adjoint.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.Differentiation;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.CalleeResolver;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.testing.Classes;
import dev.adjoint.compiler.testing.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden generated sources: the exact text users read. Regenerate after an intended change with
 * {@code mvn -pl compiler test -Dtest=GoldenSourcesTest -Dadjoint.regenerateGolden=true} and review
 * the diff.
 */
class GoldenSourcesTest {
  private static final Path INPUTS = Path.of("src/test/resources/golden/input");
  private static final Path EXPECTED = Path.of("src/test/resources/golden/expected");
  private static final String INPUT_SUFFIX = ".java.txt";
  private static final String EXPECTED_SUFFIX = "Derivatives.java.txt";

  /**
   * The golden names, discovered: every {@code input/Name.java.txt} is one golden whose expected
   * output is {@code expected/NameDerivatives.java.txt}, so adding a golden is adding files.
   */
  static List<String> names() throws IOException {
    try (Stream<Path> files = Files.list(INPUTS)) {
      List<String> names =
          files
              .map(f -> f.getFileName().toString())
              .filter(f -> f.endsWith(INPUT_SUFFIX))
              .map(f -> f.substring(0, f.length() - INPUT_SUFFIX.length()))
              .sorted()
              .toList();
      if (names.isEmpty()) {
        throw new IllegalStateException("no golden inputs in " + INPUTS.toAbsolutePath());
      }
      return names;
    }
  }

  /** An expected output without its input would never be checked: it is a forgotten rename. */
  @Test
  void everyExpectedOutputHasAnInput() throws IOException {
    List<String> names = names();
    try (Stream<Path> files = Files.list(EXPECTED)) {
      List<String> orphans =
          files
              .map(f -> f.getFileName().toString())
              .filter(
                  f ->
                      !f.endsWith(EXPECTED_SUFFIX)
                          || !names.contains(f.substring(0, f.length() - EXPECTED_SUFFIX.length())))
              .sorted()
              .toList();
      assertEquals(List.of(), orphans, "files in " + EXPECTED + " that no golden input produces");
    }
  }

  @ParameterizedTest
  @MethodSource("names")
  void generatedSourceMatchesGolden(String name) throws IOException {
    String actual = generate(name);
    Path expected = EXPECTED.resolve(name + EXPECTED_SUFFIX);
    if (Boolean.getBoolean("adjoint.regenerateGolden") || !Files.exists(expected)) {
      Files.createDirectories(EXPECTED);
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
    assertEquals(actual, generate(name), "generation is deterministic");
  }

  /**
   * The generated source for golden input {@code name}, as the test generates it. An input is
   * either method text (the annotated method, then helpers after {@code // ---} lines), or a
   * compilation unit declaring a class named like the golden, whose {@code @Differentiable} methods
   * (static or instance) are differentiated with the unit's other classes and records in scope.
   */
  static String generate(String name) throws IOException {
    String text = Files.readString(INPUTS.resolve(name + INPUT_SUFFIX), StandardCharsets.UTF_8);
    Optional<Classes> unit = unit(text, name);
    if (unit.isPresent()) {
      List<Differentiated> outcomes = new java.util.ArrayList<>();
      for (String method : unit.get().differentiable(name)) {
        outcomes.add(
            (Differentiated)
                Differentiation.run(unit.get().request(name, method), unit.get().resolver(name)));
      }
      return DerivativesEmitter.file("golden", name, name + "Derivatives", outcomes).toString();
    }
    String[] methods = text.split("// ---\n");
    return generate(name, methods[0], java.util.Arrays.copyOfRange(methods, 1, methods.length));
  }

  /** The input as a compilation unit, when it declares a class or record named {@code name}. */
  private static Optional<Classes> unit(String text, String name) {
    if (!java.util.regex.Pattern.compile("(?m)^(\\w+ )*(class|record) " + name + "\\b")
        .matcher(text)
        .find()) {
      return Optional.empty();
    }
    Classes classes = Classes.of(text);
    return classes.declares(name) ? Optional.of(classes) : Optional.empty();
  }

  /** Helpers resolve by name; a method named {@code erf} has a custom rule, {@code erfDx}. */
  private static String generate(String name, String source, String[] helpers) {
    CalleeResolver base = Sources.resolver(helpers);
    CalleeResolver resolver =
        new CalleeResolver() {
          @Override
          public List<Callee> resolve(String qualifier, String method, int arity) {
            return base.resolve(qualifier, method, arity);
          }

          @Override
          public Optional<Rule> rule(String qualifier, String method, int arity) {
            return method.equals("erf") && arity == 1
                ? Optional.of(
                    new Rule(
                        "golden.Special.erf",
                        List.of(Type.DOUBLE),
                        Type.DOUBLE,
                        List.of("golden.Special.erfDx")))
                : Optional.empty();
          }
        };
    Differentiated outcome =
        (Differentiated) Differentiation.run(Sources.request(source), resolver);
    return DerivativesEmitter.file("golden", name, name + "Derivatives", List.of(outcome))
        .toString();
  }
}
