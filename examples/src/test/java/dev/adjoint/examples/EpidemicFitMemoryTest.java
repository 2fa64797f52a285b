package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The example's gradient at its default 8 million steps in a child JVM with a 64 MiB heap: full
 * storage runs out of memory, the checkpointed gradient does not.
 */
class EpidemicFitMemoryTest {

  /** The program's output and exit status. */
  private record Run(int status, String output) {}

  private static Run runWith64MiB(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx64m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(EpidemicFit.class.getName());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    // Read before waiting, so that a full pipe cannot block the child.
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), output);
    return new Run(process.exitValue(), output);
  }

  @Test
  void fullStorageRunsOutOfMemory() throws Exception {
    Run run = runWith64MiB("--full-storage", "--iterations", "0");
    assertEquals(1, run.status(), run.output());
    assertTrue(run.output().contains("full storage (@Differentiable)"), run.output());
    assertTrue(
        run.output().contains("Out of memory in the gradient (Java heap space)"), run.output());
  }

  @Test
  void checkpointedGradientFitsIn64MiB() throws Exception {
    Run run = runWith64MiB("--iterations", "2");
    assertEquals(0, run.status(), run.output());
    assertTrue(run.output().contains("checkpoints = 64"), run.output());
    assertTrue(run.output().contains("Peak heap used: "), run.output());
  }
}
