package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.DifferentiableFunction;
import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The simulation, the generated gradient through 1000 Euler steps, and the parameter fit. */
class DampedOscillatorTest {

  private static final double[] OBSERVED =
      DampedOscillator.observe(
          DampedOscillator.TRUE_K, DampedOscillator.TRUE_C, DampedOscillator.NOISE, 4711);

  /** The truth, the default start, and seeded draws with k in [0.5, 8] and c in [0, 2]. */
  private static double[][] points() {
    Random random = new Random(8080);
    double[][] points = new double[10][];
    points[0] = new double[] {DampedOscillator.TRUE_K, DampedOscillator.TRUE_C};
    points[1] = new double[] {DampedOscillator.INITIAL_K, DampedOscillator.INITIAL_C};
    for (int i = 2; i < points.length; i++) {
      points[i] = new double[] {0.5 + 7.5 * random.nextDouble(), 2 * random.nextDouble()};
    }
    return points;
  }

  /**
   * The gradient by forward sensitivities, independent of the adjoint: differentiate the Euler
   * recurrence by hand and carry (dx/dk, dv/dk, dx/dc, dv/dc) along with the state.
   */
  private static double[] sensitivityGradient(double k, double c, double[] observed, double dt) {
    double x = 1;
    double v = 0;
    double xk = 0;
    double vk = 0;
    double xc = 0;
    double vc = 0;
    double gk = 0;
    double gc = 0;
    for (int i = 1; i < observed.length; i++) {
      double xNew = x + dt * v;
      double vNew = v + dt * (-c * v - k * x);
      double xkNew = xk + dt * vk;
      double vkNew = vk + dt * (-c * vk - x - k * xk);
      double xcNew = xc + dt * vc;
      double vcNew = vc + dt * (-v - c * vc - k * xc);
      x = xNew;
      v = vNew;
      xk = xkNew;
      vk = vkNew;
      xc = xcNew;
      vc = vcNew;
      double r = x - observed[i];
      gk += 2 * r * xk;
      gc += 2 * r * xc;
    }
    return new double[] {gk, gc};
  }

  @Test
  void simulationIsTheEulerRecurrence() {
    double[] state = {1, 0};
    DampedOscillator.eulerStep(state, 4, 0.5, 0.01);
    assertArrayEquals(new double[] {1, -0.04}, state, 1e-15);
    DampedOscillator.eulerStep(state, 4, 0.5, 0.01);
    assertArrayEquals(new double[] {0.9996, -0.04 + 0.01 * (0.02 - 4)}, state, 1e-15);
    double[] x = DampedOscillator.simulate(4, 0.5, 0.01, 1000);
    assertEquals(1001, x.length);
    assertEquals(1, x[0]);
    // The exact solution decays like e^{-ct/2}; explicit Euler is close to it for this dt.
    double omega = Math.sqrt(4 - 0.0625);
    for (int i = 0; i <= 1000; i += 100) {
      double t = 0.01 * i;
      double exact =
          Math.exp(-0.25 * t) * (Math.cos(omega * t) + 0.25 / omega * Math.sin(omega * t));
      assertEquals(exact, x[i], 0.05, "t = " + t);
    }
  }

  @Test
  void observationsAreTheTruthPlusNoiseOfTheRightSize() {
    double[] clean =
        DampedOscillator.simulate(
            DampedOscillator.TRUE_K, DampedOscillator.TRUE_C, DampedOscillator.DT, 1000);
    double sum = 0;
    for (int i = 1; i < clean.length; i++) {
      sum += (OBSERVED[i] - clean[i]) * (OBSERVED[i] - clean[i]);
    }
    double sd = Math.sqrt(sum / 1000);
    assertEquals(DampedOscillator.NOISE, sd, 0.002);
    assertEquals(1, OBSERVED[0]);
  }

  @Test
  void generatedGradientPassesGradientCheckAtSeededPoints() {
    DifferentiableFunction f = DampedOscillator.objective(OBSERVED, DampedOscillator.DT);
    for (double[] p : points()) {
      GradientCheck.check(f, p).assertPassed();
    }
  }

  @Test
  void generatedGradientMatchesForwardSensitivities() {
    for (double[] p : points()) {
      double[] expected = sensitivityGradient(p[0], p[1], OBSERVED, DampedOscillator.DT);
      DampedOscillatorDerivatives.LossGradient r =
          DampedOscillatorDerivatives.lossGradient(p[0], p[1], OBSERVED, DampedOscillator.DT);
      assertEquals(DampedOscillator.loss(p[0], p[1], OBSERVED, DampedOscillator.DT), r.value(), 0);
      double scale = 1e-10 * (1 + Math.abs(expected[0]) + Math.abs(expected[1]));
      assertEquals(expected[0], r.k(), scale, "dL/dk at " + p[0] + ", " + p[1]);
      assertEquals(expected[1], r.c(), scale, "dL/dc at " + p[0] + ", " + p[1]);
    }
  }

  @Test
  void gradientDescentRecoversStiffnessAndDampingWithinTwoPercent() {
    for (double[] init : new double[][] {{1, 1}, {2, 0.1}, {3, 1.5}}) {
      Result r =
          DampedOscillator.fit(
              OBSERVED, init, DampedOscillator.LEARNING_RATE, DampedOscillator.ITERATIONS, null);
      double k = r.point()[0];
      double c = r.point()[1];
      String where = "from " + init[0] + ", " + init[1] + ": k " + k + ", c " + c;
      assertEquals(DampedOscillator.TRUE_K, k, 0.02 * DampedOscillator.TRUE_K, where);
      assertEquals(DampedOscillator.TRUE_C, c, 0.02 * DampedOscillator.TRUE_C, where);
      // At the fitted point the gradient vanishes: a least-squares optimum, not just nearby.
      double[] g = new double[2];
      DampedOscillatorDerivatives.lossValueAndGradient(k, c, OBSERVED, DampedOscillator.DT, g);
      assertEquals(0, g[0], 1e-4, where);
      assertEquals(0, g[1], 1e-4, where);
    }
  }

  @Test
  void programPrintsTheEstimatesNextToTheTruth() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    double[] fit = DampedOscillator.run(new String[] {"--every", "50"}, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertTrue(
        lines.contains("    0  1.000000  1.000000  167.450279")
            || lines.stream().anyMatch(l -> l.startsWith("    0  1.000000  1.000000  ")),
        text);
    assertEquals(
        4, lines.stream().filter(l -> l.matches(" *\\d+  \\d\\.\\d{6}  .*")).count(), text);
    assertTrue(
        lines.contains(
            String.format(
                java.util.Locale.ROOT,
                "k (stiff.)  %.5f  4.000  %+.3f%%",
                fit[0],
                100 * (fit[0] / 4 - 1))),
        text);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("c (damp.)   0.5")), text);
    assertEquals(DampedOscillator.TRUE_K, fit[0], 0.02 * DampedOscillator.TRUE_K);
    assertEquals(DampedOscillator.TRUE_C, fit[1], 0.02 * DampedOscillator.TRUE_C);
  }

  @Test
  void badOptionsAreRejected() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThrows(
        IllegalArgumentException.class,
        () -> DampedOscillator.run(new String[] {"--init", "1"}, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> DampedOscillator.run(new String[] {"--init", "1,x"}, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> DampedOscillator.run(new String[] {"--iterations", "-3"}, out));
  }
}
