package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIR simulation, the checkpointed gradient against full storage and central differences at a
 * moderate step count, and the fit.
 */
class EpidemicFitTest {

  /** 10⁴ Euler steps, 625 between observations. */
  private static final int STEPS = 10_000;

  private static final int EVERY = STEPS / EpidemicFit.OBSERVATIONS;

  private static final double DT = EpidemicFit.timeStep(STEPS);

  private static final double[] OBSERVED =
      EpidemicFit.observe(EpidemicFit.TRUE_BETA, EpidemicFit.TRUE_GAMMA, STEPS, 0.002, 99);

  /**
   * The truth, the default start, and seeded draws with beta in [0.1, 0.8], gamma in [0.02, 0.4].
   */
  private static double[][] points() {
    Random random = new Random(31);
    double[][] points = new double[10][];
    points[0] = new double[] {EpidemicFit.TRUE_BETA, EpidemicFit.TRUE_GAMMA};
    points[1] = new double[] {EpidemicFit.INITIAL_BETA, EpidemicFit.INITIAL_GAMMA};
    for (int k = 2; k < points.length; k++) {
      points[k] = new double[] {0.1 + 0.7 * random.nextDouble(), 0.02 + 0.38 * random.nextDouble()};
    }
    return points;
  }

  private static double[] checkpointedGradient(
      double[] p, double[] observed, int every, double dt) {
    double[] g = new double[2];
    double value =
        EpidemicFitDerivatives.misfitValueAndGradient(p[0], p[1], observed, every, dt, g);
    assertEquals(EpidemicFit.misfit(p[0], p[1], observed, every, dt), value, 0.0);
    return g;
  }

  private static double[] fullStorageGradient(double[] p, double[] observed, int every, double dt) {
    double[] g = new double[2];
    double value =
        EpidemicFitDerivatives.misfitFullStorageValueAndGradient(
            p[0], p[1], observed, every, dt, g);
    assertEquals(EpidemicFit.misfitFullStorage(p[0], p[1], observed, every, dt), value, 0.0);
    return g;
  }

  private static void assertRelativelyEqual(double[] expected, double[] actual, double tolerance) {
    for (int k = 0; k < expected.length; k++) {
      double scale = Math.max(Math.abs(expected[k]), Math.abs(actual[k]));
      assertTrue(
          Math.abs(expected[k] - actual[k]) <= tolerance * scale,
          "element " + k + ": " + expected[k] + " vs " + actual[k]);
    }
  }

  @Test
  void simulationConservesThePopulationAndPeaksOnce() {
    double[] end = EpidemicFit.state(EpidemicFit.TRUE_BETA, EpidemicFit.TRUE_GAMMA, STEPS, DT);
    assertEquals(1.0, end[0] + end[1] + end[2], 1e-12);
    // R0 = beta / gamma = 3: most of the population is infected once, few remain at day 160.
    assertEquals(0.06, end[0], 0.01);
    assertTrue(end[1] < 1e-3, "I at the end: " + end[1]);
    double[] infected =
        EpidemicFit.infected(EpidemicFit.TRUE_BETA, EpidemicFit.TRUE_GAMMA, 16, EVERY, DT);
    int peak = 0;
    for (int k = 1; k < infected.length; k++) {
      if (infected[k] > infected[peak]) {
        peak = k;
      }
    }
    for (int k = 1; k < infected.length; k++) {
      assertTrue((k <= peak) == (infected[k] > infected[k - 1]), "rise then fall at " + k);
    }
    // The observations without noise are the simulation at the observation steps.
    double[] clean =
        EpidemicFit.observe(EpidemicFit.TRUE_BETA, EpidemicFit.TRUE_GAMMA, STEPS, 0.0, 99);
    assertArrayEquals(infected, clean, 0.0);
  }

  @Test
  void bothMethodsComputeTheSameMisfit() {
    for (double[] p : points()) {
      assertEquals(
          EpidemicFit.misfitFullStorage(p[0], p[1], OBSERVED, EVERY, DT),
          EpidemicFit.misfit(p[0], p[1], OBSERVED, EVERY, DT),
          0.0);
    }
  }

  @Test
  void checkpointedGradientEqualsFullStorage() {
    for (double[] p : points()) {
      assertRelativelyEqual(
          fullStorageGradient(p, OBSERVED, EVERY, DT),
          checkpointedGradient(p, OBSERVED, EVERY, DT),
          1e-12);
    }
  }

