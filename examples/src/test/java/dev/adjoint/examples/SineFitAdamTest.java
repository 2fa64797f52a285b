package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.LossHistory;
import dev.adjoint.runtime.Result;
import dev.adjoint.runtime.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training loop of the README: the generated objective, Adam with a schedule, early stopping,
 * progress, and the loss curve.
 */
class SineFitAdamTest {

  @Test
  void stopsEarlyNearTheLeastSquaresOptimumAndReturnsTheBestPoint() {
    LossHistory history = new LossHistory();
    Result r = SineFitAdam.train(0.05, 20_000, null, history);
    double optimum = LeastSquaresCubic.fit(SineData.tutorial()).loss(SineData.tutorial());
    assertEquals(Status.CONVERGED_FUNCTION_CHANGE, r.status(), r.toString());
    assertTrue(r.iterations() < 20_000, "stopped early: " + r);
    assertTrue(r.value() < optimum * 1.01, r.value() + " against " + optimum);
    double lowest = Double.POSITIVE_INFINITY;
    for (double v : history.values()) {
      lowest = Math.min(lowest, v);
    }
    assertEquals(lowest, r.value(), 0.0, "the best point seen is returned");
  }

  @Test
  void printsProgressTheFitAndWhereTheLossCurveIs(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Cubic fit =
        SineFitAdam.run(new String[] {"--iterations", "2000", "--out", dir.toString()}, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(fit.c() > 0.5, fit.toString());
    assertTrue(text.contains("Wrote "), text);
    assertTrue(Files.size(dir.resolve(SineFitAdam.LOSS_FILE)) > 1000);
  }
}
