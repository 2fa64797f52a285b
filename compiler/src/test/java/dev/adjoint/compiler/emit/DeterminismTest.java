package dev.adjoint.compiler.emit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Same input, byte-identical output, across JVM runs: every golden input is generated again in a
 * child JVM whose identity hash codes all differ from this one's ({@code -XX:hashCode=2} makes them
 * constant), so an iteration over a hash-ordered collection of IR nodes would show up here.
 */
class DeterminismTest {

  /** Run by the child JVM: writes each golden input's generated source into the directory given. */
  public static void main(String[] args) throws IOException {
    for (String name : GoldenSourcesTest.names()) {
      Files.writeString(
          Path.of(args[0], name + ".java"),
          GoldenSourcesTest.generate(name),
          StandardCharsets.UTF_8);
    }
  }

  @Test
  void generatedSourcesDoNotDependOnIdentityHashCodes(@TempDir Path out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                List.of(
                    java,
                    "-XX:+UnlockExperimentalVMOptions",
                    "-XX:hashCode=2",
                    "-cp",
                    System.getProperty("java.class.path"),
                    DeterminismTest.class.getName(),
                    out.toString()))
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(120, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), log);
    for (String name : GoldenSourcesTest.names()) {
      assertEquals(
          GoldenSourcesTest.generate(name),
          Files.readString(out.resolve(name + ".java"), StandardCharsets.UTF_8),
          name);
    }
  }
}