  @Test
  void checkpointedGradientEqualsFullStorageForShortRuns() {
    // No step at all, fewer steps than snapshots, as many, one more, and a few times more; with a
    // time step of 0.05 days, where explicit Euler is stable at every point.
    int[][] shapes = {
      {0, 5}, {1, 1}, {3, 7}, {16, 1}, {1, 63}, {1, 64}, {1, 65}, {16, 4}, {3, 100}
    };
    for (int[] shape : shapes) {
      double[] observed = new double[shape[0]];
      for (int k = 0; k < observed.length; k++) {
        observed[k] = OBSERVED[k];
      }
      for (double[] p : points()) {
        assertRelativelyEqual(
            fullStorageGradient(p, observed, shape[1], 0.05),
            checkpointedGradient(p, observed, shape[1], 0.05),
            1e-12);
      }
    }
  }

  @Test
  void checkpointedGradientMatchesCentralDifferences() {
    for (double[] p : points()) {
      double[] g = checkpointedGradient(p, OBSERVED, EVERY, DT);
      double[] fd = new double[2];
      for (int k = 0; k < 2; k++) {
        double h = 1e-6 * Math.max(1, Math.abs(p[k]));
        double[] plus = p.clone();
        double[] minus = p.clone();
        plus[k] += h;
        minus[k] -= h;
        fd[k] =
            (EpidemicFit.misfit(plus[0], plus[1], OBSERVED, EVERY, DT)
                    - EpidemicFit.misfit(minus[0], minus[1], OBSERVED, EVERY, DT))
                / (2 * h);
      }
      double scale = Math.hypot(g[0], g[1]);
      String where = "at beta " + p[0] + ", gamma " + p[1];
      assertEquals(fd[0], g[0], 1e-6 * scale, "d/dbeta " + where);
      assertEquals(fd[1], g[1], 1e-6 * scale, "d/dgamma " + where);
      GradientCheck.check(EpidemicFit.objective(OBSERVED, STEPS, false), p).assertPassed();
    }
  }

  @Test
  void fitRecoversBetaAndGammaWithinOnePercent() {
    double[] observed =
        EpidemicFit.observe(EpidemicFit.TRUE_BETA, EpidemicFit.TRUE_GAMMA, STEPS, 0.002, 5);
    for (double[] init : new double[][] {{0.5, 0.2}, {0.25, 0.15}, {0.4, 0.08}}) {
      Result r =
          EpidemicFit.fit(
              EpidemicFit.objective(observed, STEPS, false), init, EpidemicFit.ITERATIONS, null);
      String where = "from " + init[0] + ", " + init[1] + ": " + r;
      assertTrue(r.converged(), where);
      assertEquals(EpidemicFit.TRUE_BETA, r.point()[0], 0.01 * EpidemicFit.TRUE_BETA, where);
      assertEquals(EpidemicFit.TRUE_GAMMA, r.point()[1], 0.01 * EpidemicFit.TRUE_GAMMA, where);
    }
  }

  @Test
  void programPrintsTheGradientTheEstimatesAndTheHeap() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Result r = EpidemicFit.run(new String[] {"--steps", "160000"}, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertTrue(lines.get(0).startsWith("SIR epidemic over 160 days: 160000 explicit Euler"), text);
    assertTrue(lines.stream().anyMatch(l -> l.contains("checkpoints = 64")), text);
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("At beta = 0.5, gamma = 0.2: misfit ")), text);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("CONVERGED_GRADIENT after ")), text);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("beta    0.29")), text);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("gamma   0.09")), text);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("Peak heap used: ")), text);
    assertTrue(r.converged(), text);
  }

  @Test
  void badOptionsAreRejected() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThrows(
        IllegalArgumentException.class,
        () -> EpidemicFit.run(new String[] {"--steps", "1000001"}, out));
    assertThrows(
        IllegalArgumentException.class, () -> EpidemicFit.run(new String[] {"--steps", "8"}, out));
    assertThrows(
        IllegalArgumentException.class, () -> EpidemicFit.run(new String[] {"--init", "1"}, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> EpidemicFit.run(new String[] {"--storage", "full"}, out));
  }
}
