package dev.adjoint.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.adjoint.compiler.Differentiation;
import dev.adjoint.compiler.Differentiation.Outcome;
import dev.adjoint.compiler.testing.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

  @ParameterizedTest
  @ValueSource(strings = {"SineFit", "Horner", "Branchy", "Power", "Rosenbrock", "Recurrent"})
  void generatedSourceMatchesGolden(String name) throws IOException {
    String source = Files.readString(INPUTS.resolve(name + ".java.txt"), StandardCharsets.UTF_8);
    Outcome outcome = Differentiation.run(Sources.request(source));
    String actual = DerivativesEmitter.file("golden", name, name + "Derivatives", List.of(outcome)).toString();
    Path expected = EXPECTED.resolve(name + "Derivatives.java.txt");
    if (Boolean.getBoolean("adjoint.regenerateGolden") || !Files.exists(expected)) {
      Files.createDirectories(EXPECTED);
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual);
    String again = DerivativesEmitter.file("golden", name, name + "Derivatives",
        List.of(Differentiation.run(Sources.request(source)))).toString();
    assertEquals(actual, again, "generation is deterministic");
  }
}
