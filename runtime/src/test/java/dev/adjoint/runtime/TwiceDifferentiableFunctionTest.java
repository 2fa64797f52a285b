package dev.adjoint.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TwiceDifferentiableFunctionTest {

  private static double valueGradientAndHessian(double[] x, double[] g, double[][] h) {
    g[0] = 2 * x[0] * x[1];
    g[1] = x[0] * x[0];
    h[0][0] = 2 * x[1];
    h[0][1] = 2 * x[0];
    h[1][0] = 2 * x[0];
    h[1][1] = 0;
    return x[0] * x[0] * x[1];
  }

  @Test
  void delegatesAndDerivesTheGradientFromTheHessianComputation() {
    TwiceDifferentiableFunction f =
        TwiceDifferentiableFunction.of(2, TwiceDifferentiableFunctionTest::valueGradientAndHessian);
    assertEquals(2, f.dimension());
    double[] g = new double[2];
    double[][] h = new double[2][2];
    assertEquals(12, f.valueGradientAndHessian(new double[] {2, 3}, g, h));
    assertArrayEquals(new double[] {12, 4}, g);
    assertArrayEquals(new double[][] {{6, 4}, {4, 0}}, h);
    double[] g2 = {Double.NaN, Double.NaN};
    assertEquals(12, f.valueAndGradient(new double[] {2, 3}, g2));
    assertArrayEquals(new double[] {12, 4}, g2);
    assertEquals(-4, f.value(new double[] {2, -1}));
  }

  @Test
  void usesTheGivenGradientWhenThereIsOne() {
    TwiceDifferentiableFunction f =
        TwiceDifferentiableFunction.of(
            2,
            (x, g) -> {
              g[0] = 100;
              g[1] = 200;
              return 42;
            },
            TwiceDifferentiableFunctionTest::valueGradientAndHessian);
    double[] g = new double[2];
    assertEquals(42, f.valueAndGradient(new double[] {2, 3}, g));
    assertArrayEquals(new double[] {100, 200}, g);
    assertEquals(12, f.valueGradientAndHessian(new double[] {2, 3}, g, new double[2][2]));
  }

  @Test
  void checksShapes() {
    TwiceDifferentiableFunction f =
        TwiceDifferentiableFunction.of(2, TwiceDifferentiableFunctionTest::valueGradientAndHessian);
    assertThrows(
        IllegalArgumentException.class,
        () -> f.valueGradientAndHessian(new double[3], new double[2], new double[2][2]));
    assertThrows(
        IllegalArgumentException.class,
        () -> f.valueGradientAndHessian(new double[2], new double[2], new double[3][2]));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            f.valueGradientAndHessian(new double[2], new double[2], new double[][] {{1, 2}, {3}}));
    assertThrows(
        NullPointerException.class,
        () ->
            f.valueGradientAndHessian(new double[2], new double[2], new double[][] {{1, 2}, null}));
    assertThrows(
        IllegalArgumentException.class, () -> f.valueAndGradient(new double[2], new double[1]));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            TwiceDifferentiableFunction.of(
                0, TwiceDifferentiableFunctionTest::valueGradientAndHessian));
    assertThrows(NullPointerException.class, () -> TwiceDifferentiableFunction.of(2, null));
  }
}
