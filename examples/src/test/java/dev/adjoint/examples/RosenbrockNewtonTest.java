package dev.adjoint.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.adjoint.runtime.GradientCheck;
import dev.adjoint.runtime.Newton;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The generated Rosenbrock Hessians and the Newton / L-BFGS / gradient-descent comparison. */
class RosenbrockNewtonTest {

  /** The extended function's Hessian, derived by hand: 2×2 blocks on the diagonal. */
  private static double[][] extendedHessian(double[] x) {
    int n = x.length;
    double[][] h = new double[n][n];
    for (int i = 0; i < n / 2; i++) {
      double a = x[2 * i];
      double b = x[2 * i + 1];
      h[2 * i][2 * i] = 1200 * a * a - 400 * b + 2;
      h[2 * i][2 * i + 1] = -400 * a;
      h[2 * i + 1][2 * i] = -400 * a;
      h[2 * i + 1][2 * i + 1] = 200;
    }
    return h;
  }

  /** The chained function's Hessian, derived by hand: tridiagonal. */
  private static double[][] chainedHessian(double[] x) {
    int n = x.length;
    double[][] h = new double[n][n];
    for (int i = 0; i + 1 < n; i++) {
      h[i][i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
      h[i][i + 1] += -400 * x[i];
      h[i + 1][i] += -400 * x[i];
      h[i + 1][i + 1] += 200;
    }
    return h;
  }

  private static double[][] points(int n) {
    Random random = new Random(31);
    double[][] points = new double[6][];
    points[0] = Rosenbrock.standardStart(n);
    points[1] = new double[n];
    Arrays.fill(points[1], 1);
    for (int k = 2; k < points.length; k++) {
      points[k] = GradientCheck.randomDirection(n, random);
    }
    return points;
  }

  @Test
  void generatedHessiansMatchTheHandDerivedOnes() {
    for (int n : new int[] {2, 6}) {
      for (double[] p : points(n)) {
        double[] g = new double[n];
        double[][] h = new double[n][n];
        RosenbrockDerivatives.rosenbrockHessian(p, g, h);
        double[][] expected = extendedHessian(p);
        for (int i = 0; i < n; i++) {
          assertArrayEquals(expected[i], h[i], 1e-12 * 2000, "extended row " + i);
        }
        RosenbrockDerivatives.chainedRosenbrockHessian(p, g, h);
        expected = chainedHessian(p);
        for (int i = 0; i < n; i++) {
          assertArrayEquals(expected[i], h[i], 1e-12 * 2000, "chained row " + i);
        }
      }
    }
  }

  @Test
  void hessiansPassTheFiniteDifferenceAndSymmetryCheck() {
    for (boolean chained : new boolean[] {false, true}) {
      for (double[] p : points(6)) {
        GradientCheck.checkHessian(RosenbrockNewton.function(6, chained), p).assertPassed();
      }
    }
  }

  @Test
  void hessianVectorProductsMatchTheHessianAndTangentsMatchTheGradient() {
    Random random = new Random(8);
    for (double[] p : points(6)) {
      double[] v = GradientCheck.randomDirection(6, random);
      double[] g = new double[6];
      double[] hv = new double[6];
      RosenbrockDerivatives.chainedRosenbrockHessianVector(p, v, g, hv);
      double[][] h = chainedHessian(p);
      for (int i = 0; i < 6; i++) {
        double expected = 0;
        for (int j = 0; j < 6; j++) {
          expected += h[i][j] * v[j];
        }
        assertEquals(expected, hv[i], 1e-10 * (1 + Math.abs(expected)), "component " + i);
      }
      GradientCheck.dotProduct(
              Rosenbrock.function(6, false), RosenbrockDerivatives::rosenbrockTangent, p, random)
          .assertPassed();
      GradientCheck.dotProduct(
              Rosenbrock.function(6, true),
              RosenbrockDerivatives::chainedRosenbrockTangent,
              p,
              random)
          .assertPassed();
    }
  }

  @Test
  void newtonNeedsAFewDozenIterationsAndGradientDescentThousandsOfTimesMore() {
    RosenbrockNewton.Run newton = RosenbrockNewton.newton(2, false, Newton.Fallback.GRADIENT);
    RosenbrockNewton.Run lbfgs = RosenbrockNewton.lbfgs(2, false);
    RosenbrockNewton.Run descent =
        RosenbrockNewton.gradientDescent(
            2, false, RosenbrockNewton.LEARNING_RATE, RosenbrockNewton.MAX_STEPS);
    for (RosenbrockNewton.Run r : List.of(newton, lbfgs, descent)) {
      assertTrue(r.converged(), r::toString);
      assertTrue(r.gradientNorm() <= RosenbrockNewton.TOLERANCE, r::toString);
      assertTrue(r.distance() < 1e-9, r::toString);
    }
    assertTrue(newton.iterations() <= 30, newton::toString);
    assertTrue(newton.iterations() < lbfgs.iterations(), newton + " vs " + lbfgs);
    assertTrue(lbfgs.iterations() < 100, lbfgs::toString);
    assertTrue(descent.iterations() > 1000 * newton.iterations(), descent + " vs " + newton);
  }

  @Test
  void gradientDescentReportsWhenItRunsOutOfSteps() {
    RosenbrockNewton.Run r = RosenbrockNewton.gradientDescent(2, false, 1e-3, 100);
    assertEquals(100, r.iterations());
    assertTrue(!r.converged() && r.gradientNorm() > RosenbrockNewton.TOLERANCE, r::toString);
  }

  @Test
  void programPrintsTheIterationCountsSideBySide() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    RosenbrockNewton.Run[] runs = RosenbrockNewton.run(new String[] {"--n", "4"}, out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    List<String> lines = text.lines().toList();
    assertTrue(
        lines.get(0).startsWith("Minimising the extended Rosenbrock function in n = 4"), text);
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("Newton \\(generated Hessian\\) +\\d+ .*")), text);
    assertTrue(lines.stream().anyMatch(l -> l.matches("L-BFGS \\(memory 10\\) +\\d+ .*")), text);
    assertTrue(
        lines.stream().anyMatch(l -> l.matches("gradient descent \\(lr 0.001\\) +\\d+ .*")), text);
    assertTrue(
        text.contains(
            "Newton needs "
                + runs[0].iterations()
                + " iterations, gradient descent "
                + runs[2].iterations()),
        text);
    assertTrue(!text.contains("did not reach"), text);

    ByteArrayOutputStream chained = new ByteArrayOutputStream();
    RosenbrockNewton.Run[] c =
        RosenbrockNewton.run(
            new String[] {"--n", "4", "--chained", "--shifted", "--max-steps", "10"},
            new PrintStream(chained, true, StandardCharsets.UTF_8));
    String chainedText = chained.toString(StandardCharsets.UTF_8);
    assertTrue(c[0].converged(), chainedText);
    assertTrue(chainedText.contains("(did not reach the tolerance)"), chainedText);
  }

  @Test
  void badOptionsAreRejected() {
    PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertThrows(
        IllegalArgumentException.class, () -> RosenbrockNewton.run(new String[] {"--n", "3"}, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> RosenbrockNewton.run(new String[] {"--lr", "0"}, out));
    assertThrows(
        IllegalArgumentException.class, () -> RosenbrockNewton.run(new String[] {"--y"}, out));
  }
}
