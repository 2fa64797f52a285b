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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generated Rosenbrock gradients and the L-BFGS minimisation in 100 dimensions. */
class RosenbrockTest {

  private static final int N = Rosenbrock.DIMENSION;

  /** The standard start, the optimum, points near it and seeded normal draws of two scales. */
  private static double[][] points(int n) {
    Random random = new Random(20240917);
    double[][] points = new double[8][];
    points[0] = Rosenbrock.standardStart(n);
    points[1] = new double[n];
    Arrays.fill(points[1], 1.0);
    for (int k = 2; k < points.length; k++) {
      double scale = k < 4 ? 1e-2 : k < 6 ? 1 : 2;
      double[] p = new double[n];
      for (int i = 0; i < n; i++) {
        p[i] = (k < 4 ? 1 : 0) + scale * random.nextGaussian();
      }
      points[k] = p;
    }
    return points;
  }

  /** The extended function's gradient, derived by hand. */
  private static double[] extendedGradient(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length / 2; i++) {
      double a = x[2 * i];
      double u = x[2 * i + 1] - a * a;
      g[2 * i] = -400 * a * u - 2 * (1 - a);
      g[2 * i + 1] = 200 * u;
    }
    return g;
  }

  /** The chained function's gradient, derived by hand. */
  private static double[] chainedGradient(double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i + 1 < x.length; i++) {
      double u = x[i + 1] - x[i] * x[i];
      g[i] += -400 * x[i] * u - 2 * (1 - x[i]);
      g[i + 1] += 200 * u;
    }
    return g;
  }

  @Test
  void extendedGradientPassesGradientCheckAtSeededPoints() {
    DifferentiableFunction f = Rosenbrock.function(N, false);
    for (double[] p : points(N)) {
      GradientCheck.check(f, p).assertPassed();
    }
  }

  @Test
  void chainedGradientPassesGradientCheckAtSeededPoints() {
    DifferentiableFunction f = Rosenbrock.function(N, true);
    for (double[] p : points(N)) {
      GradientCheck.check(f, p).assertPassed();
    }
  }

  @Test
  void gradientsMatchTheHandDerivedOnes() {
    for (int n : new int[] {2, 4, 10, N}) {
      for (double[] p : points(n)) {
        double[] g = new double[n];
        double value = RosenbrockDerivatives.rosenbrockValueAndGradient(p, g);
        assertEquals(Rosenbrock.rosenbrock(p), value, 0);
        assertArrayEquals(extendedGradient(p), g, 1e-12 * (1 + max(g)));
        double chainedValue = RosenbrockDerivatives.chainedRosenbrockValueAndGradient(p, g);
        assertEquals(Rosenbrock.chainedRosenbrock(p), chainedValue, 0);
        assertArrayEquals(chainedGradient(p), g, 1e-12 * (1 + max(g)));
      }
    }
  }

  @Test
  void gradientRecordHoldsTheSameArray() {
    double[] p = points(N)[5];
    double[] g = new double[N];
    double value = RosenbrockDerivatives.rosenbrockValueAndGradient(p, g);
    RosenbrockDerivatives.RosenbrockGradient r = RosenbrockDerivatives.rosenbrockGradient(p);
    assertEquals(value, r.value());
    assertArrayEquals(g, r.x());
  }

  @Test
  void valuesAtTheStandardStartAndTheOptimum() {
    // Each pair contributes 100 (1 - 1.44)^2 + 2.2^2 = 24.2; the chained form adds the odd terms.
    assertEquals(50 * 24.2, Rosenbrock.rosenbrock(Rosenbrock.standardStart(N)), 1e-9);
    assertEquals(24926.0, Rosenbrock.chainedRosenbrock(Rosenbrock.standardStart(N)), 1e-9);
    double[] ones = new double[N];
    Arrays.fill(ones, 1);
    assertEquals(0, Rosenbrock.rosenbrock(ones));
    assertArrayEquals(new double[N], RosenbrockDerivatives.rosenbrockGradient(ones).x());
  }

  @Test
  void lbfgsReachesTheOptimumOfTheExtendedFunction() {
    Result r = Rosenbrock.minimize(N, false, null);
    assertTrue(r.converged(), r.toString());
    assertTrue(r.value() < 1e-8, "value " + r.value());
    assertTrue(Rosenbrock.distanceToOptimum(r.point()) < 1e-4, r.toString());
    assertTrue(r.iterations() < 100, "iterations " + r.iterations());
  }

  @Test
  void lbfgsReachesTheOptimumOfTheChainedFunction() {
    Result r = Rosenbrock.minimize(N, true, null);
    assertTrue(r.converged(), r.toString());
    assertTrue(r.value() < 1e-8, "value " + r.value());
    assertTrue(Rosenbrock.distanceToOptimum(r.point()) < 1e-4, r.toString());
  }

  @Test
  void programPrintsTheRunAndTheResult() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Result r = Rosenbrock.run(new String[] {""}, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertTrue(
        lines.get(0).startsWith("Minimising the extended Rosenbrock function in n = 100"), text);
    assertTrue(lines.contains("        0  1.210000e+03"), text);
    assertTrue(
        lines.stream()
            .anyMatch(l -> l.startsWith("Stopped (CONVERGED_GRADIENT) after " + r.iterations())),
        text);
    String value = value(lines, "final value        f(x) = ");
    String distance = value(lines, "distance to (1, ..., 1) = ");
    assertTrue(Double.parseDouble(value) < 1e-8, text);
    assertTrue(Double.parseDouble(distance) < 1e-4, text);
  }

  @Test
  void badOptionsAreRejected() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThrows(
        IllegalArgumentException.class, () -> Rosenbrock.run(new String[] {"--n", "7"}, out));
    assertThrows(IllegalArgumentException.class, () -> Rosenbrock.run(new String[] {"--x"}, out));
    assertThrows(
        IllegalArgumentException.class, () -> Rosenbrock.run(new String[] {"--chained=1"}, out));
  }

  private static String value(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line " + prefix + " in " + lines))
        .substring(prefix.length())
        .strip();
  }

  private static double max(double[] a) {
    double m = 0;
    for (double v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
