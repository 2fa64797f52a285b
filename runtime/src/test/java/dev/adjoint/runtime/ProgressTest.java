package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Progress output with an injected clock, and the loss history. */
class ProgressTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now;

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** Feeds iterations 0..count-1 to the listener, one every 20 ms, with value 1/(k+1). */
  private void run(StepListener listener, int count, int limit) {
    Step step = new Step(limit);
    double[] x = {0};
    for (int k = 0; k < count; k++) {
      listener.onStep(step.update(k, 1.0 / (k + 1), 0.5, x, x, 0));
      now += 20_000_000;
    }
  }

  @Test
  void printsALineEveryPeriodWithRateAndEta() {
    Progress p =
        Progress.to(out)
            .withInterval(null)
            .withPeriod(50)
            .withProgressBar(false)
            .withClock(() -> now);
    run(p, 100, 200);
    assertEquals(
        "iteration 50/200  loss 2.000000e-02  |g| 5.000e-01  50.0 it/s  ETA 0:00:03\n"
            + "iteration 100/200  loss 1.000000e-02  |g| 5.000e-01  50.0 it/s  ETA 0:00:02\n",
        text());
  }

  @Test
  void printsEveryIntervalAndLeavesOutTheEtaWithoutALimit() {
    Progress p =
        Progress.to(out)
            .withInterval(Duration.ofMillis(500))
            .withProgressBar(false)
            .withClock(() -> now);
    run(p, 60, Integer.MAX_VALUE);
    // 20 ms per iteration: a report at iterations 25 and 50 (counted from 1).
    assertEquals(
        "iteration 26  loss 3.846154e-02  |g| 5.000e-01  50.0 it/s\n"
            + "iteration 51  loss 1.960784e-02  |g| 5.000e-01  50.0 it/s\n",
        text());
  }

  @Test
  void drawsABarRedrawnInPlaceAndEndsItWithASummary() {
    Progress p =
        Progress.to(out)
            .withInterval(null)
            .withPeriod(100)
            .withProgressBar(true)
            .withClock(() -> now);
    run(p, 200, 400);
    p.onFinish(
        new Result(
            new double[] {1},
            0.005,
            0.5,
            new double[] {1},
            0.005,
            200,
            201,
            Status.MAX_ITERATIONS,
            Duration.ofMillis(4000)));
    assertEquals(
        "\r[######..................]  25% 100/400  loss 1.000000e-02  |g| 5.000e-01  50.0 it/s"
            + "  ETA 0:00:06"
            + "\r[############............]  50% 200/400  loss 5.000000e-03  |g| 5.000e-01  50.0 it/s"
            + "  ETA 0:00:04\n"
            + "done: MAX_ITERATIONS after 200 iterations, 201 evaluations, best loss 5.000000e-03,"
            + " 4.0 s\n",
        text());
  }

  @Test
  void aNewRunRestartsTheRateAndAnOptimizerCallsTheSummary() {
    Progress p =
        Progress.to(out)
            .withInterval(null)
            .withPeriod(3)
            .withProgressBar(false)
            .withClock(() -> now += 20_000_000);
    new GradientDescent(0.1, 3)
        .onStep(p)
        .minimize(
            DifferentiableFunction.of(1, (x, g) -> (g[0] = 2 * x[0]) * x[0] / 2), new double[] {1});
    String first = text();
    assertTrue(
        first.startsWith("iteration 3/3  loss 4.096000e-01  |g| 1.280e+00  50.0 it/s"), first);
    assertTrue(first.contains("\ndone: MAX_ITERATIONS after 3 iterations, 4 evaluations"), first);
  }

  @Test
  void formatsClockTimesAndValidates() {
    assertEquals("0:00:00", Progress.clockTime(0.2));
    assertEquals("1:01:01", Progress.clockTime(3661));
    assertEquals("?", Progress.clockTime(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> Progress.to(out).withPeriod(-1));
    assertThrows(
        IllegalArgumentException.class, () -> Progress.to(out).withInterval(Duration.ZERO));
    assertEquals(Progress.DEFAULT_INTERVAL, Progress.to(out).interval());
    assertEquals(false, Progress.to(out).progressBar(), "a test's stream is not a console");
  }

  @Test
  void lossHistoryRecordsEveryStepInGrowingArrays() {
    LossHistory h = new LossHistory();
    run(StepListener.every(2, h), 300, 300);
    assertEquals(150, h.size());
    assertEquals(1, h.iteration(0));
    assertEquals(299, h.iteration(149));
    assertEquals(1.0 / 300, h.value(149));
    assertEquals(0.5, h.gradientNorm(3));
    assertEquals(150, h.values().length);
    assertArrayEquals(new int[] {1, 3, 5}, java.util.Arrays.copyOf(h.iterations(), 3));
    assertEquals(150, h.gradientNorms().length);
    assertThrows(IndexOutOfBoundsException.class, () -> h.value(150));
    h.clear();
    assertEquals(0, h.size());
  }

  @Test
  void listenersCombine() {
    LossHistory a = new LossHistory();
    LossHistory b = new LossHistory();
    run(a.andThen(b), 5, 5);
    assertEquals(5, a.size());
    assertEquals(5, b.size());
  }
}
