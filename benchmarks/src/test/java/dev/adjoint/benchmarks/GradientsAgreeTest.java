package dev.adjoint.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.adjoint.runtime.GradientCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Smoke test of the benchmarked code (the JMH suite itself never runs in {@code mvn verify}): every
 * gradient implementation gives the same loss and gradient, and the generated one allocates
 * nothing.
 */
class GradientsAgreeTest {

  private static final double[][] POINTS = {
    {-0.09, 0.01, 0.85, 0.02},
    {0, 0, 0, 0},
    {1.5, -0.7, 0.3, 2.0},
  };

  private interface Impl {
    double run(double a, double b, double c, double d, double[] x, double[] y, double[] g);
  }

  private static double[] gradientOf(Impl impl, double[] p, SineData data, double[] value) {
    double[] g = new double[4];
    Arrays.fill(g, Double.NaN);
    value[0] = impl.run(p[0], p[1], p[2], p[3], data.x(), data.y(), g);
    return g;
  }

  private static void assertClose(double[] expected, double[] actual, double rel, String what) {
    double scale = 0;
    for (double e : expected) {
      scale = Math.max(scale, Math.abs(e));
    }
    assertArrayEquals(expected, actual, rel * Math.max(scale, 1e-300), what);
  }

  @Test
  void allGradientsAgreeWithTheGeneratedOne() {
    SineData data = SineData.linspace(SineData.POINTS);
    for (double[] p : POINTS) {
      double[] v = new double[1];
      double[] generated = gradientOf(SineLossDerivatives::lossValueAndGradient, p, data, v);
      double value = v[0];
      assertEquals(
          SineLoss.loss(p[0], p[1], p[2], p[3], data.x(), data.y()),
          value,
          0.0,
          "generated value is the primal's");

      Impl[] exact = {
        SineLoss::handWritten,
        SineLoss::hipparchus,
        SineLoss::hipparchusPowers,
        GeneratedVsHandWritten::previousGenerated,
        GeneratedVsHandWritten::previousGeneratedLocalX,
        GeneratedVsHandWritten::sharedPowers,
        GeneratedVsHandWritten::twoAfterLoop
      };
      String[] names = {
        "handWritten",
        "hipparchus",
        "hipparchusPowers",
        "previousGenerated",
        "previousGeneratedLocalX",
        "sharedPowers",
        "twoAfterLoop"
      };
      for (int k = 0; k < exact.length; k++) {
        double[] g = gradientOf(exact[k], p, data, v);
        assertEquals(value, v[0], 1e-12 * Math.abs(value), names[k] + " value");
        assertClose(generated, g, 1e-12, names[k] + " gradient at " + Arrays.toString(p));
      }
      double[] central = gradientOf(SineLoss::centralDifferences, p, data, v);
      assertEquals(value, v[0], 0.0, "central differences value");
      assertClose(generated, central, 1e-6, "central differences at " + Arrays.toString(p));

      GradientCheck.Result check =
          GradientCheck.check(
              q -> SineLoss.loss(q[0], q[1], q[2], q[3], data.x(), data.y()),
              (q, g) ->
                  SineLossDerivatives.lossValueAndGradient(
                      q[0], q[1], q[2], q[3], data.x(), data.y(), g),
              p);
      assertTrue(check.passed(), "runtime gradient check: " + check);
    }
  }

  @Test
  void generatedGradientAllocatesNothing() {
    assumeTrue(Allocation.supported(), "per-thread allocation counting unavailable");
    SineData data = SineData.linspace(20_000);
    double[] g = new double[4];
    double bytes =
        Allocation.bytesPerCall(
            () ->
                SineLossDerivatives.lossValueAndGradient(
                    -0.09, 0.01, 0.85, 0.02, data.x(), data.y(), g),
            200,
            100);
    assertEquals(0.0, bytes, "bytes per call of lossValueAndGradient");
  }
}
