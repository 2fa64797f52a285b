package dev.adjoint.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.Differentiation;
import dev.adjoint.compiler.Differentiation.Differentiated;
import dev.adjoint.compiler.frontend.CalleeResolver;
import dev.adjoint.compiler.ir.Type;
import dev.adjoint.compiler.testing.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Golden generated sources: the exact text users read. Regenerate after an intended change with
 * {@code mvn -pl compiler test -Dtest=GoldenSourcesTest -Dadjoint.regenerateGolden=true} and review
 * the diff.
 */
class GoldenSourcesTest {
  private static final Path INPUTS = Path.of("src/test/resources/golden/input");
  private static final Path EXPECTED = Path.of("src/test/resources/golden/expected");

  static final String[] NAMES = {
    "SineFit",
    "Horner",
    "Branchy",
    "Power",
    "Rosenbrock",
    "Recurrent",
    "NewtonWhileBreak",
    "EarlyReturnNestedLoop",
    "Oscillator",
    "CallWithArray",
    "FloatMethod",
    "Mlp",
    "CustomRule",
    "SineFitHessian",
    "Residuals",
    "RosenbrockHessian",
    "SharedSquares"
  };

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SineFit",
        "Horner",
        "Branchy",
        "Power",
        "Rosenbrock",
        "Recurrent",
        "NewtonWhileBreak",
        "EarlyReturnNestedLoop",
        "Oscillator",
        "CallWithArray",
        "FloatMethod",
        "Mlp",
        "CustomRule",
        "SineFitHessian",
        "Residuals",
        "RosenbrockHessian",
        "SharedSquares"
      })
  void generatedSourceMatchesGolden(String name) throws IOException {
    String[] methods =
        Files.readString(INPUTS.resolve(name + ".java.txt"), StandardCharsets.UTF_8)
            .split("// ---\n");
    String source = methods[0];
    String actual =
        generate(name, source, java.util.Arrays.copyOfRange(methods, 1, methods.length));
    Path expected = EXPECTED.resolve(name + "Derivatives.java.txt");
    if (Boolean.getBoolean("adjoint.regenerateGolden") || !Files.exists(expected)) {
      Files.createDirectories(EXPECTED);
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
    String again = generate(name, source, java.util.Arrays.copyOfRange(methods, 1, methods.length));
    assertEquals(actual, again, "generation is deterministic");
  }

  /** Helpers resolve by name; a method named {@code erf} has a custom rule, {@code erfDx}. */
  /** The generated source for golden input {@code name}, as the test generates it. */
  static String generate(String name) throws IOException {
    String[] methods =
        Files.readString(INPUTS.resolve(name + ".java.txt"), StandardCharsets.UTF_8)
            .split("// ---\n");
    return generate(name, methods[0], java.util.Arrays.copyOfRange(methods, 1, methods.length));
  }

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
